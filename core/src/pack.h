// Packs: data the build prepares once (the rule set, the built-in list) written as the fields of
// its structs, in order, and read back at every start of the engine without parsing or
// validating anything again (internal). A struct is packed by a fields(io, value) function beside
// its type's other code, listing its fields once for the writer and the reader alike:
//
//   template <class Io, Is<Text> S> void fields(Io& io, S& v) { io(v.en, v.zh); }
//
// Format: a magic text and a format byte, then the fields. Integers (counts, lengths, enums) are
// LEB128, signed ones zigzag-encoded first; doubles their 8 IEEE bytes, little end first; strings
// a number n, then, when n is even, n / 2 bytes of text, and when it is odd, the same text as the
// (n - 1) / 2-th string of kInterned bytes or more written before it (citations, URLs, source and
// fact names recur through a pack farther apart than gzip's window reaches); vectors and maps a
// count and their elements; an optional a byte (0 or 1) and its value; JSON values a tag byte
// ('n', 'f', 't', 'u', 'i', 'd', 's', '[', '{') and their contents.
#pragma once

#include <bit>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "exportscreen/error.h"

namespace exportscreen::detail {

static_assert(std::endian::native == std::endian::little, "packs hold doubles little end first");

/// A struct packed by fields(): `S` is `X`, const (written) or not (read).
template <class S, class X>
concept Is = std::same_as<std::remove_const_t<S>, X>;

/// An integer (not bool) or an enum: packed as a LEB128 number.
template <class T>
concept PackedInteger = (std::integral<T> && !std::same_as<T, bool>) || std::is_enum_v<T>;

/// Strings this long or longer are written once per pack, and referred to after.
inline constexpr std::size_t kInterned = 8;

class PackWriter {
 public:
  PackWriter(std::string_view magic, char format) : bytes_(magic) { bytes_ += format; }

  template <class... T>
  void operator()(const T&... values) {
    (put(values), ...);
  }

  std::string take() { return std::move(bytes_); }

 private:
  void varint(std::uint64_t n) {
    do {
      const auto low = static_cast<unsigned char>(n & 0x7f);
      n >>= 7;
      bytes_ += static_cast<char>(n ? low | 0x80 : low);
    } while (n);
  }

  template <PackedInteger T>
  void put(T value) {
    if constexpr (std::is_enum_v<T>) {
      put(static_cast<std::underlying_type_t<T>>(value));
    } else if constexpr (std::is_signed_v<T>) {
      const auto n = static_cast<std::int64_t>(value);
      varint((static_cast<std::uint64_t>(n) << 1) ^ static_cast<std::uint64_t>(n >> 63));
    } else {
      varint(value);
    }
  }
  void put(bool b) { bytes_ += b ? '\1' : '\0'; }
  void put(double d) {
    char raw[sizeof d];
    std::memcpy(raw, &d, sizeof d);
    bytes_.append(raw, sizeof d);
  }
  void put(const std::string& s) {
    if (s.size() >= kInterned) {
      const auto [it, inserted] = interned_.try_emplace(s, interned_.size());
      if (!inserted) {
        varint(2 * it->second + 1);
        return;
      }
    }
    varint(2 * s.size());
    bytes_ += s;
  }
  template <class T>
  void put(const std::optional<T>& o) {
    put(o.has_value());
    if (o) put(*o);
  }
  template <class A, class B>
  void put(const std::pair<A, B>& p) {
    put(p.first);
    put(p.second);
  }
  template <class T>
  void put(const std::vector<T>& v) {
    varint(v.size());
    for (const T& e : v) put(e);
  }
  template <class V>
  void put(const std::map<std::string, V, std::less<>>& m) {
    varint(m.size());
    for (const auto& [k, v] : m) {
      put(k);
      put(v);
    }
  }
  void put(const nlohmann::json& j) {
    using Type = nlohmann::json::value_t;
    switch (j.type()) {
      case Type::null:
        bytes_ += 'n';
        return;
      case Type::boolean:
        bytes_ += j.get<bool>() ? 't' : 'f';
        return;
      case Type::number_unsigned:
        bytes_ += 'u';
        put(j.get<std::uint64_t>());
        return;
      case Type::number_integer:
        bytes_ += 'i';
        put(j.get<std::int64_t>());
        return;
      case Type::number_float:
        bytes_ += 'd';
        put(j.get<double>());
        return;
      case Type::string:
        bytes_ += 's';
        put(j.get_ref<const std::string&>());
        return;
      case Type::array:
        bytes_ += '[';
        varint(j.size());
        for (const nlohmann::json& e : j) put(e);
        return;
      case Type::object:
        bytes_ += '{';
        varint(j.size());
        for (const auto& [k, v] : j.items()) {
          put(k);
          put(v);
        }
        return;
      default:  // binary and discarded values: never in packed data
        throw Error(errc::kInternal, "pack: a JSON value of an unexpected type");
    }
  }
  // A struct: its fields(), found beside its type.
  template <class T>
  requires(!PackedInteger<T> && !std::is_arithmetic_v<T>) void put(const T& record) {
    fields(*this, record);
  }

  std::string bytes_;
  std::unordered_map<std::string, std::uint64_t> interned_;  // text -> its number
};

class PackReader {
 public:
  /// Reads `bytes`, which must start with `magic` and `format`; `what` names the pack in the
  /// error a damaged one is ("rule data: the built-in rule pack").
  PackReader(std::string_view bytes, std::string_view magic, char format, std::string_view what)
      : at_(bytes.data()), end_(at_ + bytes.size()), what_(what) {
    if (bytes.size() < magic.size() + 1 || bytes.substr(0, magic.size()) != magic ||
        bytes[magic.size()] != format) {
      broken();
    }
    at_ += magic.size() + 1;
  }

  template <class... T>
  void operator()(T&... values) {
    (get(values), ...);
  }

  /// Throws unless every byte was read.
  void finish() const {
    if (at_ != end_) broken();
  }

 private:
  [[noreturn]] void broken() const {
    throw Error(errc::kInternal, std::string(what_) + " is damaged or of another build");
  }
  char byte() {
    if (at_ == end_) broken();
    return *at_++;
  }
  std::uint64_t varint() {
    std::uint64_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      const auto b = static_cast<unsigned char>(byte());
      n |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return n;
    }
    broken();
  }
  // A count of elements each at least one byte long: never more than the bytes left.
  std::size_t count() {
    const std::uint64_t n = varint();
    if (n > static_cast<std::uint64_t>(end_ - at_)) broken();
    return static_cast<std::size_t>(n);
  }

  template <PackedInteger T>
  void get(T& value) {
    if constexpr (std::is_enum_v<T>) {
      std::underlying_type_t<T> n{};
      get(n);
      value = static_cast<T>(n);
    } else if constexpr (std::is_signed_v<T>) {
      const std::uint64_t z = varint();
      const auto n = static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
      if (!std::in_range<T>(n)) broken();
      value = static_cast<T>(n);
    } else {
      const std::uint64_t n = varint();
      if (!std::in_range<T>(n)) broken();
      value = static_cast<T>(n);
    }
  }
  void get(bool& b) {
    const char c = byte();
    if (c != '\0' && c != '\1') broken();
    b = c == '\1';
  }
  void get(double& d) {
    if (end_ - at_ < static_cast<std::ptrdiff_t>(sizeof d)) broken();
    std::memcpy(&d, at_, sizeof d);
    at_ += sizeof d;
  }
  void get(std::string& s) {
    const std::uint64_t n = varint();
    if (n & 1) {
      if (n / 2 >= interned_.size()) broken();
      s.assign(interned_[n / 2]);
      return;
    }
    if (n / 2 > static_cast<std::uint64_t>(end_ - at_)) broken();
    const std::string_view text(at_, n / 2);
    s.assign(text);
    if (text.size() >= kInterned) interned_.push_back(text);
    at_ += text.size();
  }
  template <class T>
  void get(std::optional<T>& o) {
    bool present = false;
    get(present);
    if (!present) {
      o.reset();
      return;
    }
    get(o.emplace());
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
  void get(nlohmann::json& j) {
    switch (byte()) {
      case 'n':
        j = nullptr;
        return;
      case 'f':
        j = false;
        return;
      case 't':
        j = true;
        return;
      case 'u': {
        std::uint64_t n = 0;
        get(n);
        j = n;
        return;
      }
      case 'i': {
        std::int64_t n = 0;
        get(n);
        j = n;
        return;
      }
      case 'd': {
        double d = 0;
        get(d);
        j = d;
        return;
      }
      case 's': {
        std::string s;
        get(s);
        j = std::move(s);
        return;
      }
      case '[': {
        j = nlohmann::json::array();
        const std::size_t n = count();
        for (std::size_t i = 0; i < n; ++i) get(j.emplace_back());
        return;
      }
      case '{': {
        j = nlohmann::json::object();
        const std::size_t n = count();
        for (std::size_t i = 0; i < n; ++i) {
          std::string k;
          get(k);
          get(j[k]);
        }
        return;
      }
      default:
        broken();
    }
  }
  template <class T>
  requires(!PackedInteger<T> && !std::is_arithmetic_v<T>) void get(T& record) {
    fields(*this, record);
  }

  const char* at_;
  const char* end_;
  std::string_view what_;
  std::vector<std::string_view> interned_;  // in the pack's bytes
};

/// The pack of `value`: `magic`, `format`, then its fields.
template <class T>
std::string pack(const T& value, std::string_view magic, char format) {
  PackWriter w(magic, format);
  w(value);
  return w.take();
}

/// The value a whole pack holds; throws Error (errc::kInternal, naming `what`) on anything else.
template <class T>
T unpack(std::string_view bytes, std::string_view magic, char format, std::string_view what) {
  PackReader r(bytes, magic, format, what);
  T value;
  r(value);
  r.finish();
  return value;
}

}  // namespace exportscreen::detail
