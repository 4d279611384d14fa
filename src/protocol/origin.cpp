#include "protocol/origin.h"

namespace il2t::protocol {

const char* to_string(OriginKind k) {
  switch (k) {
    case OriginKind::registry: return "registry";
    case OriginKind::interpreted: return "interpreted";
    case OriginKind::assumed: return "assumed";
  }
  return "registry";
}

}  // namespace il2t::protocol
