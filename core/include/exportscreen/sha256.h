// SHA-256 (FIPS 180-4), to identify exactly which bytes of a list file were screened against.
#pragma once

#include <string>
#include <string_view>

namespace exportscreen {

/// Lower-case hex SHA-256 digest of `bytes`.
std::string sha256_hex(std::string_view bytes);

}  // namespace exportscreen
