#include "instruments/jadas.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "instruments/parse.h"

namespace il2t::instruments {

namespace {

constexpr std::array<std::string_view, 4> kIds{"physician_global", "parent_global",
                                               "active_joints", "esr"};

// Active joints are counted over 71 joints for JADAS-10 (then capped at 10).
int joints_assessed(JadasVersion v) { return v == JadasVersion::jadas27 ? 27 : 71; }

Scored<double> clinical_part(JadasVersion v, const JadasInput& in) {
  const std::string_view name = to_string(v);
  auto ph = detail::in_range_of(name, "physician_global", in.physician_global, 0, 10);
  if (!ph) return ph;
  auto pa = detail::in_range_of(name, "parent_global", in.parent_global, 0, 10);
  if (!pa) return pa;
  auto aj = detail::in_range_of(name, "active_joints", in.active_joints, 0, joints_assessed(v));
  if (!aj) return aj;
  return *ph + *pa + std::min(in.active_joints, jadas_joint_cap(v));
}

}  // namespace

std::string_view to_string(JadasVersion v) {
  switch (v) {
    case JadasVersion::jadas10: return "JADAS-10";
    case JadasVersion::jadas27: return "JADAS-27";
    case JadasVersion::jadas71: return "JADAS-71";
  }
  return "JADAS";
}

int jadas_joint_cap(JadasVersion v) {
  switch (v) {
    case JadasVersion::jadas10: return 10;
    case JadasVersion::jadas27: return 27;
    case JadasVersion::jadas71: return 71;
  }
  return 0;
}

int jadas_max(JadasVersion v) { return 10 + 10 + 10 + jadas_joint_cap(v); }

double jadas_esr_component(double esr_mm_h) { return (std::clamp(esr_mm_h, 20.0, 120.0) - 20.0) / 10.0; }

Scored<double> clinical_jadas(JadasVersion v, const JadasInput& in) { return clinical_part(v, in); }

Scored<double> jadas(JadasVersion v, const JadasInput& in) {
  auto clinical = clinical_part(v, in);
  if (!clinical) return clinical;
  auto esr = detail::in_range_of(to_string(v), "esr", in.esr_mm_h, 0, 200, " mm/h");
  if (!esr) return esr;
  return *clinical + jadas_esr_component(*esr);
}

Scored<double> jadas(JadasVersion v, const ItemValues& values) {
  const std::string name(to_string(v));
  auto texts = detail::match_items(name, kIds, values);
  if (!texts) return texts.error();
  std::array<double, 4> xs{};
  for (std::size_t k = 0; k < xs.size(); ++k) {
    const std::string id(kIds[k]);
    const auto x = detail::parse_number((*texts)[k]);
    if (!x) return fail(id, name + " " + id + ": \"" + (*texts)[k] + "\" is not a number");
    xs[k] = *x;
  }
  if (xs[2] != std::floor(xs[2]) || xs[2] < 0 || xs[2] > joints_assessed(v)) {
    return fail("active_joints", name + " active_joints: \"" + (*texts)[2] +
                                     "\" is not a joint count 0–" + std::to_string(joints_assessed(v)));
  }
  return jadas(v, JadasInput{xs[0], xs[1], static_cast<int>(xs[2]), xs[3]});
}

}  // namespace il2t::instruments
