#include "instruments/pga.h"

#include "instruments/parse.h"

namespace il2t::instruments {

Scored<double> pga(double value) { return detail::in_range("pga", "PGA", value, kPgaMin, kPgaMax); }

Scored<double> pga_change(double baseline, double followup) {
  auto b = detail::in_range("pga_baseline", "PGA at baseline", baseline, kPgaMin, kPgaMax);
  if (!b) return b;
  auto f = detail::in_range("pga_followup", "PGA at follow-up", followup, kPgaMin, kPgaMax);
  if (!f) return f;
  return *f - *b;
}

}  // namespace il2t::instruments
