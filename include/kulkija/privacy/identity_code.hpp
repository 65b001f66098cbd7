#pragma once
/// @file
/// @brief Finnish personal identity codes (henkilötunnus): validation and keyed pseudonyms.
///
/// kulkija never stores a personal identity code in its types and never prints one. A
/// service turns a code into a stable pseudonym at the edge with pseudonymise(), and works
/// with the pseudonym (a kulkija::client_id) from then on.

#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "kulkija/core/date.hpp"
#include "kulkija/core/id.hpp"

namespace kulkija {

/// @defgroup privacy Privacy
/// @brief Personal identity codes and keyed pseudonyms.
/// @{

/// @brief What a valid identity code tells, without the code itself.
struct identity_code_facts {
  date birth_date;  ///< the birth date the code encodes
  bool temporary;   ///< whether the individual number is in the temporary range 900-999
  /// @brief Facts are equal when both fields are equal.
  friend bool operator==(const identity_code_facts&, const identity_code_facts&) = default;
};

/// @brief Checks a Finnish personal identity code and returns what it tells.
///
/// The code is `DDMMYYCZZZQ`: a birth date, a century sign (`+` 1800s; `-` `U` `V` `W` `X`
/// `Y` 1900s; `A` `B` `C` `D` `E` `F` 2000s: the letters other than `A` came into use in
/// 2023), an individual number 002-899 (900-999 are temporary codes), and a check
/// character: the nine digits `DDMMYYZZZ` as a number modulo 31, indexing
/// `0123456789ABCDEFHJKLMNPRSTUVWXY`. Lower-case letters are accepted.
/// @param code the code
/// @param allow_temporary whether individual numbers 900-999 are accepted
/// @return the birth date and whether the code is temporary
/// @throws invalid_argument (id invalid_identity_code) naming the field `identity_code` and
///         the rule that failed; the message never contains the code.
[[nodiscard]] identity_code_facts check_identity_code(std::string_view code, bool allow_temporary = false);

/// @brief Whether `code` is a valid Finnish personal identity code (see check_identity_code()).
/// @param code the code
/// @param allow_temporary whether individual numbers 900-999 are accepted
[[nodiscard]] bool is_valid_identity_code(std::string_view code, bool allow_temporary = false) noexcept;

/// @brief A secret key for keyed pseudonyms (HMAC-SHA256), supplied by the caller.
///
/// At least 32 bytes. The key cannot be read back or printed, and its bytes are wiped when
/// it is destroyed. Two services that share a key get the same pseudonym for a code.
class pseudonym_key {
 public:
  /// @brief Creates a key from raw bytes.
  /// @param bytes the secret, 32 to 1024 bytes
  /// @throws invalid_argument (id invalid_value) naming the field `key`.
  explicit pseudonym_key(std::span<const std::byte> bytes);
  /// @brief Creates a key from hexadecimal text (64 to 2048 hex digits, any case).
  /// @param hex the secret in hex
  /// @return the key
  /// @throws invalid_argument (id invalid_value) naming the field `key`; the message never
  ///         contains the key.
  [[nodiscard]] static pseudonym_key from_hex(std::string_view hex);

  /// @brief Copies the key.
  pseudonym_key(const pseudonym_key&) = default;
  /// @brief Moves the key.
  pseudonym_key(pseudonym_key&&) noexcept = default;
  /// @brief Copy-assigns the key.
  pseudonym_key& operator=(const pseudonym_key&) = default;
  /// @brief Move-assigns the key.
  pseudonym_key& operator=(pseudonym_key&&) noexcept = default;
  /// @brief Wipes the key's bytes.
  ~pseudonym_key();

  /// @brief The HMAC-SHA256 of `message` under this key.
  /// @param message the bytes to authenticate
  /// @return the 32-byte MAC
  [[nodiscard]] std::array<std::byte, 32> hmac_sha256(std::span<const std::byte> message) const;

 private:
  std::vector<std::byte> bytes_;
};

/// @brief Turns a personal identity code into a stable keyed pseudonym.
///
/// The code is validated (check_identity_code(), temporary codes allowed) and upper-cased;
/// the pseudonym is `prefix` followed by the first 128 bits of HMAC-SHA256(key, code),
/// written with the 16 letters `bcdfghjklmnpqrst` (one letter per four bits). The letters-only
/// form can never look like an identity code itself.
/// @param code the personal identity code
/// @param key the caller's secret key
/// @param prefix text before the letters, at most 30 characters of the id alphabet
/// @return the pseudonym, a valid client_id
/// @throws invalid_argument naming `identity_code` or `prefix`; never showing the code.
[[nodiscard]] client_id pseudonymise(std::string_view code, const pseudonym_key& key, std::string_view prefix = "P-");

/// @}

}  // namespace kulkija
