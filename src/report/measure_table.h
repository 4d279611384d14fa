#pragma once
// The measure catalogue as Markdown (docs/measures.md is this output, checked by a
// test so the two never drift): every recorded test, and every instrument a protocol
// may name with how the simulator reads it.
#include <string>

namespace il2t::report {

std::string measure_table_markdown();

}  // namespace il2t::report
