#pragma once
// What `il2trial screen` prints: per patient and protocol, the verdict with each
// failed criterion and its reason, the data missing, and the manual checks left.
#include <string>
#include <vector>

#include "eligibility/screen.h"

namespace il2t::report {

std::string screen_text(const std::vector<eligibility::ScreenResult>& results);
std::string screen_json(const std::vector<eligibility::ScreenResult>& results);

}  // namespace il2t::report
