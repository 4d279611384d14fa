#pragma once
// Reads and validates a protocol file for a command, printing its diagnostics.
#include <iosfwd>
#include <optional>
#include <string>

#include "protocol/protocol.h"
#include "protocol/toml_reader.h"

namespace il2t::cli {

struct LoadedProtocol {
  protocol::Protocol protocol;
  std::string path;
  std::string sha256;
};

// Reads and validates one file; the diagnostics come sorted by position.
protocol::ReadResult check_file(const std::string& path, std::string* sha256 = nullptr);

// nullopt when the file has errors (all printed to `err`); warnings are printed too
// unless `quiet_warnings`.
std::optional<LoadedProtocol> load_protocol(const std::string& path, std::ostream& err, bool quiet_warnings = false);

// Writes to `out_path` atomically, or to stdout when it is empty or "-".
bool emit(const std::string& content, const std::string& out_path, std::ostream& err);

}  // namespace il2t::cli
