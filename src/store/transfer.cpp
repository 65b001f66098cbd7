#include "kulkija/store/transfer.hpp"

#include <fstream>

#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/records_csv.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/interop/training_csv.hpp"

namespace kulkija::store {

import_summary import_region_folder(referral_store& to, const std::filesystem::path& dir, sharing_level sharing,
                                    const accessor& by) {
  const region_records records = read_region_csv(dir);
  std::vector<link_worker> workers;
  if (std::filesystem::exists(dir / "link_workers.csv")) workers = read_link_workers_csv(dir / "link_workers.csv");
  if (std::filesystem::exists(dir / "training.csv")) {  // (every row's worker must be in link_workers.csv)
    add_training(workers, read_training_csv(dir / "training.csv", workers));
  }
  import_summary out;
  out.referrals = to.import_records(records, sharing, by, workers);  // one transaction
  out.link_workers = workers.size();
  return out;
}

void export_region_folder(referral_store& from, const std::filesystem::path& dir, const accessor& by) {
  const region_records records = from.records(by);
  write_region_csv(dir, records);
  const auto workers = from.link_workers();
  const auto write = [&](const char* name, const std::string& text) {
    std::ofstream out(dir / name, std::ios::binary);
    out << text;
    if (!out) throw storage_error(error_id::storage_io, (dir / name).string(), "cannot be written");
  };
  if (!workers.empty()) {  // the two together, so that no older training.csv in the folder outlives them
    write("link_workers.csv", link_workers_to_csv(workers));
    write("training.csv", training_to_csv(workers));
  }
}

import_summary import_fhir_bundle(referral_store& to, std::string_view json, sharing_level sharing,
                                  const accessor& by) {
  const std::vector<referral> referrals = from_fhir_bundle(json);
  import_summary out;
  out.referrals = to.import_records(region_records_of(referrals), sharing, by);
  return out;
}

std::string export_fhir_bundle(referral_store& from, const accessor& by, int indent) {
  return to_fhir_bundle(from.records(by).referrals, indent);
}

}  // namespace kulkija::store
