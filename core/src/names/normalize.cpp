// normalize_name: folding, tokenizing, Chinese word translation, and tagging legal forms, stop
// words, countries and numbers.
#include "exportscreen/normalize.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>
#include <unordered_set>

#include "exportscreen/unicode.h"
#include "names/name_vocabulary.h"
#include "native_only.h"

namespace exportscreen {
namespace {

// Calls `f` with each space-separated word of `s`.
template <typename F>
void for_each_word(std::string_view s, F&& f) {
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) f(s.substr(start, i - start));
  }
}

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  for_each_word(s, [&](std::string_view w) { out.push_back(w); });
  return out;
}

struct PhraseRule {
  std::vector<std::string_view> tokens;
  std::vector<std::string_view> canonical;
  bool han;
};

// Legal-form phrases indexed by their first token, longest phrase first.
const std::unordered_map<std::string_view, std::vector<PhraseRule>>& legal_form_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<PhraseRule>> m;
    for (const auto& f : vocab::legal_forms()) {
      PhraseRule r{split_spaces(f.phrase), split_spaces(f.canonical), f.han};
      m[r.tokens.front()].push_back(std::move(r));
    }
    for (auto& [first, rules] : m) {
      std::stable_sort(rules.begin(), rules.end(), [](const PhraseRule& a, const PhraseRule& b) {
        return a.tokens.size() > b.tokens.size();
      });
    }
    return m;
  }();
  return index;
}

// The phrases read in English (Russian organisation words, British spellings) by their first
// word, longest first (tokens: the words as written, canonical: the English ones).
const std::unordered_map<std::string_view, std::vector<PhraseRule>>& english_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<PhraseRule>> m;
    for (const auto& t : vocab::english_words()) {
      PhraseRule r{split_spaces(t.phrase), split_spaces(t.english), false};
      m[r.tokens.front()].push_back(std::move(r));
    }
    return m;  // english_words() is longest first already
  }();
  return index;
}

// One-word legal forms of seven letters or more, which may be written with a typo.
struct LongForm {
  const PhraseRule* rule;
};
const std::vector<LongForm>& long_legal_forms() {
  static const auto forms = [] {
    std::vector<LongForm> v;
    for (const auto& [first, rules] : legal_form_index()) {
      for (const PhraseRule& r : rules) {
        if (!r.han && r.tokens.size() == 1 && r.tokens.front().size() >= 7) v.push_back({&r});
      }
    }
    return v;
  }();
  return forms;
}

// A country word's tokens, and the alpha-2 code of the country it names ("" for more than one).
struct CountryWords {
  std::vector<std::string_view> tokens;
  std::string_view code;
};

// Country words indexed by their first token, longest first.
const std::unordered_map<std::string_view, std::vector<CountryWords>>& country_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<CountryWords>> m;
    for (const vocab::CountryPhrase& p : vocab::country_phrases()) {
      auto tokens = split_spaces(p.phrase);
      if (!tokens.empty()) m[tokens.front()].push_back({std::move(tokens), p.code});
    }
    for (auto& [first, phrases] : m) {
      std::stable_sort(phrases.begin(), phrases.end(), [](const auto& a, const auto& b) {
        return a.tokens.size() > b.tokens.size();
      });
    }
    return m;
  }();
  return index;
}

// A country token's second reading: the country it names ("#cn" for "china", "chinese" and
// "(CHN)"), so that two words of one country pair (matcher.cpp's kSameCountry) and find each
// other in the index; "#" is never a letter of folded text. Empty for a word of more than one
// country.
std::string country_reading(std::string_view code) {
  std::string reading;
  if (!code.empty()) reading.append(1, '#').append(code);
  return reading;
}

bool has_digit(std::string_view t) {
  return std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_han(char32_t cp) {
  return cp == 0x3007 /* 〇, the numeral zero */ || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x20000 && cp <= 0x2FA1F);
}

// Arabic (with its supplements and presentation forms) and Hebrew: scripts written without
// short vowels, whose transliteration is a consonant skeleton.
bool is_abjad(char32_t cp) {
  return (cp >= 0x0590 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F) ||
         (cp >= 0x08A0 && cp <= 0x08FF) || (cp >= 0xFB1D && cp <= 0xFDFF) ||
         (cp >= 0xFE70 && cp <= 0xFEFF);
}

// Hangul and kana: syllables, not letters, so a one-letter result is no initial.
bool is_syllabic(char32_t cp) {
  return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x3040 && cp <= 0x30FF) ||
         (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
}

constexpr bool kAsciiFastPath = kNativeOnly;

// Per first letter (26: any other byte), a bit for each length (31: longer) of the first words
// of a table's phrases: most words of a name start no phrase, which this shows without hashing
// the word. Native only, as the ASCII fast path.
using FirstWords = std::array<std::uint32_t, 27>;

std::size_t first_words_slot(std::string_view w) {
  const char c = w.empty() ? '\0' : w[0];
  return c >= 'a' && c <= 'z' ? static_cast<std::size_t>(c - 'a') : 26;
}

template <typename Map>
FirstWords first_words_of(const Map& phrases) {
  FirstWords bits{};
  for (const auto& [first, rest] : phrases) {
    bits[first_words_slot(first)] |= 1u << std::min<std::size_t>(first.size(), 31);
  }
  return bits;
}

const FirstWords& translated_firsts() {
  static const FirstWords firsts = first_words_of(english_index());
  return firsts;
}

const FirstWords& form_firsts() {
  static const FirstWords firsts = first_words_of(legal_form_index());
  return firsts;
}

const FirstWords& country_firsts() {
  static const FirstWords firsts = first_words_of(country_index());
  return firsts;
}

// Whether `w` may start a phrase of the table whose first words `Firsts` gives. Always true in
// the module, where the tables are not made.
template <const FirstWords& (*Firsts)()>
bool may_start(std::string_view w) {
  if constexpr (!kAsciiFastPath) {
    return true;
  } else {
    return (Firsts()[first_words_slot(w)] >> std::min<std::size_t>(w.size(), 31) & 1u) != 0;
  }
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x3000 ||
         (cp >= 0x2000 && cp <= 0x200A);
}

// A token before its role is known.
struct Piece {
  std::string text;
  TokenScript script = TokenScript::kLatin;
  bool glossed = false;  // an English word from the Chinese glossary
  std::string alt;
  std::uint16_t word = 0;  // the space-separated word of the name it came from
};

// At most one edit (insertion, deletion, substitution or adjacent transposition) apart.
bool one_edit(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > 1) return false;
  std::size_t i = 0;
  while (i < a.size() && a[i] == b[i]) ++i;
  if (i == a.size()) return true;
  if (a.size() == b.size()) {
    if (a.substr(i + 1) == b.substr(i + 1)) return true;  // substitution
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.substr(i + 2) == b.substr(i + 2);  // transposition
  }
  return a.substr(i) == b.substr(i + 1);  // insertion into a
}

// A word of a legal-form phrase written with a typo: one edit in a word of five letters or
// more ("liabilty", "annima"); shorter words must be exact (co, sa, ag are words too).
bool legal_word_alike(std::string_view written, std::string_view form) {
  if (written == form) return true;
  return form.size() >= 5 && written.size() >= 5 && written[0] == form[0] &&
         one_edit(written, form);
}

// Digits written for letters inside a word ("Ig0r", "Sech1n"): a digit between two letters
// becomes the letter it stands for. Codes such as "T72" or "Su35" keep their digits.
EXPORTSCREEN_SMALL std::string letters_for_digits(std::string_view t) {
  const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
  std::size_t letters = 0;
  for (char c : t) letters += letter(c);
  if (letters < 3) return {};
  std::string out(t);
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (c < '0' || c > '9') continue;
    if (i == 0 || i + 1 >= out.size() || !letter(out[i - 1]) || !letter(t[i + 1])) return {};
    static constexpr char kAs[] = "oi eas t  ";  // 0 o, 1 i, 3 e, 4 a, 5 s, 7 t
    if (kAs[c - '0'] == ' ') return {};
    out[i] = kAs[c - '0'];
  }
  return out;
}

// "1st", "2nd", "44th": the digits of an ordinal.
std::string ordinal_digits(std::string_view t) {
  std::size_t d = 0;
  while (d < t.size() && t[d] >= '0' && t[d] <= '9') ++d;
  if (d == 0 || d == t.size()) return {};
  const std::string_view suffix = t.substr(d);
  if (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th") {
    return std::string(t.substr(0, d));
  }
  return {};
}

// The value of a Chinese numeral character (〇 and 零 zero to 九 nine, 两 two), or -1; and of
// the multipliers 十 ten, 百 hundred, 千 thousand.
EXPORTSCREEN_SMALL int han_digit(std::string_view c) {
  static constexpr std::array<std::string_view, 12> kDigits = {"〇", "一", "二", "三", "四", "五",
                                                               "六", "七", "八", "九", "零", "两"};
  for (std::size_t d = 0; d < kDigits.size(); ++d) {
    if (c == kDigits[d]) return d == 10 ? 0 : d == 11 ? 2 : static_cast<int>(d);
  }
  return -1;
}
EXPORTSCREEN_SMALL int han_multiplier(std::string_view c) {
  return c == "十" ? 10 : c == "百" ? 100 : c == "千" ? 1000 : 0;
}

// An ordinal written in Chinese numerals after 第 ("第十三" 13th, "第五十四" 54th, "第七〇二"
// 702nd, the research institutes of the Entity List's CETC and CASC): its value, and the
// characters it takes (0 when chars[i] starts none).
EXPORTSCREEN_SMALL std::pair<int, std::size_t> han_ordinal(
    const std::vector<std::string_view>& chars, std::size_t i) {
  if (chars[i] != "第") return {0, 0};
  std::size_t end = i + 1;
  bool multiplied = false;
  while (end < chars.size() && (han_digit(chars[end]) >= 0 || han_multiplier(chars[end]) > 0)) {
    multiplied |= han_multiplier(chars[end]) > 0;
    ++end;
  }
  if (end == i + 1 || end - i > 6) return {0, 0};
  int value = 0;
  if (multiplied) {
    // 十三 = 13, 二十九 = 29, 一百零八 = 108: a digit before a multiplier multiplies it (one
    // when none does), the last digit adds.
    int digit = -1;
    for (std::size_t k = i + 1; k < end; ++k) {
      if (const int m = han_multiplier(chars[k]); m > 0) {
        value += (digit < 0 ? 1 : digit) * m;
        digit = -1;
      } else {
        digit = han_digit(chars[k]);
      }
    }
    if (digit > 0) value += digit;
  } else {
    for (std::size_t k = i + 1; k < end; ++k) value = value * 10 + han_digit(chars[k]);
  }
  return {value, end - i};
}

// One run of Chinese characters: legal forms found on the pinyin, ordinals, then the longest
// glossary words, and pinyin syllables for the characters the glossary does not know.
EXPORTSCREEN_SMALL void add_han_run(const std::vector<std::string_view>& chars,
                                    std::vector<Piece>& out, std::uint16_t& word_index) {
  std::vector<std::string> pinyin;
  pinyin.reserve(chars.size());
  for (std::string_view c : chars) {
    const std::string folded = fold(c);
    const auto syllables = split_spaces(folded);
    pinyin.emplace_back(syllables.empty() ? std::string() : std::string(syllables.front()));
  }
  const auto& forms = legal_form_index();
  std::size_t i = 0;
  while (i < chars.size()) {
    // Legal forms first, so 有限公司 stays a weak "co ltd" rather than words.
    const auto f = forms.find(pinyin[i]);
    const PhraseRule* rule = nullptr;
    if (f != forms.end()) {
      for (const PhraseRule& r : f->second) {
        if (!r.han || i + r.tokens.size() > chars.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < r.tokens.size() && same; ++k)
          same = pinyin[i + k] == r.tokens[k];
        if (same) {
          rule = &r;
          break;
        }
      }
    }
    if (rule) {
      ++word_index;
      for (std::size_t k = 0; k < rule->tokens.size(); ++k) {
        out.push_back({pinyin[i + k], TokenScript::kHan, false, {}, word_index});
      }
      i += rule->tokens.size();
      continue;
    }
    // 市 (city) or 省 (province) after a place is part of its name: 深圳市 is Shenzhen, as the
    // lists write it, not Shenzhen and a word "shi" the listed name lacks.
    if ((chars[i] == "市" || chars[i] == "省") && !out.empty() &&
        (vocab::is_place_word(out.back().text) ||
         (out.size() >= 2 && out.back().script == TokenScript::kHan &&
          out[out.size() - 2].script == TokenScript::kHan &&
          vocab::is_place_word(out[out.size() - 2].text + out.back().text)))) {
      ++i;
      continue;
    }
    if (const auto [value, used] = han_ordinal(chars, i); used > 0) {
      out.push_back({std::to_string(value), TokenScript::kLatin, false, {}, ++word_index});
      i += used;
      continue;
    }
    const std::size_t longest = std::min(vocab::han_gloss_max_chars(), chars.size() - i);
    std::size_t used = 0;
    for (std::size_t n = longest; n >= 1 && used == 0; --n) {
      const std::string_view word(
          chars[i].data(), static_cast<std::size_t>(chars[i + n - 1].data() +
                                                    chars[i + n - 1].size() - chars[i].data()));
      const std::string_view english = vocab::han_gloss(word);
      if (english.empty()) continue;
      std::string joined;
      for (std::size_t k = i; k < i + n; ++k) joined += pinyin[k];
      const auto words = split_spaces(english);
      ++word_index;
      // A one-word translation keeps the word's pinyin as its second reading; the words of a
      // longer one ("chemical industry" for 化工) are English words compared as Latin text: a
      // correct translation then scores, and is as strong, as the name written in English.
      // When there are two characters for each English word (集成电路, "integrated circuit"),
      // each word keeps the pinyin of its two as its reading ("jicheng", "dianlu"), as the lists
      // write the name in pinyin.
      const bool paired = words.size() > 1 && n == 2 * words.size();
      for (std::size_t k = 0; k < words.size(); ++k) {
        std::string reading = words.size() == 1 ? joined
                              : paired          ? pinyin[i + 2 * k] + pinyin[i + 2 * k + 1]
                                                : std::string();
        out.push_back({std::string(words[k]),
                       words.size() == 1 ? TokenScript::kHan : TokenScript::kLatin, true,
                       std::move(reading), word_index});
      }
      used = n;
    }
    if (used == 0) {
      if (!pinyin[i].empty())
        out.push_back({pinyin[i], TokenScript::kHan, false, {}, ++word_index});
      used = 1;
    }
    i += used;
  }
}

// The pieces of the name being normalized: this thread's, kept from name to name (no allocation
// a name). Not inlined, as lookup_scratch() in matcher.cpp: one call reaches the thread_local.
[[gnu::noinline]] std::vector<Piece>& piece_scratch() {
  thread_local std::vector<Piece> pieces;
  return pieces;
}

// The words of `name` outside its parentheses (ASCII letters and digits, folded), each between
// spaces: " national supercomputing center tianjin ".
EXPORTSCREEN_SMALL std::string words_outside(std::string_view name) {
  std::string words = " ";
  int depth = 0;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == '(' || c == ')') depth += c == '(' ? 1 : (depth > 0 ? -1 : 0);
    if (alnum && depth == 0) {
      words += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else if (words.back() != ' ') {
      words += ' ';
    }
  }
  if (words.back() != ' ') words += ' ';
  return words;
}

// Codes written in parentheses ("(UK)", "(HK)"): there they are countries; elsewhere two
// letters are too often initials, pinyin syllables or legal forms. Other capitals in
// parentheses ("(NUDT)", "(SMIC)"), also in parts joined by hyphens or slashes ("(NSCC-TJ)",
// "(RFNC-VNIITF)") or, in a name not written in capitals, by spaces ("(CETC 13)", "(ZAO SNGB)"),
// are the name's acronym (`acronyms`, each part).
EXPORTSCREEN_SMALL std::unordered_set<std::string> parenthesised_codes(
    std::string_view name, std::unordered_set<std::string>& acronyms) {
  std::unordered_set<std::string> codes;
  // In a name written in capitals, capitals in parentheses may be words ("(SOUTH-SOUTH)").
  const bool lower_case =
      std::any_of(name.begin(), name.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  for (std::size_t open = name.find('('); open != std::string_view::npos;
       open = name.find('(', open + 1)) {
    const std::size_t close = name.find(')', open);
    if (close == std::string_view::npos) break;
    std::string inner;
    std::vector<std::string> parts(1);  // split at hyphens, slashes and spaces
    bool capitals = true, spaced = false;
    for (char c : name.substr(open + 1, close - open - 1)) {
      const char folded = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
      inner += folded;
      spaced |= c == ' ';
      if ((c == '-' || c == '/' || c == ' ') && !parts.back().empty()) {
        parts.emplace_back();
        continue;
      }
      parts.back() += folded;
      capitals &= (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    const bool whole_parts = !parts.back().empty();
    if ((inner.size() == 2 || inner.size() == 3) && vocab::is_country_code(inner)) {
      codes.insert(inner);
    } else if (capitals && whole_parts && parts.size() == 1 && inner.size() >= 2 &&
               inner.size() <= 8) {
      acronyms.insert(inner);
    } else if (capitals && whole_parts && parts.size() > 1 && parts[0].size() >= 2 &&
               inner.size() <= 16 && (!spaced || lower_case)) {
      const std::string outside = words_outside(name);
      // In a name written in capitals, only the initials of its words ("ISLAMIC SECURITY
      // FORCE-INDIAN MUJAHIDEEN (ISF-IM)"; not "(SOUTH-SOUTH)", "(OFF-SHORE)").
      if (!lower_case) {
        std::string initials, letters;
        for (std::size_t k = 1; k < outside.size(); ++k) {
          if (outside[k - 1] == ' ') initials += outside[k];
        }
        for (const std::string& part : parts) letters += part;
        if (letters != initials) continue;
      }
      // A part the name writes outside the parentheses too ("Center-VNIITF (RFNC-VNIITF)") is
      // one of its words there, and a number ("7th ... (CETC-7)") is one when the name has it:
      // weak where repeated (below).
      for (std::string& part : parts) {
        const bool repeated = (part[0] >= '0' && part[0] <= '9') ||
                              outside.find(' ' + part + ' ') != std::string::npos;
        acronyms.insert(repeated ? "\x01" + part : std::move(part));
      }
    } else if (inner.size() >= 2 && inner.find(' ') == std::string::npos) {
      // A word the name repeats in parentheses ("HiSilicon Technologies Co., Ltd (HiSilicon)")
      // is its short name: weak like an acronym (checked against the name's words below).
      acronyms.insert("\x01" + inner);
    }
  }
  return codes;
}

// In Arabic script only the particles are weak: "mr" there is Omar (عمر), not "Mr".
bool is_abjad_particle(std::string_view t) {
  return t == "bn" || t == "bnt" || t == "abn" || t == "al";
}

// The name less a sanctions notice's scope note: the State Department's nonproliferation
// sanctions (ISN) name "China Aerospace Science and Technology Corporation (CASC) First Academy,
// and its subunits and successors" (87 FR, No. 14, 2022-01-21; "Innovative Equipment, and its
// sub-units and successors", 89 FR, No. 177, 2024-09-12): the First Academy's name, and a note
// that its subunits are sanctioned with it.
EXPORTSCREEN_SMALL std::string_view without_scope_note(std::string_view name) {
  // Compared from the end, case aside, a hyphen in the name skipped ("sub-units").
  constexpr std::string_view note = "and its subunits and successors";
  std::size_t k = name.size(), n = note.size();
  while (n > 0 && k > 0) {
    const char c = name[--k];
    if (c == '-') continue;
    if (note[--n] != (c >= 'A' && c <= 'Z' ? c + 32 : c)) return name;
  }
  if (n > 0 || k == 0) return name;
  name = name.substr(0, k);
  while (!name.empty() && (name.back() == ' ' || name.back() == ',')) name.remove_suffix(1);
  return name;
}

}  // namespace

bool NormalizedName::has_identifying_tokens() const noexcept {
  return std::any_of(tokens.begin(), tokens.end(), [](const NameToken& t) {
    return t.role == TokenRole::kName || t.role == TokenRole::kNumber ||
           t.role == TokenRole::kCountry;
  });
}

NormalizedName normalize_name(std::string_view name) {
  name = without_scope_note(name);
  // Split into words of other scripts (folded one by one, so each keeps its script) and runs of
  // Chinese characters (no spaces between words there).
  std::vector<Piece>& pieces = piece_scratch();
  pieces.clear();
  std::vector<std::string_view> han;
  std::uint16_t word = 0;
  std::uint16_t comma_after_word = 0;
  std::size_t word_start = std::string_view::npos;
  bool word_abjad = false;
  bool word_syllabic = false;
  const auto end_word = [&](std::size_t at) {
    if (word_start == std::string_view::npos) return;
    const std::string folded = fold(name.substr(word_start, at - word_start));
    const TokenScript script = word_abjad      ? TokenScript::kAbjad
                               : word_syllabic ? TokenScript::kHan
                                               : TokenScript::kLatin;
    ++word;
    if (comma_after_word == 0 &&
        name.substr(word_start, at - word_start).find(',') != std::string_view::npos) {
      comma_after_word = word;
    }
    for_each_word(folded, [&](std::string_view t) {
      pieces.push_back({std::string(t), script, false, {}, word});
    });
    word_start = std::string_view::npos;
    word_abjad = word_syllabic = false;
  };
  const auto end_han = [&] {
    if (!han.empty()) add_han_run(han, pieces, word);
    han.clear();
  };
  for (std::size_t i = 0; i < name.size();) {
    // ASCII, most of most names: a space or a letter of no Chinese, abjad or syllabic script
    // (native only: the same tokens, fewer instructions; the module's size is budgeted).
    if (const auto b = static_cast<unsigned char>(name[i]); kAsciiFastPath && b < 0x80) {
      if (is_space(b)) {
        end_word(i);
        end_han();
      } else {
        end_han();
        if (word_start == std::string_view::npos) word_start = i;
      }
      ++i;
      continue;
    }
    char32_t cp;
    std::size_t len = decode_utf8(name, i, cp);
    if (len == 0) {
      len = 1;
      cp = ' ';  // invalid bytes separate, as fold() does
    }
    if (is_han(cp)) {
      end_word(i);
      han.push_back(name.substr(i, len));
    } else if (is_space(cp)) {
      end_word(i);
      end_han();
    } else {
      end_han();
      if (word_start == std::string_view::npos) word_start = i;
      word_abjad |= is_abjad(cp);
      word_syllabic |= is_syllabic(cp);
    }
    i += len;
  }
  end_word(name.size());
  end_han();

  // Russian organisation words in English, as the lists write them in the aliases of one entry
  // ("Kontsern" = "Concern", "Gosudarstvennaya korporatsiya" = "State corporation"), and British
  // spellings in American ("Defence" = "Defense"), before the legal forms and stop words are read
  // from the English words.
  const auto& translations = english_index();
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    if (pieces[i].script != TokenScript::kLatin || pieces[i].text.size() < 5) continue;
    if (!may_start<translated_firsts>(pieces[i].text)) continue;
    const auto found = translations.find(pieces[i].text);
    if (found == translations.end()) continue;
    for (const PhraseRule& t : found->second) {
      const auto& words = t.tokens;
      if (i + words.size() > pieces.size()) continue;
      bool same = true;
      for (std::size_t k = 1; k < words.size() && same; ++k) {
        same = pieces[i + k].script == TokenScript::kLatin && pieces[i + k].text == words[k];
      }
      if (!same) continue;
      std::vector<Piece> english;
      for (std::string_view w : t.canonical) {
        english.push_back({std::string(w), TokenScript::kLatin, false, {}, pieces[i].word});
      }
      pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(i),
                   pieces.begin() + static_cast<std::ptrdiff_t>(i + words.size()));
      pieces.insert(pieces.begin() + static_cast<std::ptrdiff_t>(i), english.begin(),
                    english.end());
      i += english.size() - 1;
      break;
    }
  }

  const auto& forms = legal_form_index();
  const auto& countries = country_index();
  std::unordered_set<std::string> acronyms;
  const auto codes = parenthesised_codes(name, acronyms);
  const auto latin_like = [](const Piece& p) { return p.script != TokenScript::kHan || p.glossed; };

  NormalizedName out;
  out.comma_after_word = comma_after_word;
  out.tokens.reserve(pieces.size());
  for (std::size_t i = 0; i < pieces.size();) {
    const Piece& p = pieces[i];
    // Legal forms: pinyin phrases only on Chinese syllables, the others only on other text.
    const PhraseRule* matched = nullptr;
    const auto match_phrase = [&](const std::vector<PhraseRule>& rules, bool typos,
                                  std::size_t min_tokens) {
      for (const PhraseRule& r : rules) {
        if (i + r.tokens.size() > pieces.size() || r.tokens.size() < min_tokens) continue;
        if (typos && r.han) continue;
        bool same = true;
        for (std::size_t k = 0; k < r.tokens.size() && same; ++k) {
          const Piece& q = pieces[i + k];
          same = (typos ? legal_word_alike(q.text, r.tokens[k]) : q.text == r.tokens[k]) &&
                 (r.han ? !latin_like(q) : latin_like(q));
        }
        if (same) {
          matched = &r;
          return;
        }
      }
    };
    if (const auto it = may_start<form_firsts>(p.text) ? forms.find(p.text) : forms.end();
        it != forms.end()) {
      // Longest first, a phrase with a typo in a later word before a shorter exact one
      // ("Limited Liabilty Company" is "llc", not "ltd" and two names).
      match_phrase(it->second, false, 2);
      if (!matched) match_phrase(it->second, true, 2);
      if (!matched) match_phrase(it->second, false, 1);
    }
    // A long one-word legal form with a typo ("Corporaton", "Aktiengeselschaft").
    if (!matched && latin_like(p) && p.script == TokenScript::kLatin && p.text.size() >= 7) {
      for (const LongForm& f : long_legal_forms()) {
        if (f.rule->tokens.front().size() + 1 >= p.text.size() &&
            p.text.size() + 1 >= f.rule->tokens.front().size() &&
            legal_word_alike(p.text, f.rule->tokens.front())) {
          matched = f.rule;
          break;
        }
      }
    }
    if (matched) {
      for (auto c : matched->canonical) {
        out.tokens.push_back({std::string(c), TokenRole::kLegalForm, p.script, {}, p.word});
      }
      i += matched->tokens.size();
      continue;
    }
    // Country names ("united kingdom"), and codes that stood in parentheses.
    std::size_t country_len = 0;
    std::string_view country_code;
    if (latin_like(p)) {
      if (const auto it =
              may_start<country_firsts>(p.text) ? countries.find(p.text) : countries.end();
          it != countries.end()) {
        for (const CountryWords& phrase : it->second) {
          if (i + phrase.tokens.size() > pieces.size()) continue;
          bool same = true;
          for (std::size_t k = 0; k < phrase.tokens.size() && same; ++k) {
            same = pieces[i + k].text == phrase.tokens[k] && latin_like(pieces[i + k]);
          }
          if (same) {
            country_len = phrase.tokens.size();
            country_code = phrase.code;
            break;
          }
        }
      }
      if (country_len == 0 && codes.count(p.text)) {
        country_len = 1;
        country_code = vocab::country_of_code(p.text);
      }
    }
    if (country_len > 0) {
      // A multi-word country is one token, so it weighs as one and pairs as one.
      std::string joined;
      for (std::size_t k = i; k < i + country_len; ++k) joined += pieces[k].text;
      out.tokens.push_back({std::move(joined), TokenRole::kCountry, p.script,
                            country_reading(country_code), p.word});
      i += country_len;
      continue;
    }
    // Number words ("forty four", "first") and ordinals ("1st") are numbers.
    if (latin_like(p)) {
      bool tens = false;
      const int n = vocab::number_word(p.text, &tens);
      if (n >= 0) {
        int value = n;
        std::size_t used = 1;
        if (tens && i + 1 < pieces.size()) {
          const int unit = vocab::number_word(pieces[i + 1].text);
          if (unit >= 1 && unit <= 9) {
            value += unit;
            used = 2;
          }
        }
        out.tokens.push_back(
            {std::to_string(value), TokenRole::kNumber, TokenScript::kLatin, {}, p.word});
        i += used;
        continue;
      }
    }
    std::string text = p.text;
    TokenRole role = TokenRole::kName;
    if (has_digit(text)) {
      if (std::string letters = letters_for_digits(text); !letters.empty()) {
        text = std::move(letters);
      } else {
        if (std::string digits = ordinal_digits(text); !digits.empty()) text = std::move(digits);
        role = TokenRole::kNumber;
      }
    }
    if (role != TokenRole::kNumber) {
      if (acronyms.count(text) && p.script == TokenScript::kLatin) {
        role = TokenRole::kAcronym;
      } else if (p.script == TokenScript::kAbjad ? is_abjad_particle(p.text)
                                                 : latin_like(p) && vocab::is_stop_word(p.text)) {
        role = TokenRole::kStopWord;
      }
    }
    out.tokens.push_back({std::move(text), role, p.script, p.alt, p.word});
    ++i;
  }
  // A word or number repeated in parentheses: the repetition is the name's short name, weak.
  for (std::size_t i = 0; i < out.tokens.size(); ++i) {
    NameToken& t = out.tokens[i];
    if ((t.role != TokenRole::kName && t.role != TokenRole::kNumber) ||
        !acronyms.count("\x01" + t.text)) {
      continue;
    }
    for (std::size_t k = 0; k < i; ++k) {
      if (out.tokens[k].text == t.text && out.tokens[k].role == t.role) {
        t.role = TokenRole::kAcronym;
        break;
      }
    }
  }
  // A name made only of weak words ("Limited Company", "The") is still a name: its words
  // identify it. In a name whose other words are all ordinary words of organisation names or
  // places, a letter read as a stop word, a word of its own, is its name: the SDN's "SHENZHEN A
  // TECHNOLOGY CO LTD" is not any Shenzhen technology company. The word tables are asked only
  // of a name holding such a letter: every list name is normalized here.
  if (!out.has_identifying_tokens()) {
    for (auto& t : out.tokens) t.role = TokenRole::kName;
  } else if (std::any_of(out.tokens.begin(), out.tokens.end(),
                         [](const NameToken& t) {
                           return t.role == TokenRole::kStopWord && t.text.size() == 1;
                         }) &&
             std::none_of(out.tokens.begin(), out.tokens.end(), [](const NameToken& t) {
               return t.role == TokenRole::kNumber ||
                      (t.role == TokenRole::kName && !vocab::is_generic_word(t.text) &&
                       !vocab::is_place_word(t.text));
             })) {
    // A word of its own: the "e" of "E-Science" is a prefix.
    const auto alone = [&](std::size_t i) {
      return (i == 0 || out.tokens[i - 1].word != out.tokens[i].word) &&
             (i + 1 == out.tokens.size() || out.tokens[i + 1].word != out.tokens[i].word);
    };
    for (std::size_t i = 0; i < out.tokens.size(); ++i) {
      NameToken& t = out.tokens[i];
      if (t.role == TokenRole::kStopWord && t.text.size() == 1 && alone(i)) {
        t.role = TokenRole::kName;
      }
    }
  }
  return out;
}

std::string to_string(const NormalizedName& n) {
  std::string s;
  for (const auto& t : n.tokens) {
    if (!s.empty()) s += ' ';
    s += t.text;
  }
  return s;
}

std::string consonant_skeleton(std::string_view token) {
  std::string s;
  s.reserve(token.size() + 2);
  const auto vowel = [](char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y' || c == 'w';
  };
  for (std::size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (vowel(c)) continue;
    std::string_view add(&token[i], 1);
    if (c == 'x') {
      add = "ks";
    } else if (c == 'q') {
      add = "k";
    } else if (c == 'p' && i + 1 < token.size() && token[i + 1] == 'h') {
      add = "f";
      ++i;
    }
    for (char a : add) {
      if (s.empty() || s.back() != a) s += a;
    }
  }
  // A final vowel is written in every script (Arabic "mhmdy" is Mohammadi, not Muhammad).
  if (!s.empty() && !token.empty() && vowel(token.back())) s += '+';
  return s;
}

}  // namespace exportscreen
