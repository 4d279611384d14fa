#include "cli/load.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "data/atomic_file.h"
#include "data/sha256.h"
#include "eligibility/screen.h"
#include "protocol/toml_reader.h"
#include "protocol/validate.h"

namespace il2t::cli {

protocol::ReadResult check_file(const std::string& path, std::string* sha256) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    protocol::ReadResult r{std::nullopt, Diagnostics(path)};
    r.diagnostics.error({}, "cannot open the file");
    return r;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto r = protocol::read_protocol_text(text, path);
  if (r.protocol && !r.diagnostics.has_errors()) {
    protocol::validate(*r.protocol, r.diagnostics);
    eligibility::compile_protocol(*r.protocol, r.diagnostics);  // expressions name known fields
  }
  r.diagnostics.sort_by_position();
  if (sha256) *sha256 = data::sha256_hex(text);
  return r;
}

std::optional<LoadedProtocol> load_protocol(const std::string& path, std::ostream& err, bool quiet_warnings) {
  std::string sha;
  auto r = check_file(path, &sha);
  for (const auto& d : r.diagnostics.items()) {
    if (d.severity == Severity::error || !quiet_warnings) err << format(d) << "\n";
  }
  if (!r.protocol || r.diagnostics.has_errors()) return std::nullopt;
  return LoadedProtocol{std::move(*r.protocol), path, sha};
}

bool emit(const std::string& content, const std::string& out_path, std::ostream& err) {
  if (out_path.empty() || out_path == "-") {
    std::cout << content;
    std::cout.flush();
    return static_cast<bool>(std::cout);
  }
  const std::string why = data::write_file_atomically(out_path, content);
  if (!why.empty()) {
    err << out_path << ": error: " << why << "\n";
    return false;
  }
  return true;
}

}  // namespace il2t::cli
