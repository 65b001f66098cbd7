#include "kulkija/interop/training_csv.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/interop/link_workers_csv.hpp"

namespace k = kulkija;

namespace {

const std::filesystem::path sample = std::filesystem::path(KULKIJA_SOURCE_DIR) / "examples/data/sample-region";

const char* text =
    "worker,course,completed_on,valid_until,competences\n"
    "LW-1,Linkkityön peruskurssi,2025-09-12,2027-09-11,link_work\n"
    "LW-1,\"Ikäihmisten kohtaaminen, osa 1\",2025-11-03,,older_people;mental_wellbeing\n"
    "LW-2,Grundkurs i länkarbete,2024-05-02,2026-05-01,link_work;swedish_language\n";

std::vector<k::link_worker> two_workers() {
  return {k::link_worker(k::link_worker_id("LW-1"), {k::language("fi")}, k::municipality(272), 5),
          k::link_worker(k::link_worker_id("LW-2"), {k::language("sv")}, k::municipality(272), 5)};
}

}  // namespace

TEST(TrainingCsv, ReadsAttachesAndRoundTrips) {
  const auto rows = k::training_from_csv(text);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[1].worker.str(), "LW-1");
  EXPECT_EQ(rows[1].record.course, "Ikäihmisten kohtaaminen, osa 1");
  EXPECT_EQ(rows[1].record.valid_until, std::nullopt);
  EXPECT_EQ(rows[1].record.competences,
            (std::vector<k::competence>{k::competence::older_people, k::competence::mental_wellbeing}));
  EXPECT_EQ(rows[2].record.valid_until, k::parse_date("2026-05-01"));
  auto workers = two_workers();
  k::add_training(workers, rows);
  EXPECT_EQ(workers[0].training().size(), 2U);
  EXPECT_EQ(workers[1].training().size(), 1U);
  EXPECT_EQ(k::training_to_csv(workers), text);
  EXPECT_EQ(k::training_from_csv(k::training_to_csv(workers), "", workers), rows);
}

TEST(TrainingCsv, ErrorsNameTheRowAndTheColumn) {
  KULKIJA_EXPECT_THROW_MSG((void)k::training_from_csv("worker,course,completed_on\n"), k::parse_error,
                           "missing column 'competences'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,Kurssi,2026-13-01,link_work\n", "t.csv"),
      k::parse_error, "at t.csv: 2:3: column 'completed_on'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,Kurssi,2026-01-01,link_work;juggling\n"),
      k::parse_error, "[kulkija.parse_error.105] 2:4: column 'competences': unknown competence 'juggling'");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,valid_until,competences\nLW-1,Kurssi,2026-01-01,2025-01-01,link_work\n"),
      k::parse_error, "2:4: column 'valid_until': valid_until: must not be before completed_on (2026-01-01)");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,,2026-01-01,link_work\n"),
      k::parse_error, "2:2: column 'course': course: must name the course");
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,Kurssi,2026-01-01,\n"),
      k::parse_error, "column 'competences': competences: must name at least one competence");
  const auto workers = two_workers();
  KULKIJA_EXPECT_THROW_MSG(
      (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,K,2026-01-01,link_work\nLW-9,K,2026-01-01,link_work\n",
                                 "t.csv", workers),
      k::parse_error, "at t.csv: 3:1: column 'worker': worker: no link worker 'LW-9' is known");
  try {
    (void)k::training_from_csv("worker,course,completed_on,competences\nLW-1,Sisko 131052-308T,2026-01-01,link_work\n");
    ADD_FAILURE() << "expected a parse_error";
  } catch (const k::parse_error& e) {
    EXPECT_EQ(e.id(), k::error_id::personal_data);
    EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos);
  }
}

TEST(TrainingCsv, AddTrainingIsAllOrNothing) {
  auto workers = two_workers();
  const auto before = workers;
  std::vector<k::worker_training> rows = k::training_from_csv(text);
  rows.push_back({k::link_worker_id("LW-9"), rows[0].record});
  KULKIJA_EXPECT_THROW_MSG(k::add_training(workers, rows), k::not_found, "'LW-9'");
  EXPECT_EQ(workers, before);
}

TEST(TrainingCsv, SampleRegionTrainingBelongsToItsWorkers) {
  auto workers = k::read_link_workers_csv(sample / "link_workers.csv");
  const auto rows = k::read_training_csv(sample / "training.csv", workers);
  EXPECT_GE(rows.size(), workers.size());
  k::add_training(workers, rows);
  for (const auto& w : workers) EXPECT_FALSE(w.training().empty()) << w.id().str();
}

TEST(TrainingCsv, CheckCollectsEveryRowsError) {
  const std::string text =
      "worker,course,completed_on,valid_until,competences\n"
      "LW-1,K,2025-09-12,,link_work\n"
      "LW-1,K,2026-02-30,,link_work\n"
      "LW-2,K,2026-02-01,2026-01-01,link_work\n"
      "LW-1,K,2026-02-01,,juggling\n"
      "LW-1,L,2026-02-01,,older_people\n";
  const auto checked = k::check_training_csv(text, "t.csv");
  ASSERT_EQ(checked.rows.size(), 2U);
  EXPECT_EQ(checked.rows[1].record.course, "L");
  const auto& errors = checked.diagnostics.errors;
  ASSERT_EQ(errors.size(), 3U);
  EXPECT_EQ(errors[0].line(), 3U);
  EXPECT_EQ(errors[0].column(), 3U);
  EXPECT_EQ(errors[1].line(), 4U);
  EXPECT_EQ(errors[1].id(), k::error_id::invalid_date);
  EXPECT_EQ(errors[2].line(), 5U);
  EXPECT_NE(std::string(errors[2].what()).find("juggling"), std::string::npos);
  // the first error is the one the throwing reader throws
  try {
    (void)k::training_from_csv(text, "t.csv");
    ADD_FAILURE() << "expected a parse_error";
  } catch (const k::parse_error& e) {
    EXPECT_STREQ(e.what(), errors[0].what());
  }
  // with known workers, a row of another worker is an error of its own
  const k::link_worker lw1(k::link_worker_id("LW-1"), {k::language("fi")}, k::municipality(272), 5);
  const std::vector<k::link_worker> known{lw1};
  const auto with_known = k::check_training_csv(text, "t.csv", known);
  ASSERT_EQ(with_known.diagnostics.errors.size(), 3U);
  EXPECT_NE(std::string(with_known.diagnostics.errors[1].what()).find("no link worker 'LW-2' is known"),
            std::string::npos);
}
