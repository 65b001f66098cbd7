// Writes the FHIR export of referrals in every lifecycle state, for the offline validator:
// every-state.json (one Bundle of all) and one Bundle per referral (referral-<name>.json);
// with a second argument, also the export of each sender-style example in that folder
// (sender-<name>.json: imported, then exported with what kulkija keeps).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <set>

#include "../cpp/interop/fhir_fixtures.hpp"
#include "kulkija/interop/fhir.hpp"

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: " << argv[0] << " OUTPUT_DIR [SENDERS_DIR]\n";
    return 2;
  }
  const std::filesystem::path dir(argv[1]);
  std::filesystem::create_directories(dir);
  const auto all = kulkija::testing::fhir::every_state();
  std::set<kulkija::referral_state> states;
  std::vector<kulkija::referral> referrals;
  for (const auto& [name, state, r] : all) {
    if (r.state() != state) {
      std::cerr << name << ": expected state " << kulkija::to_string(state) << ", got " << kulkija::to_string(r.state())
                << "\n";
      return 1;
    }
    states.insert(state);
    referrals.push_back(r);
    std::ofstream(dir / (std::string("referral-") + name + ".json")) << kulkija::to_fhir(r);
  }
  if (states.size() != kulkija::referral_state_count) {
    std::cerr << "the sample covers " << states.size() << " of " << kulkija::referral_state_count << " states\n";
    return 1;
  }
  std::ofstream(dir / "every-state.json") << kulkija::to_fhir_bundle(referrals);
  if (argc == 3) {
    for (const auto& entry : std::filesystem::directory_iterator(argv[2])) {
      if (entry.path().extension() != ".json") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      const auto received = kulkija::from_fhir_bundle(text);
      std::ofstream(dir / ("sender-" + entry.path().filename().string())) << kulkija::to_fhir_bundle(received);
    }
  }
  std::cout << "wrote " << referrals.size() << " referrals in " << states.size() << " states to " << dir.string() << "\n";
  return 0;
}
