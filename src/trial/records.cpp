#include "trial/records.h"

#include <cmath>

namespace il2t::trial {

void TrialRecords::clear() {
  subjects.clear();
  findings.clear();
  events.clear();
  finding_begin.clear();
  event_begin.clear();
  screened = screen_failures = undetermined = unplaced = 0;
  failed_by.clear();
  terms.clear();
}

const Finding* TrialRecords::find(std::uint32_t subject, std::uint16_t visit, Test test) const {
  for (std::uint32_t i = finding_begin[subject]; i < finding_begin[subject + 1]; ++i) {
    const Finding& f = findings[i];
    if (f.visit == visit && f.test == test) return &f;
    if (f.visit > visit) break;
  }
  return nullptr;
}

measures::Values TrialRecords::values_at(std::uint32_t subject, std::uint16_t visit) const {
  measures::Values v = measures::no_values();
  for (std::uint32_t i = finding_begin[subject]; i < finding_begin[subject + 1]; ++i) {
    const Finding& f = findings[i];
    if (f.visit > visit) break;
    double& slot = v[static_cast<std::size_t>(f.test)];
    if (f.visit == visit && std::isnan(slot)) slot = f.value;
  }
  return v;
}

}  // namespace il2t::trial
