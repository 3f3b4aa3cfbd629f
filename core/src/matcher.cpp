// Name comparison (token alignment with Jaro-Winkler) and the PartyMatcher over loaded lists.
#include "exportscreen/matcher.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace exportscreen {
namespace {

// Token similarities below this count as no similarity at all.
constexpr double kMinTokenSimilarity = 0.84;
// Similarity of an initial ("J") to a word it abbreviates ("John").
constexpr double kInitialSimilarity = 0.9;
// Weight of query vs list-name coverage in the score: what the user typed must be found.
constexpr double kQueryCoverageWeight = 0.6;
// Score factor when the two names carry numbers that disagree.
constexpr double kNumberMismatchFactor = 0.5;
// Score added when the query's country is one of the entry's countries.
constexpr double kCountryBonus = 0.02;

bool identifying(const NameToken& t) {
  return t.role == TokenRole::kName || t.role == TokenRole::kNumber;
}

double token_similarity(std::string_view a, std::string_view b) {
  if (a == b) return 1.0;
  if (a.size() == 1 || b.size() == 1) return a[0] == b[0] ? kInitialSimilarity : 0.0;
  const double jw = jaro_winkler(a, b);
  return jw >= kMinTokenSimilarity ? jw : 0.0;
}

// A token or two adjacent tokens read as one word ("hua" + "wei" = "huawei").
struct Unit {
  std::string text;
  int first;
  int count;
  bool number;
  double weight;  // summed length of its identifying tokens
};

std::vector<Unit> units_of(const NormalizedName& n) {
  std::vector<Unit> units;
  const auto& t = n.tokens;
  for (int i = 0; i < static_cast<int>(t.size()); ++i) {
    if (identifying(t[i])) {
      units.push_back({t[i].text, i, 1, t[i].role == TokenRole::kNumber,
                       static_cast<double>(t[i].text.size())});
    }
    if (i + 1 < static_cast<int>(t.size()) && t[i].role != TokenRole::kNumber &&
        t[i + 1].role != TokenRole::kNumber && (identifying(t[i]) || identifying(t[i + 1]))) {
      double w = 0;
      for (int k = i; k <= i + 1; ++k) {
        if (identifying(t[k])) w += static_cast<double>(t[k].text.size());
      }
      units.push_back({t[i].text + t[i + 1].text, i, 2, false, w});
    }
  }
  return units;
}

std::string joined(const NormalizedName& n, const Unit& u) {
  std::string s;
  for (int k = u.first; k < u.first + u.count; ++k) {
    if (!s.empty()) s += ' ';
    s += n.tokens[static_cast<std::size_t>(k)].text;
  }
  return s;
}

double identifying_weight(const NormalizedName& n) {
  double w = 0;
  for (const auto& t : n.tokens) {
    if (identifying(t)) w += static_cast<double>(t.text.size());
  }
  return w;
}

std::uint32_t first_letter_mask(const NormalizedName& n) {
  std::uint32_t mask = 0;
  for (const auto& t : n.tokens) {
    if (t.text.empty()) continue;
    const char c = t.text[0];
    mask |= (c >= 'a' && c <= 'z') ? (1u << (c - 'a')) : (1u << 26);
  }
  return mask;
}

}  // namespace

double jaro_winkler(std::string_view a, std::string_view b) noexcept {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a.size() > b.size()) std::swap(a, b);
  const std::size_t window = b.size() / 2 > 0 ? b.size() / 2 - 1 : 0;
  // Names are short; 64 flags cover any token a name has (longer tokens compare as unequal tails).
  constexpr std::size_t kMax = 64;
  if (b.size() > kMax) return a == b ? 1.0 : 0.0;
  bool a_hit[kMax] = {};
  bool b_hit[kMax] = {};
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t lo = i > window ? i - window : 0;
    const std::size_t hi = std::min(i + window + 1, b.size());
    for (std::size_t j = lo; j < hi; ++j) {
      if (!b_hit[j] && a[i] == b[j]) {
        a_hit[i] = b_hit[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_hit[i]) continue;
    while (!b_hit[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) /
                      3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

NameComparison compare_names(const NormalizedName& query, const NormalizedName& list_name) {
  NameComparison c;
  for (const auto& t : query.tokens) {
    if (!identifying(t)) c.weak_query.push_back(t.text);
  }
  for (const auto& t : list_name.tokens) {
    if (!identifying(t)) c.weak_list.push_back(t.text);
  }
  const double q_total = identifying_weight(query);
  const double l_total = identifying_weight(list_name);
  if (q_total == 0 || l_total == 0) return c;

  const std::vector<Unit> qu = units_of(query);
  const std::vector<Unit> lu = units_of(list_name);
  struct Candidate {
    std::size_t q, l;
    double sim;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < qu.size(); ++i) {
    for (std::size_t j = 0; j < lu.size(); ++j) {
      if (qu[i].number != lu[j].number) continue;
      // Joined units only pair with single tokens: "hua wei" ~ "huawei", never two pairs.
      if (qu[i].count > 1 && lu[j].count > 1) continue;
      const double sim = qu[i].number ? (qu[i].text == lu[j].text ? 1.0 : 0.0)
                                      : token_similarity(qu[i].text, lu[j].text);
      if (sim > 0) candidates.push_back({i, j, sim});
    }
  }
  // Identical single tokens pair first, then the rest best-first: joined units must never take
  // a token that has an exact partner (fuzz regression: joined-tokens-break-self-match).
  const auto rank = [&](const Candidate& c) {
    return c.sim == 1.0 && qu[c.q].count == 1 && lu[c.l].count == 1 ? 0 : 1;
  };
  std::sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
    if (rank(x) != rank(y)) return rank(x) < rank(y);
    if (x.sim != y.sim) return x.sim > y.sim;
    return qu[x.q].weight + lu[x.l].weight > qu[y.q].weight + lu[y.l].weight;
  });

  std::vector<bool> q_used(query.tokens.size()), l_used(list_name.tokens.size());
  const auto free = [](const std::vector<bool>& used, const Unit& u) {
    for (int k = u.first; k < u.first + u.count; ++k) {
      if (used[static_cast<std::size_t>(k)]) return false;
    }
    return true;
  };
  double q_matched = 0, l_matched = 0;
  for (const Candidate& cand : candidates) {
    const Unit& a = qu[cand.q];
    const Unit& b = lu[cand.l];
    if (!free(q_used, a) || !free(l_used, b)) continue;
    if (a.weight == 0 || b.weight == 0) continue;  // a legal form alone pairs with nothing
    for (int k = a.first; k < a.first + a.count; ++k) q_used[static_cast<std::size_t>(k)] = true;
    for (int k = b.first; k < b.first + b.count; ++k) l_used[static_cast<std::size_t>(k)] = true;
    q_matched += cand.sim * a.weight;
    l_matched += cand.sim * b.weight;
    c.pairs.push_back({joined(query, a), joined(list_name, b), cand.sim});
  }

  bool q_number_left = false, l_number_left = false;
  for (std::size_t i = 0; i < query.tokens.size(); ++i) {
    if (identifying(query.tokens[i]) && !q_used[i]) {
      c.unmatched_query.push_back(query.tokens[i].text);
      q_number_left |= query.tokens[i].role == TokenRole::kNumber;
    }
  }
  for (std::size_t i = 0; i < list_name.tokens.size(); ++i) {
    if (identifying(list_name.tokens[i]) && !l_used[i]) {
      c.unmatched_list.push_back(list_name.tokens[i].text);
      l_number_left |= list_name.tokens[i].role == TokenRole::kNumber;
    }
  }
  c.query_coverage = std::min(1.0, q_matched / q_total);
  c.list_coverage = std::min(1.0, l_matched / l_total);
  if (q_number_left && l_number_left) c.number_factor = kNumberMismatchFactor;
  c.score = std::pow(c.query_coverage, kQueryCoverageWeight) *
            std::pow(c.list_coverage, 1.0 - kQueryCoverageWeight) * c.number_factor;
  return c;
}

void PartyMatcher::add(const ListSnapshot& list) {
  names_.reserve(names_.size() + list.info.names);
  for (const ListEntry& e : list.entries) {
    const auto index = [&](const std::string& text, bool alias) {
      NormalizedName n = normalize_name(text);
      const std::uint32_t mask = first_letter_mask(n);
      names_.push_back({&e, &list.info, &text, alias, std::move(n), mask});
    };
    index(e.name, false);
    for (const std::string& alias : e.alt_names) index(alias, true);
  }
}

std::vector<PartyMatch> PartyMatcher::match(const MatchQuery& query,
                                            const MatchOptions& options) const {
  const NormalizedName q = normalize_name(query.name);
  std::vector<PartyMatch> out;
  if (!q.has_identifying_tokens()) return out;
  const std::uint32_t q_mask = first_letter_mask(q);

  std::unordered_map<const ListEntry*, std::size_t> best;  // entry -> index in out
  for (const IndexedName& n : names_) {
    if ((n.first_letters & q_mask) == 0) continue;
    if (!options.sources.empty() &&
        std::find(options.sources.begin(), options.sources.end(), n.entry->source_code) ==
            options.sources.end()) {
      continue;
    }
    NameComparison cmp = compare_names(q, n.normalized);
    if (cmp.score <= 0) continue;
    PartyMatch m;
    m.entry = n.entry;
    m.list = n.list;
    m.matched_name = *n.text;
    m.alias = n.alias;
    m.score = cmp.score;
    if (!query.country.empty()) {
      for (const Address& a : n.entry->addresses) m.country_match |= a.country == query.country;
      for (const auto& c : n.entry->nationalities) m.country_match |= c == query.country;
      if (m.country_match) m.score = std::min(1.0, m.score + kCountryBonus);
    }
    m.explanation = std::move(cmp);
    const auto [it, inserted] = best.emplace(n.entry, out.size());
    if (inserted) {
      out.push_back(std::move(m));
    } else if (m.score > out[it->second].score) {
      out[it->second] = std::move(m);
    }
  }
  std::erase_if(out, [&](const PartyMatch& m) { return m.score < options.min_score; });
  std::stable_sort(out.begin(), out.end(),
                   [](const PartyMatch& a, const PartyMatch& b) { return a.score > b.score; });
  if (out.size() > options.limit) out.resize(options.limit);
  return out;
}

}  // namespace exportscreen
