#pragma once
// Reading a whole file into memory, bytes unchanged.
#include <optional>
#include <string>

namespace il2t::data {

// The file's contents, or nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::string& path);

}  // namespace il2t::data
