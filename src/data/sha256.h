#pragma once
// SHA-256 (FIPS 180-4), for the provenance hash of input files in every output.
#include <string>
#include <string_view>

namespace il2t::data {

std::string sha256_hex(std::string_view bytes);  // 64 lower-case hex digits

}  // namespace il2t::data
