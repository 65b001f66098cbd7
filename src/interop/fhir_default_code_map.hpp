#pragma once
// Internal to src/interop/fhir_codes.cpp: the code map shipped with kulkija
// (kulkija::fhir_code_map::defaults()), compiled in so that every build and every
// `pip install` has it. The FHIR guide (docs/fhir.md) lists the codes and their sources;
// `kulkija.fhir.default_code_map()` and fhir_code_map::to_json() give the text back.

namespace kulkija::detail::fhir {

inline constexpr const char* default_code_map_json = R"json({
  "referral": [
    {"system": "http://snomed.info/sct", "code": "871731000000106",
     "display": "Referral to social prescribing service", "kind": "social_prescribing"},
    {"system": "http://snomed.info/sct", "code": "306238000",
     "display": "Referral to social services", "kind": "social_prescribing"},
    {"system": "http://snomed.info/sct", "code": "31751007",
     "display": "Social service referral of home patient", "kind": "social_prescribing"},
    {"system": "http://snomed.info/sct", "code": "41920009",
     "display": "Patient referral for socioeconomic factors", "kind": "social_prescribing"},
    {"system": "http://snomed.info/sct", "code": "467771000124109",
     "display": "Assistance with application for food pantry program", "kind": "social_prescribing",
     "needs": ["financial_hardship"]}
  ],
  "need": [
    {"system": "http://snomed.info/sct", "code": "422650009", "display": "Social isolation", "need": "loneliness"}
  ],
  "reason": [
    {"system": "http://snomed.info/sct", "code": "871711000000103", "display": "Social prescribing declined",
     "reason": "client_declined"}
  ]
})json";

}  // namespace kulkija::detail::fhir
