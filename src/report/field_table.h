#pragma once
// The patient-record field dictionary as a Markdown table (docs/patient-fields.md is
// this output, checked by a test so the two never drift).
#include <string>

namespace il2t::report {

std::string field_table_markdown();

}  // namespace il2t::report
