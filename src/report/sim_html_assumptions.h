#pragma once
// The simulation report's "Assumptions" section: every fact of the protocol file that
// is interpreted or assumed rather than the registry's (the arms' regimens first), each
// with its reason; the endpoints not simulated or not analysed as written, with why;
// and what the model, the trial's conduct, screening, missing data, the truth and
// MCP-Mod assume. HTML tables and a list.
#include <string>

#include "report/sim_json.h"
#include "trial/design.h"

namespace il2t::report {

std::string assumptions_html(const trial::TrialDesign& d, const SimProvenance& p);

}  // namespace il2t::report
