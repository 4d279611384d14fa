#include "cli/load.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "data/atomic_file.h"
#include "trial/load_protocol.h"

namespace il2t::cli {

protocol::ReadResult check_file(const std::string& path, std::string* sha256) {
  return trial::read_and_check_file(path, sha256);
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
