// SHA-256 (FIPS 180-4), to identify exactly which bytes of a list file were screened against.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace exportscreen {

/// Incremental SHA-256: the digest of the concatenation of every update(), so a list fed in
/// chunks is identified exactly as when loaded at once.
class Sha256 {
 public:
  Sha256();
  /// Adds bytes to the message.
  void update(std::string_view bytes);
  /// Lower-case hex digest of everything added so far (the hash can go on being updated).
  std::string hex_digest() const;

 private:
  std::array<std::uint32_t, 8> h_;
  std::array<unsigned char, 64> block_{};
  std::size_t buffered_ = 0;
  std::uint64_t length_ = 0;
};

/// Lower-case hex SHA-256 digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace exportscreen
