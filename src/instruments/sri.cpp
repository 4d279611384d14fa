#include "instruments/sri.h"

#include <string>

#include "instruments/parse.h"
#include "instruments/pga.h"
#include "instruments/sledai.h"

namespace il2t::instruments {

namespace {

Scored<int> sledai_score(const char* item, const char* label, int score) {
  if (score < 0 || score > kSledai2kMax) {
    return fail(item, std::string(label) + ": " + std::to_string(score) + " is outside 0–" +
                          std::to_string(kSledai2kMax));
  }
  return score;
}

Scored<SriResult> sledai_and_pga(int sledai_b, int sledai_f, double pga_b, double pga_f,
                                 int threshold) {
  if (threshold < kSriMinThreshold || threshold > kSriMaxThreshold) {
    return fail("threshold", "SRI: threshold " + std::to_string(threshold) + " is outside " +
                                 std::to_string(kSriMinThreshold) + "–" +
                                 std::to_string(kSriMaxThreshold));
  }
  auto b = sledai_score("sledai_baseline", "SRI SLEDAI at baseline", sledai_b);
  if (!b) return b.error();
  auto f = sledai_score("sledai_followup", "SRI SLEDAI at follow-up", sledai_f);
  if (!f) return f.error();
  auto change = pga_change(pga_b, pga_f);
  if (!change) return change.error();

  SriResult r;
  r.threshold = threshold;
  r.sledai_reduction = *b - *f;
  r.sledai_met = r.sledai_reduction >= threshold;
  r.pga_change = *change;
  r.pga_met = !pga_worsened(*change);
  return r;
}

}  // namespace

bool pga_worsened(double change) { return change >= kSriPgaWorsening - 1e-9; }

Scored<SriResult> sri(const SriVisit& baseline, const SriVisit& followup, int threshold) {
  auto r = sledai_and_pga(baseline.sledai, followup.sledai, baseline.pga, followup.pga, threshold);
  if (!r) return r;
  SriResult out = *r;
  out.new_bilag_a = new_bilag_a(baseline.bilag, followup.bilag);
  out.new_bilag_b = new_bilag_b(baseline.bilag, followup.bilag);
  out.bilag_met = out.new_bilag_a == 0 && out.new_bilag_b <= 1;
  out.responder = out.sledai_met && out.bilag_met && out.pga_met;
  return out;
}

Scored<SriResult> modified_sri(int sledai_baseline, int sledai_followup, double pga_baseline,
                               double pga_followup) {
  auto r = sledai_and_pga(sledai_baseline, sledai_followup, pga_baseline, pga_followup, 4);
  if (!r) return r;
  SriResult out = *r;
  out.bilag_met = true;
  out.responder = out.sledai_met && out.pga_met;
  return out;
}

}  // namespace il2t::instruments
