#include "trial/load_protocol.h"

#include "data/read_file.h"
#include "data/sha256.h"
#include "eligibility/screen.h"
#include "protocol/validate.h"
#include "trial/strata.h"

namespace il2t::trial {

protocol::ReadResult read_and_check_file(const std::string& path, std::string* sha256) {
  const auto content = data::read_file(path);
  if (!content) {
    protocol::ReadResult r{std::nullopt, Diagnostics(path)};
    r.diagnostics.error({}, "cannot open the file");
    return r;
  }
  const std::string& text = *content;
  auto r = protocol::read_protocol_text(text, path);
  if (r.protocol && !r.diagnostics.has_errors()) {
    protocol::validate(*r.protocol, r.diagnostics);
    eligibility::compile_protocol(*r.protocol, r.diagnostics);  // expressions name known fields
    check_strata_rules(*r.protocol, r.diagnostics);              // so do the strata's level rules
  }
  r.diagnostics.sort_by_position();
  if (sha256) *sha256 = data::sha256_hex(text);
  return r;
}

}  // namespace il2t::trial
