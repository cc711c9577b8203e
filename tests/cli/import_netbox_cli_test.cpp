// `ringfence import netbox` end to end on API pages shaped as NetBox 3.6/4.x returns
// them (/api/dcim/sites/, /api/dcim/devices/ in two pages, /api/dcim/cables/).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "test_support.hpp"

namespace ringfence::testing {
namespace {

namespace fs = std::filesystem;

std::string netbox_bin() {
  return RINGFENCE_BIN;
}
const char* kNetboxSites = R"({
  "count": 4, "next": null, "previous": null,
  "results": [
    {"id": 1, "url": "https://netbox.example.net/api/dcim/sites/1/", "display": "Yongsan Macro 12",
     "name": "Yongsan Macro 12", "slug": "yongsan-macro-12",
     "status": {"value": "active", "label": "Active"},
     "region": {"id": 3, "url": "https://netbox.example.net/api/dcim/regions/3/", "display": "Seoul", "name": "Seoul", "slug": "seoul", "_depth": 1},
     "group": null,
     "tenant": {"id": 2, "url": "https://netbox.example.net/api/tenancy/tenants/2/", "display": "LG U+", "name": "LG U+", "slug": "lg-u"},
     "facility": "", "time_zone": "Asia/Seoul", "description": "", "physical_address": "",
     "shipping_address": "", "latitude": 37.534, "longitude": 126.99, "comments": "",
     "asns": [], "tags": [], "custom_fields": {}, "created": "2023-03-01T09:00:00Z",
     "last_updated": "2023-03-01T09:00:00Z"},
    {"id": 2, "url": "https://netbox.example.net/api/dcim/sites/2/", "display": "Mapo Aggregation",
     "name": "Mapo Aggregation", "slug": "mapo-agg",
     "status": {"value": "active", "label": "Active"},
     "region": {"id": 3, "url": "https://netbox.example.net/api/dcim/regions/3/", "display": "Seoul", "name": "Seoul", "slug": "seoul", "_depth": 1},
     "tenant": {"id": 2, "url": "https://netbox.example.net/api/tenancy/tenants/2/", "display": "LG U+", "name": "LG U+", "slug": "lg-u"},
     "latitude": 37.5663, "longitude": 126.9019, "tags": [], "custom_fields": {}},
    {"id": 3, "url": "https://netbox.example.net/api/dcim/sites/3/", "display": "Sangam Core DC",
     "name": "Sangam Core DC", "slug": "sangam-dc",
     "status": {"value": "active", "label": "Active"}, "region": null,
     "tenant": null, "latitude": 37.5796, "longitude": 126.8896, "tags": [], "custom_fields": {}},
    {"id": 4, "url": "https://netbox.example.net/api/dcim/sites/4/", "display": "Planned Site",
     "name": "Planned Site", "slug": "planned-site",
     "status": {"value": "planned", "label": "Planned"}, "region": null,
     "tenant": null, "latitude": null, "longitude": null, "tags": [], "custom_fields": {}}
  ]
})";

std::string device(int id, const char* name, const char* maker, const char* maker_slug,
                   const char* model, const char* role, int site, const char* tenant,
                   const char* installed) {
  std::string t =
      tenant ? std::string("{\"id\": 2, \"name\": \"") + tenant + "\", \"slug\": \"x\"}" : "null";
  std::string inst = installed ? std::string("\"") + installed + "\"" : "null";
  return std::string("{\"id\": ") + std::to_string(id) +
         ", \"url\": \"https://netbox.example.net/api/dcim/devices/" + std::to_string(id) +
         "/\", \"display\": \"" + name + "\", \"name\": \"" + name +
         "\", \"device_type\": {\"id\": 7, \"manufacturer\": {\"id\": 4, \"name\": \"" + maker +
         "\", \"slug\": \"" + maker_slug + "\"}, \"model\": \"" + model +
         "\", \"slug\": \"m\"}, \"role\": {\"id\": 1, \"name\": \"" + role + "\", \"slug\": \"" +
         role + "\"}, \"tenant\": " + t + ", \"platform\": null, \"serial\": \"\", " +
         "\"site\": {\"id\": " + std::to_string(site) + ", \"name\": \"s\", \"slug\": \"s\"}, " +
         "\"rack\": null, \"status\": {\"value\": \"active\", \"label\": \"Active\"}, " +
         "\"custom_fields\": {\"installed\": " + inst + "}}";
}

std::string page(const std::string& items, const char* next) {
  return std::string("{\"count\": 6, \"next\": ") + next + ", \"previous\": null, \"results\": [" +
         items + "]}";
}

std::string cable(int id, int a, int b) {
  auto term = [](int dev) {
    return "[{\"object_type\": \"dcim.interface\", \"object_id\": " + std::to_string(dev * 10) +
           ", \"object\": {\"id\": " + std::to_string(dev * 10) +
           ", \"device\": {\"id\": " + std::to_string(dev) +
           ", \"name\": \"d\"}, \"name\": \"eth0\", \"cable\": 1}}]";
  };
  return "{\"id\": " + std::to_string(id) + ", \"type\": \"smf\", \"a_terminations\": " + term(a) +
         ", \"b_terminations\": " + term(b) + ", \"status\": {\"value\": \"connected\"}}";
}

void write_inventory(const TempDir& tmp) {
  tmp.write("sites.json", kNetboxSites);
  tmp.write("devices-1.json",
            page(device(101, "yongsan-enb-1", "Huawei Technologies", "huawei-technologies",
                        "BTS3900", "enodeb", 1, "LG U+", "2014-02-01") +
                     "," +
                     device(102, "yongsan-gnb-1", "Samsung", "samsung", "MMU 64T64R", "gnodeb", 1,
                            nullptr, "2019-06-10") +
                     "," +
                     device(103, "mapo-agg-r1", "Juniper Networks", "juniper-networks", "MX204",
                            "aggregation-router", 2, "LG U+", nullptr),
                 "\"https://netbox.example.net/api/dcim/devices/?limit=3&offset=3\""));
  tmp.write("devices-2.json", page(device(104, "sangam-upf-1", "Nokia Solutions and Networks",
                                          "nokia-solutions-and-networks", "Cloud Mobility Manager",
                                          "upf", 3, "LG U+", nullptr) +
                                       "," +
                                       device(105, "spare-switch", "Cisco Systems", "cisco-systems",
                                              "C9300", "switch", 4, "LG U+", nullptr) +
                                       "," +
                                       device(106, "lab-box", "Dell", "dell", "R640", "test-rig", 3,
                                              "LG U+", nullptr),
                                   "null"));
  tmp.write("cables.json", page(cable(1, 103, 101) + "," + cable(2, 102, 103) + "," +
                                    cable(3, 103, 104) + "," + cable(4, 105, 103),
                                "null"));
}

TEST(ImportNetboxCli, PagesGiveExactBundle) {
  TempDir tmp;
  write_inventory(tmp);
  const std::string out = (tmp.path() / "nb").string();
  const std::string d = tmp.str() + "/";
  auto r = run_command(netbox_bin() + " import netbox --sites " + d + "sites.json --devices " + d +
                       "devices-1.json --devices " + d + "devices-2.json --cables " + d +
                       "cables.json --out " + out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("devices: 6 read, 5 imported (core 1, other 1, ran 2, transport 1)"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("cables: 4 read, 3 links, 1 not between two imported devices"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.err.find("warning: 1 devices left out: their site has no latitude/longitude or is "
                       "not in the sites pages (id name: 105 spare-switch)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(slurp(fs::path(out) / "sites.csv"),
            "site_id,operator,lat,lon,kind,region,netbox_id\n"
            "yongsan-macro-12,LG U+,37.534,126.99,macro,Seoul,1\n"
            "mapo-agg,LG U+,37.5663,126.9019,aggregation,Seoul,2\n"
            "sangam-dc,LG U+,37.5796,126.8896,core_dc,,3\n");
  EXPECT_EQ(slurp(fs::path(out) / "elements.csv"),
            "element_id,site_id,vendor,domain,function,model,technology,installed,netbox_id\n"
            "yongsan-enb-1,yongsan-macro-12,Huawei,ran,enb,BTS3900,lte,2014-02-01,101\n"
            "yongsan-gnb-1,yongsan-macro-12,Samsung,ran,gnb,MMU 64T64R,nr,2019-06-10,102\n"
            "mapo-agg-r1,mapo-agg,Juniper,transport,router,MX204,,,103\n"
            "sangam-upf-1,sangam-dc,Nokia,core,upf,Cloud Mobility Manager,,,104\n"
            "lab-box,sangam-dc,Dell,other,,R640,,,106\n");
  EXPECT_EQ(slurp(fs::path(out) / "links.csv"),
            "from,to\n"
            "yongsan-enb-1,mapo-agg-r1\n"
            "yongsan-gnb-1,mapo-agg-r1\n"
            "mapo-agg-r1,sangam-upf-1\n");
  auto v = run_command(netbox_bin() + " validate " + out);
  EXPECT_EQ(v.exit_code, 0) << v.out << v.err;
  // Traffic from the Samsung gNB crosses nothing of Huawei; the Huawei eNB is within
  // 5 km of Yongsan Garrison only if the bundle has zones, so check the exclusion rules.
  auto c = run_command(netbox_bin() + " check " + out +
                       " --policy uk-2020 --at 2024-01-01 --format json");
  EXPECT_NE(c.exit_code, 2) << c.err;
}

TEST(ImportNetboxCli, CustomFieldOperatorAndMapping) {
  TempDir tmp;
  write_inventory(tmp);
  tmp.write("map.toml",
            "[operator]\nfield = \"custom_fields.installed\"\ndefault = \"none\"\n"
            "[roles]\ntest-rig = { domain = \"oss\", function = \"ems\" }\n"
            "[manufacturers]\ndell = \"Dell Technologies\"\n");
  const std::string d = tmp.str() + "/";
  auto r = run_command(netbox_bin() + " import netbox --sites " + d + "sites.json --devices " + d +
                       "devices-2.json --map " + d + "map.toml --out " + d + "nb");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(
      slurp(tmp.path() / "nb" / "elements.csv"),
      "element_id,site_id,vendor,domain,function,model,technology,installed,netbox_id\n"
      "sangam-upf-1,sangam-dc,Nokia Solutions and Networks,other,,Cloud Mobility Manager,,,104\n"
      "lab-box,sangam-dc,Dell Technologies,oss,ems,R640,,,106\n");
  EXPECT_EQ(slurp(tmp.path() / "nb" / "sites.csv"),
            "site_id,operator,lat,lon,kind,region,netbox_id\n"
            "sangam-dc,none,37.5796,126.8896,core_dc,,3\n");
}

TEST(ImportNetboxCli, BadJsonIsLocated) {
  TempDir tmp;
  write_inventory(tmp);
  tmp.write("broken.json",
            "{\n  \"count\": 1,\n  \"results\": [\n    {\"id\": 1,, \"name\": \"x\"}\n  ]\n}\n");
  const std::string d = tmp.str() + "/";
  auto r = run_command(netbox_bin() + " import netbox --sites " + d + "broken.json --devices " + d +
                       "devices-1.json --out " + d + "nb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("broken.json:4:14: malformed JSON"), std::string::npos) << r.err;
  tmp.write("notapage.json", "{\"detail\": \"Authentication credentials were not provided.\"}");
  r = run_command(netbox_bin() + " import netbox --sites " + d + "notapage.json --devices " + d +
                  "devices-1.json --out " + d + "nb");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("notapage.json:1:1: expected a NetBox API page"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "nb"));
}

}  // namespace
}  // namespace ringfence::testing
