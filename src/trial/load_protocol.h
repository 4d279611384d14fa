#pragma once
// Loading a trial from its protocol file: read from disk, parsed, validated and its
// eligibility criteria and strata rules compiled, with every diagnostic sorted by position, and the
// file's SHA-256. (Here, not in protocol/, which knows neither files nor criteria.)
#include <string>

#include "protocol/toml_reader.h"

namespace il2t::trial {

protocol::ReadResult read_and_check_file(const std::string& path, std::string* sha256 = nullptr);

}  // namespace il2t::trial
