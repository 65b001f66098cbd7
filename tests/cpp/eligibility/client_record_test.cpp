#include "kulkija/eligibility/client_record.hpp"

#include <gtest/gtest.h>

#include "../referral/fixtures.hpp"
#include "../test_support.hpp"
#include "kulkija/core/error.hpp"

namespace k = kulkija;
using boost::gregorian::date;

TEST(ClientRecord, BindsClientFields) {
  k::client c = k::testing::sample_client();  // born 1950, Kokkola, fi + sv
  c.set_living(k::living_situation::alone);
  c.set_needs({k::need::loneliness});
  const k::record r = k::client_record(c, date(2026, 6, 1));
  EXPECT_EQ(std::get<k::integer_range>(r.value("age")), (k::integer_range{75, 76}));
  EXPECT_EQ(r.note(*r.schema().find("age")), "age is 75 or 76 on 2026-06-01: only the birth year 1950 is known");
  EXPECT_EQ(std::get<std::int64_t>(r.value("municipality")), 272);
  EXPECT_EQ(std::get<k::code_value>(r.value("living")).index, 0U);
  EXPECT_EQ(std::get<k::code_set_value>(r.value("needs")).bits, std::vector<std::uint64_t>{1});
  EXPECT_TRUE(r.missing(*r.schema().find("referrer_sector")));
  EXPECT_TRUE(r.missing(*r.schema().find("needs_medical_care")));
  c.set_birth_date(date(1950, 7, 1));
  EXPECT_EQ(std::get<std::int64_t>(k::client_record(c, date(2026, 6, 1)).value("age")), 75);
  KULKIJA_EXPECT_THROW_MSG((void)k::client_record(c, date(1949, 1, 1)), k::invalid_argument, "on:");
}

TEST(ClientRecord, BindsReferralFields) {
  k::referral ref = k::testing::sample_referral();  // health care, consent 2026-01-05, needs loneliness
  const k::record before_consent = k::client_record(ref, date(2026, 1, 4));
  EXPECT_EQ(std::get<bool>(before_consent.value("consent_given")), false);
  const k::record r = k::client_record(ref, date(2026, 2, 1));
  EXPECT_EQ(std::get<bool>(r.value("consent_given")), true);
  EXPECT_EQ(std::get<k::date>(r.value("consent_date")), date(2026, 1, 5));
  EXPECT_EQ(std::get<k::code_value>(r.value("referrer_sector")).index, 1U);  // health_care
  EXPECT_EQ(std::get<k::code_set_value>(r.value("needs")).bits, std::vector<std::uint64_t>{1});
  EXPECT_EQ(r.schema_ptr(), k::client_schema());
}
