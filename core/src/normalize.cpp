// normalize_name: folding, tokenizing, and tagging legal forms, stop words and numbers.
#include "exportscreen/normalize.h"

#include <algorithm>
#include <unordered_map>

#include "exportscreen/unicode.h"
#include "name_vocabulary.h"

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
};

// Legal-form phrases indexed by their first token, longest phrase first.
const std::unordered_map<std::string_view, std::vector<PhraseRule>>& legal_form_index() {
  static const auto index = [] {
    std::unordered_map<std::string_view, std::vector<PhraseRule>> m;
    for (const auto& f : vocab::legal_forms()) {
      PhraseRule r{split_spaces(f.phrase), split_spaces(f.canonical)};
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

bool has_digit(std::string_view t) {
  return std::any_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

bool NormalizedName::has_identifying_tokens() const noexcept {
  return std::any_of(tokens.begin(), tokens.end(), [](const NameToken& t) {
    return t.role == TokenRole::kName || t.role == TokenRole::kNumber;
  });
}

NormalizedName normalize_name(std::string_view name) {
  const std::string folded = fold(name);
  const std::vector<std::string_view> raw = split_spaces(folded);
  const auto& forms = legal_form_index();

  NormalizedName out;
  out.tokens.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size();) {
    const auto it = forms.find(raw[i]);
    const PhraseRule* matched = nullptr;
    if (it != forms.end()) {
      for (const PhraseRule& r : it->second) {
        if (i + r.tokens.size() <= raw.size() &&
            std::equal(r.tokens.begin(), r.tokens.end(), raw.begin() + static_cast<long>(i))) {
          matched = &r;
          break;
        }
      }
    }
    if (matched) {
      for (auto c : matched->canonical) out.tokens.push_back({std::string(c), TokenRole::kLegalForm});
      i += matched->tokens.size();
      continue;
    }
    TokenRole role = TokenRole::kName;
    if (has_digit(raw[i])) {
      role = TokenRole::kNumber;
    } else if (vocab::is_stop_word(raw[i])) {
      role = TokenRole::kStopWord;
    }
    out.tokens.push_back({std::string(raw[i]), role});
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

}  // namespace exportscreen
