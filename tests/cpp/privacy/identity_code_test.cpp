#include "kulkija/privacy/identity_code.hpp"

#include <gtest/gtest.h>

#include <random>
#include <set>

#include "../test_support.hpp"
#include "kulkija/core/error.hpp"
#include "kulkija/core/text.hpp"

namespace k = kulkija;
using boost::gregorian::date;

namespace {

std::vector<std::byte> bytes_of(std::string_view text) {
  std::vector<std::byte> out;
  for (char c : text) out.push_back(static_cast<std::byte>(c));
  return out;
}

std::string hex_of(const std::array<std::byte, 32>& mac) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::byte b : mac) {
    out += digits[std::to_integer<unsigned>(b) >> 4U];
    out += digits[std::to_integer<unsigned>(b) & 0xFU];
  }
  return out;
}

const k::pseudonym_key test_key = k::pseudonym_key::from_hex(std::string(64, 'a'));

}  // namespace

TEST(IdentityCode, ValidCodesAndWhatTheyTell) {
  EXPECT_EQ(k::check_identity_code("131052-308T"), (k::identity_code_facts{date(1952, 10, 13), false}));
  EXPECT_TRUE(k::is_valid_identity_code("131052-308t"));
  // every century sign: the same date and individual number give the same check character
  for (char sign : std::string("-UVWXY")) {
    std::string code = "131052-308T";
    code[6] = sign;
    EXPECT_EQ(k::check_identity_code(code).birth_date, date(1952, 10, 13)) << code;
  }
  for (char sign : std::string("ABCDEF")) {
    std::string code = "010120-123K";
    code[6] = sign;
    ASSERT_TRUE(k::is_valid_identity_code(code)) << code;
    EXPECT_EQ(k::check_identity_code(code).birth_date, date(2020, 1, 1));
  }
  EXPECT_EQ(k::check_identity_code("010150+002D").birth_date, date(1850, 1, 1));
  EXPECT_EQ(k::check_identity_code("290200A003D").birth_date, date(2000, 2, 29));  // 2000 is a leap year
}

TEST(IdentityCode, EachRuleIsNamedAndTheCodeNeverShown) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"131052-308", "must be 11 characters"},
      {"13105x-308T", "must be digits"},
      {"131052G308T", "century sign must be one of"},
      {"310252-308Y", "must be a real birth date"},
      {"290200-003Y", "must be a real birth date"},  // 1900 was not a leap year
      {"131052-001V", "002 or more"},
      {"131052-900X", "temporary code"},
      {"131052-308U", "check character does not match"},
  };
  for (const auto& [code, rule] : cases) {
    try {
      (void)k::check_identity_code(code);
      ADD_FAILURE() << "accepted " << code;
    } catch (const k::invalid_argument& e) {
      EXPECT_EQ(e.id(), k::error_id::invalid_identity_code);
      EXPECT_EQ(e.field(), "identity_code");
      EXPECT_NE(std::string(e.what()).find(rule), std::string::npos) << e.what();
      EXPECT_EQ(std::string(e.what()).find(code.substr(0, 6)), std::string::npos) << e.what();
    }
    EXPECT_FALSE(k::is_valid_identity_code(code));
  }
  // temporary codes are accepted on request
  const int check = (131052 * 1000 + 901) % 31;
  std::string temporary = "131052-901";
  temporary += "0123456789ABCDEFHJKLMNPRSTUVWXY"[check];
  EXPECT_TRUE(k::check_identity_code(temporary, true).temporary);
}

TEST(IdentityCode, RandomCodesAgreeWithTheShapeDetector) {
  // every valid code has the shape that keeps it out of ids, text and messages
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> day(1, 28), month(1, 12), yy(0, 99), individual(2, 899), sign(0, 12);
  const std::string signs = "+-UVWXYABCDEF";
  for (int i = 0; i < 20000; ++i) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d%02d%02d%c%03d", day(rng), month(rng), yy(rng), signs[static_cast<std::size_t>(sign(rng))],
                  individual(rng));
    std::string code(buf);
    const long n = std::stol(code.substr(0, 6)) * 1000 + std::stol(code.substr(7, 3));
    code += "0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31];
    ASSERT_TRUE(k::is_valid_identity_code(code)) << code;
    ASSERT_TRUE(k::contains_identity_code(code)) << code;
    ASSERT_THROW(k::client_id{code}, k::invalid_argument);
  }
}

TEST(PseudonymKey, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2 uses a 4-byte key, below our minimum; test case 6 uses a
  // 131-byte key of 0xaa.
  const std::vector<std::byte> key(131, std::byte{0xaa});
  const k::pseudonym_key k6(key);
  EXPECT_EQ(hex_of(k6.hmac_sha256(bytes_of("Test Using Larger Than Block-Size Key - Hash Key First"))),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(hex_of(k6.hmac_sha256(bytes_of(
                "This is a test using a larger than block-size key and a larger than block-size data. The key needs "
                "to be hashed before being used by the HMAC algorithm."))),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(PseudonymKey, RejectsShortOrMalformedKeys) {
  KULKIJA_EXPECT_THROW_MSG(k::pseudonym_key(std::vector<std::byte>(31)), k::invalid_argument,
                           "key: must be 32 to 1024 bytes, got 31");
  KULKIJA_EXPECT_THROW_MSG((void)k::pseudonym_key::from_hex("abc"), k::invalid_argument, "even length");
  try {
    (void)k::pseudonym_key::from_hex(std::string(62, 'a') + "zz");
    FAIL();
  } catch (const k::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("bad digit at position 63"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("aaaa"), std::string::npos) << "the key leaked into the message";
  }
}

TEST(Pseudonymise, StableKeyedAndNeverCodeShaped) {
  const k::client_id a = k::pseudonymise("131052-308T", test_key);
  EXPECT_EQ(a, k::pseudonymise("131052-308t", test_key));  // case does not matter
  EXPECT_EQ(a.str().size(), 2U + 32U);
  EXPECT_EQ(a.str().rfind("P-", 0), 0U);
  EXPECT_EQ(a.str().find_first_not_of("bcdfghjklmnpqrst", 2), std::string::npos);
  const k::pseudonym_key other = k::pseudonym_key::from_hex(std::string(64, 'b'));
  EXPECT_NE(a, k::pseudonymise("131052-308T", other));
  EXPECT_EQ(k::pseudonymise("131052-308T", test_key, "SOITE:").str().rfind("SOITE:", 0), 0U);
  // the letters are the HMAC's first 16 bytes, one letter a nibble
  const auto mac = test_key.hmac_sha256(bytes_of("131052-308T"));
  std::string expected = "P-";
  for (std::size_t i = 0; i < 16; ++i) {
    expected += "bcdfghjklmnpqrst"[std::to_integer<unsigned>(mac[i]) >> 4U];
    expected += "bcdfghjklmnpqrst"[std::to_integer<unsigned>(mac[i]) & 0xFU];
  }
  EXPECT_EQ(a.str(), expected);
  KULKIJA_EXPECT_THROW_MSG((void)k::pseudonymise("131052-308U", test_key), k::invalid_argument,
                           "identity_code: the check character does not match");
  KULKIJA_EXPECT_THROW_MSG((void)k::pseudonymise("131052-308T", test_key, std::string(31, 'x')), k::invalid_argument,
                           "prefix: must be at most 30 characters");
  std::set<std::string> seen;
  for (int n = 2; n < 900; ++n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "010101-%03d", n);
    std::string code(buf);
    code += "0123456789ABCDEFHJKLMNPRSTUVWXY"[(10101L * 1000 + n) % 31];
    EXPECT_TRUE(seen.insert(k::pseudonymise(code, test_key).str()).second);
  }
}
