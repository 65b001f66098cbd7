#include "kulkija/store/transfer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "kulkija/interop/fhir.hpp"
#include "kulkija/interop/link_workers_csv.hpp"
#include "kulkija/interop/region_csv.hpp"
#include "kulkija/interop/training_csv.hpp"
#include "kulkija/store/register_db.hpp"
#include "store_fixtures.hpp"

namespace k = kulkija;
namespace st = kulkija::store;
using k::testing::coordinator_access;
using k::testing::raw_int;
using k::testing::sender_bundle;
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
  // the link workers with their training records (training.csv), equal
  const auto workers_of = [](const std::filesystem::path& dir) {
    std::vector<k::link_worker> workers = k::read_link_workers_csv(dir / "link_workers.csv");
    k::add_training(workers, k::read_training_csv(dir / "training.csv", workers));
    return workers;
  };
  const std::vector<k::link_worker> workers = workers_of(sample);
  EXPECT_EQ(summary.link_workers, workers.size());
  EXPECT_EQ(db.link_workers(), workers);
  EXPECT_EQ(workers_of(tmp / "out"), workers);
  std::size_t trained = 0;
  for (const auto& w : workers) trained += w.training().empty() ? 0 : 1;
  EXPECT_GT(trained, 0U);
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

// A referral received from another system keeps what kulkija does not model (extensions,
// performer, notes, the sender's own coding: referral::kept()); the register keeps it too, so
// a second import of the same Bundle is a duplicate and the export gives the elements back.
TEST(StoreTransfer, ASendersBundleKeepsItsElementsInTheRegister) {
  const std::string text = sender_bundle();
  const std::vector<k::referral> sent = k::from_fhir_bundle(text);
  ASSERT_EQ(sent.size(), 1U);
  ASSERT_FALSE(sent[0].kept().empty());
  temp_folder tmp;
  {
    auto db = st::register_db::open(tmp / "r.db");
    EXPECT_EQ(st::import_fhir_bundle(db, text, st::sharing_level::codes_only, coordinator_access).referrals, 1U);
    EXPECT_EQ(db.get(sent[0].id(), coordinator_access), sent[0]);
    EXPECT_EQ(st::import_fhir_bundle(db, text, st::sharing_level::codes_only, coordinator_access).referrals, 0U);
  }
  // read again from the file, after events appended on top of the received history
  auto db = st::register_db::open(tmp / "r.db");
  k::lifecycle_event pause{k::referral_event::pause, k::parse_timestamp("2026-02-10T08:00:00Z"),
                           k::actor{k::actor_role::link_worker, "lw-7"}, k::reason_code::client_ill, std::nullopt, {}};
  db.append(sent[0].id(), "pause-1", pause, static_cast<std::int64_t>(sent[0].history().size()), coordinator_access);
  const k::referral stored = db.get(sent[0].id(), coordinator_access);
  EXPECT_EQ(stored.kept(), sent[0].kept());
  const std::vector<k::referral> back = k::from_fhir_bundle(st::export_fhir_bundle(db, coordinator_access));
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].kept(), sent[0].kept());
  EXPECT_EQ(back[0].state(), k::referral_state::on_hold);
}

// What a sender kept is free text: it goes with the referral's notes when the client is
// pseudonymised, and with everything else when the client is erased.
TEST(StoreTransfer, ErasureAndPseudonymisationDropWhatASenderKept) {
  const std::string text = sender_bundle();
  const k::referral sent = k::from_fhir_bundle(text).at(0);
  const st::accessor dpo{"DPO", st::purpose::erasure};
  const auto close = [&](st::register_db& db) {
    const auto version = static_cast<std::int64_t>(sent.history().size());
    k::lifecycle_event done{k::referral_event::complete, k::parse_timestamp("2026-03-10T08:00:00Z"),
                            k::actor{k::actor_role::link_worker, "lw-7"}, k::reason_code::goals_reached, std::nullopt, {}};
    db.append(sent.id(), "done-1", done, version, coordinator_access);
  };
  const auto kept_rows = [](const std::filesystem::path& file) { return raw_int(file, "SELECT count(*) FROM kept"); };
  temp_folder tmp;
  {
    auto db = st::register_db::open(tmp / "p.db");
    (void)st::import_fhir_bundle(db, text, st::sharing_level::codes_only, coordinator_access);
    close(db);
    EXPECT_EQ(kept_rows(tmp / "p.db"), static_cast<std::int64_t>(sent.kept().size()));
    const auto done = db.erase_subject(sent.subject().id(), st::retention_action::pseudonymise, dpo);
    EXPECT_EQ(done.referrals, 1U);
    const k::referral after = db.get(sent.id(), coordinator_access);
    EXPECT_TRUE(after.kept().empty());
    EXPECT_EQ(after.history().size(), sent.history().size() + 1);  // the history stays
  }
  EXPECT_EQ(kept_rows(tmp / "p.db"), 0);
  {
    auto db = st::register_db::open(tmp / "e.db");
    (void)st::import_fhir_bundle(db, text, st::sharing_level::codes_only, coordinator_access);
    close(db);
    (void)db.erase_subject(sent.subject().id(), st::retention_action::erase, dpo);
  }
  EXPECT_EQ(kept_rows(tmp / "e.db"), 0);
}

// A link worker's record keeps the training records (training.csv's rows); putting the worker
// again replaces both.
TEST(StoreTransfer, ALinkWorkerKeepsItsTrainingAndIsReplacedWhole) {
  k::link_worker trained{k::link_worker_id{"LW-1"}, {k::language{"fi"}}, k::municipality{"272"}, 12};
  trained.add_training({"Linkkityön peruskurssi", k::date(2025, 9, 12), k::date(2027, 9, 11),
                        {k::competence::link_work}});
  trained.add_training({"Ikäihmisten kohtaaminen, osa 2; syventävä", k::date(2025, 11, 3), std::nullopt,
                        {k::competence::older_people, k::competence::mental_wellbeing}});
  const k::link_worker untrained{k::link_worker_id{"LW-2"}, {k::language{"sv"}}, k::municipality{"905"}, 8};
  temp_folder tmp;
  {
    auto db = st::register_db::open(tmp / "r.db");
    db.put_link_worker(trained, coordinator_access);
    db.put_link_worker(untrained, coordinator_access);
  }
  auto db = st::register_db::open(tmp / "r.db");
  EXPECT_EQ(db.link_workers(), (std::vector<k::link_worker>{trained, untrained}));
  k::link_worker retrained = untrained;
  retrained.add_training({"Vertaistukijakoulutus", k::date(2026, 2, 1), std::nullopt, {k::competence::peer_support}});
  k::link_worker lapsed = trained;
  lapsed.set_training({});
  db.put_link_worker(retrained, coordinator_access);
  db.put_link_worker(lapsed, coordinator_access);
  EXPECT_EQ(db.link_workers(), (std::vector<k::link_worker>{lapsed, retrained}));
  // the folder written from the register holds the training of those that have any
  st::export_region_folder(db, tmp / "out", coordinator_access);
  std::vector<k::link_worker> back = k::read_link_workers_csv(tmp / "out/link_workers.csv");
  k::add_training(back, k::read_training_csv(tmp / "out/training.csv", back));
  EXPECT_EQ(back, (std::vector<k::link_worker>{lapsed, retrained}));
  // into the same folder again, nobody trained now: the older training.csv does not outlive it
  retrained.set_training({});
  db.put_link_worker(retrained, coordinator_access);
  st::export_region_folder(db, tmp / "out", coordinator_access);
  back = k::read_link_workers_csv(tmp / "out/link_workers.csv");
  EXPECT_TRUE(k::read_training_csv(tmp / "out/training.csv", back).empty());
  EXPECT_EQ(back, (std::vector<k::link_worker>{lapsed, retrained}));
}

// A folder whose training.csv names a worker that link_workers.csv lacks is refused whole.
TEST(StoreTransfer, ARegionFolderWithTrainingOfAnUnknownWorkerImportsNothing) {
  temp_folder tmp;
  std::filesystem::copy(sample, tmp / "region");
  {
    std::ofstream out(tmp / "region/training.csv", std::ios::app);
    out << "LW-99,Linkkityön peruskurssi,2025-09-12,,link_work\n";
  }
  auto db = st::register_db::open(tmp / "r.db");
  try {
    (void)st::import_region_folder(db, tmp / "region", st::sharing_level::codes_only, coordinator_access);
    FAIL() << "the unknown worker must be refused";
  } catch (const k::parse_error& e) {
    EXPECT_NE(std::string(e.what()).find("LW-99"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("training.csv"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(db.records(coordinator_access).referrals.empty());
  EXPECT_TRUE(db.link_workers().empty());
  std::filesystem::remove(tmp / "region/link_workers.csv");  // training without any workers
  EXPECT_THROW((void)st::import_region_folder(db, tmp / "region", st::sharing_level::codes_only, coordinator_access),
               k::not_found);
  EXPECT_TRUE(db.records(coordinator_access).referrals.empty());
}

// The records and the link workers of a folder go in one transaction: when the file cannot
// take the workers (a full disk), none of the folder's records stay either.
TEST(StoreTransfer, AFullDiskImportsNoneOfARegionFolder) {
  temp_folder tmp;
  std::filesystem::copy(sample, tmp / "region");
  {
    std::ofstream out(tmp / "region/link_workers.csv", std::ios::app);
    for (int i = 1000; i < 5000; ++i) {
      out << "LW-" << i << ",fi;en;sv,272,10,63.8367,23.1330,60,older_people;caregivers;mental_wellbeing,female,"
          << "weekday_daytime;weekday_evening,,2026-01-01,,professional,2026-10-25\n";
    }
  }
  {  // the pages the records alone take
    auto scratch = st::register_db::open(tmp / "scratch.db");
    scratch.import_records(k::read_region_csv(sample), st::sharing_level::codes_only, coordinator_access);
  }
  const auto pages = static_cast<std::int64_t>(std::filesystem::file_size(tmp / "scratch.db") / 4096);
  auto db = st::register_db::open(tmp / "r.db", {.max_page_count = pages + 8});
  try {
    (void)st::import_region_folder(db, tmp / "region", st::sharing_level::codes_only, coordinator_access);
    FAIL() << "4,000 more workers cannot fit in 8 pages";
  } catch (const k::storage_error& e) {
    EXPECT_EQ(e.id(), k::error_id::storage_full) << e.what();
  }
  EXPECT_TRUE(db.records(coordinator_access).referrals.empty());
  EXPECT_TRUE(db.records(coordinator_access).clients.empty());
  EXPECT_TRUE(db.link_workers().empty());
  EXPECT_EQ(db.integrity_check(), "ok");
  // with room, the same folder goes in whole
  auto roomy = st::register_db::open(tmp / "roomy.db");
  const auto summary = st::import_region_folder(roomy, tmp / "region", st::sharing_level::codes_only, coordinator_access);
  EXPECT_EQ(summary.link_workers, roomy.link_workers().size());
  EXPECT_GT(summary.link_workers, 4000U);
}
