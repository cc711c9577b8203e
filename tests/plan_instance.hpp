// A crafted planning instance shared by the plan gap benchmark and the planner's
// time-limit test: two operators with 60 to 300 sites, each site carrying an LTE and
// an NR radio and a transport element (Huawei on about half of them), a core element
// at every 25th site, random equipment prices and traffic; and a policy with four
// deadlines whose caps interact with the visits the exclusions force. CBC needs
// around a second on the larger ones, so they also serve to hit a time limit.
#pragma once
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace ringfence::plan_instance {

inline constexpr const char* kPolicy = R"([policy]
id = "bench"
[[rule]]
id = "core"
kind = "exclude"
vendors = ["Huawei"]
where = { domain = "core" }
deadline = 2021-03-31
[[rule]]
id = "region-transport"
kind = "exclude"
vendors = ["Huawei"]
where = { domain = "transport", region = "R1" }
deadline = 2021-06-30
[[rule]]
id = "nr-cap"
kind = "share_cap"
vendors = ["Huawei"]
where = { domain = "ran", technology = "nr" }
per = ["operator"]
measure = "sites"
max_share = 0.35
deadline = 2021-12-31
[[rule]]
id = "lte-traffic-cap"
kind = "share_cap"
vendors = ["Huawei"]
where = { domain = "ran", technology = "lte" }
per = ["operator", "region"]
measure = "traffic"
max_share = 0.5
deadline = 2022-06-30
)";

// Writes instance `seed`'s bundle, with `per_operator` sites per operator (0: 30 to
// 150, by seed); returns the number of sites.
inline std::size_t write_instance(const std::filesystem::path& dir, int seed,
                                  std::size_t per_operator = 0) {
  std::mt19937_64 rng(static_cast<std::uint64_t>(seed));
  auto uniform = [&](double lo, double hi) {
    return std::uniform_real_distribution<double>(lo, hi)(rng);
  };
  auto huawei = [&](double p) { return uniform(0, 1) < p; };
  if (per_operator == 0) per_operator = 30 + static_cast<std::size_t>((seed * 37) % 121);
  std::filesystem::create_directories(dir);
  std::ofstream sites(dir / "sites.csv"), elements(dir / "elements.csv");
  sites << "site_id,operator,lat,lon,region\n";
  elements << "element_id,site_id,vendor,domain,function,technology,traffic,replace_cost\n";
  std::size_t n = 0, e = 0;
  for (const char* op : {"A", "B"})
    for (std::size_t i = 0; i < per_operator; ++i, ++n) {
      const std::string site = std::string(op) + "-S" + std::to_string(i);
      sites << site << "," << op << "," << uniform(35, 38) << "," << uniform(126, 129) << ",R"
            << 1 + (i % 4) << "\n";
      const char* other = (i % 3 == 0) ? "Nokia" : "Ericsson";
      auto element = [&](const char* vendor, const char* domain, const char* function,
                         const char* tech, double traffic, double cost) {
        elements << "E" << e++ << "," << site << "," << vendor << "," << domain << "," << function
                 << "," << tech << "," << traffic << "," << static_cast<long>(cost) << "\n";
      };
      element(huawei(0.55) ? "Huawei" : other, "ran", "enb", "lte", uniform(1, 10),
              uniform(5000, 40000));
      element(huawei(0.5) ? "Huawei" : other, "ran", "gnb", "nr", uniform(1, 10),
              uniform(10000, 60000));
      element(huawei(0.3) ? "Huawei" : other, "transport", "router", "", 0, uniform(2000, 15000));
      if (i % 25 == 0)
        element(huawei(0.5) ? "Huawei" : "Ericsson", "core", "upf", "", 0, uniform(1e5, 5e5));
    }
  return n;
}

// 1 + sites / 60 visits a month per operator: tight for the deadlines above.
inline int tight_crews(std::size_t sites) {
  return 1 + static_cast<int>(sites / 2 / 60);
}

}  // namespace ringfence::plan_instance
