// SHA-256 as specified in FIPS 180-4, sections 4.1.2, 4.2.2, 5.1.1, 6.2.
#include "exportscreen/sha256.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace exportscreen {
namespace {

// FIPS 180-4 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

// One round of FIPS 180-4 6.2.2 step 3 on the working variables as named for round t: the
// caller rotates the names instead of moving eight values a round (h becomes the next a, d the
// next e).
inline void sha_round(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t& d,
                      std::uint32_t e, std::uint32_t f, std::uint32_t g, std::uint32_t& h,
                      std::uint32_t k_plus_w) {
  const std::uint32_t t1 =
      h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + (g ^ (e & (f ^ g))) + k_plus_w;
  d += t1;
  h = t1 + (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) | (c & (a | b)));
}

void compress(std::array<std::uint32_t, 8>& h, const unsigned char* block) {
  std::array<std::uint32_t, 64> w;
  for (int t = 0; t < 16; ++t) {
    w[t] = (std::uint32_t{block[4 * t]} << 24) | (std::uint32_t{block[4 * t + 1]} << 16) |
           (std::uint32_t{block[4 * t + 2]} << 8) | std::uint32_t{block[4 * t + 3]};
  }
  for (int t = 16; t < 64; ++t) {
    const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
    const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
  }
  std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
  for (int t = 0; t < 64; t += 8) {
    sha_round(a, b, c, d, e, f, g, k, kRound[t] + w[t]);
    sha_round(k, a, b, c, d, e, f, g, kRound[t + 1] + w[t + 1]);
    sha_round(g, k, a, b, c, d, e, f, kRound[t + 2] + w[t + 2]);
    sha_round(f, g, k, a, b, c, d, e, kRound[t + 3] + w[t + 3]);
    sha_round(e, f, g, k, a, b, c, d, kRound[t + 4] + w[t + 4]);
    sha_round(d, e, f, g, k, a, b, c, kRound[t + 5] + w[t + 5]);
    sha_round(c, d, e, f, g, k, a, b, kRound[t + 6] + w[t + 6]);
    sha_round(b, c, d, e, f, g, k, a, kRound[t + 7] + w[t + 7]);
  }
  h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += k;
}

}  // namespace

Sha256::Sha256()
    // FIPS 180-4 5.3.3: initial hash value.
    : h_{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
         0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

void Sha256::update(std::string_view bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t n = bytes.size();
  length_ += n;
  if (buffered_ > 0) {
    const std::size_t take = std::min<std::size_t>(64 - buffered_, n);
    for (std::size_t i = 0; i < take; ++i) block_[buffered_ + i] = data[i];
    buffered_ += take;
    data += take;
    n -= take;
    if (buffered_ < 64) return;
    compress(h_, block_.data());
    buffered_ = 0;
  }
  for (; n >= 64; n -= 64, data += 64) compress(h_, data);
  for (std::size_t i = 0; i < n; ++i) block_[i] = data[i];
  buffered_ = n;
}

std::string Sha256::hex_digest() const {
  std::array<std::uint32_t, 8> h = h_;
  // FIPS 180-4 5.1.1: padding with 0x80, zeros, and the 64-bit message length in bits.
  unsigned char tail[128] = {};
  for (std::size_t i = 0; i < buffered_; ++i) tail[i] = block_[i];
  tail[buffered_] = 0x80;
  const std::size_t tail_len = buffered_ < 56 ? 64 : 128;
  const std::uint64_t bits = static_cast<std::uint64_t>(length_) * 8;
  for (int i = 0; i < 8; ++i) tail[tail_len - 1 - i] = static_cast<unsigned char>(bits >> (8 * i));
  compress(h, tail);
  if (tail_len == 128) compress(h, tail + 64);

  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (std::uint32_t word : h) {
    for (int shift = 28; shift >= 0; shift -= 4) out += kHex[(word >> shift) & 0xF];
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 hash;
  hash.update(bytes);
  return hash.hex_digest();
}

}  // namespace exportscreen
