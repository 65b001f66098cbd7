#include "kulkija/catalogue/catalogue.hpp"

#include <array>
#include <utility>

#include "kulkija/core/error.hpp"

namespace kulkija {

namespace {

// Decodes one UTF-8 sequence at s[i]; returns the code point (U+FFFD when malformed) and
// advances i.
char32_t decode(std::string_view s, std::size_t& i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  std::size_t n = 0;
  char32_t cp = 0;
  unsigned lo = 0x80, hi = 0xBF;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, cp = b0 & 0x1FU;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, cp = b0 & 0x0FU;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, cp = b0 & 0x07U;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k < n; ++k) {
    if (i + k >= s.size()) {
      i += k;
      return 0xFFFD;
    }
    const auto b = static_cast<unsigned char>(s[i + k]);
    if (b < (k == 1 ? lo : 0x80U) || b > (k == 1 ? hi : 0xBFU)) {
      i += k;
      return 0xFFFD;
    }
    cp = (cp << 6) | (b & 0x3FU);
  }
  i += n;
  return cp;
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr char32_t a_umlaut = 0xE4, o_umlaut = 0xF6, a_ring = 0xE5;

// U+00C0..U+00FF folded; 0 marks "keep as is", 1 marks "ss" (sharp s).
constexpr std::array<char32_t, 64> latin1_fold{
    'a', 'a', 'a', 'a', a_umlaut, a_ring, a_umlaut, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',   // C0-CF
    'd', 'n', 'o', 'o', 'o', 'o', o_umlaut, 0, o_umlaut, 'u', 'u', 'u', 'y', 'y', 0xFE, 1,         // D0-DF
    'a', 'a', 'a', 'a', a_umlaut, a_ring, a_umlaut, 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',   // E0-EF
    'd', 'n', 'o', 'o', 'o', 'o', o_umlaut, 0, o_umlaut, 'u', 'u', 'u', 'y', 'y', 0xFE, 'y'};      // F0-FF

// U+0100..U+017F: the base letter (Latin Extended-A); '1' is "ij", '2' is "oe".
constexpr std::string_view latin_a_fold =
    "aaaaaacccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "11" "jj" "kkk" "llllllllll"
    "nnnnnnnnn" "oooooo" "22" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
static_assert(latin_a_fold.size() == 128);

// Appends the folded form of one (non-combining) code point.
void fold_one(char32_t cp, std::u32string& out) {
  if (cp >= 'A' && cp <= 'Z') {
    out += static_cast<char32_t>(cp + 32);
  } else if (cp >= 0xC0 && cp <= 0xFF) {
    const char32_t f = latin1_fold[cp - 0xC0];
    if (f == 0) {
      out += cp;
    } else if (f == 1) {
      out += U"ss";
    } else {
      out += f;
    }
  } else if (cp >= 0x100 && cp <= 0x17F) {
    const char f = latin_a_fold[cp - 0x100];
    if (f == '1') {
      out += U"ij";
    } else if (f == '2') {
      out += U"oe";
    } else {
      out += static_cast<char32_t>(f);
    }
  } else if (cp == 0x1E9E) {
    out += U"ss";  // capital sharp s
  } else if ((cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) || (cp >= 0x410 && cp <= 0x42F)) {
    out += static_cast<char32_t>(cp + 0x20);  // Greek and basic Cyrillic capitals
  } else if (cp >= 0x400 && cp <= 0x40F) {
    out += static_cast<char32_t>(cp + 0x50);  // Cyrillic capitals with marks (Ё, Ђ, ...)
  } else {
    out += cp;
  }
}

bool is_combining(char32_t cp) noexcept { return cp >= 0x300 && cp <= 0x36F; }

// Composes a combining mark with the folded letter before it: the diaeresis makes ä, ö
// (and ü, folded to y); the ring above makes å; every other mark is dropped.
void combine(char32_t mark, std::u32string& out) {
  if (out.empty()) return;
  char32_t& base = out.back();
  if (mark == 0x308) {
    if (base == 'a') base = a_umlaut;
    if (base == 'o') base = o_umlaut;
    if (base == 'u') base = 'y';
  } else if (mark == 0x30A && base == 'a') {
    base = a_ring;
  }
}

}  // namespace

std::string fold_text(std::string_view text, fold_options options) {
  std::u32string folded;
  folded.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char32_t cp = decode(text, i);
    if (is_combining(cp)) {
      combine(cp, folded);
    } else {
      fold_one(cp, folded);
    }
  }
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : folded) {
    if (options.nordic_letters) {
      if (cp == a_umlaut || cp == a_ring) cp = 'a';
      if (cp == o_umlaut) cp = 'o';
    }
    encode(cp, out);
  }
  return out;
}

void catalogue::add(organisation o) {
  if (organisation_index_.contains(o.id().str())) {
    throw invalid_argument(error_id::invalid_id, "organisation_id", "is already in the catalogue: " + quote(o.id().str()));
  }
  organisations_.push_back(std::move(o));
  try {
    organisation_index_.emplace(organisations_.back().id().str(), organisations_.size() - 1);
  } catch (...) {
    organisations_.pop_back();
    throw;
  }
}

void catalogue::add(activity a) {
  if (activity_index_.contains(a.id().str())) {
    throw invalid_argument(error_id::invalid_id, "activity_id", "is already in the catalogue: " + quote(a.id().str()));
  }
  if (!organisation_index_.contains(a.organisation().str())) throw not_found("organisation", a.organisation().str());
  activities_.push_back(std::move(a));
  try {
    activity_index_.emplace(activities_.back().id().str(), activities_.size() - 1);
  } catch (...) {
    activities_.pop_back();
    throw;
  }
}

const organisation& catalogue::find(const organisation_id& id) const {
  const auto it = organisation_index_.find(id.str());
  if (it == organisation_index_.end()) throw not_found("organisation", id.str());
  return organisations_[it->second];
}

const activity& catalogue::find(const activity_id& id) const {
  const auto it = activity_index_.find(id.str());
  if (it == activity_index_.end()) throw not_found("activity", id.str());
  return activities_[it->second];
}

std::string catalogue::search_text(const activity& a, fold_options options) const {
  std::string text;
  const auto add = [&](std::string_view part) {
    if (part.empty()) return;
    text += fold_text(part, options);
    text += '\n';
  };
  const activity_spec& s = a.spec();
  for (const auto* t : {&s.name, &s.description}) {
    add(t->fi), add(t->sv), add(t->en);
  }
  for (auto c : s.categories) add(label(c).fi), add(label(c).sv), add(label(c).en);
  for (auto g : s.target_groups) add(label(g).fi), add(label(g).sv), add(label(g).en);
  if (s.place) add(s.place->name_fi()), add(s.place->name_sv());
  add(s.address);
  if (const auto it = organisation_index_.find(a.organisation().str()); it != organisation_index_.end()) {
    add(organisations_[it->second].name());
  }
  return text;
}

std::vector<const activity*> catalogue::search(std::string_view query, fold_options options) const {
  const std::string q = fold_text(query, options);
  std::vector<std::string> words;
  for (std::size_t i = 0; i < q.size();) {
    const std::size_t j = q.find(' ', i);
    const std::size_t end = j == std::string::npos ? q.size() : j;
    if (end > i) words.emplace_back(q.substr(i, end - i));
    i = end + 1;
  }
  std::vector<const activity*> found;
  for (const activity& a : activities_) {
    const std::string text = search_text(a, options);
    bool all = true;
    for (const auto& w : words) all = all && text.find(w) != std::string::npos;
    if (all) found.push_back(&a);
  }
  return found;
}

}  // namespace kulkija
