// The rule set's pack: every field of RuleSet (rule_set.h) written in order, as the build writes
// it (core/gen/rulepack.cpp) and as each start of the engine reads it back. Each struct's fields
// are listed once, in fields() below, for the writer and the reader alike.
//
// Format: "ESRULES" and a format byte, then the fields. Unsigned integers (counts, lengths,
// enums) are LEB128; signed integers zigzag LEB128; doubles their 8 IEEE bytes, little end first;
// strings a length and their bytes; vectors and maps a count and their elements; JSON values a
// tag byte ('n', 'f', 't', 'u', 'i', 'd', 's', '[', '{') and their contents.
#include "rules/rule_pack.h"

#include <bit>
#include <concepts>
#include <cstring>
#include <type_traits>

#include "exportscreen/error.h"

namespace exportscreen::rules {
namespace {

using nlohmann::json;

constexpr std::string_view kMagic = "ESRULES";
constexpr char kFormat = 1;
static_assert(std::endian::native == std::endian::little, "the pack's doubles are little-endian");

// A struct of rule_set.h, const (written) or not (read).
template <class S, class X>
concept Is = std::same_as<std::remove_const_t<S>, X>;

template <class Io, Is<Text> S>
void fields(Io& io, S& v) {
  io(v.en, v.zh);
}
template <class Io, Is<Condition> S>
void fields(Io& io, S& v) {
  io(v.kind, v.children, v.fact, v.op, v.value);
}
template <class Io, Is<Rule> S>
void fields(Io& io, S& v) {
  io(v.id, v.file, v.check, v.scope, v.kind, v.severity, v.phase, v.when, v.effective_from,
     v.effective_until, v.citation, v.citation_suffix, v.source_url, v.message, v.next_step,
     v.evidence, v.for_rules, v.exception, v.conditions_en, v.conditions_zh);
}
template <class Io, Is<Figure> S>
void fields(Io& io, S& v) {
  io(v.value, v.grade, v.source);
}
template <class Io, Is<Chip> S>
void fields(Io& io, S& v) {
  io(v.id, v.name, v.vendor, v.designer_hq_country, v.kind, v.datacenter, v.gp10_named, v.aliases,
     v.alias_keys, v.figures, v.notes);
}
template <class Io, Is<Test> S>
void fields(Io& io, S& v) {
  io(v.quantity, v.op, v.value);
}
template <class Io, Is<Paragraph> S>
void fields(Io& io, S& v) {
  io(v.paragraph, v.tests);
}
template <class Io, Is<Exclusion> S>
void fields(Io& io, S& v) {
  io(v.id, v.tests, v.text);
}
template <class Io, Is<Definition> S>
void fields(Io& io, S& v) {
  io(v.id, v.eccn, v.kind, v.effective_from, v.effective_until, v.citation, v.source_url,
     v.paragraphs, v.exclusions);
}
template <class Io, Is<FdpFootnote> S>
void fields(Io& io, S& v) {
  io(v.footnote, v.paragraph, v.from, v.citation);
}
template <class Io, Is<GroupMember> S>
void fields(Io& io, S& v) {
  io(v.code, v.from, v.until);
}
template <class Io, Is<CountryGroup> S>
void fields(Io& io, S& v) {
  io(v.id, v.name, v.citation, v.verified_as_of, v.note, v.members);
}
template <class Io, Is<TreatedAs> S>
void fields(Io& io, S& v) {
  io(v.code, v.country, v.from, v.citation, v.source_url, v.note);
}
template <class Io, Is<EndUse> S>
void fields(Io& io, S& v) {
  io(v.id, v.default_answer, v.question, v.help, v.citation, v.source_url);
}
template <class Io, Is<RedFlag> S>
void fields(Io& io, S& v) {
  io(v.id, v.group, v.applies_to, v.citation, v.source_url, v.question, v.source);
}
template <class Io, Is<Role> S>
void fields(Io& io, S& v) {
  io(v.id, v.label);
}
template <class Io, Is<CslSource> S>
void fields(Io& io, S& v) {
  io(v.code, v.name, v.agency);
}
template <class Io, Is<RuleSet> S>
void fields(Io& io, S& v) {
  io(v.rules_version, v.rules_date, v.coverage_from, v.notice, v.unknown_text, v.texts, v.locales);
  io(v.chips, v.noise);
  io(v.precisions, v.precision_notes, v.definitions, v.computer_eccn, v.computer_citation,
     v.computer_source_url, v.computer_map, v.gp10_from, v.gp10_citation, v.gp10_source_url,
     v.labels, v.reasons, v.missing_inputs);
  io(v.groups, v.groups_verified_as_of, v.groups_source_url, v.treated_as, v.destination_notes);
  io(v.end_uses, v.red_flags, v.field_questions, v.roles, v.transactions);
  io(v.rules, v.fdp_footnotes);
  io(v.csl_sources, v.csl_citation, v.csl_source_url);
}

class Writer {
 public:
  std::string bytes;

  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }

 private:
  void unsigned_int(std::uint64_t n) {
    do {
      const auto low = static_cast<unsigned char>(n & 0x7f);
      n >>= 7;
      bytes += static_cast<char>(n ? low | 0x80 : low);
    } while (n);
  }
  void signed_int(std::int64_t n) {
    unsigned_int((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
  }

  void put(const std::string& s) {
    unsigned_int(s.size());
    bytes += s;
  }
  void put(bool b) { bytes += b ? '\1' : '\0'; }
  void put(int n) { signed_int(n); }
  void put(double d) {
    char raw[sizeof d];
    std::memcpy(raw, &d, sizeof d);
    bytes.append(raw, sizeof d);
  }
  template <class E>
  requires std::is_enum_v<E>
  void put(E e) { unsigned_int(static_cast<std::uint64_t>(e)); }
  void put(const std::optional<bool>& o) { bytes += !o ? '\2' : *o ? '\1' : '\0'; }
  template <class A, class B>
  void put(const std::pair<A, B>& p) {
    put(p.first);
    put(p.second);
  }
  template <class T>
  void put(const std::vector<T>& v) {
    unsigned_int(v.size());
    for (const T& e : v) put(e);
  }
  template <class V>
  void put(const std::map<std::string, V, std::less<>>& m) {
    unsigned_int(m.size());
    for (const auto& [k, v] : m) {
      put(k);
      put(v);
    }
  }
  void put(const json& j) {
    switch (j.type()) {
      case json::value_t::null:
        bytes += 'n';
        break;
      case json::value_t::boolean:
        bytes += j.get<bool>() ? 't' : 'f';
        break;
      case json::value_t::number_unsigned:
        bytes += 'u';
        unsigned_int(j.get<std::uint64_t>());
        break;
      case json::value_t::number_integer:
        bytes += 'i';
        signed_int(j.get<std::int64_t>());
        break;
      case json::value_t::number_float:
        bytes += 'd';
        put(j.get<double>());
        break;
      case json::value_t::string:
        bytes += 's';
        put(j.get_ref<const std::string&>());
        break;
      case json::value_t::array:
        bytes += '[';
        unsigned_int(j.size());
        for (const json& e : j) put(e);
        break;
      case json::value_t::object:
        bytes += '{';
        unsigned_int(j.size());
        for (const auto& [k, v] : j.items()) {
          put(k);
          put(v);
        }
        break;
      default:  // binary and discarded values: never in rule data
        throw Error(errc::kInternal, "rule pack: a value of an unexpected JSON type");
    }
  }
  template <class T>
  requires(!std::is_enum_v<T> && !std::is_arithmetic_v<T>) void put(const T& record) {
    fields(*this, record);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view bytes) : at_(bytes.data()), end_(at_ + bytes.size()) {}

  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }

  void expect(std::string_view magic) {
    if (static_cast<std::size_t>(end_ - at_) < magic.size() ||
        std::memcmp(at_, magic.data(), magic.size()) != 0) {
      broken();
    }
    at_ += magic.size();
  }
  char byte() {
    if (at_ == end_) broken();
    return *at_++;
  }
  void finish() const {
    if (at_ != end_) broken();
  }
  [[noreturn]] static void broken() {
    throw Error(errc::kInternal,
                "rule data: the built-in rule pack is damaged or of another build");
  }

 private:
  std::uint64_t unsigned_int() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto b = static_cast<unsigned char>(byte());
      n |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return n;
    }
    broken();
  }
  std::int64_t signed_int() {
    const std::uint64_t z = unsigned_int();
    return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
  }
  // A count of elements each at least one byte long: never more than the bytes left.
  std::size_t count() {
    const std::uint64_t n = unsigned_int();
    if (n > static_cast<std::uint64_t>(end_ - at_)) broken();
    return static_cast<std::size_t>(n);
  }

  void get(std::string& s) {
    const std::size_t n = count();
    s.assign(at_, n);
    at_ += n;
  }
  void get(bool& b) {
    const char c = byte();
    if (c != '\0' && c != '\1') broken();
    b = c == '\1';
  }
  void get(int& n) {
    const std::int64_t v = signed_int();
    if (v < INT32_MIN || v > INT32_MAX) broken();
    n = static_cast<int>(v);
  }
  void get(double& d) {
    if (end_ - at_ < static_cast<std::ptrdiff_t>(sizeof d)) broken();
    std::memcpy(&d, at_, sizeof d);
    at_ += sizeof d;
  }
  template <class E>
  requires std::is_enum_v<E>
  void get(E& e) {
    const std::uint64_t v = unsigned_int();
    if (v > 255) broken();  // every enum here has a handful of values
    e = static_cast<E>(v);
  }
  void get(std::optional<bool>& o) {
    const char c = byte();
    if (c == '\2') {
      o.reset();
    } else if (c == '\0' || c == '\1') {
      o = c == '\1';
    } else {
      broken();
    }
  }
  template <class A, class B>
  void get(std::pair<A, B>& p) {
    get(p.first);
    get(p.second);
  }
  template <class T>
  void get(std::vector<T>& v) {
    v.resize(count());
    for (T& e : v) get(e);
  }
  template <class V>
  void get(std::map<std::string, V, std::less<>>& m) {
    const std::size_t n = count();
    m.clear();
    for (std::size_t i = 0; i < n; ++i) {
      std::string k;
      get(k);
      V v;
      get(v);
      m.emplace_hint(m.end(), std::move(k), std::move(v));
    }
  }
  void get(json& j) {
    switch (byte()) {
      case 'n':
        j = nullptr;
        break;
      case 'f':
        j = false;
        break;
      case 't':
        j = true;
        break;
      case 'u':
        j = unsigned_int();
        break;
      case 'i':
        j = signed_int();
        break;
      case 'd': {
        double d = 0;
        get(d);
        j = d;
        break;
      }
      case 's': {
        std::string s;
        get(s);
        j = std::move(s);
        break;
      }
      case '[': {
        j = json::array();
        const std::size_t n = count();
        for (std::size_t i = 0; i < n; ++i) get(j.emplace_back());
        break;
      }
      case '{': {
        j = json::object();
        const std::size_t n = count();
        for (std::size_t i = 0; i < n; ++i) {
          std::string k;
          get(k);
          get(j[k]);
        }
        break;
      }
      default:
        broken();
    }
  }
  template <class T>
  requires(!std::is_enum_v<T> && !std::is_arithmetic_v<T>) void get(T& record) {
    fields(*this, record);
  }

  const char* at_;
  const char* end_;
};

}  // namespace

std::string pack_rule_set(const RuleSet& rules) {
  Writer w;
  w.bytes.append(kMagic);
  w.bytes += kFormat;
  w(rules);
  return std::move(w.bytes);
}

RuleSet unpack_rule_set(std::string_view bytes) {
  Reader r(bytes);
  r.expect(kMagic);
  if (r.byte() != kFormat) Reader::broken();
  RuleSet rules;
  r(rules);
  r.finish();
  return rules;
}

}  // namespace exportscreen::rules
