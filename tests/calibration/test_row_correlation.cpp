// The correlation of one trial arm's rows (src/calibration/row_correlation.h): which
// rows form a cluster, and the estimate itself on the shipped calibration data.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

#include "calibration/free.h"
#include "calibration/posterior_layout.h"
#include "calibration/row_correlation.h"
#include "calibration/studies.h"
#include "data/read_file.h"
#include "model/model_fixture.h"
#include "shipped_calibration.h"

namespace il2t::calibration {
namespace {

std::size_t observed_index(const Setup& s, const PosteriorLayout& l, const std::string& id) {
  for (std::size_t k = 0; k < l.observed_row.size(); ++k)
    if (s.targets[l.observed_row[k]].id == id) return k;
  ADD_FAILURE() << id << " is not observed";
  return 0;
}

TEST(RowCorrelation, OneTrialArmsRowsAreCorrelatedAsItsParticipantsMakeThemLong) {
  const auto shipped = test_data::shipped_calibration();
  ASSERT_EQ(shipped->error, "");
  const calibration::Setup& s = shipped->setup;
  const model::Model& m = shipped->model;
  PosteriorLayout& l = *shipped->layout;
  // He 2020's two arms are clusters; a placebo arm shared by several trials is not in one.
  const Observed& sri_il2 = l.observed[observed_index(s, l, "he2020-sri4-w24-il2")];
  const Observed& sledai_il2 = l.observed[observed_index(s, l, "he2020-sledai-w24-il2")];
  const Observed& sri_pbo = l.observed[observed_index(s, l, "he2020-sri4-w24-pbo")];
  ASSERT_GE(sri_il2.cluster, 0);
  EXPECT_EQ(sri_il2.cluster, sledai_il2.cluster);
  EXPECT_NE(sri_il2.cluster, sri_pbo.cluster);
  EXPECT_EQ(l.observed[observed_index(s, l, "blisssc-pbo")].cluster, -1);
  EXPECT_GE(l.observed[observed_index(s, l, "blisssc-pbo")].error_set, 0);
  // ETAP's placebo arm at weeks 12 and 24 is one cluster, though week 24 is in an
  // error set with abatacept's week 24 (one trial's arm each, so no other cluster).
  const Observed& etap12 = l.observed[observed_index(s, l, "etap-pss-pbo-w12")];
  const Observed& etap24 = l.observed[observed_index(s, l, "etap-pss-pbo-w24")];
  const Observed& abatacept = l.observed[observed_index(s, l, "abatacept-pss-pbo")];
  ASSERT_GE(etap12.cluster, 0);
  EXPECT_EQ(etap12.cluster, etap24.cluster);
  EXPECT_GE(etap24.error_set, 0);
  EXPECT_EQ(etap24.error_set, abatacept.error_set);
  EXPECT_EQ(abatacept.cluster, -1);
  // At the parameter files' values (the emulator's inputs), 40 worlds.
  std::vector<double> x;
  for (std::size_t i = 0; i < l.inputs.size(); ++i) {
    const FreeParameter& f = l.theta[i];
    x.push_back(f.to_search(m.parameters.find(f.name)->value));
  }
  std::vector<RowCluster> one = l.clusters, two = l.clusters;
  Error error;
  ASSERT_TRUE(estimate_correlations(s, m.parameters, l, x, 40, 11, 1, one, error)) << error;
  ASSERT_TRUE(estimate_correlations(s, m.parameters, l, x, 40, 11, 2, two, error)) << error;
  for (std::size_t c = 0; c < one.size(); ++c) {
    EXPECT_EQ(one[c].corr, two[c].corr) << "cluster " << c;
    const std::size_t k = one[c].rows.size();
    for (std::size_t i = 0; i < k; ++i) {
      EXPECT_EQ(one[c].corr[i * k + i], 1.0);
      for (std::size_t j = 0; j < k; ++j) {
        if (j == i) continue;
        EXPECT_EQ(one[c].corr[i * k + j], one[c].corr[j * k + i]);
        EXPECT_LE(std::abs(one[c].corr[i * k + j]), 0.95 + 1e-12);  // shrunk by 5 %
      }
    }
  }
  // Fewer responders where mean SLEDAI is higher: the arm's SRI-4 rate and its mean
  // SLEDAI at week 24 move against each other from one simulated trial to the next.
  const RowCluster& he = one[static_cast<std::size_t>(sri_il2.cluster)];
  const std::size_t k = he.rows.size();
  std::cout << "SRI-4 against SLEDAI, week 24, IL-2 arm: "
            << he.corr[static_cast<std::size_t>(sri_il2.slot) * k + static_cast<std::size_t>(sledai_il2.slot)] << "\n";
  EXPECT_LT(he.corr[static_cast<std::size_t>(sri_il2.slot) * k + static_cast<std::size_t>(sledai_il2.slot)], -0.3);
}

}  // namespace
}  // namespace il2t::calibration
