// observe.h: the baseline structure of a participant's disease — which SLEDAI-2K
// descriptors are present and the activity below which each resolves.
#include <gtest/gtest.h>

#include "model/model_fixture.h"
#include "model/observe.h"
#include "model/rng.h"

namespace il2t::model {
namespace {

using instruments::SledaiItem;

bool serological(SledaiItem i) { return i == SledaiItem::low_complement || i == SledaiItem::increased_dna_binding; }

DiseaseBaseline draw(const Model& m, std::uint64_t participant) {
  Stream rng(7, 0, participant, Purpose::baseline);
  return draw_baseline(m.tables, m.bound.p, m.typical_targets(Disease::sle), rng);
}

// The same participant drawn with two serology factors has the same descriptors and
// reaches the typical SLEDAI-2K; a present serological descriptor's threshold scales
// with the factor, a present clinical one lies in [0, 1) and does not move, and an
// absent one lies above 1 (it appears only when activity exceeds baseline).
TEST(DrawBaseline, SerologicalThresholdsScaleWithTheirFactor) {
  const Model a = test::shipped_model({{"activity.serology_threshold_factor", 1.0}});
  const Model b = test::shipped_model({{"activity.serology_threshold_factor", 0.25}});
  const double target = a.typical_targets(Disease::sle).sledai;
  int serology_seen = 0, clinical_seen = 0;
  for (std::uint64_t id = 0; id < 200; ++id) {
    const DiseaseBaseline x = draw(a, id), y = draw(b, id);
    ASSERT_EQ(x.sledai_at_baseline, y.sledai_at_baseline) << id;
    EXPECT_GE(x.sledai, target) << id;
    EXPECT_EQ(x.sledai, instruments::sledai_2k(sledai_at(x, 1.0))) << id;
    for (std::size_t k = 0; k < instruments::kSledaiItemCount; ++k) {
      const auto item = static_cast<SledaiItem>(k);
      if (!x.sledai_at_baseline[k]) {
        EXPECT_GT(x.sledai_threshold[k], 1.0) << id << " " << k;
        EXPECT_EQ(x.sledai_threshold[k], y.sledai_threshold[k]) << id << " " << k;
        continue;
      }
      EXPECT_GE(x.sledai_threshold[k], 0.0);
      EXPECT_LT(x.sledai_threshold[k], 1.0);
      if (serological(item)) {
        EXPECT_DOUBLE_EQ(y.sledai_threshold[k], 0.25 * x.sledai_threshold[k]) << id << " " << k;
        ++serology_seen;
      } else {
        EXPECT_EQ(y.sledai_threshold[k], x.sledai_threshold[k]) << id << " " << k;
        ++clinical_seen;
      }
    }
  }
  EXPECT_GT(serology_seen, 20);
  EXPECT_GT(clinical_seen, 20);
}

// A descriptor is present while activity exceeds its threshold: with the serology
// factor at 0.25, low complement present at baseline outlasts activity halved and is
// gone at zero activity.
TEST(DrawBaseline, SlowSerologyOutlastsHalvedActivity) {
  const Model m = test::shipped_model({{"activity.serology_threshold_factor", 0.25}});
  int checked = 0;
  for (std::uint64_t id = 0; id < 200; ++id) {
    const DiseaseBaseline x = draw(m, id);
    if (!x.sledai_at_baseline[static_cast<std::size_t>(SledaiItem::low_complement)]) continue;
    EXPECT_TRUE(sledai_at(x, 0.5).has(SledaiItem::low_complement)) << id;
    EXPECT_FALSE(sledai_at(x, 0.0).has(SledaiItem::low_complement)) << id;
    ++checked;
  }
  EXPECT_GT(checked, 20);
}

}  // namespace
}  // namespace il2t::model
