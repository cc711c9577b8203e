// The report data (include/ringfence/report.hpp) and the web API behind `serve`
// (include/ringfence/report_service.hpp) on a small crafted bundle whose every
// number is known: dominant vendors, equipment profiles, finding columns, zone
// radii and buffers, escaping, paging, filters and the 400 answers.
#include "ringfence/report.hpp"

#include <gtest/gtest.h>

#include <GeographicLib/Geodesic.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "ringfence/bundle.hpp"
#include "ringfence/check.hpp"
#include "ringfence/check_output.hpp"
#include "ringfence/geo.hpp"
#include "ringfence/http_encoding.hpp"
#include "ringfence/report_service.hpp"
#include "server/access_token.hpp"
#include "test_support.hpp"
#include "unit/decompress.hpp"

namespace ringfence {
namespace {

using nlohmann::json;

// Site A: Huawei RAN x2, Nokia transport x3 -> dominant Huawei (RAN counts first).
// Site B: Nokia RAN, Ericsson RAN -> a tie, Ericsson (first name).
// Site C: Huawei core, Samsung core and oss, no RAN -> most elements, Samsung.
// Site D: no elements. Site E: an operator name that would close a <script>.
const std::map<std::string, std::string> kBundle = {{"sites.csv",
                                                     "site_id,operator,lat,lon,kind\n"
                                                     "A,Op1,37.5,127.0,macro\n"
                                                     "B,Op1,37.6,127.1,small\n"
                                                     "C,Op2,35.0,129.0,core_dc\n"
                                                     "D,Op2,35.1,129.1,macro\n"
                                                     "E,Op</script>,36.0,128.0,macro\n"},
                                                    {"elements.csv",
                                                     "element_id,site_id,vendor,domain,technology\n"
                                                     "A1,A,Huawei,ran,nr\n"
                                                     "A2,A,HUAWEI TECHNOLOGIES CO.,ran,lte\n"
                                                     "A3,A,Nokia,transport,\n"
                                                     "A4,A,Nokia,transport,\n"
                                                     "A5,A,Nokia,transport,\n"
                                                     "B1,B,Nokia,ran,lte\n"
                                                     "B2,B,Ericsson,ran,lte\n"
                                                     "C1,C,Huawei,core,\n"
                                                     "C2,C,Samsung,core,\n"
                                                     "C3,C,Samsung,oss,\n"
                                                     "E1,E,Samsung,ran,nr\n"},
                                                    {"zones.geojson",
                                                     R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"zone_id":"Z1","name":"Camp Test","category":"military"},
 "geometry":{"type":"Point","coordinates":[127.0,37.52]}},
{"type":"Feature","properties":{"zone_id":"Z2","name":"Ministry","category":"government"},
 "geometry":{"type":"Polygon","coordinates":[[[128.49,35.99],[128.51,35.99],[128.51,36.01],
 [128.49,36.01],[128.49,35.99]]]}}]})"}};

const char* kPolicy = R"([policy]
id = "t"
title = "Test policy"
[vendors]
hrv = ["Huawei"]
[[rule]]
id = "core"
kind = "exclude"
vendors = "@hrv"
where = { domain = ["core"] }
deadline = 2023-01-01
[[rule]]
id = "bases"
kind = "zone_exclusion"
vendors = "@hrv"
zones = { category = ["military"] }
radius_m = 5000
[[rule]]
id = "gov"
kind = "zone_exclusion"
vendors = "@hrv"
zones = { category = ["government"] }
radius_m = 2000
[[rule]]
id = "multi"
kind = "min_vendors"
where = { domain = "ran" }
per = ["operator"]
min = 3
[[rule]]
id = "nr"
kind = "exclude"
vendors = "@hrv"
where = { technology = "nr" }
deadline = 2030-01-01
)";

class ReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_bundle(dir_, kBundle);
    bundle_ = std::make_unique<LoadedBundle>(load_bundle(dir_.str()));
    std::vector<Policy> policies{parse_policy(kPolicy, "t.toml")};
    result_ = evaluate(bundle_->network, std::move(policies), *parse_iso_date("2024-01-01"), 1);
  }
  json data() const {
    const std::string text =
        build_report_data(bundle_->network, result_, {"the-bundle", bundle_->files});
    EXPECT_EQ(text.find('<'), std::string::npos) << "a '<' could close the <script> element";
    return json::parse(text);
  }

  testing::TempDir dir_;
  std::unique_ptr<LoadedBundle> bundle_;
  CheckResult result_;
};

TEST_F(ReportTest, HeadRulesAndSummary) {
  const json d = data();
  EXPECT_EQ(d["format"], "ringfence-report");
  EXPECT_EQ(d["version"], 1);
  EXPECT_EQ(d["at"], "2024-01-01");
  EXPECT_EQ(d["mode"], "report");
  EXPECT_EQ(d["inputs"]["bundle"], "the-bundle");
  ASSERT_EQ(d["inputs"]["files"].size(), 3u);
  EXPECT_EQ(d["inputs"]["files"][0]["name"], "sites.csv");
  EXPECT_EQ(d["inputs"]["files"][0]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(d["policies"][0]["id"], "t");
  EXPECT_EQ(d["policies"][0]["title"], "Test policy");

  std::vector<std::string> rule_ids;
  for (const auto& r : d["rules"]) rule_ids.push_back(r["rule_id"]);
  EXPECT_EQ(rule_ids, (std::vector<std::string>{"t/bases", "t/core", "t/gov", "t/multi", "t/nr"}));
  EXPECT_EQ(d["rules"][1]["deadline"], "2023-01-01");
  EXPECT_TRUE(d["rules"][0]["deadline"].is_null());
  EXPECT_EQ(d["rules"][0]["findings"], 2);
  EXPECT_EQ(d["rules"][2]["findings"], 0);

  const json& s = d["summary"];
  EXPECT_EQ(s["sites"], 5);
  EXPECT_EQ(s["elements"], 11);
  EXPECT_EQ(s["zones"], 2);
  EXPECT_EQ(s["findings"], 5);
  EXPECT_EQ(s["overdue"], 4);
  EXPECT_EQ(s["due"], 1);
  EXPECT_EQ(s["sites_with_findings"], 2);
  EXPECT_EQ(s["group_findings"], 1);

  EXPECT_EQ(d["operators"], json({"Op1", "Op2", "Op</script>"}));
  EXPECT_EQ(d["vendors"], json({"Ericsson", "Huawei", "Nokia", "Samsung"}));
  EXPECT_EQ(d["domains"], json({"ran", "transport", "core", "oss", "other"}));
  EXPECT_EQ(d["dates"], json({"2023-01-01", "2030-01-01"}));
  EXPECT_TRUE(d["plan"].is_null());
}

TEST_F(ReportTest, SitesAsParallelArrays) {
  const json d = data();
  const json& s = d["sites"];
  EXPECT_EQ(s["count"], 5);
  EXPECT_EQ(s["id"], json({"A", "B", "C", "D", "E"}));
  EXPECT_EQ(s["lon"], json({127.0, 127.1, 129.0, 129.1, 128.0}));
  EXPECT_EQ(s["lat"], json({37.5, 37.6, 35.0, 35.1, 36.0}));
  EXPECT_EQ(s["operator"], json({0, 0, 1, 1, 2}));
  EXPECT_EQ(s["kind"], json({0, 1, 4, 0, 0}));
  // Dominant vendor: Huawei (RAN first), Ericsson (tie: first name), Samsung (no RAN:
  // most elements), none, Samsung.
  EXPECT_EQ(s["vendor"], json({1, 0, 3, -1, 3}));
  EXPECT_EQ(s["findings"], json({3, 0, 1, 0, 0}));
  EXPECT_EQ(s["status"], json({2, 0, 2, 0, 0}));

  const json& profiles = d["profiles"];
  auto profile_of = [&](int site) { return profiles[s["profile"][site].get<int>()]; };
  EXPECT_EQ(profile_of(0), json({1, 0, 2, 2, 1, 3}));  // Huawei ran 2, Nokia transport 3
  EXPECT_EQ(profile_of(1), json({0, 0, 1, 2, 0, 1}));
  EXPECT_EQ(profile_of(2), json({1, 2, 1, 3, 2, 1, 3, 3, 1}));
  EXPECT_EQ(profile_of(3), json::array());
  EXPECT_EQ(profile_of(4), json({3, 0, 1}));
  EXPECT_EQ(profiles.size(), 5u);
}

TEST_F(ReportTest, FindingsAsParallelArraysInCheckOrder) {
  const json d = data();
  const json& f = d["findings"];
  ASSERT_EQ(f["count"], 5);
  // t/bases A1, A2; t/core C1; t/multi (group Op</script>); t/nr A1.
  EXPECT_EQ(f["rule"], json({0, 0, 1, 3, 4}));
  EXPECT_EQ(f["status"], json({1, 1, 1, 1, 0}));
  EXPECT_EQ(f["deadline"], json({-1, -1, 0, -1, 1}));
  EXPECT_EQ(f["element"], json({"A1", "A2", "C1", "", "A1"}));
  EXPECT_EQ(f["site"], json({0, 0, 2, -1, 0}));
  EXPECT_EQ(f["operator"], json({0, 0, 1, 2, 0}));
  EXPECT_EQ(f["vendor"], json({1, 1, 1, 3, 1}));
  EXPECT_EQ(f["domain"], json({0, 0, 2, -1, 0}));
  EXPECT_EQ(f["group"], json({"", "", "", "operator=Op</script>", ""}));
  EXPECT_EQ(f["zone"], json({0, 0, -1, -1, -1}));
  EXPECT_TRUE(f["distance_m"][2].is_null());
  const double d_a = geo::distance_m({127.0, 37.5}, {127.0, 37.52});
  EXPECT_NEAR(f["distance_m"][0].get<double>(), d_a, 0.001);
  for (std::size_t i = 0; i < result_.findings.size(); ++i)
    EXPECT_EQ(f["message"][i], explain(bundle_->network, result_, result_.findings[i]));
}

TEST_F(ReportTest, ZonesCarryRuleRadiiAndTheirBuffers) {
  const json d = data();
  const json& zones = d["zones"];
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0]["id"], "Z1");
  EXPECT_EQ(zones[0]["point"], json({127.0, 37.52}));
  EXPECT_EQ(zones[0]["radii"], json::parse(R"([{"rule":0,"radius_m":5000.0}])"));
  EXPECT_EQ(zones[1]["radii"], json::parse(R"([{"rule":2,"radius_m":2000.0}])"));
  EXPECT_EQ(zones[1]["polygons"][0][0].size(), 5u);

  // Every vertex of a buffer lies at the radius from the zone (to the metre rounding
  // of 1e-5 degrees and the projection's error).
  const Network& net = bundle_->network;
  for (int z = 0; z < 2; ++z) {
    const double radius = zones[z]["radii"][0]["radius_m"];
    const json& buffer = zones[z]["buffer"];
    ASSERT_EQ(buffer.size(), 1u);
    const json& ring = buffer[0][0];
    ASSERT_GT(ring.size(), 40u);
    EXPECT_EQ(ring.front(), ring.back());
    for (const auto& p : ring) {
      const double dist = geo::distance_to_zone_m({p[0], p[1]}, net.zones[z]);
      EXPECT_NEAR(dist, radius, radius * 0.01) << "zone " << z;
    }
  }
}

TEST_F(ReportTest, ExposureAndTimeline) {
  const json d = data();
  ASSERT_FALSE(d["exposure"].empty());
  const json& first = d["exposure"][0];  // Op1 / ran: Ericsson 1, Huawei 2, Nokia 1
  EXPECT_EQ(first["operator"], "Op1");
  EXPECT_EQ(first["domain"], "ran");
  EXPECT_EQ(first["total"], 4.0);
  EXPECT_EQ(first["vendors"][0], json({1, 2.0, 0.5}));
  std::size_t findings = 0;
  for (const auto& row : d["timeline"]) findings += row["findings"].get<std::size_t>();
  EXPECT_EQ(findings, 5u);
}

TEST_F(ReportTest, TheSameInputGivesTheSameBytes) {
  EXPECT_EQ(build_report_data(bundle_->network, result_, {"b", bundle_->files}),
            build_report_data(bundle_->network, result_, {"b", bundle_->files}));
}

TEST(ReportHtml, DataReplacesTheMarkerOnce) {
  EXPECT_EQ(render_report_html("<p>@@RINGFENCE_REPORT_DATA@@</p>", "{\"a\":1}"),
            "<p>{\"a\":1}</p>");
  EXPECT_THROW(render_report_html("<p></p>", "{}"), std::runtime_error);
  EXPECT_THROW(render_report_html("@@RINGFENCE_REPORT_DATA@@@@RINGFENCE_REPORT_DATA@@", "{}"),
               std::runtime_error);
}

TEST(ReportHtml, TheTemplateIsFoundThroughTheEnvironment) {
  testing::TempDir dir;
  dir.write("report-template.html", "<p>@@RINGFENCE_REPORT_DATA@@</p>");
  ::setenv("RINGFENCE_WEB_DIR", dir.str().c_str(), 1);
  EXPECT_EQ(find_report_template(), (dir.path() / "report-template.html").string());
  EXPECT_EQ(load_report_template(), "<p>@@RINGFENCE_REPORT_DATA@@</p>");
  ::unsetenv("RINGFENCE_WEB_DIR");
}

// ------------------------------------------------------------------ web API

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_bundle(dir_, kBundle);
    service_ = std::make_unique<ReportService>(
        load_bundle(dir_.str()), "the-bundle",
        std::vector<PolicySource>{{parse_policy(kPolicy, "t.toml"), kPolicy}},
        *parse_iso_date("2024-01-01"), "<html>@@RINGFENCE_REPORT_DATA@@</html>", 1);
  }
  static json ok(const ApiResponse& r) {
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.content_type, "application/json");
    return json::parse(r.body);
  }
  // A 400 answer's message.
  static std::string bad(const ApiResponse& r) {
    EXPECT_EQ(r.status, 400) << r.body;
    return json::parse(r.body).value("error", "");
  }
  json findings(const QueryParams& q) const { return ok(service_->findings(q)); }
  std::vector<std::string> elements(const QueryParams& q) const {
    std::vector<std::string> out;
    const json page = findings(q);
    for (const auto& f : page["findings"])
      out.push_back(f.contains("element_id") ? f["element_id"].get<std::string>() : "group");
    return out;
  }

  testing::TempDir dir_;
  std::unique_ptr<ReportService> service_;
};

using Strings = std::vector<std::string>;

TEST_F(ServiceTest, SummaryIsTheHeadOfCheckJson) {
  const json s = ok(service_->summary());
  EXPECT_EQ(s["at"], "2024-01-01");
  EXPECT_EQ(s["inputs"]["bundle"], "the-bundle");
  EXPECT_EQ(s["summary"]["findings"], 5);
  EXPECT_EQ(s["summary"]["overdue"], 4);
  EXPECT_EQ(s["summary"]["by_rule"]["t/bases"], 2);
  EXPECT_EQ(s["network"]["sites"], 5);
  EXPECT_FALSE(s.contains("findings"));
}

TEST_F(ServiceTest, FindingsArePaged) {
  json page = findings({{"limit", "2"}});
  EXPECT_EQ(page["total"], 5);
  EXPECT_EQ(page["offset"], 0);
  EXPECT_EQ(page["limit"], 2);
  EXPECT_EQ(page["findings"].size(), 2u);
  EXPECT_EQ(page["findings"][0]["rule_id"], "t/bases");
  EXPECT_EQ(elements({{"offset", "2"}, {"limit", "2"}}), (Strings{"C1", "group"}));
  EXPECT_EQ(elements({{"offset", "4"}}), (Strings{"A1"}));
  page = findings({{"offset", "10"}});
  EXPECT_EQ(page["total"], 5);
  EXPECT_TRUE(page["findings"].empty());
  EXPECT_EQ(findings({})["limit"], 100);
  // Each finding is written exactly as `check --format json` writes it.
  const json group = findings({{"rule", "t/multi"}})["findings"][0];
  EXPECT_EQ(group["group"]["operator"], "Op</script>");
  EXPECT_EQ(group["vendor"], "Samsung");
  EXPECT_EQ(group["measured"], 1.0);
}

TEST_F(ServiceTest, FindingsAreFiltered) {
  EXPECT_EQ(elements({{"rule", "t/bases"}}), (Strings{"A1", "A2"}));
  EXPECT_EQ(elements({{"status", "due"}}), (Strings{"A1"}));
  EXPECT_EQ(elements({{"operator", "Op1"}}), (Strings{"A1", "A2", "A1"}));
  EXPECT_EQ(elements({{"operator", "Op</script>"}}), (Strings{"group"}));
  EXPECT_EQ(elements({{"vendor", "HW"}}), (Strings{"A1", "A2", "C1", "A1"}));  // an alias
  EXPECT_EQ(elements({{"vendor", "Samsung"}}), (Strings{"group"}));
  EXPECT_EQ(elements({{"domain", "core"}}), (Strings{"C1"}));
  EXPECT_EQ(elements({{"site", "A"}, {"status", "overdue"}}), (Strings{"A1", "A2"}));
  EXPECT_EQ(elements({{"q", "CAMP test"}}), (Strings{"A1", "A2"}));
  EXPECT_EQ(elements({{"q", "c1"}}), (Strings{"C1"}));
  EXPECT_EQ(elements({{"rule", ""}, {"q", ""}}).size(), 5u);  // empty means absent
}

TEST_F(ServiceTest, BadFindingParametersAre400WithAMessage) {
  EXPECT_EQ(bad(service_->findings({{"limit", "0"}})),
            "limit '0' is not a whole number from 1 to 1000");
  EXPECT_EQ(bad(service_->findings({{"limit", "1001"}})),
            "limit '1001' is not a whole number from 1 to 1000");
  EXPECT_NE(bad(service_->findings({{"offset", "-1"}})).find("offset '-1'"), std::string::npos);
  EXPECT_NE(bad(service_->findings({{"limit", "12abc"}})).find("limit '12abc'"), std::string::npos);
  EXPECT_EQ(bad(service_->findings({{"status", "late"}})), "status 'late' is not due or overdue");
  EXPECT_EQ(bad(service_->findings({{"rule", "t/none"}})),
            "unknown rule 't/none' (expected t/bases, t/core, t/gov, t/multi, t/nr)");
  EXPECT_EQ(bad(service_->findings({{"operator", "Op3"}})),
            "unknown operator 'Op3' (expected Op1, Op2, Op</script>)");
  EXPECT_EQ(bad(service_->findings({{"vendor", "ZTE"}})),
            "vendor 'ZTE' has no equipment in this network (expected Ericsson, Huawei, Nokia, "
            "Samsung)");
  EXPECT_EQ(bad(service_->findings({{"domain", "air"}})),
            "domain 'air' is not ran, transport, core, oss or other");
  EXPECT_EQ(bad(service_->findings({{"site", "Q"}})), "no site 'Q' in the bundle");
  EXPECT_EQ(bad(service_->findings({{"page", "2"}})),
            "unknown parameter 'page' (expected rule, status, operator, vendor, domain, site, q, "
            "offset, limit)");
  EXPECT_EQ(bad(service_->findings({{"limit", "1"}, {"limit", "2"}})),
            "parameter 'limit' given more than once");
}

TEST_F(ServiceTest, SitesInABoundingBox) {
  json r = ok(service_->sites({{"bbox", "126.9,37.4,127.2,37.7"}}));
  EXPECT_EQ(r["total"], 2);
  EXPECT_EQ(r["returned"], 2);
  EXPECT_EQ(r["truncated"], false);
  EXPECT_EQ(r["sites"][0], json::parse(R"({"site_id":"A","operator":"Op1","kind":"macro",
      "lon":127.0,"lat":37.5,"vendor":"Huawei","findings":3,"status":"overdue"})"));
  EXPECT_TRUE(
      ok(service_->sites({{"bbox", "129.05,35.05,129.2,35.2"}}))["sites"][0]["vendor"].is_null());
  r = ok(service_->sites({{"limit", "1"}}));
  EXPECT_EQ(r["total"], 5);
  EXPECT_EQ(r["returned"], 1);
  EXPECT_EQ(r["truncated"], true);
  // The box is inclusive.
  EXPECT_EQ(ok(service_->sites({{"bbox", "127,37.5,127,37.5"}}))["total"], 1);

  EXPECT_EQ(bad(service_->sites({{"bbox", "1,2,3"}})),
            "bbox '1,2,3' is not minlon,minlat,maxlon,maxlat");
  EXPECT_EQ(bad(service_->sites({{"bbox", "a,2,3,4"}})),
            "bbox minlon 'a' is not a number from -180 to 180");
  EXPECT_EQ(bad(service_->sites({{"bbox", "0,-91,1,1"}})),
            "bbox minlat '-91' is not a number from -90 to 90");
  EXPECT_EQ(bad(service_->sites({{"bbox", "0,0,1,nan"}})),
            "bbox maxlat 'nan' is not a number from -90 to 90");
  EXPECT_NE(bad(service_->sites({{"bbox", "10,0,5,1"}})).find("minlon must not exceed maxlon"),
            std::string::npos);
  EXPECT_EQ(bad(service_->sites({{"limit", "10001"}})),
            "limit '10001' is not a whole number from 1 to 10000");
}

TEST_F(ServiceTest, ExposureAsTheExposureCommandWritesIt) {
  const json r = ok(service_->exposure({{"by", "operator,domain"}, {"measure", "sites"}}));
  EXPECT_EQ(r["by"], json({"operator", "domain"}));
  EXPECT_EQ(r["measure"], "sites");
  EXPECT_EQ(r["groups"][0]["group"], json::parse(R"({"operator":"Op1","domain":"ran"})"));
  EXPECT_EQ(ok(service_->exposure({}))["by"], json({"operator"}));
  EXPECT_EQ(bad(service_->exposure({{"by", "vendor"}})),
            "unknown by key 'vendor' (expected operator, region, domain or technology)");
  EXPECT_EQ(bad(service_->exposure({{"measure", "money"}})),
            "measure 'money' is not elements, sites, traffic or population");
}

TEST_F(ServiceTest, PoliciesKeepTheirText) {
  const json r = ok(service_->policies());
  ASSERT_EQ(r["policies"].size(), 1u);
  EXPECT_EQ(r["policies"][0]["id"], "t");
  EXPECT_EQ(r["policies"][0]["toml"], kPolicy);
}

TEST_F(ServiceTest, EvaluateReplacesOrAddsAPolicy) {
  // The same id, with the zone radius cut to 1 km: the base findings go.
  std::string edited = kPolicy;
  edited.replace(edited.find("radius_m = 5000"), 15, "radius_m = 1000");
  json s = ok(service_->evaluate(edited));
  EXPECT_EQ(s["summary"]["findings"], 3);
  EXPECT_EQ(s["summary"]["by_rule"]["t/bases"], 0);
  EXPECT_EQ(ok(service_->summary())["summary"]["findings"], 3);
  EXPECT_EQ(findings({})["total"], 3);
  json p = ok(service_->policies());
  ASSERT_EQ(p["policies"].size(), 1u);
  EXPECT_EQ(p["policies"][0]["toml"], edited);
  EXPECT_EQ(p["policies"][0]["origin"], "edited in the web UI");

  // Another id is added beside it.
  s = ok(service_->evaluate(
      "[policy]\nid = \"u\"\n[[rule]]\nid = \"all\"\nkind = \"exclude\"\nvendors = [\"Nokia\"]\n"));
  EXPECT_EQ(s["summary"]["by_rule"]["u/all"], 4);
  EXPECT_EQ(ok(service_->policies())["policies"].size(), 2u);
  EXPECT_EQ(service_->counts().first, 7u);
}

TEST_F(ServiceTest, AnInvalidPolicyIs400AndChangesNothing) {
  const std::string message =
      bad(service_->evaluate("[policy]\nid = \"t\"\n[[rule]]\nid = \"r\"\nkind = \"nonsense\"\n"));
  EXPECT_EQ(message.rfind("request body:5:", 0), 0u) << message;
  EXPECT_NE(message.find("unknown kind 'nonsense'"), std::string::npos);
  EXPECT_EQ(bad(service_->evaluate("[policy\n")).rfind("request body:1:", 0), 0u);
  EXPECT_EQ(bad(service_->evaluate("a = \"\xff\"\n")),
            "request body:1:6: invalid UTF-8 (expected UTF-8 TOML)");
  EXPECT_EQ(ok(service_->summary())["summary"]["findings"], 5);
}

TEST_F(ServiceTest, ThePageIsStaticAndTheDataComesFromTheApi) {
  const auto page = service_->page();
  EXPECT_EQ(page->content_type(), "text/html; charset=utf-8");
  const std::string html(*page->in(server::ContentEncoding::kIdentity).first);
  EXPECT_EQ(html,
            "<html>{\"format\":\"ringfence-report\",\"version\":1,\"mode\":\"serve\","
            "\"data_url\":\"api/report\"}</html>");
  const auto data = service_->report_data();
  EXPECT_EQ(data->content_type(), "application/json");
  json d = json::parse(*data->in(server::ContentEncoding::kIdentity).first);
  EXPECT_EQ(d["mode"], "serve");
  EXPECT_EQ(d["summary"]["findings"], 5);
  EXPECT_EQ(service_->report_data(), data);  // built once per evaluation

  std::string edited = kPolicy;
  edited.replace(edited.find("radius_m = 5000"), 15, "radius_m = 1000");
  ok(service_->evaluate(edited));
  EXPECT_EQ(service_->page()->etag(), page->etag());  // the page does not change
  const auto after = service_->report_data();
  EXPECT_NE(after->etag(), data->etag());
  d = json::parse(*after->in(server::ContentEncoding::kIdentity).first);
  EXPECT_EQ(d["summary"]["findings"], 3);
}

TEST_F(ServiceTest, PoliciesAddedByEditingAreBounded) {
  auto policy = [](int i, int rules) {
    std::string t = "[policy]\nid = \"p" + std::to_string(i) + "\"\n";
    for (int r = 0; r < rules; ++r)
      t += "[[rule]]\nid = \"r" + std::to_string(r) +
           "\"\nkind = \"exclude\"\nvendors = [\"Nokia\"]\n";
    return t;
  };
  for (int i = 0; i < static_cast<int>(ReportService::kMaxAddedPolicies); ++i)
    ok(service_->evaluate(policy(i, 1)));
  EXPECT_EQ(ok(service_->policies())["policies"].size(), 17u);
  const ApiResponse refused = service_->evaluate(policy(99, 1));
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(json::parse(refused.body)["error"],
            "this server already holds 16 policies added in the web UI, the most it keeps; edit "
            "one of them (the same [policy] id) instead of adding policy 'p99'");
  // Replacing one, or the policy the server started with, is still possible.
  EXPECT_EQ(ok(service_->evaluate(policy(3, 2)))["summary"]["by_rule"]["p3/r1"], 4);
  ok(service_->evaluate(kPolicy));
  EXPECT_EQ(ok(service_->policies())["policies"].size(), 17u);

  // A policy of too many rules is refused whatever its id.
  EXPECT_EQ(bad(service_->evaluate(policy(3, 101))),
            "the policy has 101 rules; a policy edited here may hold at most 100");
  EXPECT_EQ(service_->counts().first, 5u + 15u * 4u + 2u * 4u);
}

TEST_F(ServiceTest, AnEditEvaluatesAsOnePassWould) {
  // Two policies: the one the server started with and one added; the merged result
  // equals evaluate() on both, finding for finding, in check's JSON.
  const std::string added =
      "[policy]\nid = \"a\"\n[[rule]]\nid = \"nokia\"\nkind = \"exclude\"\nvendors = "
      "[\"Nokia\"]\ndeadline = 2030-01-01\n[[rule]]\nid = \"zz\"\nkind = \"exclude\"\n"
      "vendors = [\"HW\"]\n";
  ok(service_->evaluate(added));
  const LoadedBundle b = load_bundle(dir_.str());
  const CheckResult one_pass =
      evaluate(b.network, {parse_policy(kPolicy, "t.toml"), parse_policy(added, "x")},
               *parse_iso_date("2024-01-01"), 1);
  json expected;
  for (int offset = 0; offset < 100; offset += 10) {
    const json page = findings({{"offset", std::to_string(offset)}, {"limit", "10"}});
    for (const auto& f : page["findings"]) expected.push_back(f);
  }
  const json all = json::parse(render_check_json(b.network, one_pass, {"the-bundle", b.files}));
  EXPECT_EQ(expected, all["findings"]);
  EXPECT_EQ(ok(service_->summary())["summary"], all["summary"]);
}

TEST(HttpEncoding, NegotiatesWhatTheClientAccepts) {
  using server::ContentEncoding;
  using server::negotiate_encoding;
  EXPECT_EQ(negotiate_encoding(""), ContentEncoding::kIdentity);
  EXPECT_EQ(negotiate_encoding("gzip, deflate, br"), ContentEncoding::kBrotli);
  EXPECT_EQ(negotiate_encoding("gzip"), ContentEncoding::kGzip);
  EXPECT_EQ(negotiate_encoding("GZIP;q=0.5, br;q=0"), ContentEncoding::kGzip);
  EXPECT_EQ(negotiate_encoding("br;q=0.2, gzip;q=0.8"), ContentEncoding::kGzip);
  EXPECT_EQ(negotiate_encoding("*"), ContentEncoding::kBrotli);
  EXPECT_EQ(negotiate_encoding("*;q=0, identity"), ContentEncoding::kIdentity);
  EXPECT_EQ(negotiate_encoding("deflate"), ContentEncoding::kIdentity);
  EXPECT_TRUE(server::etag_matches("\"a\", W/\"b\"", "\"b\""));
  EXPECT_TRUE(server::etag_matches("*", "\"b\""));
  EXPECT_FALSE(server::etag_matches("\"a\"", "\"b\""));
  EXPECT_FALSE(server::etag_matches("", "\"b\""));
}

TEST(HttpEncoding, BodiesAreCompressedOnceAndDecompressToThemselves) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{\"site_id\":\"S" + std::to_string(i) + "\"},";
  const server::EncodedBody body("application/json", text);
  EXPECT_EQ(body.etag().size(), 34u);
  const auto [gz, gz_encoding] = body.in(server::ContentEncoding::kGzip);
  EXPECT_EQ(gz_encoding, server::ContentEncoding::kGzip);
  EXPECT_EQ(body.in(server::ContentEncoding::kGzip).first, gz);  // kept, not made again
  EXPECT_LT(gz->size(), text.size() / 4);
  EXPECT_EQ(testing::gunzip(*gz), text);
  const auto [br, br_encoding] = body.in(server::ContentEncoding::kBrotli);
  EXPECT_EQ(br_encoding, server::ContentEncoding::kBrotli);
  EXPECT_EQ(testing::unbrotli(*br), text);
  EXPECT_LT(br->size(), gz->size());
  // Small bodies stay as they are.
  const server::EncodedBody small("application/json", "{}");
  EXPECT_EQ(small.in(server::ContentEncoding::kBrotli).second, server::ContentEncoding::kIdentity);
}

TEST(AccessToken, ComparesTheWholeToken) {
  const auto token = server::AccessToken::from_text("  0123456789abcdef0123\n", "t");
  EXPECT_TRUE(token.matches("0123456789abcdef0123"));
  EXPECT_FALSE(token.matches("0123456789abcdef012"));
  EXPECT_FALSE(token.matches("0123456789abcdef01234"));
  EXPECT_FALSE(token.matches(""));
  try {
    server::AccessToken::from_text("short", "tok.txt");
    ADD_FAILURE() << "a short token was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(),
                 "tok.txt: the token has 5 characters, expected at least 16 (e.g. the output "
                 "of `openssl rand -hex 32`)");
  }
  EXPECT_THROW(server::AccessToken::from_text("0123456789abcdef 0123", "t"), std::runtime_error);
  EXPECT_THROW(server::AccessToken::from_file("/nonexistent/token"), std::runtime_error);
}

TEST(AccessToken, IsFoundInTheAuthorizationHeaderOrTheCookie) {
  using server::presented_token;
  EXPECT_EQ(presented_token("Bearer abc", ""), "abc");
  EXPECT_EQ(presented_token("bearer  abc ", ""), "abc");
  EXPECT_EQ(presented_token("Basic abc", ""), std::nullopt);
  EXPECT_EQ(presented_token("", "a=1; ringfence_token=xyz; b=2"), "xyz");
  EXPECT_EQ(presented_token("", "ringfence_token_x=1"), std::nullopt);
  EXPECT_EQ(presented_token("", ""), std::nullopt);
  EXPECT_EQ(presented_token("Bearer h", "ringfence_token=c"), "h");
}

}  // namespace
}  // namespace ringfence
