#pragma once
/// @file
/// @brief Moving records between a register and the exchange forms: a region folder (the
/// CSV files of read_region_csv()) and a FHIR R4 Bundle.

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include "kulkija/store/store.hpp"

namespace kulkija::store {

/// @addtogroup store
/// @{

/// @brief What an import added.
struct import_summary {
  std::size_t referrals = 0;     ///< referrals added (the others were already in the register)
  std::size_t link_workers = 0;  ///< link workers added or replaced
  /// @brief Summaries are equal when both fields are equal.
  friend bool operator==(const import_summary&, const import_summary&) = default;
};

/// @brief Imports a region folder's records (clients.csv, professionals.csv, referrals.csv,
/// events.csv; link_workers.csv with the training records of training.csv when present) into
/// a register, the records and the workers in one transaction (register's import_records()).
/// @param to the register
/// @param dir the region folder
/// @param sharing what the messages back to the referrers carry
/// @param by who and why
/// @return what was added
/// @throws parse_error or not_found as read_region_csv(), parse_error as
///         read_link_workers_csv() and read_training_csv() (a training row of a worker not in
///         link_workers.csv names its row; not_found when training.csv comes without
///         link_workers.csv); conflict and storage_error as import_records(). Nothing is
///         imported then.
import_summary import_region_folder(referral_store& to, const std::filesystem::path& dir, sharing_level sharing,
                                    const accessor& by);

/// @brief Writes a register's records as a region folder (write_region_csv(), and
/// link_workers.csv with training.csv when the register has link workers; training.csv holds
/// only its header when none has training). Reading the folder back with read_region_csv()
/// gives records equal to the register's (except what a referral received over FHIR keeps,
/// which CSV has no column for), and the workers with their training equal to the
/// register's.
/// @param from the register
/// @param dir the folder (created when missing)
/// @param by who and why (audited as `export_records`)
void export_region_folder(referral_store& from, const std::filesystem::path& dir, const accessor& by);

/// @brief Imports every referral of a FHIR R4 Bundle (from_fhir_bundle()) into a register,
/// with their clients and professionals, in one transaction.
/// @param to the register
/// @param json the Bundle's JSON text
/// @param sharing what the messages back to the referrers carry
/// @param by who and why
/// @return what was added
/// @throws parse_error as from_fhir_bundle(); conflict as import_records().
import_summary import_fhir_bundle(referral_store& to, std::string_view json, sharing_level sharing,
                                  const accessor& by);

/// @brief Every referral of a register as one FHIR R4 Bundle (to_fhir_bundle()).
/// @param from the register
/// @param by who and why (audited as `export_records`)
/// @param indent spaces per level; negative for one line
/// @return the Bundle's JSON text
[[nodiscard]] std::string export_fhir_bundle(referral_store& from, const accessor& by, int indent = 2);

/// @}

}  // namespace kulkija::store
