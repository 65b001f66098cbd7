#include "kulkija/catalogue/catalogue.hpp"

#include "../test_support.hpp"
#include "fixtures.hpp"
#include "kulkija/core/error.hpp"

namespace kulkija {
namespace {

using testing::choir_spec;
using testing::sample_catalogue;

TEST(FoldText, LowerCasesAndKeepsNordicLettersDistinct) {
  EXPECT_EQ(fold_text("HÄMEENLINNA"), "hämeenlinna");
  EXPECT_EQ(fold_text("Åbo Öja"), "åbo öja");
  EXPECT_NE(fold_text("Hämeenlinna"), fold_text("Hameenlinna"));
  EXPECT_NE(fold_text("Åbo"), fold_text("Abo"));
}

TEST(FoldText, NordicOptionFoldsThemToo) {
  const fold_options nordic{true};
  EXPECT_EQ(fold_text("Hämeenlinna", nordic), "hameenlinna");
  EXPECT_EQ(fold_text("Hameenlinna", nordic), "hameenlinna");
  EXPECT_EQ(fold_text("ÅÄÖ øæ", nordic), "aao oa");
}

TEST(FoldText, OtherAccentsFoldAsFinnishCollationDoes) {
  EXPECT_EQ(fold_text("Café Ümlaut ŠAKKI Žurnaali"), "cafe ymlaut sakki zurnaali");
  EXPECT_EQ(fold_text("Straße"), "strasse");
  EXPECT_EQ(fold_text("Øresund Æble"), "öresund äble");
  EXPECT_EQ(fold_text("ПРИВЕТ"), "привет");
}

TEST(FoldText, ComposesDecomposedLetters) {
  const std::string nfd_a = "Ha\xCC\x88meenlinna";   // a + U+0308
  const std::string nfd_ring = "A\xCC\x8A" "bo";     // A + U+030A
  EXPECT_EQ(fold_text(nfd_a), "hämeenlinna");
  EXPECT_EQ(fold_text(nfd_ring), "åbo");
  EXPECT_EQ(fold_text("e\xCC\x81"), "e");  // e + acute
  EXPECT_EQ(fold_text(nfd_a, fold_options{true}), "hameenlinna");
}

TEST(FoldText, InvalidUtf8BecomesReplacementCharacter) {
  EXPECT_EQ(fold_text("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
}

TEST(Catalogue, AddAndFind) {
  const catalogue c = sample_catalogue();
  EXPECT_EQ(c.organisations().size(), 1U);
  EXPECT_EQ(c.activities().size(), 1U);
  EXPECT_EQ(c.find(activity_id{"A-choir"}).name_in(text_language::en), "Singing circle");
  EXPECT_EQ(c.find(organisation_id{"O-seniors"}).kind(), organisation_kind::pensioner);
  EXPECT_THROW((void)c.find(activity_id{"nope"}), not_found);
}

TEST(Catalogue, RejectsDuplicatesAndOrphansAndStaysUnchanged) {
  catalogue c = sample_catalogue();
  const catalogue before = c;
  KULKIJA_EXPECT_THROW_MSG(c.add(activity{choir_spec()}), invalid_argument, "activity_id");
  auto orphan = choir_spec("A-2");
  orphan.organisation = organisation_id{"O-missing"};
  KULKIJA_EXPECT_THROW_MSG(c.add(activity{orphan}), not_found, "O-missing");
  KULKIJA_EXPECT_THROW_MSG(c.add(organisation(organisation_id{"O-seniors"}, "X", organisation_kind::other)),
                           invalid_argument, "organisation_id");
  EXPECT_EQ(c, before);
}

TEST(Catalogue, SearchFoldsCaseAndAccentsButNotNordicLettersByDefault) {
  catalogue c = sample_catalogue();
  auto s = choir_spec("A-walk");
  s.name = {"Kävelyryhmä Hämeenlinnassa", "", ""};
  s.description = {};
  s.categories = {activity_category::outdoor_nature};
  s.place = std::nullopt;
  s.address = "";
  c.add(activity{s});
  EXPECT_EQ(c.search("LAULU").size(), 1U);
  EXPECT_EQ(c.search("sångcirkel")[0]->id().str(), "A-choir");
  EXPECT_EQ(c.search("hämeenlinnassa").size(), 1U);
  EXPECT_TRUE(c.search("hameenlinnassa").empty());
  EXPECT_EQ(c.search("hameenlinnassa", fold_options{true}).size(), 1U);
  EXPECT_EQ(c.search("karleby").size(), 1U);            // the municipality's Swedish name
  EXPECT_EQ(c.search("seniorit laulu").size(), 1U);     // organisation name and activity name
  EXPECT_TRUE(c.search("sångcirkel kävely").empty());   // every word must match
  EXPECT_EQ(c.search("").size(), 2U);
  EXPECT_EQ(c.search("ulkoilu").size(), 1U);            // the category label
}

}  // namespace
}  // namespace kulkija
