// A crafted bundle for the data-path analyses, shared by the unit and CLI tests:
// a diamond, a cycle, an element with no path (behind a cycle with no exit), two
// vendors on one path, and a zone near one site.
#pragma once
#include <map>
#include <string>

namespace ringfence::testing {

// Operator A (one core element C1):
//   diamond      R1 (Samsung) -> T1 (Huawei) -> C1, R1 -> T2 (Cisco) -> C1
//   cycle        R2 (Nokia) -> T3 (Nokia) <-> T4 (ZTE) -> C1
//   two vendors  R3 (Samsung) -> T5 (Huawei) -> T6 (ZTE) -> C1
//   no path      R4 (Huawei) -> T9 (Ericsson) <-> T10 (Ericsson), no way out
// Operator B: R5 (Ericsson) -> C2 (Ericsson core).
// A military zone lies about 556 m north of S2; every other site is over 10 km away.
inline const std::map<std::string, std::string> kPathsBundle = {
    {"sites.csv",
     "site_id,operator,lat,lon,kind,region,population\n"
     "S1,A,37.0,127.0,macro,North,1000\n"
     "S2,A,37.5,127.0,macro,North,2000\n"
     "S3,A,36.0,127.0,macro,South,500\n"
     "S4,A,35.5,127.0,macro,South,300\n"
     "SC,A,36.5,127.5,core_dc,North,0\n"
     "S5,B,35.0,128.0,macro,East,700\n"},
    {"elements.csv",
     "element_id,site_id,vendor,domain,traffic\n"
     "R1,S1,Samsung,ran,10\n"
     "R2,S2,Nokia,ran,20\n"
     "R3,S3,Samsung,ran,30\n"
     "R4,S4,Huawei,ran,40\n"
     "R5,S5,Ericsson,ran,50\n"
     "T1,S1,Huawei,transport,\n"
     "T2,SC,Cisco,transport,\n"
     "T3,S2,Nokia,transport,\n"
     "T4,SC,ZTE,transport,\n"
     "T5,S3,Huawei,transport,\n"
     "T6,SC,ZTE,transport,\n"
     "T9,S4,Ericsson,transport,\n"
     "T10,S4,Ericsson,transport,\n"
     "C1,SC,Samsung,core,\n"
     "C2,S5,Ericsson,core,\n"},
    {"links.csv",
     "from,to\n"
     "R1,T1\nR1,T2\nT1,C1\nT2,C1\n"
     "R2,T3\nT3,T4\nT4,T3\nT4,C1\n"
     "R3,T5\nT5,T6\nT6,C1\n"
     "R4,T9\nT9,T10\nT10,T9\n"
     "R5,C2\n"},
    {"zones.geojson",
     R"({"type":"FeatureCollection","features":[{"type":"Feature",
      "properties":{"zone_id":"Z1","name":"Camp","category":"military"},
      "geometry":{"type":"Point","coordinates":[127.0,37.505]}}]})"}};

}  // namespace ringfence::testing
