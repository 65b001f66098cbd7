#include "kulkija/catalogue/organisation.hpp"

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

TEST(Organisation, HoldsItsFields) {
  const organisation o{organisation_id{"kosti"}, "Kosti ry", organisation_kind::umbrella, municipality{272}, "Kattojärjestö"};
  EXPECT_EQ(o.id().str(), "kosti");
  EXPECT_EQ(o.name(), "Kosti ry");
  EXPECT_EQ(o.kind(), organisation_kind::umbrella);
  EXPECT_EQ(o.home(), municipality{272});
  EXPECT_EQ(o.description(), "Kattojärjestö");
}

TEST(Organisation, KindsRoundTrip) {
  for (int i = 0; i <= static_cast<int>(organisation_kind::other); ++i) {
    const auto k = static_cast<organisation_kind>(i);
    EXPECT_EQ(parse_organisation_kind(to_string(k)), k);
  }
  KULKIJA_EXPECT_THROW_MSG((void)parse_organisation_kind("company"), parse_error, "pensioner");
}

TEST(Organisation, RejectsEmptyNameAndIdentityCodes) {
  KULKIJA_EXPECT_THROW_MSG((organisation{organisation_id{"x"}, "", organisation_kind::other}), invalid_argument,
                           "organisation.name: must not be empty");
  try {
    organisation o{organisation_id{"x"}, "Yhdistys", organisation_kind::other, std::nullopt, "yhteys 131052-308T"};
    FAIL() << "expected invalid_argument";
  } catch (const invalid_argument& e) {
    EXPECT_EQ(e.id(), error_id::personal_data);
    EXPECT_EQ(std::string(e.what()).find("131052-308T"), std::string::npos);
  }
}

}  // namespace
}  // namespace kulkija
