#include "protocol/load_file.h"

#include <fstream>
#include <sstream>

#include "data/sha256.h"
#include "eligibility/screen.h"
#include "protocol/validate.h"

namespace il2t::protocol {

ReadResult read_and_check_file(const std::string& path, std::string* sha256) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ReadResult r{std::nullopt, Diagnostics(path)};
    r.diagnostics.error({}, "cannot open the file");
    return r;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  auto r = read_protocol_text(text, path);
  if (r.protocol && !r.diagnostics.has_errors()) {
    validate(*r.protocol, r.diagnostics);
    eligibility::compile_protocol(*r.protocol, r.diagnostics);  // expressions name known fields
  }
  r.diagnostics.sort_by_position();
  if (sha256) *sha256 = data::sha256_hex(text);
  return r;
}

}  // namespace il2t::protocol
