#pragma once
// A protocol's group-sequential design as the simulator carries it out ([group_sequential],
// [[interim]], [recruitment]; docs/protocol-format.md): the comparison the looks decide
// on, the direction that favours IL-2, when each interim look falls, and the spending
// functions. The bounds depend on the trial's size (a calendar look's information does)
// and are made per size by trial/sequential.h.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "stats/group_sequential.h"
#include "trial/recruitment.h"

namespace il2t::trial {

struct InterimLook {
  std::optional<double> information;  // a planned fraction of participants at the decision visit
  std::optional<double> month;        // or a month after recruitment opens
};

struct SequentialSpec {
  std::size_t endpoint = 0;    // index into the design's endpoints
  std::size_t comparison = 0;  // index into comparisons(d, e): the main arm against the reference, last timepoint
  std::size_t arm = 0, reference = 0, visit = 0;  // that comparison's arms and timepoint (its position)
  bool higher_is_benefit = true;
  std::vector<InterimLook> interims;  // the final analysis follows them
  RecruitmentCurve recruitment;
  int decision_day = 1;  // the nominal study day of the endpoint's last timepoint
  // Spending and futility; information_rates and alpha are filled per trial size.
  stats::DesignSpec spending;
  std::string efficacy_name, futility_name;  // as the protocol names them ("obrien-fleming", "none")
};

}  // namespace il2t::trial
