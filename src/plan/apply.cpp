// --apply DIR: the bundle as it will be at the plan's end. Every file of the bundle is
// copied; elements.csv is rewritten with each swapped element's new vendor, no model
// and its installation date (the visit month's last day); models.csv gains the
// evidence bought. The directory is built beside DIR and renamed into place, so DIR
// is either the old one or the complete new one.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "io/csv_reader.hpp"
#include "ringfence/diagnostics.hpp"
#include "ringfence/output.hpp"
#include "ringfence/plan.hpp"

namespace ringfence {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string(), 0, 0, "cannot read the file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.flush();
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string join_row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) line += ',';
    line += csv_field(fields[i]);
  }
  return line + "\n";
}

struct Swap {
  std::string vendor;
  std::string installed;
};

std::string rewrite_elements(const fs::path& path, const std::map<std::string, Swap>& swaps) {
  io::CsvReader csv = io::CsvReader::from_text(read_file(path), path.string());
  Diagnostics diag;
  if (!csv.read_header(diag)) throw InputError(std::move(diag));
  std::vector<std::string> header = csv.header();
  const auto id = csv.column("element_id"), vendor = csv.column("vendor");
  if (!id || !vendor) throw InputError(path.string(), 1, 1, "needs element_id and vendor columns");
  const auto model = csv.column("model");
  auto installed = csv.column("installed");
  const bool add_installed = !installed;
  if (add_installed) {
    installed = header.size();
    header.push_back("installed");
  }
  std::string out = join_row(header);
  io::CsvRow row;
  std::vector<std::string> fields;
  while (csv.next(row, diag)) {
    fields.assign(row.fields.begin(), row.fields.end());
    if (add_installed) fields.emplace_back();
    auto it = swaps.find(fields[*id]);
    if (it != swaps.end()) {
      fields[*vendor] = it->second.vendor;
      if (model) fields[*model].clear();
      fields[*installed] = it->second.installed;
    }
    out += join_row(fields);
  }
  if (diag.has_errors()) throw InputError(std::move(diag));
  return out;
}

std::string extend_models(const fs::path& path, const Network& net, const Plan& plan) {
  std::vector<std::string> header{"vendor", "model"};
  std::vector<std::map<std::string, std::string>> rows;
  if (fs::exists(path)) {
    io::CsvReader csv = io::CsvReader::from_text(read_file(path), path.string());
    Diagnostics diag;
    if (!csv.read_header(diag)) throw InputError(std::move(diag));
    header = csv.header();
    io::CsvRow row;
    while (csv.next(row, diag)) {
      std::map<std::string, std::string> r;
      for (std::size_t i = 0; i < header.size(); ++i) r[header[i]] = std::string(row.fields[i]);
      rows.push_back(std::move(r));
    }
    if (diag.has_errors()) throw InputError(std::move(diag));
  }
  std::set<std::string> columns(header.begin(), header.end());
  for (const EvidencePurchase& ev : plan.evidence) {
    std::map<std::string, std::string> r{{"vendor", net.vendors.get(ev.vendor).name},
                                         {"model", std::string(net.strings.get(ev.model))}};
    for (const auto& [k, v] : ev.attributes) {
      r[k] = v;
      if (columns.insert(k).second) header.push_back(k);
    }
    rows.push_back(std::move(r));
  }
  std::string out = join_row(header);
  for (const auto& r : rows) {
    std::vector<std::string> fields;
    for (const auto& h : header) {
      auto it = r.find(h);
      fields.push_back(it == r.end() ? "" : it->second);
    }
    out += join_row(fields);
  }
  return out;
}

}  // namespace

void apply_plan(const std::string& bundle_dir, const Network& net, const Plan& plan,
                const std::string& out_dir) {
  const fs::path src(bundle_dir);
  if (!fs::is_directory(src))
    throw InputError(bundle_dir, 0, 0,
                     "a plan is applied to a bundle directory, not a packed bundle");
  std::map<std::string, Swap> swaps;
  for (const PlanVisit& v : plan.visits) {
    if (v.month >= plan.horizon_months) continue;  // not done within the horizon
    const std::string installed = format_iso_date(plan_month_last_day(plan.start, v.month));
    for (std::size_t i = 0; i < v.elements.size(); ++i)
      swaps[std::string(net.elements.id.get(v.elements[i]))] = {
          net.vendors.get(v.new_vendor[i]).name, installed};
  }
  fs::path target = fs::absolute(fs::path(out_dir)).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();
  // Replace only a directory that holds a bundle (or nothing): never a file, never
  // an unrelated directory.
  if (fs::exists(target)) {
    if (!fs::is_directory(target))
      throw InputError(out_dir, 0, 0,
                       "exists and is not a directory (expected a bundle directory to write)");
    if (!fs::is_empty(target) && !fs::exists(target / "sites.csv"))
      throw InputError(out_dir, 0, 0,
                       "exists and is not a bundle (no sites.csv); refusing to replace it");
  }
  const fs::path temp = target.string() + ".tmp-" + std::to_string(::getpid());
  const fs::path old = target.string() + ".old-" + std::to_string(::getpid());
  std::error_code ec;
  fs::remove_all(temp, ec);
  try {
    fs::create_directories(temp);
    for (const auto& entry : fs::directory_iterator(src)) {
      if (!entry.is_regular_file()) continue;
      const std::string name = entry.path().filename().string();
      if (name == "elements.csv")
        write_file(temp / name, rewrite_elements(entry.path(), swaps));
      else if (name == "models.csv" && !plan.evidence.empty())
        continue;  // written below
      else
        fs::copy_file(entry.path(), temp / name);
    }
    if (!plan.evidence.empty())
      write_file(temp / "models.csv", extend_models(src / "models.csv", net, plan));
    const bool existed = fs::exists(target);
    if (existed) fs::rename(target, old);
    fs::rename(temp, target);
    if (existed) fs::remove_all(old, ec);
  } catch (...) {
    fs::remove_all(temp, ec);
    throw;
  }
}

}  // namespace ringfence
