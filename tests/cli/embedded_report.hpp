// The report data embedded in a report file (the JSON inside its data <script>).
#pragma once
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace ringfence::testing {

inline nlohmann::json embedded_data(const std::string& html) {
  const std::string open = "<script type=\"application/json\" id=\"ringfence-data\">";
  const std::size_t start = html.find(open);
  EXPECT_NE(start, std::string::npos);
  const std::size_t end = html.find("</script>", start);
  return nlohmann::json::parse(html.substr(start + open.size(), end - start - open.size()));
}

}  // namespace ringfence::testing
