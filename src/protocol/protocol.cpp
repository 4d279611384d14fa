#include "protocol/protocol.h"

#include <cmath>

namespace il2t::protocol {

int Visit::study_day() const {
  if (unit == "week") return static_cast<int>(std::lround(at.value * 7.0)) + 1;
  if (unit == "month") return static_cast<int>(std::lround(at.value * 365.25 / 12.0)) + 1;
  return static_cast<int>(std::lround(at.value));
}

const Arm* Protocol::find_arm(std::string_view id) const {
  for (const Arm& a : arms) {
    if (a.id == id) return &a;
  }
  return nullptr;
}

const Visit* Protocol::find_visit(std::string_view id) const {
  for (const Visit& v : visits) {
    if (v.id == id) return &v;
  }
  return nullptr;
}

}  // namespace il2t::protocol
