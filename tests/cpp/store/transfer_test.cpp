#include "kulkija/store/transfer.hpp"

#include <gtest/gtest.h>

#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/store/register_db.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::coordinator_access;
using k::testing::temp_folder;

namespace {
const std::filesystem::path sample = std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples/data/sample-region";
}

TEST(StoreTransfer, ARegionFolderRoundTripsEqual) {
  temp_folder tmp;
  auto db = st::register_db::open(tmp / "r.db");
  const auto summary = st::import_region_folder(db, sample, st::sharing_level::codes_only, coordinator_access);
  const k::region_records original = k::read_region_csv(sample);
  EXPECT_EQ(summary.referrals, original.referrals.size());
  EXPECT_GT(summary.link_workers, 0U);
  // importing again adds nothing
  EXPECT_EQ(st::import_region_folder(db, sample, st::sharing_level::codes_only, coordinator_access).referrals, 0U);
  st::export_region_folder(db, tmp / "out", coordinator_access);
  const k::region_records back = k::read_region_csv(tmp / "out");
  EXPECT_EQ(back.referrals, original.referrals);
  EXPECT_EQ(back.clients, original.clients);
  EXPECT_EQ(back.professionals, original.professionals);
  EXPECT_EQ(k::read_link_workers_csv(tmp / "out/link_workers.csv").size(), summary.link_workers);
}

TEST(StoreTransfer, AFhirBundleRoundTripsEqual) {
  temp_folder tmp;
  const k::region_records original = k::read_region_csv(sample);
  const std::string bundle = k::to_fhir_bundle(original.referrals);
  auto db = st::register_db::open(tmp / "r.db");
  EXPECT_EQ(st::import_fhir_bundle(db, bundle, st::sharing_level::codes_only, coordinator_access).referrals,
            original.referrals.size());
  EXPECT_EQ(st::export_fhir_bundle(db, coordinator_access), bundle);
  EXPECT_EQ(k::from_fhir_bundle(st::export_fhir_bundle(db, coordinator_access)), original.referrals);
}
