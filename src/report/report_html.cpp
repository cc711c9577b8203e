// The report template: finding it beside the binary and putting the data in.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "ringfence/data_dir.hpp"
#include "ringfence/report.hpp"

namespace ringfence {

namespace {

constexpr const char* kTemplateName = "report-template.html";

}  // namespace

std::string render_report_html(std::string_view template_html, std::string_view data_json) {
  const std::size_t at = template_html.find(kReportDataPlaceholder);
  if (at == std::string_view::npos ||
      template_html.find(kReportDataPlaceholder, at + 1) != std::string_view::npos)
    throw std::runtime_error(
        "the report template does not hold the data marker exactly once (rebuild web/)");
  std::string html;
  html.reserve(template_html.size() + data_json.size());
  html.append(template_html.substr(0, at));
  html.append(data_json);
  html.append(template_html.substr(at + kReportDataPlaceholder.size()));
  return html;
}

std::string find_report_template() {
  namespace fs = std::filesystem;
  std::vector<fs::path> candidates;
  if (const char* env = std::getenv("RINGFENCE_WEB_DIR"); env && *env)
    candidates.push_back(fs::path(env) / kTemplateName);
  if (const fs::path dir = executable_dir(); !dir.empty()) {
    // share/ringfence holds it in a build tree and in an installed prefix alike.
    candidates.push_back(dir / "share" / "ringfence" / kTemplateName);
    candidates.push_back(dir.parent_path() / "share" / "ringfence" / kTemplateName);
  }
  std::string looked;
  for (const auto& c : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(c, ec)) return c.string();
    looked += (looked.empty() ? "" : ", ") + c.string();
  }
  throw std::runtime_error("the report template " + std::string(kTemplateName) +
                           " is missing (looked at " + looked +
                           "); build it with `make build`, or set RINGFENCE_WEB_DIR to the "
                           "directory that holds it");
}

std::string load_report_template() {
  const std::string path = find_report_template();
  std::ifstream in(path, std::ios::binary);
  std::string text(std::istreambuf_iterator<char>(in), {});
  if (!in.good() && !in.eof()) throw std::runtime_error("cannot read " + path);
  return text;
}

}  // namespace ringfence
