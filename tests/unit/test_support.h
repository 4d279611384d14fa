#pragma once
// Helpers shared by the tests: the project's files and reading protocol text.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "protocol/toml_reader.h"

namespace il2t::test {

std::string source_path(const std::string& relative);  // under the repository
std::string read_text(const std::string& path);
std::vector<std::string> protocol_files();  // protocols/*.toml, sorted
// An R reference file of tests/reference (FILE.json), parsed once per test program.
const nlohmann::json& r_reference(const std::string& file);

// Reads and validates; every diagnostic formatted, in position order.
struct Checked {
  std::optional<protocol::Protocol> protocol;
  std::vector<std::string> messages;
  bool ok = false;  // no errors
};
Checked check_text(const std::string& text, const std::string& name = "p.toml");

// A shipped protocol (protocols/FILE), read and validated; throws if it does not read.
protocol::Protocol shipped_protocol(const std::string& file);

}  // namespace il2t::test
