#pragma once
// Writes a Protocol as a protocol file in canonical form (fixed section order,
// regimens in canonical text). Reading what it writes gives an equal Protocol.
#include <string>

#include "protocol/protocol.h"

namespace il2t::protocol {

std::string write_protocol_toml(const Protocol& p);

}  // namespace il2t::protocol
