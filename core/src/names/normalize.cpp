// normalize_name: folding, tokenizing, Chinese word translation, and tagging legal forms, stop
// words, countries and numbers.
#include "exportscreen/normalize.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "exportscreen/unicode.h"
#include "names/name_vocabulary.h"

namespace exportscreen {
namespace {

std::vector<std::string_view> split_spaces(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
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

// Country-name phrases indexed by their first token, longest first.
const std::unordered_map<std::string_view, std::vector<std::vector<std::string_view>>>&
country_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<std::vector<std::string_view>>> m;
    for (std::string_view p : vocab::country_phrases()) {
      auto tokens = split_spaces(p);
      if (!tokens.empty()) m[tokens.front()].push_back(std::move(tokens));
    }
    for (auto& [first, phrases] : m) {
      std::stable_sort(phrases.begin(), phrases.end(),
                       [](const auto& a, const auto& b) { return a.size() > b.size(); });
    }
    return m;
  }();
  return index;
}

bool has_digit(std::string_view t) {
  return std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_han(char32_t cp) {
  return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
         (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FA1F);
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
};

// One run of Chinese characters: legal forms found on the pinyin, then the longest glossary
// words, and pinyin syllables for the characters the glossary does not know.
void add_han_run(const std::vector<std::string_view>& chars, std::vector<Piece>& out) {
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
      for (std::size_t k = 0; k < rule->tokens.size(); ++k) {
        out.push_back({pinyin[i + k], TokenScript::kHan, false, {}});
      }
      i += rule->tokens.size();
      continue;
    }
    const std::size_t longest = std::min(vocab::han_gloss_max_chars(), chars.size() - i);
    std::size_t used = 0;
    for (std::size_t n = longest; n >= 2 && used == 0; --n) {
      const std::string_view word(
          chars[i].data(), static_cast<std::size_t>(chars[i + n - 1].data() +
                                                    chars[i + n - 1].size() - chars[i].data()));
      const std::string_view english = vocab::han_gloss(word);
      if (english.empty()) continue;
      std::string joined;
      for (std::size_t k = i; k < i + n; ++k) joined += pinyin[k];
      const auto words = split_spaces(english);
      for (std::string_view w : words) {
        out.push_back({std::string(w), TokenScript::kHan, true, words.size() == 1 ? joined : ""});
      }
      used = n;
    }
    if (used == 0) {
      if (!pinyin[i].empty()) out.push_back({pinyin[i], TokenScript::kHan, false, {}});
      used = 1;
    }
    i += used;
  }
}

// Codes written in parentheses ("(UK)", "(HK)"): there they are countries; elsewhere two
// letters are too often initials, pinyin syllables or legal forms.
std::unordered_set<std::string> parenthesised_codes(std::string_view name) {
  std::unordered_set<std::string> codes;
  for (std::size_t open = name.find('('); open != std::string_view::npos;
       open = name.find('(', open + 1)) {
    const std::size_t close = name.find(')', open);
    if (close == std::string_view::npos) break;
    std::string inner;
    for (char c : name.substr(open + 1, close - open - 1)) {
      inner += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if ((inner.size() == 2 || inner.size() == 3) && vocab::is_country_code(inner)) {
      codes.insert(inner);
    }
  }
  return codes;
}

// In Arabic script only the particles are weak: "mr" there is Omar (عمر), not "Mr".
bool is_abjad_particle(std::string_view t) {
  return t == "bn" || t == "bnt" || t == "abn" || t == "al";
}

}  // namespace

bool NormalizedName::has_identifying_tokens() const noexcept {
  return std::any_of(tokens.begin(), tokens.end(), [](const NameToken& t) {
    return t.role == TokenRole::kName || t.role == TokenRole::kNumber ||
           t.role == TokenRole::kCountry;
  });
}

NormalizedName normalize_name(std::string_view name) {
  // Split into words of other scripts (folded one by one, so each keeps its script) and runs of
  // Chinese characters (no spaces between words there).
  std::vector<Piece> pieces;
  std::vector<std::string_view> han;
  std::size_t word_start = std::string_view::npos;
  bool word_abjad = false;
  bool word_syllabic = false;
  const auto end_word = [&](std::size_t at) {
    if (word_start == std::string_view::npos) return;
    const std::string folded = fold(name.substr(word_start, at - word_start));
    const TokenScript script = word_abjad      ? TokenScript::kAbjad
                               : word_syllabic ? TokenScript::kHan
                                               : TokenScript::kLatin;
    for (std::string_view t : split_spaces(folded))
      pieces.push_back({std::string(t), script, false, {}});
    word_start = std::string_view::npos;
    word_abjad = word_syllabic = false;
  };
  const auto end_han = [&] {
    if (!han.empty()) add_han_run(han, pieces);
    han.clear();
  };
  for (std::size_t i = 0; i < name.size();) {
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

  const auto& forms = legal_form_index();
  const auto& countries = country_index();
  const auto codes = parenthesised_codes(name);
  const auto latin_like = [](const Piece& p) { return p.script != TokenScript::kHan || p.glossed; };

  NormalizedName out;
  out.tokens.reserve(pieces.size());
  for (std::size_t i = 0; i < pieces.size();) {
    const Piece& p = pieces[i];
    // Legal forms: pinyin phrases only on Chinese syllables, the others only on other text.
    const PhraseRule* matched = nullptr;
    if (const auto it = forms.find(p.text); it != forms.end()) {
      for (const PhraseRule& r : it->second) {
        if (i + r.tokens.size() > pieces.size()) continue;
        bool same = true;
        for (std::size_t k = 0; k < r.tokens.size() && same; ++k) {
          const Piece& q = pieces[i + k];
          same = q.text == r.tokens[k] && (r.han ? !latin_like(q) : latin_like(q));
        }
        if (same) {
          matched = &r;
          break;
        }
      }
    }
    if (matched) {
      for (auto c : matched->canonical) {
        out.tokens.push_back({std::string(c), TokenRole::kLegalForm, p.script, {}});
      }
      i += matched->tokens.size();
      continue;
    }
    // Country names ("united kingdom"), and codes that stood in parentheses.
    std::size_t country_len = 0;
    if (latin_like(p)) {
      if (const auto it = countries.find(p.text); it != countries.end()) {
        for (const auto& phrase : it->second) {
          if (i + phrase.size() > pieces.size()) continue;
          bool same = true;
          for (std::size_t k = 0; k < phrase.size() && same; ++k) {
            same = pieces[i + k].text == phrase[k] && latin_like(pieces[i + k]);
          }
          if (same) {
            country_len = phrase.size();
            break;
          }
        }
      }
      if (country_len == 0 && codes.count(p.text)) country_len = 1;
    }
    if (country_len > 0) {
      // A multi-word country is one token, so it weighs as one and pairs as one.
      std::string joined;
      for (std::size_t k = i; k < i + country_len; ++k) joined += pieces[k].text;
      out.tokens.push_back({std::move(joined), TokenRole::kCountry, p.script, {}});
      i += country_len;
      continue;
    }
    TokenRole role = TokenRole::kName;
    if (has_digit(p.text)) {
      role = TokenRole::kNumber;
    } else if (p.script == TokenScript::kAbjad ? is_abjad_particle(p.text)
                                               : latin_like(p) && vocab::is_stop_word(p.text)) {
      role = TokenRole::kStopWord;
    }
    out.tokens.push_back({p.text, role, p.script, p.alt});
    ++i;
  }
  // A name made only of weak words ("Limited Company", "The") is still a name: its words
  // identify it.
  if (!out.has_identifying_tokens()) {
    for (auto& t : out.tokens) t.role = TokenRole::kName;
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
