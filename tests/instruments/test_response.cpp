// Composite responses from recorded values (instruments/response.h): the one
// derivation the model's visit rows, the trial's endpoints and calibration share.
#include <gtest/gtest.h>

#include <cmath>

#include "instruments/bilag.h"
#include "instruments/response.h"

namespace il2t::instruments {
namespace {

using measures::Id;

// An SLE visit: SLEDAI-2K, PGA and every BILAG domain at grade D (improving) but `b`.
measures::Values sle_visit(double sledai, double pga, int a_domains = 0, int b_domains = 0) {
  measures::Values v = measures::no_values();
  v[static_cast<std::size_t>(Id::sledai_2k)] = sledai;
  v[static_cast<std::size_t>(Id::pga)] = pga;
  for (std::size_t k = 0; k < kBilagDomainCount; ++k) {
    const auto i = static_cast<int>(k);
    const BilagGrade g = i < a_domains ? BilagGrade::A : i < a_domains + b_domains ? BilagGrade::B : BilagGrade::D;
    v[static_cast<std::size_t>(Id::bilag_first) + k] = static_cast<double>(g);
  }
  return v;
}

TEST(Response, SriFromValuesMatchesTheInstrument) {
  EXPECT_EQ(sri_response(sle_visit(10, 1.5), sle_visit(6, 1.0), 4), true);
  EXPECT_EQ(sri_response(sle_visit(10, 1.5), sle_visit(7, 1.0), 4), false);
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), sle_visit(4, 1.3), 4), false);  // PGA worse by 0.3
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), sle_visit(4, 1.0, 1), 4), false);  // a new BILAG A
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), sle_visit(4, 1.0, 0, 1), 4), true);  // one new B passes
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), sle_visit(6, 1.0), 6), true);
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), sle_visit(7, 1.0), 6), false);
  // Out of range: not a responder, as the instrument refuses it.
  EXPECT_EQ(sri_response(sle_visit(200, 1.0), sle_visit(4, 1.0), 4), false);
}

TEST(Response, AMissingItemGivesNoSri) {
  measures::Values follow = sle_visit(4, 1.0);
  follow[static_cast<std::size_t>(Id::bilag_first) + 3] = NAN;
  EXPECT_EQ(sri_response(sle_visit(12, 1.0), follow, 4), std::nullopt);
  measures::Values base = sle_visit(12, 1.0);
  base[static_cast<std::size_t>(Id::pga)] = NAN;
  EXPECT_EQ(sri_response(base, sle_visit(4, 1.0), 4), std::nullopt);
  EXPECT_EQ(sri_response(measures::no_values(), sle_visit(4, 1.0), 4), std::nullopt);
}

TEST(Response, BilagOneAOrTwoBCountsMeasuredDomainsOnly) {
  EXPECT_EQ(bilag_1a_or_2b(sle_visit(0, 0, 1, 0)), true);
  EXPECT_EQ(bilag_1a_or_2b(sle_visit(0, 0, 0, 2)), true);
  EXPECT_EQ(bilag_1a_or_2b(sle_visit(0, 0, 0, 1)), false);
  measures::Values some = measures::no_values();
  some[static_cast<std::size_t>(Id::bilag_first)] = static_cast<double>(BilagGrade::B);
  EXPECT_EQ(bilag_1a_or_2b(some), false);  // one B, the rest not measured
  EXPECT_EQ(bilag_1a_or_2b(measures::no_values()), std::nullopt);
}

TEST(Response, EssdaiDropNeedsBothVisits) {
  measures::Values b = measures::no_values(), f = measures::no_values();
  b[static_cast<std::size_t>(Id::essdai)] = 12;
  f[static_cast<std::size_t>(Id::essdai)] = 9;
  EXPECT_EQ(essdai_drop(b, f, 3), true);
  EXPECT_EQ(essdai_drop(b, f, 4), false);
  EXPECT_EQ(essdai_drop(b, measures::no_values(), 3), std::nullopt);
}

}  // namespace
}  // namespace il2t::instruments
