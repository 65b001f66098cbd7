#include "kulkija/interop/fhir.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "../test_support.hpp"
#include "fhir_fixtures.hpp"

namespace {

using namespace kulkija;
using namespace kulkija::testing::fhir;
using json = nlohmann::json;

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const json* entry_of(const json& bundle, std::string_view type, std::size_t nth = 0) {
  for (const auto& e : bundle.at("entry")) {
    if (e.at("resource").at("resourceType") == type && nth-- == 0) return &e.at("resource");
  }
  return nullptr;
}

// The error a function throws, for checks of id, path and message together.
template <class F>
parse_error error_of(F&& f) {
  try {
    f();
  } catch (const parse_error& e) {
    return e;
  }
  ADD_FAILURE() << "expected a parse_error";
  return parse_error(error_id::parse_syntax, "none");
}

// ------------------------------------------------------------------ the status mapping

TEST(FhirStatus, MapsEveryStateAsDocumented) {
  const std::pair<referral_state, fhir_status> expected[] = {
      {referral_state::draft, {"draft", "draft"}},
      {referral_state::requested, {"requested", "active"}},
      {referral_state::accepted, {"accepted", "active"}},
      {referral_state::rejected, {"rejected", "revoked"}},
      {referral_state::assigned, {"ready", "active"}},
      {referral_state::in_progress, {"in-progress", "active"}},
      {referral_state::on_hold, {"on-hold", "on-hold"}},
      {referral_state::completed, {"completed", "completed"}},
      {referral_state::discontinued, {"failed", "revoked"}},
      {referral_state::cancelled, {"cancelled", "revoked"}},
      {referral_state::entered_in_error, {"entered-in-error", "entered-in-error"}},
  };
  ASSERT_EQ(std::size(expected), referral_state_count);
  std::set<std::string_view> task_codes;
  for (const auto& [state, status] : expected) {
    EXPECT_EQ(fhir_status_of(state), status) << to_string(state);
    task_codes.insert(fhir_status_of(state).task);
  }
  EXPECT_EQ(task_codes.size(), referral_state_count) << "the Task status must tell every state apart";
}

TEST(FhirStatus, AgreesWithTheLifecycleGuide) {
  // docs/lifecycle.md documents the Task status of every state in its table
  const std::string guide = read_file(std::filesystem::path(KULKIJA_SOURCE_DIR) / "docs" / "lifecycle.md");
  for (std::size_t i = 0; i < referral_state_count; ++i) {
    const auto s = static_cast<referral_state>(i);
    const std::string row = "| `" + std::string(to_string(s)) + "` | " + std::string(fhir_status_of(s).task) + " |";
    EXPECT_NE(guide.find(row), std::string::npos) << row;
  }
}

// ------------------------------------------------------------------ round trips

TEST(FhirRoundTrip, EveryStateGivesAnEqualReferral) {
  for (const auto& [name, state, r] : every_state()) {
    SCOPED_TRACE(name);
    ASSERT_EQ(r.state(), state);
    const std::string text = to_fhir(r);
    const referral back = from_fhir(text);
    EXPECT_EQ(back, r);
    EXPECT_EQ(back.history(), r.history());
    EXPECT_EQ(back.subject(), r.subject());
    EXPECT_EQ(to_fhir(back), text);
  }
}

TEST(FhirRoundTrip, BundleOfManyKeepsOrderAndEquality) {
  const auto referrals = every_state_referrals();
  const std::string text = to_fhir_bundle(referrals);
  EXPECT_EQ(from_fhir_bundle(text), referrals);
  const std::string compact = to_fhir_bundle(referrals, -1);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  EXPECT_EQ(from_fhir_bundle(compact), referrals);
}

TEST(FhirRoundTrip, EmptyBundleHoldsNoReferral) {
  const std::string text = to_fhir_bundle(std::span<const referral>{});
  EXPECT_EQ(json::parse(text).at("entry").size(), 0U);
  const auto e = error_of([&] { (void)from_fhir_bundle(text); });
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), "$.entry");
}

TEST(FhirRoundTrip, ExportIsDeterministicAndIdsDiffer) {
  const auto referrals = every_state_referrals();
  EXPECT_EQ(to_fhir_bundle(referrals), to_fhir_bundle(referrals));
  const json bundle = json::parse(to_fhir_bundle(referrals));
  std::set<std::string> urls;
  for (const auto& e : bundle.at("entry")) {
    const std::string url = e.at("fullUrl");
    EXPECT_TRUE(url.starts_with("urn:uuid:")) << url;
    EXPECT_EQ(url.substr(9), e.at("resource").at("id"));
    EXPECT_EQ(url.size(), 9U + 36U);
    EXPECT_EQ(url[9 + 14], '8') << "version 8 (name-based, custom) UUID";
    EXPECT_TRUE(urls.insert(url).second) << "duplicate fullUrl " << url;
  }
}

TEST(FhirRoundTrip, DuplicateReferralIdsAreRejected) {
  const auto r = every_state().at(1).value;
  const std::vector<referral> twice{r, r};
  KULKIJA_EXPECT_THROW_MSG((void)to_fhir_bundle(twice), invalid_argument,
                           "[kulkija.invalid_argument.202] referrals: referral id 'R-requested' appears twice");
}

TEST(FhirRoundTrip, ReferenceFormsOfOtherSystemsResolve) {
  // Another system's export: relative `Type/id` references, resource ids and no fullUrl.
  const referral r = every_state().at(5).value;  // in progress, with reassignment
  json bundle = json::parse(to_fhir(r));
  std::map<std::string, std::string> renamed;
  int n = 0;
  for (auto& e : bundle.at("entry")) {
    auto& res = e.at("resource");
    const std::string id = "x" + std::to_string(++n);
    renamed[e.at("fullUrl")] = std::string(res.at("resourceType")) + "/" + id;
    res["id"] = id;
    e.erase("fullUrl");
  }
  std::string text = bundle.dump();
  for (const auto& [from, to] : renamed) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos)) text.replace(pos, from.size(), to);
  }
  EXPECT_EQ(from_fhir(text), r);
  EXPECT_TRUE(from_fhir(text).kept().empty());
}

TEST(FhirRoundTrip, ATaskWithContainedResourcesImports) {
  const referral r = every_state().at(7).value;  // completed
  const json bundle = json::parse(to_fhir(r));
  json task;
  json contained = json::array();
  std::map<std::string, std::string> local;
  for (const auto& e : bundle.at("entry")) {
    const auto& res = e.at("resource");
    if (res.at("resourceType") == "Task") {
      task = res;
    } else {
      contained.push_back(res);
    }
    local[e.at("fullUrl")] = "#" + std::string(res.at("id"));
  }
  task["contained"] = contained;
  std::string text = task.dump();
  for (const auto& [from, to] : local) {
    for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos)) text.replace(pos, from.size(), to);
  }
  EXPECT_EQ(from_fhir(text), r);
  EXPECT_TRUE(from_fhir(text).kept().empty());
}

// ------------------------------------------------------------------ what the export says

TEST(FhirExport, ServiceRequestAndTaskFollowTheClosedLoopPattern) {
  const referral r = every_state().at(4).value;  // assigned to LW-7
  const json bundle = json::parse(to_fhir(r));
  EXPECT_EQ(bundle.at("resourceType"), "Bundle");
  EXPECT_EQ(bundle.at("type"), "collection");
  const json& sr = *entry_of(bundle, "ServiceRequest");
  const json& task = *entry_of(bundle, "Task");
  const json& patient = *entry_of(bundle, "Patient");
  EXPECT_EQ(sr.at("status"), "active");
  EXPECT_EQ(sr.at("intent"), "order");
  EXPECT_EQ(sr.at("code").at("coding")[0].at("system"), "http://snomed.info/sct");
  EXPECT_EQ(sr.at("code").at("coding")[0].at("code"), "871731000000106");
  EXPECT_EQ(sr.at("reasonCode").size(), 2U);
  EXPECT_EQ(sr.at("reasonCode")[0].at("coding")[0].at("code"), "loneliness");
  EXPECT_EQ(sr.at("authoredOn"), "2026-01-05T10:00:00Z");
  EXPECT_EQ(sr.at("note")[0].at("text"), "toivoo ryhmätoimintaa");
  EXPECT_EQ(sr.at("subject").at("reference"), "urn:uuid:" + std::string(patient.at("id")));
  EXPECT_EQ(task.at("status"), "ready");
  EXPECT_EQ(task.at("intent"), "order");
  EXPECT_EQ(task.at("focus").at("reference"), "urn:uuid:" + std::string(sr.at("id")));
  EXPECT_EQ(task.at("for"), sr.at("subject"));
  EXPECT_EQ(task.at("owner").at("identifier").at("value"), "LW-7");
  EXPECT_EQ(task.at("relevantHistory").size(), 3U);
  EXPECT_FALSE(task.contains("statusReason"));
  EXPECT_FALSE(task.contains("output"));
  EXPECT_EQ(entry_of(bundle, "Provenance", 2)->at("activity").at("coding")[0].at("code"), "assign");
  EXPECT_EQ(entry_of(bundle, "Consent")->at("dateTime"), "2026-01-05T09:00:00Z");
}

TEST(FhirExport, PatientIsPseudonymous) {
  const referral r = every_state().at(1).value;  // rich client
  const json patient = *entry_of(json::parse(to_fhir(r)), "Patient");
  for (const char* key : {"name", "telecom", "address", "photo", "contact", "gender"}) {
    EXPECT_FALSE(patient.contains(key)) << key;
  }
  EXPECT_EQ(patient.at("meta").at("security")[0].at("code"), "PSEUDED");
  EXPECT_EQ(patient.at("identifier")[0].at("value"), "C-2");
  EXPECT_EQ(patient.at("birthDate"), "1948-02-29");
  EXPECT_EQ(patient.at("communication")[0].at("language").at("coding")[0].at("code"), "sv");
  EXPECT_EQ(patient.at("communication")[0].at("preferred"), true);
  EXPECT_EQ(patient.at("communication")[2].at("language").at("coding")[0].at("code"), "smn");
  EXPECT_EQ(patient.at("extension")[0].at("valueCoding").at("code"), "272");
  const json plain = *entry_of(json::parse(to_fhir(every_state().at(0).value)), "Patient");
  EXPECT_EQ(plain.at("birthDate"), "1960");
  EXPECT_EQ(plain.at("extension")[0].at("valueCoding").at("code"), "005");
}

TEST(FhirExport, ClosedStatesCarryTheirReason) {
  const auto all = every_state();
  const auto task_of = [](const referral& r) { return *entry_of(json::parse(to_fhir(r)), "Task"); };
  const json rejected = task_of(all.at(3).value);
  EXPECT_EQ(rejected.at("status"), "rejected");
  const auto& codings = rejected.at("statusReason").at("coding");
  ASSERT_EQ(codings.size(), 2U);
  EXPECT_EQ(codings[0].at("code"), "client_declined");
  EXPECT_EQ(codings[1].at("system"), "http://snomed.info/sct");
  EXPECT_EQ(codings[1].at("code"), "871711000000103");  // social prescribing declined
  EXPECT_EQ(task_of(all.at(6).value).at("statusReason").at("coding")[0].at("code"), "client_away");
  const json discontinued = task_of(all.at(9).value);
  EXPECT_EQ(discontinued.at("status"), "failed");
  EXPECT_EQ(discontinued.at("statusReason").at("coding")[0].at("code"), "no_contact");
  EXPECT_EQ(discontinued.at("statusReason").at("coding").size(), 1U);
  EXPECT_EQ(task_of(all.at(10).value).at("statusReason").at("coding")[1].at("code"), "871711000000103");
  const json completed = task_of(all.at(7).value);
  EXPECT_EQ(completed.at("output")[0].at("valueCodeableConcept").at("coding")[1].at("code"), "goals_reached");
  EXPECT_EQ(completed.at("lastModified"), "2026-05-01T10:00:00.000123Z");
  EXPECT_EQ(completed.at("executionPeriod").at("start"), "2026-01-09T14:30:00Z");
  EXPECT_FALSE(completed.contains("statusReason"));
}

TEST(FhirExport, DraftHasNoHistoryNorConsent) {
  const json bundle = json::parse(to_fhir(every_state().at(0).value));
  EXPECT_EQ(bundle.at("entry").size(), 4U);  // ServiceRequest, Task, Patient, PractitionerRole
  const json& task = *entry_of(bundle, "Task");
  EXPECT_EQ(task.at("status"), "draft");
  EXPECT_FALSE(task.contains("relevantHistory"));
  EXPECT_FALSE(task.contains("owner"));
  EXPECT_FALSE(entry_of(bundle, "ServiceRequest")->contains("authoredOn"));
}

// ------------------------------------------------------------------ rejected input

class FhirImport : public ::testing::Test {
 protected:
  void SetUp() override { bundle = json::parse(to_fhir(every_state().at(7).value)); }  // completed
  json& resource(std::string_view type, std::size_t nth = 0) {
    std::size_t index = 0;
    for (auto& e : bundle.at("entry")) {
      if (e.at("resource").at("resourceType") == type && nth-- == 0) {
        path = "$.entry[" + std::to_string(index) + "].resource";
        return e.at("resource");
      }
      ++index;
    }
    throw std::logic_error("no such resource");
  }
  parse_error import_error() {
    return error_of([&] { (void)from_fhir(bundle.dump()); });
  }
  json bundle;
  std::string path;
};

TEST_F(FhirImport, NotJsonNamesLineAndColumn) {
  const auto e = error_of([] { (void)from_fhir("{\n  \"resourceType\": \"Bundle\",\n  \"entry\": [,]\n}"); });
  EXPECT_EQ(e.id(), error_id::parse_syntax);
  EXPECT_EQ(e.line(), 3U);
  EXPECT_EQ(e.column(), 13U);
  EXPECT_NE(std::string(e.what()).find("not valid JSON"), std::string::npos) << e.what();
}

TEST_F(FhirImport, IdentityCodeInBrokenJsonIsNotEchoed) {
  const auto e = error_of([] { (void)from_fhir("{\"id\": 131052-308T}"); });
  EXPECT_EQ(e.id(), error_id::parse_syntax);
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
}

TEST_F(FhirImport, OtherResourceTypesAreUnsupported) {
  const auto e = error_of([] { (void)from_fhir(R"({"resourceType": "Observation"})"); });
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), "$.resourceType");
  const auto not_object = error_of([] { (void)from_fhir("[1, 2]"); });
  EXPECT_EQ(not_object.id(), error_id::parse_structure);
  EXPECT_EQ(not_object.path(), "$");
}

TEST_F(FhirImport, UnknownTaskStatus) {
  resource("Task")["status"] = "assigned";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_enum);
  EXPECT_EQ(e.path(), path + ".status");
  EXPECT_NE(std::string(e.what()).find("unknown Task status 'assigned'; expected one of: draft, requested"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirImport, ReceivedIsStillRequested) {
  // kulkija's own history reaches 'completed': a Task status 'received' disagrees with it
  resource("Task")["status"] = "received";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".status");
  EXPECT_NE(std::string(e.what()).find("status 'received' disagrees with the state 'completed'"), std::string::npos)
      << e.what();
}

TEST_F(FhirImport, UnknownServiceRequestStatus) {
  resource("ServiceRequest")["status"] = "closed";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_enum);
  EXPECT_EQ(e.path(), path + ".status");
}

TEST_F(FhirImport, StatusThatDisagreesWithTheHistory) {
  resource("Task")["status"] = "in-progress";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".status");
  EXPECT_NE(std::string(e.what()).find("disagrees with the state 'completed' reached by replaying its relevantHistory (5 entries)"),
            std::string::npos)
      << e.what();
  SetUp();
  resource("ServiceRequest")["status"] = "active";
  const auto sr = import_error();
  EXPECT_EQ(sr.path(), path + ".status");
}

TEST_F(FhirImport, MissingSubject) {
  resource("ServiceRequest").erase("subject");
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".subject");
  EXPECT_NE(std::string(e.what()).find("is required: the client as a reference to a pseudonymous Patient"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirImport, SubjectThatResolvesToNothing) {
  resource("ServiceRequest")["subject"]["reference"] = "Patient/elsewhere";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".subject.reference");
  EXPECT_NE(std::string(e.what()).find("reference 'Patient/elsewhere' does not resolve to an entry of the Bundle"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirImport, SubjectOfAnotherType) {
  resource("ServiceRequest")["subject"]["reference"] = "Group/g1";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), path + ".subject.reference");
  EXPECT_NE(std::string(e.what()).find("must refer to a Patient"), std::string::npos) << e.what();
}

TEST_F(FhirImport, SubjectWithOnlyADisplay) {
  resource("ServiceRequest")["subject"] = json{{"display", "Jane Doe"}};
  const auto e = import_error();
  EXPECT_EQ(e.path(), path + ".subject.reference");
  EXPECT_EQ(std::string(e.what()).find("Jane"), std::string::npos) << e.what();
}

TEST_F(FhirImport, PatientWithANameIsPersonalData) {
  resource("Patient")["name"] = json::array({json{{"family", "Virtanen"}}});
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::personal_data);
  EXPECT_EQ(e.path(), path + ".name");
  EXPECT_EQ(std::string(e.what()).find("Virtanen"), std::string::npos) << e.what();
}

TEST_F(FhirImport, IdentityCodeIsNeverImportedNorShown) {
  resource("Patient")["identifier"].push_back(json{{"system", "urn:oid:1.2.246.21"}, {"value", "131052-308T"}});
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::personal_data);
  EXPECT_EQ(e.path(), path + ".identifier[1]");
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  SetUp();
  resource("Patient")["identifier"][0]["value"] = "131052-308T";  // as a pseudonym
  const auto as_pseudonym = import_error();
  EXPECT_EQ(as_pseudonym.id(), error_id::personal_data);
  EXPECT_EQ(std::string(as_pseudonym.what()).find("131052"), std::string::npos) << as_pseudonym.what();
  SetUp();
  resource("Provenance", 0)["extension"][0]["valueString"] = "hetu 131052-308T";
  const auto in_note = import_error();
  EXPECT_EQ(in_note.id(), error_id::personal_data);
  EXPECT_EQ(in_note.path(), path);
  EXPECT_EQ(std::string(in_note.what()).find("131052"), std::string::npos) << in_note.what();
}

TEST_F(FhirImport, MissingClientData) {
  resource("Patient").erase("birthDate");
  auto e = import_error();
  EXPECT_EQ(e.path(), path + ".birthDate");
  EXPECT_NE(std::string(e.what()).find("kulkija needs the client's birth year"), std::string::npos) << e.what();
  SetUp();
  resource("Patient")["extension"].erase(0);
  e = import_error();
  EXPECT_EQ(e.path(), path + ".extension");
  EXPECT_NE(std::string(e.what()).find("the home municipality"), std::string::npos) << e.what();
  SetUp();
  resource("Patient")["extension"][0]["valueCoding"]["code"] = "999";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::invalid_municipality);
  EXPECT_EQ(e.path(), path + ".extension[0].valueCoding.code");
  SetUp();
  resource("Patient")["communication"][0]["language"]["coding"][0]["code"] = "xx";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::invalid_language);
  EXPECT_EQ(e.path(), path + ".communication[0].language.coding[0].code");
  SetUp();
  resource("Patient")["birthDate"] = "1948-13";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_date);
  EXPECT_EQ(e.path(), path + ".birthDate");
  SetUp();
  resource("Patient")["birthDate"] = "1948-02";  // year and month: the year is kept
  EXPECT_EQ(from_fhir(bundle.dump()).subject().birth_year(), 1948);
  EXPECT_FALSE(from_fhir(bundle.dump()).subject().birth_date().has_value());
  SetUp();
  resource("Patient")["birthDate"] = 1948;
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_NE(std::string(e.what()).find("must be a string, got number"), std::string::npos) << e.what();
}

TEST_F(FhirImport, BcpLanguageTagsAndPreferredOrder) {
  auto& comm = resource("Patient")["communication"];
  comm[0]["language"]["coding"][0]["code"] = "sv-FI";
  comm[0]["preferred"] = false;
  comm[1]["preferred"] = true;
  const referral r = from_fhir(bundle.dump());
  // the second entry was marked preferred; the region subtag is dropped
  const std::vector<language> expected{language{"fi"}, language{"sv"}, language{"smn"}};
  EXPECT_EQ(r.subject().languages(), expected);
}

TEST_F(FhirImport, HistoryTheLifecycleForbids) {
  // without the first contact (Provenance 3), completion is not allowed from 'assigned'
  resource("Task")["relevantHistory"].erase(3);
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::transition_not_allowed);
  resource("Provenance", 4);
  EXPECT_EQ(e.path(), path);
  EXPECT_NE(std::string(e.what()).find("'complete' from state 'assigned': not allowed from this state"),
            std::string::npos)
      << e.what();
  // without the Consent, issuing lacks its guard
  SetUp();
  resource("ServiceRequest").erase("supportingInfo");
  e = import_error();
  EXPECT_EQ(e.id(), error_id::transition_guard);
  resource("Provenance", 0);
  EXPECT_EQ(e.path(), path);
  EXPECT_NE(std::string(e.what()).find("consent must be recorded"), std::string::npos) << e.what();
  // a role the table does not allow
  SetUp();
  resource("Provenance", 1)["agent"][0]["role"][0]["coding"][0]["code"] = "client";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::transition_role);
  EXPECT_EQ(e.path(), path);
}

TEST_F(FhirImport, HistoryEntryWithoutKnownEvent) {
  resource("Provenance", 1)["activity"]["coding"][0]["code"] = "approve";
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_enum);
  EXPECT_EQ(e.path(), path + ".activity");
  SetUp();
  resource("Provenance", 1)["activity"]["coding"][0]["system"] = "http://example.org";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), path + ".activity");
  SetUp();
  resource("Provenance", 1)["occurredDateTime"] = "2026-13-01T00:00:00Z";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_timestamp);
  EXPECT_EQ(e.path(), path + ".occurredDateTime");
  SetUp();
  resource("Task")["relevantHistory"][0]["reference"] = "Observation/o1";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), path + ".relevantHistory[0].reference");
}

TEST_F(FhirImport, TaskAndRequestMustPair) {
  // a second copy of the Task: its history is the same Provenances, replayed once
  const referral expected = from_fhir(bundle.dump());
  json task = resource("Task");
  bundle["entry"].push_back(json{{"fullUrl", "urn:uuid:00000000-0000-8000-8000-000000000001"}, {"resource", task}});
  EXPECT_EQ(from_fhir(bundle.dump()), expected);
  SetUp();
  auto& entries = bundle["entry"];
  entries.erase(1);  // the Task
  parse_error e = import_error();
  EXPECT_EQ(e.path(), "$.entry[0].resource");
  EXPECT_NE(std::string(e.what()).find("no Task in the Bundle has this ServiceRequest as its focus"), std::string::npos)
      << e.what();
  SetUp();
  resource("Task")["for"]["reference"] = resource("PractitionerRole")["id"];
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);  // a bare id resolves to nothing
}

TEST_F(FhirImport, FromFhirWantsExactlyOne) {
  const auto referrals = every_state_referrals();
  const auto e = error_of([&] { (void)from_fhir(to_fhir_bundle(referrals)); });
  EXPECT_EQ(e.path(), "$");
  EXPECT_NE(std::string(e.what()).find("expected exactly one referral, found 13"), std::string::npos) << e.what();
}

// ------------------------------------------------------------------ the official HL7 examples

struct official_example {
  const char* file;
  error_id id;
  const char* path;
  const char* fragment;
};

// How GoogleTest prints the parameter (in test lists and failures): the file and the error.
void PrintTo(const official_example& e, std::ostream* out) {
  *out << e.file << " (" << kulkija::to_string(e.id) << " at " << e.path << ")";
}

class FhirOfficialExamples : public ::testing::TestWithParam<official_example> {};

TEST_P(FhirOfficialExamples, AreRejectedWithAClearReason) {
  const auto& example = GetParam();
  const std::string text =
      read_file(std::filesystem::path(KULKIJA_SHARED_DATA_DIR) / "fhir-r4-examples" / example.file);
  ASSERT_FALSE(text.empty()) << example.file;
  const auto e = error_of([&] { (void)from_fhir_bundle(text); });
  EXPECT_EQ(e.id(), example.id) << e.what();
  EXPECT_EQ(e.path(), example.path) << e.what();
  EXPECT_NE(std::string(e.what()).find(example.fragment), std::string::npos) << e.what();
}

INSTANTIATE_TEST_SUITE_P(
    Hl7R4, FhirOfficialExamples,
    ::testing::Values(
        official_example{"ServiceRequest-ambulation.json", error_id::parse_unsupported, "$.code",
                         "not a referral kulkija takes: none of its codings is in the code map (5 referral codes, e.g. "
                         "SNOMED CT 871731000000106 Referral to social prescribing service), got "
                         "'http://snomed.info/sct|62013009'"},
        official_example{"ServiceRequest-benchpress.json", error_id::parse_unsupported, "$.intent",
                         "intent 'plan' is not a referral: a plan only suggests, plans or offers the service"},
        official_example{"ServiceRequest-education.json", error_id::parse_unsupported, "$.code",
                         "got 'http://snomed.info/sct|48023004'"},
        official_example{"ServiceRequest-example.json", error_id::parse_unsupported, "$.code",
                         "got 'http://snomed.info/sct|303653007'"},
        // original-order and instance-order are kinds of order: these fail on their codes
        official_example{"ServiceRequest-lipid.json", error_id::parse_unsupported, "$.code",
                         "got 'http://acme.org/tests|LIPID'"},
        official_example{"ServiceRequest-physiotherapy.json", error_id::parse_unsupported, "$.code",
                         "got 'http://snomed.info/sct|34431008'"},
        official_example{"ServiceRequest-subrequest.json", error_id::parse_unsupported, "$.code",
                         "got 'http://loinc.org|35542-0'"},
        official_example{"Task-example1.json", error_id::parse_structure, "$.focus.reference",
                         "reference 'ServiceRequest/lipid' does not resolve to a resource: a single resource must "
                         "contain what it refers to"},
        // filler-order is a kind of order: these fail on a focus that is only a display text
        official_example{"Task-example2.json", error_id::parse_structure, "$.focus.reference",
                         "is required: the referral the Task fulfils (the reference has only a display text)"},
        official_example{"Task-example3.json", error_id::parse_unsupported, "$.focus.reference",
                         "must refer to a ServiceRequest (the referral the Task fulfils), got a reference to a "
                         "MedicationRequest"},
        official_example{"Task-example4.json", error_id::parse_structure, "$.focus.reference",
                         "(the reference has only a display text)"},
        official_example{"Task-example5.json", error_id::parse_structure, "$.focus.reference",
                         "'ServiceRequest/lipid' does not resolve"},
        official_example{"Task-example6.json", error_id::parse_structure, "$.focus.reference",
                         "'ServiceRequest/lipid' does not resolve"}),
    [](const auto& info) {
      std::string name = info.param.file;
      name = name.substr(0, name.find('.'));
      std::erase(name, '-');
      return name;
    });

TEST(FhirOfficialExamplesDir, EveryFileIsCovered) {
  std::size_t n = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::filesystem::path(KULKIJA_SHARED_DATA_DIR) / "fhir-r4-examples")) {
    if (entry.path().extension() == ".json") ++n;
  }
  EXPECT_EQ(n, 13U) << "a new example file needs its row in FhirOfficialExamples";
}

}  // namespace
