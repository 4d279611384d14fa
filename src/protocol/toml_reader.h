#pragma once
// Reads a protocol file (TOML) into a Protocol, reporting every problem found with
// its file, line, column and field. Structural problems (syntax, unknown keys, wrong
// types, missing fields) are found here; cross-field checks are in validate.h.
#include <optional>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "protocol/protocol.h"

namespace il2t::protocol {

struct ReadResult {
  std::optional<Protocol> protocol;  // present when the file could be read at all
  Diagnostics diagnostics;
};

// `name` is the file name used in diagnostics.
ReadResult read_protocol_text(std::string_view text, const std::string& name);

}  // namespace il2t::protocol
