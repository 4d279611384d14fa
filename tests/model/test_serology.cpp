// SLE serology (model/serology.h): without assay error, C3 and C4 lie below their
// lower limits and anti-dsDNA above its cut-off exactly while the SLEDAI-2K serology
// item is present, and each returns to the participant's own level as activity falls.
#include <gtest/gtest.h>

#include <cmath>

#include "model/model_fixture.h"
#include "model/serology.h"

namespace il2t::model {
namespace {

TEST(Serology, LabValuesAgreeWithTheirSledaiItems) {
  const Model m = test::shipped_model();
  ModelParams p = m.bound.p;
  p.labs_assay_cv = p.dsdna_assay_cv = 0;
  Stream rng(1, 0, 0, Purpose::labs);
  const SerologyBaseline s = draw_serology(p, rng);
  EXPECT_GT(s.c3_normal, p.c3_lln);
  EXPECT_GT(s.c4_normal, p.c4_lln);
  EXPECT_LT(s.dsdna_negative, p.dsdna_uln);
  DiseaseBaseline b;
  b.sledai_threshold[static_cast<std::size_t>(instruments::SledaiItem::low_complement)] = 0.3;
  b.sledai_threshold[static_cast<std::size_t>(instruments::SledaiItem::increased_dna_binding)] = 0.5;
  for (double a : {0.0, 0.1, 0.29, 0.31, 0.49, 0.51, 0.8, 1.0, 1.5}) {
    const Serology v = serology_at(p, s, b, a, rng);
    EXPECT_EQ(v.c3 < p.c3_lln, a > 0.3) << "activity " << a;
    EXPECT_EQ(v.c4 < p.c4_lln, a > 0.3) << "activity " << a;
    EXPECT_EQ(v.dsdna > p.dsdna_uln, a > 0.5) << "activity " << a;
  }
  // Quiet disease: the participant's own levels.
  const Serology quiet = serology_at(p, s, b, 0.0, rng);
  EXPECT_DOUBLE_EQ(quiet.dsdna, s.dsdna_negative);
  EXPECT_LE(quiet.c3, s.c3_normal);
  // An item never present (threshold infinite): normal levels throughout.
  DiseaseBaseline never;
  never.sledai_threshold.fill(INFINITY);
  const Serology v = serology_at(p, s, never, 1.0, rng);
  EXPECT_DOUBLE_EQ(v.c3, s.c3_normal);
  EXPECT_DOUBLE_EQ(v.dsdna, s.dsdna_negative);
}

}  // namespace
}  // namespace il2t::model
