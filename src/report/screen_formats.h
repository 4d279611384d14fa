#pragma once
// What `il2trial screen` prints: per patient and protocol, the verdict with each
// failed criterion and its reason, the data missing, and the manual checks left.
#include <string>
#include <vector>

#include "eligibility/screen.h"

namespace il2t::report {

// The date screened against (YYYY-MM-DD) and whether the user gave it (--as-of) or it
// is today's: the output states it, so that a rerun on another day can be made the same.
struct ScreenDate {
  std::string date;
  bool given = false;
};
std::string screen_text(const std::vector<eligibility::ScreenResult>& results, const ScreenDate& as_of);
// Each result carries `as_of`.
std::string screen_json(const std::vector<eligibility::ScreenResult>& results, const ScreenDate& as_of);

}  // namespace il2t::report
