#pragma once
// The list of a protocol's interpretations and assumptions: every fact or object
// whose origin is not plainly the registry, with its field path and reason.
#include <string>
#include <vector>

#include "protocol/protocol.h"

namespace il2t::protocol {

struct ProvenanceEntry {
  std::string path;    // e.g. "arms[0].interventions[0].regimen"
  OriginKind kind = OriginKind::interpreted;
  std::string reason;
  std::string words;   // the registry's words, if quoted
  SourcePos pos;
};

std::vector<ProvenanceEntry> provenance(const Protocol& p);

}  // namespace il2t::protocol
