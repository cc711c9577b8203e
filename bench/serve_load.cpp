// A bounded load test of `ringfence serve` on 127.0.0.1: N clients, each on its own
// keep-alive connection, send requests for a fixed time and stop. The mix is what
// the web UI asks: the summary, pages of findings (some filtered), exposure tables,
// sites in a bounding box (a map view), and policy edits (POST /api/evaluate), which
// alternate between two versions of one policy, one with a zone rule and one without.
//
//   ringfence_serve_load --port P [--host 127.0.0.1] [--clients 50] [--seconds 60]
//       [--edit-share 0.02] [--pid SERVER_PID] [--token-file F] [--json OUT]
//       [--max-rss-growth-mib M]
//
// Prints, per kind of request, the count, errors, p50, p99 and max latency, and with
// --pid the server's resident memory sampled every 250 ms: at the end of the warm-up
// (the first quarter of the run), at the end, and its peak. Exit status: 0 when no
// request failed (and, with --max-rss-growth-mib, the memory after warm-up grew by no
// more than that); 1 otherwise; 2 for bad usage. Only loopback addresses are accepted.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  int clients = 50;
  double seconds = 60;
  double edit_share = 0.02;
  long pid = 0;
  std::string token;
  std::string json_out;
  double max_rss_growth_mib = -1;
};

[[noreturn]] void usage(const std::string& message) {
  std::cerr << "ringfence_serve_load: " << message
            << "\nusage: ringfence_serve_load --port P [--host 127.0.0.1] [--clients N] "
               "[--seconds S] [--edit-share F] [--pid PID] [--token-file F] [--json OUT] "
               "[--max-rss-growth-mib M]\n";
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(a + " needs a value");
      return argv[++i];
    };
    if (a == "--host")
      o.host = value();
    else if (a == "--port")
      o.port = std::atoi(value().c_str());
    else if (a == "--clients")
      o.clients = std::atoi(value().c_str());
    else if (a == "--seconds")
      o.seconds = std::atof(value().c_str());
    else if (a == "--edit-share")
      o.edit_share = std::atof(value().c_str());
    else if (a == "--pid")
      o.pid = std::atol(value().c_str());
    else if (a == "--json")
      o.json_out = value();
    else if (a == "--max-rss-growth-mib")
      o.max_rss_growth_mib = std::atof(value().c_str());
    else if (a == "--token-file") {
      std::ifstream in(value());
      std::getline(in, o.token);
      while (!o.token.empty() &&
             (o.token.back() == '\n' || o.token.back() == '\r' || o.token.back() == ' '))
        o.token.pop_back();
      if (o.token.empty()) usage("the token file is empty or unreadable");
    } else
      usage("unknown option " + a);
  }
  if (o.port <= 0 || o.port > 65535) usage("--port is required (1-65535)");
  if (o.clients < 1 || o.clients > 1000) usage("--clients must be 1 to 1000");
  if (!(o.seconds > 0 && o.seconds <= 3600)) usage("--seconds must be above 0, at most 3600");
  if (!(o.edit_share >= 0 && o.edit_share <= 1)) usage("--edit-share must be from 0 to 1");
  if (o.host != "127.0.0.1" && o.host != "localhost" && o.host != "::1")
    usage("only a server on this machine is tested (127.0.0.1, localhost or ::1)");
  return o;
}

// Resident set of a process in KiB (VmRSS), or -1.
long rss_kib(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  return -1;
}

// Two versions of the policy the clients edit, alternately: without and with a zone
// rule. Both keep the same id, so the server holds one more policy, not more.
const char* const kEdits[2] = {
    R"([policy]
id = "load-test"
title = "Edited under load: no zones"
[vendors]
hrv = ["Huawei", "ZTE"]
[[rule]]
id = "core"
kind = "exclude"
vendors = "@hrv"
where = { domain = ["core", "oss"] }
[[rule]]
id = "cap"
kind = "share_cap"
vendors = "@hrv"
where = { domain = "ran" }
per = ["operator"]
measure = "sites"
max_share = 0.35
)",
    R"([policy]
id = "load-test"
title = "Edited under load: with a zone rule"
[vendors]
hrv = ["Huawei", "ZTE"]
[[rule]]
id = "core"
kind = "exclude"
vendors = "@hrv"
where = { domain = ["core", "oss"] }
[[rule]]
id = "bases"
kind = "zone_exclusion"
vendors = "@hrv"
zones = { category = ["military"] }
radius_m = 3000
)"};

enum Kind { kSummary, kFindings, kExposure, kSites, kEditNoZones, kEditZones, kKinds };
const char* const kKindNames[kKinds] = {"summary",         "findings page",   "exposure",
                                        "sites in a bbox", "edit (no zones)", "edit (zone rule)"};

struct Sample {
  std::vector<double> ms[kKinds];
  std::size_t errors[kKinds] = {};
  std::size_t bytes = 0;
  std::vector<std::string> messages;
};

std::string url_encoded(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '/') {
      out += static_cast<char>(c);
    } else {
      char b[4];
      std::snprintf(b, sizeof b, "%%%02X", c);
      out += b;
    }
  }
  return out;
}

double percentile(std::vector<double>& v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = parse(argc, argv);
  httplib::Headers headers = {{"Accept-Encoding", "br, gzip"}};
  if (!o.token.empty()) headers.emplace("Authorization", "Bearer " + o.token);

  // What the requests range over: the network's extent and the findings count.
  double box[4] = {180, 90, -180, -90};
  std::size_t findings = 0;
  std::vector<std::string> rules;
  {
    httplib::Client cli(o.host, o.port);
    cli.set_read_timeout(120, 0);
    auto sites = cli.Get("/api/sites?limit=10000", headers);
    auto summary = cli.Get("/api/summary", headers);
    if (!sites || sites->status != 200 || !summary || summary->status != 200) {
      std::cerr << "ringfence_serve_load: the server at " << o.host << ":" << o.port
                << " does not answer /api/sites and /api/summary\n";
      return 1;
    }
    for (const auto& s : nlohmann::json::parse(sites->body)["sites"]) {
      const double lon = s["lon"], lat = s["lat"];
      box[0] = std::min(box[0], lon);
      box[1] = std::min(box[1], lat);
      box[2] = std::max(box[2], lon);
      box[3] = std::max(box[3], lat);
    }
    const auto sum = nlohmann::json::parse(summary->body);
    findings = sum["summary"]["findings"];
    for (const auto& [rule, n] : sum["summary"]["by_rule"].items()) rules.push_back(rule);
    if (box[0] > box[2]) box[0] = box[1] = box[2] = box[3] = 0;
  }

  const auto start = Clock::now();
  const auto stop =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.seconds));
  std::atomic<bool> done{false};

  // Memory of the server, sampled.
  std::vector<std::pair<double, long>> rss;  // seconds since start, KiB
  std::thread sampler([&] {
    while (!done && o.pid > 0) {
      rss.emplace_back(std::chrono::duration<double>(Clock::now() - start).count(), rss_kib(o.pid));
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
  });

  std::mutex merge_mutex;
  Sample all;
  std::atomic<unsigned> edit_turn{0};
  auto client = [&](unsigned seed) {
    Sample mine;
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> unit(0, 1);
    httplib::Client cli(o.host, o.port);
    cli.set_keep_alive(true);
    cli.set_tcp_nodelay(true);
    cli.set_decompress(false);
    cli.set_connection_timeout(10, 0);
    cli.set_read_timeout(60, 0);
    cli.set_write_timeout(60, 0);
    static const char* const kBy[] = {"operator", "operator,domain", "domain,technology",
                                      "operator,region"};
    static const char* const kMeasure[] = {"elements", "sites", "traffic", "population"};
    while (Clock::now() < stop) {
      const double pick = unit(rng);
      Kind kind;
      std::string path;
      httplib::Result res{nullptr, httplib::Error::Unknown};
      const auto t0 = Clock::now();
      if (pick < o.edit_share) {
        const unsigned turn = edit_turn++;
        kind = turn % 2 ? kEditZones : kEditNoZones;
        res = cli.Post("/api/evaluate", headers, std::string(kEdits[turn % 2]),
                       std::string("application/toml"));
      } else {
        const double p = (pick - o.edit_share) / std::max(1e-9, 1 - o.edit_share);
        if (p < 0.2) {
          kind = kSummary;
          path = "/api/summary";
        } else if (p < 0.5) {
          kind = kFindings;
          const std::size_t offset =
              findings > 100
                  ? static_cast<std::size_t>(unit(rng) * static_cast<double>(findings - 100))
                  : 0;
          path = "/api/findings?limit=100&offset=" + std::to_string(offset);
          if (unit(rng) < 0.3) path += "&status=overdue";
          if (!rules.empty() && unit(rng) < 0.3)
            path += "&rule=" + url_encoded(rules[rng() % rules.size()]);
        } else if (p < 0.7) {
          kind = kExposure;
          path =
              std::string("/api/exposure?by=") + kBy[rng() % 4] + "&measure=" + kMeasure[rng() % 4];
        } else {
          kind = kSites;
          // A map view: a box of 1/20 to 1/4 of the network's extent.
          const double f = 0.05 + 0.2 * unit(rng);
          const double w = (box[2] - box[0]) * f, h = (box[3] - box[1]) * f;
          const double x = box[0] + unit(rng) * (box[2] - box[0] - w);
          const double y = box[1] + unit(rng) * (box[3] - box[1] - h);
          char b[160];
          std::snprintf(b, sizeof b, "/api/sites?bbox=%.5f,%.5f,%.5f,%.5f&limit=2000", x, y, x + w,
                        y + h);
          path = b;
        }
        res = cli.Get(path, headers);
      }
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      mine.ms[kind].push_back(ms);
      if (!res || res->status != 200) {
        ++mine.errors[kind];
        if (mine.messages.size() < 5)
          mine.messages.push_back(
              std::string(kKindNames[kind]) + ": " +
              (res ? "HTTP " + std::to_string(res->status) + " " + res->body.substr(0, 200)
                   : "transport error " + httplib::to_string(res.error())));
      } else {
        mine.bytes += res->body.size();
      }
    }
    std::lock_guard lock(merge_mutex);
    for (int k = 0; k < kKinds; ++k) {
      all.ms[k].insert(all.ms[k].end(), mine.ms[k].begin(), mine.ms[k].end());
      all.errors[k] += mine.errors[k];
    }
    all.bytes += mine.bytes;
    for (auto& m : mine.messages)
      if (all.messages.size() < 10) all.messages.push_back(std::move(m));
  };
  std::vector<std::thread> pool;
  for (int c = 0; c < o.clients; ++c) pool.emplace_back(client, 1000u + static_cast<unsigned>(c));
  for (auto& t : pool) t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  done = true;
  sampler.join();

  std::vector<double> every;
  std::size_t errors = 0;
  nlohmann::json report = {
      {"clients", o.clients}, {"seconds", elapsed}, {"edit_share", o.edit_share}};
  std::printf("%d clients for %.1f s on %s:%d\n", o.clients, elapsed, o.host.c_str(), o.port);
  std::printf("%-18s %9s %7s %9s %9s %9s\n", "request", "count", "errors", "p50 ms", "p99 ms",
              "max ms");
  for (int k = 0; k < kKinds; ++k) {
    auto& v = all.ms[k];
    every.insert(every.end(), v.begin(), v.end());
    errors += all.errors[k];
    if (v.empty()) continue;
    const double p50 = percentile(v, 0.5), p99 = percentile(v, 0.99), max = v.back();
    std::printf("%-18s %9zu %7zu %9.1f %9.1f %9.1f\n", kKindNames[k], v.size(), all.errors[k], p50,
                p99, max);
    report["requests"][kKindNames[k]] = {{"count", v.size()},
                                         {"errors", all.errors[k]},
                                         {"p50_ms", p50},
                                         {"p99_ms", p99},
                                         {"max_ms", max}};
  }
  const double p50 = percentile(every, 0.5), p99 = percentile(every, 0.99);
  std::printf("%-18s %9zu %7zu %9.1f %9.1f %9.1f\n", "all", every.size(), errors, p50, p99,
              every.empty() ? 0.0 : every.back());
  std::printf("throughput %.0f requests/s, %.1f MB/s of (compressed) bodies\n",
              static_cast<double>(every.size()) / elapsed,
              static_cast<double>(all.bytes) / elapsed / 1e6);
  report["all"] = {{"count", every.size()}, {"errors", errors}, {"p50_ms", p50}, {"p99_ms", p99}};
  for (const auto& m : all.messages) std::fprintf(stderr, "error: %s\n", m.c_str());

  bool memory_ok = true;
  if (o.pid > 0 && !rss.empty()) {
    // After warm-up: the first quarter of the run.
    long warm = -1, end = rss.back().second, peak = 0;
    for (const auto& [t, kib] : rss) {
      if (warm < 0 && t >= o.seconds / 4) warm = kib;
      peak = std::max(peak, kib);
    }
    if (warm < 0) warm = rss.front().second;
    const double growth = static_cast<double>(end - warm) / 1024;
    std::printf(
        "server resident memory: %.1f MiB at start, %.1f MiB after warm-up, %.1f MiB at "
        "the end (%+.1f MiB), peak %.1f MiB\n",
        static_cast<double>(rss.front().second) / 1024, static_cast<double>(warm) / 1024,
        static_cast<double>(end) / 1024, growth, static_cast<double>(peak) / 1024);
    report["rss_mib"] = {{"start", static_cast<double>(rss.front().second) / 1024},
                         {"after_warm_up", static_cast<double>(warm) / 1024},
                         {"end", static_cast<double>(end) / 1024},
                         {"peak", static_cast<double>(peak) / 1024}};
    if (o.max_rss_growth_mib >= 0 && growth > o.max_rss_growth_mib) {
      std::fprintf(stderr, "error: resident memory grew by %.1f MiB after warm-up (limit %.1f)\n",
                   growth, o.max_rss_growth_mib);
      memory_ok = false;
    }
  }
  if (!o.json_out.empty()) std::ofstream(o.json_out) << report.dump(2) << "\n";
  std::printf("requests: %zu answered 200, %zu failed\n", every.size() - errors, errors);
  return errors == 0 && memory_ok ? 0 : 1;
}
