#pragma once
// Reading one protocol file from disk: parsed, validated and its criteria compiled,
// with every diagnostic sorted by position, and the file's SHA-256.
#include <string>

#include "protocol/toml_reader.h"

namespace il2t::protocol {

ReadResult read_and_check_file(const std::string& path, std::string* sha256 = nullptr);

}  // namespace il2t::protocol
