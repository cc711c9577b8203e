// A bundle stored as one GeoPackage (as `ringfence export` writes it): each table
// layer is handed to the bundle directory's CSV readers, so both forms are checked
// identically; problems are located by layer and feature.
#include <filesystem>

#include "gdal/gdal_api.hpp"
#include "gdal/gdal_support.hpp"
#include "gdal/layer_as_csv.hpp"
#include "io/gis_readers.hpp"
#include "io/readers.hpp"
#include "io/sha256.hpp"
#include "io/text_checks.hpp"

namespace ringfence::gdal {

LoadedBundle load_geopackage_bundle(const std::string& path, const BundleOptions& options) {
  using namespace ringfence::io;
  LoadedBundle out;
  Network& net = out.network;
  {
    const std::string bytes = read_whole_file(path, path);
    out.files.push_back(
        {std::filesystem::path(path).filename().string(), sha256_hex(bytes), bytes.size()});
  }
  GDALDatasetUniquePtr ds = open_vector(path, path);
  Diagnostics diag;
  // Reads one table layer through a CSV reader; false when the layer is absent.
  auto with_layer = [&](const char* name, bool required, auto read_table) {
    OGRLayer* layer = ds->GetLayerByName(name);
    if (!layer) {
      if (required)
        diag.error(path, 0, 0,
                   std::string("has no layer '") + name +
                       "' (a bundle GeoPackage needs the layers sites and elements)");
      return;
    }
    LayerAsCsv table(*layer, path, std::string_view(name) == "sites");
    // A copy: the reader unescapes in place, and relocate() reads the text as written.
    CsvReader csv = CsvReader::from_text(table.text(), table.tag());
    Diagnostics local;
    read_table(csv, local);
    table.relocate(local, diag);
  };
  with_layer("vendors", false,
             [&](CsvReader& csv, Diagnostics& d) { read_vendors(csv, net.vendors, d); });
  with_layer("models", false, [&](CsvReader& csv, Diagnostics& d) { read_models(csv, net, d); });
  with_layer("sites", true, [&](CsvReader& csv, Diagnostics& d) { read_sites(csv, net, d); });
  std::vector<std::size_t> raw_counts;
  with_layer("elements", true,
             [&](CsvReader& csv, Diagnostics& d) { read_elements(csv, net, d, raw_counts); });
  with_layer("links", false, [&](CsvReader& csv, Diagnostics& d) { read_links(csv, net, d); });
  if (!options.zones_file.empty())
    read_zones_file(options.zones_file, options.zones_file, options.zones_file, net, diag,
                    out.files);
  else if (ds->GetLayerByName("zones"))
    read_zones(path, path, net, diag);
  ds.reset();
  finish_bundle(out, raw_counts, diag);
  return out;
}

}  // namespace ringfence::gdal
