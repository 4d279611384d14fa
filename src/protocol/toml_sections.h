#pragma once
// The protocol reader's optional design sections ([recruitment], [group_sequential],
// [[interim]], [[assumed]]), read after the required ones. Internal to the reader.
#include <toml++/toml.h>

#include "protocol/protocol.h"
#include "protocol/toml_values.h"

namespace il2t::protocol::detail {

// Reads each of the sections present in `root` into `p`, reporting problems through `v`.
void read_design_sections(const toml::table& root, ValueReader& v, Protocol& p);

}  // namespace il2t::protocol::detail
