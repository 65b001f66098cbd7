// Receiving referrals from other systems (kulkija/interop/fhir.hpp): sender-style Bundles
// written from the FHIR R4 Task and ServiceRequest definitions, the code map, the Task
// history, the resolver, the pair, and what is kept and written back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "kulkija/interop/fhir.hpp"

namespace {

using namespace kulkija;
using json = nlohmann::json;

std::string sender_text() {
  std::ifstream in(std::filesystem::path(KULKIJA_SOURCE_DIR) / "tests" / "fhir" / "senders" / "closed-loop.json");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

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

class FhirReceive : public ::testing::Test {
 protected:
  void SetUp() override { bundle = json::parse(sender_text()); }
  // the entry of a resource by id, with its path
  json& res(const std::string& id) {
    for (std::size_t i = 0; i < bundle["entry"].size(); ++i) {
      if (bundle["entry"][i]["resource"]["id"] == id) {
        path = "$.entry[" + std::to_string(i) + "].resource";
        return bundle["entry"][i]["resource"];
      }
    }
    throw std::logic_error("no such resource");
  }
  parse_error import_error(fhir_mode mode = fhir_mode::strict) {
    return error_of([&] { (void)read_fhir(bundle.dump(), {mode}); });
  }
  json bundle;
  std::string path;
};

const json& exported(const json& bundle, const std::string& type) {
  for (const auto& e : bundle.at("entry")) {
    if (e.at("resource").at("resourceType") == type) return e.at("resource");
  }
  throw std::logic_error("no such resource");
}

TEST_F(FhirReceive, AClosedLoopBundleImports) {
  const fhir_import got = read_fhir(bundle.dump());
  ASSERT_EQ(got.referrals.size(), 1U);
  EXPECT_TRUE(got.warnings.empty());
  const referral& r = got.referrals.front();
  EXPECT_EQ(r.id().str(), "sr-food-1");
  EXPECT_EQ(r.state(), referral_state::in_progress);
  // the Tasks in lastModified order (the file lists task-3 first): requested, accepted, in-progress
  std::vector<std::string> events;
  for (const auto& h : r.history()) events.emplace_back(to_string(h.event.kind));
  EXPECT_EQ(events, (std::vector<std::string>{"issue", "accept", "assign", "first_contact"}));
  EXPECT_EQ(format_timestamp(r.history()[0].event.at), "2026-02-02T07:00:00Z");  // the ServiceRequest's authoredOn
  EXPECT_EQ(format_timestamp(r.history()[1].event.at), "2026-02-03T10:00:00Z");
  EXPECT_EQ(format_timestamp(r.history()[3].event.at), "2026-02-05T08:00:00Z");
  EXPECT_EQ(r.link_worker(), link_worker_id{"lw-7"});  // the in-progress Task's owner
  EXPECT_EQ(r.history()[0].event.by.id, r.referrer().id().str());
  // needs: 422650009 Social isolation (need map) and the food programme code's own
  EXPECT_EQ(r.needs(), (need_set{need::loneliness, need::financial_hardship}));
  std::set<std::string> kept;
  for (const auto& k : r.kept()) kept.insert(k.resource + "." + k.name);
  EXPECT_EQ(kept, (std::set<std::string>{"ServiceRequest.meta", "ServiceRequest.extension", "ServiceRequest.intent",
                                         "ServiceRequest.category", "ServiceRequest.code", "ServiceRequest.performer",
                                         "ServiceRequest.identifier", "ServiceRequest.reasonCode",
                                         "ServiceRequest.supportingInfo", "ServiceRequest.note", "Task.extension",
                                         "Task.partOf", "Task.code", "Task.note", "Task.identifier"}));
}

// import -> export: the structural diff of ServiceRequest and Task shows only what kulkija
// changed; import again gives an equal referral, and export again the same text
TEST_F(FhirReceive, RoundTripLosesNothingTheSenderWrote) {
  const referral r = from_fhir(bundle.dump());
  const std::string text = to_fhir(r);
  const json out = json::parse(text);
  const json& sr_in = res("sr-food-1");
  const json& sr_out = exported(out, "ServiceRequest");
  // what kulkija changes: its ids and references, its identifier, need codes and Consent
  // reference added, the time in UTC, the narrative dropped and meta's server fields
  const std::set<std::string> changed_sr{"id", "text", "meta", "subject", "requester", "identifier",
                                         "reasonCode", "supportingInfo", "authoredOn"};
  for (const auto& [key, value] : sr_in.items()) {
    if (changed_sr.contains(key)) continue;
    EXPECT_EQ(sr_out.at(key), value) << "ServiceRequest." << key;
  }
  for (const char* key : {"identifier", "reasonCode", "supportingInfo"}) {
    for (const auto& item : sr_in.at(key)) {
      if (item.contains("reference") && item.at("reference") == "Consent/c-1") continue;  // now a urn:uuid
      EXPECT_NE(std::find(sr_out.at(key).begin(), sr_out.at(key).end(), item), sr_out.at(key).end())
          << "ServiceRequest." << key << " lost " << item.dump();
    }
  }
  EXPECT_EQ(sr_out.at("meta").at("profile"), sr_in.at("meta").at("profile"));
  EXPECT_FALSE(sr_out.contains("text"));
  EXPECT_EQ(sr_out.at("authoredOn"), "2026-02-02T07:00:00Z");

  const json& task_in = res("task-3");  // the latest Task
  const json& task_out = exported(out, "Task");
  const std::set<std::string> changed_task{"id", "meta", "identifier", "focus", "for", "requester", "owner",
                                           "authoredOn", "lastModified"};
  for (const auto& [key, value] : task_in.items()) {
    if (changed_task.contains(key)) continue;
    EXPECT_EQ(task_out.at(key), value) << "Task." << key;
  }
  EXPECT_EQ(task_out.at("identifier").at(1), task_in.at("identifier").at(0));
  EXPECT_EQ(task_out.at("owner").at("identifier").at("value"), "lw-7");

  const referral back = from_fhir(text);
  EXPECT_EQ(back, r);
  EXPECT_EQ(to_fhir(back), text);
}

TEST_F(FhirReceive, ReferenceFormsAndBundleTypes) {
  // the Tasks refer to the ServiceRequest relatively, by urn:uuid and by absolute URL; the
  // Bundle type does not matter
  for (const char* type : {"collection", "searchset", "batch", "transaction"}) {
    bundle["type"] = type;
    EXPECT_EQ(from_fhir(bundle.dump()).state(), referral_state::in_progress) << type;
  }
  res("task-3")["focus"]["reference"] = "https://other.example.org/fhir/ServiceRequest/sr-food-1/_history/4";
  EXPECT_EQ(from_fhir(bundle.dump()).state(), referral_state::in_progress);
  res("task-3")["focus"]["reference"] = "ServiceRequest/sr-elsewhere";
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".focus.reference");
  EXPECT_NE(std::string(e.what()).find("reference 'ServiceRequest/sr-elsewhere' does not resolve to an entry of the "
                                       "Bundle; kulkija needs it: the referral the Task fulfils"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirReceive, IntentFollowsTheRequestIntentHierarchy) {
  for (const char* intent : {"order", "original-order", "reflex-order", "filler-order", "instance-order"}) {
    res("sr-food-1")["intent"] = intent;
    res("task-3")["intent"] = intent;
    EXPECT_EQ(from_fhir(bundle.dump()).state(), referral_state::in_progress) << intent;
  }
  SetUp();
  res("sr-food-1")["intent"] = "proposal";
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), path + ".intent");
  EXPECT_NE(std::string(e.what()).find("intent 'proposal' is not a referral: a proposal only suggests, plans or offers "
                                       "the service; a referral is an order (intent 'order' or one of its kinds in "
                                       "FHIR's request-intent hierarchy: original-order, reflex-order, filler-order, "
                                       "instance-order)"),
            std::string::npos)
      << e.what();
  SetUp();
  res("task-1")["intent"] = "plan";
  e = import_error();
  EXPECT_EQ(e.path(), path + ".intent");
  EXPECT_NE(std::string(e.what()).find("intent 'plan' is not a referral"), std::string::npos) << e.what();
  SetUp();
  res("sr-food-1")["intent"] = "command";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_enum);
  EXPECT_NE(std::string(e.what()).find("unknown ServiceRequest intent 'command'; expected one of: proposal, plan"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirReceive, UnknownCodeIsAnErrorInStrictModeAndAWarningInLenient) {
  res("sr-food-1")["code"] = json{{"coding", json::array({json{{"system", "http://snomed.info/sct"}, {"code", "34431008"}}})}};
  const auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), path + ".code");
  const std::string message =
      "not a referral kulkija takes: none of its codings is in the code map (5 referral codes, e.g. SNOMED CT "
      "871731000000106 Referral to social prescribing service), got 'http://snomed.info/sct|34431008'";
  EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();

  const fhir_import lenient = read_fhir(bundle.dump(), {fhir_mode::lenient});
  ASSERT_EQ(lenient.referrals.size(), 1U);
  ASSERT_EQ(lenient.warnings.size(), 1U);
  EXPECT_EQ(lenient.warnings[0], (fhir_warning{error_id::parse_unsupported, path + ".code", message}));
  // the unknown code is kept and written back unchanged
  const json out = json::parse(to_fhir(lenient.referrals[0]));
  EXPECT_EQ(exported(out, "ServiceRequest").at("code"), res("sr-food-1")["code"]);
  // the food programme's implied need is gone with its code
  EXPECT_EQ(lenient.referrals[0].needs(), need_set{need::loneliness});
  // the lenient warnings are dropped by from_fhir
  EXPECT_EQ(from_fhir(bundle.dump(), {fhir_mode::lenient}), lenient.referrals[0]);
}

TEST_F(FhirReceive, EveryDefaultReferralCodeIsTaken) {
  for (const auto& entry : fhir_code_map::defaults().referral_codes()) {
    res("sr-food-1")["code"] =
        json{{"coding", json::array({json{{"system", entry.system}, {"code", entry.code}}})}};
    EXPECT_EQ(from_fhir(bundle.dump()).state(), referral_state::in_progress) << entry.code;
  }
}

TEST_F(FhirReceive, AConfiguredCodeMap) {
  fhir_read_options options;
  options.codes = fhir_code_map::from_json(R"({"referral": [{"system": "http://example.org/codes", "code": "walk",
      "display": "walking group", "kind": "social_prescribing", "needs": ["physical_inactivity"]}]})");
  res("sr-food-1")["code"] = json{{"coding", json::array({json{{"system", "http://example.org/codes"}, {"code", "walk"}}})}};
  const referral r = from_fhir(bundle.dump(), options);
  // 422650009 is not in this map: only the code's own need
  EXPECT_EQ(r.needs(), need_set{need::physical_inactivity});
  EXPECT_EQ(import_error().path(), path + ".code");  // the default map does not know it
}

// One Task of another system, in each status: the state it stands for, exported back as
// fhir_status_of() says (received is still requested: kulkija has no state between issue
// and the coordinator's decision)
TEST_F(FhirReceive, TaskStatusesMapToTheLifecycle) {
  const json declined = json{{"coding", json::array({json{{"system", "http://snomed.info/sct"}, {"code", "871711000000103"}}})}};
  const auto kulkija_reason = [](const char* code) {
    return json{{"coding", json::array({json{{"system", "https://kulkija.github.io/fhir/CodeSystem/reason"}, {"code", code}}})}};
  };
  struct row {
    const char* status;
    referral_state state;
    json reason;
    std::optional<reason_code> expected_reason;
  };
  const std::vector<row> rows{
      {"draft", referral_state::draft, nullptr, std::nullopt},
      {"requested", referral_state::requested, nullptr, std::nullopt},
      {"received", referral_state::requested, nullptr, std::nullopt},
      {"accepted", referral_state::accepted, nullptr, std::nullopt},
      {"rejected", referral_state::rejected, declined, reason_code::client_declined},
      {"ready", referral_state::assigned, nullptr, std::nullopt},
      {"in-progress", referral_state::in_progress, nullptr, std::nullopt},
      {"on-hold", referral_state::on_hold, kulkija_reason("client_ill"), reason_code::client_ill},
      {"completed", referral_state::completed, nullptr, std::nullopt},
      {"failed", referral_state::discontinued, kulkija_reason("no_contact"), reason_code::no_contact},
      {"cancelled", referral_state::cancelled, kulkija_reason("referral_withdrawn"), reason_code::referral_withdrawn},
      {"entered-in-error", referral_state::entered_in_error, nullptr, std::nullopt},
  };
  for (const row& x : rows) {
    SCOPED_TRACE(x.status);
    SetUp();
    auto& entries = bundle["entry"];
    entries.erase(entries.begin() + 5, entries.end());  // only task-3
    res("task-3")["status"] = x.status;
    if (!x.reason.is_null()) res("task-3")["statusReason"] = x.reason;
    res("sr-food-1")["status"] = fhir_status_of(x.state).service_request;
    const referral r = from_fhir(bundle.dump());
    EXPECT_EQ(r.state(), x.state);
    EXPECT_EQ(r.history().empty() ? std::nullopt : r.history().back().event.reason, x.expected_reason);
    const json out = json::parse(to_fhir(r));
    EXPECT_EQ(exported(out, "Task").at("status"), fhir_status_of(x.state).task);
    EXPECT_EQ(from_fhir(out.dump()), r);
  }
}

TEST_F(FhirReceive, AnImpossibleHistoryNamesTheTask) {
  res("task-3")["status"] = "completed";
  res("task-2")["status"] = "in-progress";
  res("task-2")["lastModified"] = "2026-02-06T10:00:00Z";
  res("sr-food-1")["status"] = "active";
  (void)res("task-2");
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::transition_not_allowed);
  EXPECT_EQ(e.path(), path + ".status");
  EXPECT_NE(std::string(e.what()).find("Task status 'in-progress' cannot follow the state 'completed' (Task status "
                                       "'completed') that the earlier Tasks reached"),
            std::string::npos)
      << e.what();
  // the lifecycle's guards hold too: without consent the first Task cannot issue the referral
  SetUp();
  res("sr-food-1")["supportingInfo"].erase(0);
  (void)res("task-1");
  e = import_error();
  EXPECT_EQ(e.id(), error_id::transition_guard);
  EXPECT_EQ(e.path(), path);
  EXPECT_NE(std::string(e.what()).find("consent must be recorded"), std::string::npos) << e.what();
  // several Tasks need their times to be ordered
  SetUp();
  res("task-2").erase("lastModified");
  res("task-2").erase("authoredOn");
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".lastModified");
  EXPECT_NE(std::string(e.what()).find("is required: when the Task reached its status (lastModified or authoredOn), "
                                       "to order the referral's Tasks"),
            std::string::npos)
      << e.what();
  // a link worker is assigned from the owner
  SetUp();
  res("task-3").erase("owner");
  e = import_error();
  EXPECT_EQ(e.path(), path + ".owner");
  EXPECT_NE(std::string(e.what()).find("is required: the link worker: kulkija assigns one when the referral reaches "
                                       "'in_progress' (Task status 'in-progress')"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirReceive, StatusReasonsInStrictAndLenientMode) {
  bundle["entry"].erase(bundle["entry"].begin() + 5, bundle["entry"].end());  // only task-3
  res("task-3")["status"] = "rejected";
  res("sr-food-1")["status"] = "revoked";
  (void)res("task-3");
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".statusReason");
  EXPECT_NE(std::string(e.what()).find("is required: kulkija's lifecycle needs the reason of 'reject'"),
            std::string::npos)
      << e.what();
  fhir_import lenient = read_fhir(bundle.dump(), {fhir_mode::lenient});
  ASSERT_EQ(lenient.warnings.size(), 1U);
  EXPECT_EQ(lenient.warnings[0].path, path + ".statusReason");
  EXPECT_EQ(lenient.referrals[0].history().back().event.reason, reason_code::other);

  res("task-3")["statusReason"] = json{{"text", "asiakas ei halunnut"}};
  e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_NE(std::string(e.what()).find("the reason of 'reject' is not in kulkija's reason system nor in the code map, "
                                       "got only the text 'asiakas ei halunnut'"),
            std::string::npos)
      << e.what();
  lenient = read_fhir(bundle.dump(), {fhir_mode::lenient});
  EXPECT_EQ(lenient.referrals[0].history().back().event.reason, reason_code::other);
  // a reason the lifecycle does not take for the event is refused, naming the Task
  res("task-3")["statusReason"] = json{{"coding", json::array({json{{"system", "https://kulkija.github.io/fhir/CodeSystem/reason"}, {"code", "deceased"}}})}};
  e = import_error(fhir_mode::lenient);
  EXPECT_EQ(e.id(), error_id::transition_reason);
  EXPECT_EQ(e.path(), path);
}

TEST_F(FhirReceive, ServiceRequestStatusThatDisagrees) {
  res("sr-food-1")["status"] = "completed";
  auto e = import_error();
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_EQ(e.path(), path + ".status");
  EXPECT_NE(std::string(e.what()).find("status 'completed' disagrees with the state 'in_progress' that its Tasks "
                                       "reached, whose ServiceRequest status is 'active'"),
            std::string::npos)
      << e.what();
  const fhir_import lenient = read_fhir(bundle.dump(), {fhir_mode::lenient});
  ASSERT_EQ(lenient.warnings.size(), 1U);
  EXPECT_EQ(lenient.referrals[0].state(), referral_state::in_progress);
}

TEST_F(FhirReceive, UuidsAreNotTakenForIdentityCodes) {
  // the last group of this UUID reads as 091226c336f: day 09, month 12, century sign C
  const std::string uuid = "urn:uuid:0f03850d-7df1-8c9b-8003-1091226c336f";
  res("sr-food-1")["performer"][0]["reference"] = uuid;
  res("task-2")["focus"]["reference"] = uuid;
  bundle["entry"][1]["fullUrl"] = uuid;
  const referral r = from_fhir(bundle.dump());
  EXPECT_EQ(r.state(), referral_state::in_progress);
  EXPECT_EQ(json::parse(to_fhir(r)).at("entry").at(0).at("resource").at("performer").at(0).at("reference"), uuid);
}

TEST_F(FhirReceive, KeptElementsNeverHoldAnIdentityCode) {
  res("sr-food-1")["note"][0]["text"] = "hetu 131052-308T";
  auto e = import_error(fhir_mode::lenient);
  EXPECT_EQ(e.id(), error_id::personal_data);
  EXPECT_EQ(e.path(), path + ".note");
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("kulkija keeps what it does not model, but never a personal identity code"),
            std::string::npos)
      << e.what();
  SetUp();
  res("task-3")["extension"][0]["valueString"] = "131052-308T";
  e = import_error();
  EXPECT_EQ(e.path(), path + ".extension");
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
  SetUp();
  res("sr-food-1")["performer"][0]["reference"] = "Patient/131052-308T";
  e = import_error();
  EXPECT_EQ(e.id(), error_id::personal_data);
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
}

// ------------------------------------------------------------------ separate resources

// The resources of the sender's Bundle by reference, as a FHIR server would serve them.
std::map<std::string, std::string> server(const json& bundle) {
  std::map<std::string, std::string> out;
  for (const auto& e : bundle.at("entry")) {
    const auto& r = e.at("resource");
    const std::string key = std::string(r.at("resourceType")) + "/" + std::string(r.at("id"));
    out[key] = r.dump();
    out["https://fhir.example.org/r4/" + key] = r.dump();
  }
  return out;
}

TEST_F(FhirReceive, ATaskAloneWithAResolver) {
  const auto served = server(bundle);
  std::vector<std::string> asked;
  fhir_read_options options;
  options.resolver = [&](const std::string& reference) -> std::optional<std::string> {
    asked.push_back(reference);
    const auto it = served.find(reference);
    if (it == served.end()) return std::nullopt;
    return it->second;
  };
  const std::string task = res("task-3").dump();
  const referral r = from_fhir(task, options);
  EXPECT_EQ(r.state(), referral_state::in_progress);
  EXPECT_EQ(r.history().size(), 4U);
  EXPECT_EQ(r.needs(), (need_set{need::loneliness, need::financial_hardship}));
  EXPECT_NE(std::find(asked.begin(), asked.end(), "https://fhir.example.org/r4/ServiceRequest/sr-food-1"), asked.end());
  // without the resolver: a single resource must contain what it refers to
  auto e = error_of([&] { (void)from_fhir(task); });
  EXPECT_EQ(e.path(), "$.focus.reference");
  EXPECT_NE(std::string(e.what()).find("a single resource must contain what it refers to"), std::string::npos);
  // the resolver knows nothing
  options.resolver = [](const std::string&) { return std::nullopt; };
  e = error_of([&] { (void)from_fhir(task, options); });
  EXPECT_EQ(e.id(), error_id::parse_structure);
  EXPECT_NE(std::string(e.what()).find("does not resolve to a resource: a single resource must contain what it refers "
                                       "to nor through the resolver; kulkija needs it: the referral the Task fulfils"),
            std::string::npos)
      << e.what();
  // the resolver's answer is not JSON, or another resource
  options.resolver = [](const std::string&) { return std::optional<std::string>("{\"resourceType\": "); };
  e = error_of([&] { (void)from_fhir(task, options); });
  EXPECT_EQ(e.id(), error_id::parse_syntax);
  EXPECT_EQ(e.path(), "[https://fhir.example.org/r4/ServiceRequest/sr-food-1]$");
  options.resolver = [](const std::string&) { return std::optional<std::string>(R"({"resourceType": "Observation"})"); };
  e = error_of([&] { (void)from_fhir(task, options); });
  EXPECT_EQ(e.id(), error_id::parse_unsupported);
  EXPECT_EQ(e.path(), "$.focus.reference");
  EXPECT_NE(std::string(e.what()).find("must refer to a ServiceRequest (the referral the Task fulfils), got a Observation"),
            std::string::npos)
      << e.what();
}

TEST_F(FhirReceive, ATaskAndItsServiceRequestGivenSeparately) {
  const auto served = server(bundle);
  fhir_read_options options;
  options.resolver = [&](const std::string& reference) -> std::optional<std::string> {
    const auto it = served.find(reference);
    return it == served.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  json task = res("task-1");
  const json request = res("sr-food-1");
  request.at("id");
  task["status"] = "requested";
  const fhir_import got = read_fhir_pair(task.dump(), request.dump(), options);
  ASSERT_EQ(got.referrals.size(), 1U);
  EXPECT_EQ(got.referrals[0].state(), referral_state::requested);
  EXPECT_EQ(from_fhir_pair(task.dump(), request.dump(), options), got.referrals[0]);
  for (const char* ref : {"urn:uuid:sr-food-1", "https://elsewhere.example.org/ServiceRequest/sr-food-1"}) {
    task["focus"]["reference"] = ref;
    EXPECT_EQ(from_fhir_pair(task.dump(), request.dump(), options).state(), referral_state::requested) << ref;
  }
  // the focus is another ServiceRequest
  task["focus"]["reference"] = "ServiceRequest/sr-other";
  auto e = error_of([&] { (void)from_fhir_pair(task.dump(), request.dump(), options); });
  EXPECT_EQ(e.path(), "$.focus.reference");
  EXPECT_EQ(e.id(), error_id::parse_structure);
  // errors in the ServiceRequest name its own root
  task["focus"]["reference"] = "ServiceRequest/sr-food-1";
  json other = request;
  other["intent"] = "plan";
  e = error_of([&] { (void)from_fhir_pair(task.dump(), other.dump(), options); });
  EXPECT_EQ(e.path(), "[service_request]$.intent");
  e = error_of([&] { (void)from_fhir_pair(request.dump(), task.dump(), options); });
  EXPECT_EQ(e.path(), "$.resourceType");
  EXPECT_NE(std::string(e.what()).find("the first of the pair must be a Task"), std::string::npos);
  e = error_of([&] { (void)from_fhir_pair(task.dump(), "{", options); });
  EXPECT_EQ(e.id(), error_id::parse_syntax);
  EXPECT_EQ(e.path(), "[service_request]$");
}

// ------------------------------------------------------------------ the code map

TEST(FhirCodeMap, DefaultsAndTheirText) {
  const fhir_code_map& map = fhir_code_map::defaults();
  ASSERT_NE(map.find_referral("http://snomed.info/sct", "871731000000106"), nullptr);
  EXPECT_EQ(map.find_referral("http://snomed.info/sct", "871731000000106")->display,
            "Referral to social prescribing service");
  EXPECT_EQ(map.find_referral("http://loinc.org", "871731000000106"), nullptr);
  EXPECT_EQ(map.find_need("http://snomed.info/sct", "422650009"), need::loneliness);
  EXPECT_EQ(map.find_need("https://kulkija.github.io/fhir/CodeSystem/need", "bereavement"), need::bereavement);
  EXPECT_EQ(map.find_reason("http://snomed.info/sct", "871711000000103"), reason_code::client_declined);
  EXPECT_EQ(map.find_reason("https://kulkija.github.io/fhir/CodeSystem/reason", "moved_away"), reason_code::moved_away);
  EXPECT_EQ(map.find_reason("https://kulkija.github.io/fhir/CodeSystem/reason", "nope"), std::nullopt);
  EXPECT_EQ(fhir_code_map::from_json(map.to_json()), map);
  EXPECT_EQ(fhir_code_map::from_json(map.to_json(-1)), map);
  EXPECT_EQ(fhir_code_map::from_json("{}"), fhir_code_map{});
}

TEST(FhirCodeMap, BadMapsNameThePathAndRule) {
  const auto check = [](const char* text, error_id id, const char* where, const char* fragment) {
    SCOPED_TRACE(text);
    const auto e = error_of([&] { (void)fhir_code_map::from_json(text); });
    EXPECT_EQ(e.id(), id);
    EXPECT_EQ(e.path(), where);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  };
  check(R"({"referrals": []})", error_id::parse_syntax, "$.referrals",
        "unknown member 'referrals'; expected one of: referral, need, reason");
  check(R"({"referral": {}})", error_id::parse_syntax, "$.referral", "must be an array, got object");
  check(R"({"referral": [{"system": "s", "code": "c", "kind": "housing"}]})", error_id::parse_enum,
        "$.referral[0].kind", "unknown kind 'housing'; expected one of: social_prescribing");
  check(R"({"referral": [{"system": "s", "code": "c"}]})", error_id::parse_syntax, "$.referral[0].kind", "is required");
  check(R"({"referral": [{"system": "s", "code": 5, "kind": "social_prescribing"}]})", error_id::parse_syntax,
        "$.referral[0].code", "must be a string, got number");
  check(R"({"need": [{"system": "s", "code": "c", "need": "hunger"}]})", error_id::parse_enum, "$.need[0].need",
        "hunger");
  check(R"({"reason": [{"system": "s", "code": "c", "reason": "x"}]})", error_id::parse_enum, "$.reason[0].reason",
        "'x'");
  check(R"({"need": [{"system": "s", "code": "c", "need": "loneliness"}, {"system": "s", "code": "c", "need": "bereavement"}]})",
        error_id::parse_syntax, "$.need[1].code", "the code 's|c' is listed twice");
  check(R"({"referral": [{"system": "s", "code": "c", "kind": "social_prescribing", "needs": ["x"]}]})",
        error_id::parse_enum, "$.referral[0].needs[0]", "'x'");
  const auto e = error_of([] {
    (void)fhir_code_map::from_json(R"({"need": [{"system": "s", "code": "131052-308T", "need": "loneliness"}]})");
  });
  EXPECT_EQ(e.id(), error_id::personal_data);
  EXPECT_EQ(std::string(e.what()).find("131052"), std::string::npos) << e.what();
}

}  // namespace
