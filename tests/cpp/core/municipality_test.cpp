#include "kulkija/core/municipality.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;

TEST(Municipality, CentralOstrobothnia) {
  // The municipalities of Soite's area, with their Statistics Finland codes.
  const std::vector<std::tuple<int, const char*, const char*>> expected{
      {272, "Kokkola", "Karleby"},   {217, "Kannus", "Kannus"},         {236, "Kaustinen", "Kaustby"},
      {924, "Veteli", "Vetil"},      {74, "Halsua", "Halso"},           {421, "Lestijärvi", "Lestijärvi"},
      {584, "Perho", "Perho"},       {849, "Toholampi", "Toholampi"}};
  for (const auto& [code, fi, sv] : expected) {
    const k::municipality m(code);
    EXPECT_EQ(m.name_fi(), fi);
    EXPECT_EQ(m.name_sv(), sv);
  }
  EXPECT_EQ(k::municipality(758).name_fi(), "Sodankylä");
  EXPECT_EQ(k::municipality(91).name_sv(), "Helsingfors");
  EXPECT_EQ(k::municipality(478).name_sv(), "Mariehamn");
}

TEST(Municipality, TextCodesAndTable) {
  EXPECT_EQ(k::municipality("005").code(), 5);
  EXPECT_EQ(k::municipality(5).code_text(), "005");
  EXPECT_EQ(k::municipality("074"), k::municipality(74));
  const auto all = k::municipality::all();
  EXPECT_EQ(all.size(), 308U);
  EXPECT_TRUE(std::is_sorted(all.begin(), all.end()));
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
}

TEST(Municipality, RejectsUnknownAndMerged) {
  EXPECT_FALSE(k::municipality::is_valid(588));  // Pertunmaa, merged into Mäntyharju in 2025
  EXPECT_FALSE(k::municipality::is_valid(99));   // Honkajoki, merged into Kankaanpää in 2021
  EXPECT_FALSE(k::municipality::is_valid(0));
  EXPECT_FALSE(k::municipality::is_valid(-272));
  KULKIJA_EXPECT_THROW_MSG(k::municipality(999), k::invalid_argument,
                           "[kulkija.invalid_argument.204] municipality: '999' is not a municipality code");
  KULKIJA_EXPECT_THROW_MSG(k::municipality("72"), k::invalid_argument, "must be exactly three digits");
  KULKIJA_EXPECT_THROW_MSG(k::municipality("27a"), k::invalid_argument, "must be exactly three digits");
  KULKIJA_EXPECT_THROW_MSG(k::municipality("588"), k::invalid_argument, "'588' is not a municipality code");
}
