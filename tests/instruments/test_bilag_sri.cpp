// BILAG-2004 grades and total, PGA, and the SLE Responder Index (src/instruments/
// bilag.h, pga.h, sri.h). Sources: Yee CS et al., Rheumatology 2010;49:1665 (numeric
// BILAG-2004, PMC2919194); Furie RA et al., Arthritis Rheum 2009;61:1143 (SRI,
// PMC2748175); tabalumab ILLUMINATE tables, Ann Rheum Dis (SRI-5 footnote: "increase
// of >=0.3 points" is worsening); Connelly et al. (mSRI, keio.elsevierpure.com).
#include <gtest/gtest.h>

#include "instruments/bilag.h"
#include "instruments/pga.h"
#include "instruments/sri.h"

namespace il2t::instruments {
namespace {

using G = BilagGrade;
using D = BilagDomain;

TEST(InstrumentBilag, NumericScoringOfYee2010) {
  // "A = 12, B = 8, C = 1, D = 0 and E = 0" (Yee 2010, abstract).
  EXPECT_EQ(bilag_numeric(G::A), 12);
  EXPECT_EQ(bilag_numeric(G::B), 8);
  EXPECT_EQ(bilag_numeric(G::C), 1);
  EXPECT_EQ(bilag_numeric(G::D), 0);
  EXPECT_EQ(bilag_numeric(G::E), 0);
  BilagVisit all_a;
  for (const auto& d : bilag_domains()) all_a.set(d.domain, G::A);
  EXPECT_EQ(bilag_total(all_a), 108);  // 9 domains x 12
  BilagVisit v;  // one A (renal), two B, one C, rest E: 12 + 8 + 8 + 1 = 29
  v.set(D::renal, G::A).set(D::mucocutaneous, G::B).set(D::musculoskeletal, G::B);
  v.set(D::haematological, G::C).set(D::constitutional, G::D);
  EXPECT_EQ(bilag_total(v), 29);
  EXPECT_EQ(bilag_domains().size(), 9u);
}

TEST(InstrumentBilag, OneAOrTwoB) {
  BilagVisit v;
  EXPECT_FALSE(bilag_1a_or_2b(v));
  v.set(D::mucocutaneous, G::B);
  EXPECT_FALSE(bilag_1a_or_2b(v));
  v.set(D::musculoskeletal, G::B);
  EXPECT_TRUE(bilag_1a_or_2b(v));
  BilagVisit a;
  a.set(D::renal, G::A);
  EXPECT_TRUE(bilag_1a_or_2b(a));
}

TEST(InstrumentBilag, NewAAndNewBBetweenVisits) {
  // New A: A now, not A before. New B: B now, C/D/E before (BILAG group's moderate
  // flare, "a new B score following a C, D or E score").
  BilagVisit base, follow;
  base.set(D::renal, G::B).set(D::mucocutaneous, G::A).set(D::musculoskeletal, G::C);
  base.set(D::haematological, G::E);
  follow.set(D::renal, G::A)            // B -> A: new A
      .set(D::mucocutaneous, G::B)      // A -> B: improvement, not a new B
      .set(D::musculoskeletal, G::B)    // C -> B: new B
      .set(D::haematological, G::B);    // E -> B: new B
  EXPECT_EQ(new_bilag_a(base, follow), 1);
  EXPECT_EQ(new_bilag_b(base, follow), 2);
  EXPECT_EQ(new_bilag_a(base, base), 0);
  EXPECT_EQ(new_bilag_b(base, base), 0);
}

TEST(InstrumentBilag, ByNameAndErrors) {
  ItemValues v;
  for (const auto& d : bilag_domains()) v.push_back({std::string(d.id), "e"});
  v[7].value = "A";  // renal
  auto visit = bilag_visit(v);
  ASSERT_TRUE(visit.ok()) << visit.error().message;
  EXPECT_EQ(visit->grade(D::renal), G::A);
  EXPECT_EQ(bilag_total(*visit), 12);

  v[7].value = "F";
  auto bad = bilag_visit(v);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "renal");
  EXPECT_EQ(bad.error().message, "BILAG-2004 renal: \"F\" is not a grade (A, B, C, D or E)");

  auto unknown = find_bilag_domain("cardiovascular");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, "BILAG-2004: unknown domain \"cardiovascular\"");
}

TEST(InstrumentPga, ZeroToThree) {
  EXPECT_TRUE(pga(0).ok());
  EXPECT_TRUE(pga(3).ok());
  EXPECT_DOUBLE_EQ(*pga(1.3), 1.3);
  auto high = pga(3.4);
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.error().field, "pga");
  EXPECT_EQ(high.error().message, "PGA: 3.4 is outside 0–3");
  auto negative = pga(-0.1);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().message, "PGA: -0.1 is outside 0–3");
}

SriVisit visit(int sledai, double pga_value) {
  SriVisit v;
  v.sledai = sledai;
  v.pga = pga_value;
  return v;
}

TEST(InstrumentSri, Sri4ReductionOfExactlyFourRespondsThreeDoesNot) {
  // Furie 2009: ">= 4-point reduction in SELENA-SLEDAI".
  auto four = sri(visit(10, 1.5), visit(6, 1.0));
  ASSERT_TRUE(four.ok());
  EXPECT_EQ(four->sledai_reduction, 4);
  EXPECT_TRUE(four->sledai_met);
  EXPECT_TRUE(four->responder);
  auto three = sri(visit(10, 1.5), visit(7, 1.0));
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->sledai_reduction, 3);
  EXPECT_FALSE(three->responder);
}

TEST(InstrumentSri, PgaWorseningOfExactlyPointThreeFails) {
  // Worsening is "an increase of >= 0.3 points from baseline" (Furie 2009; ILLUMINATE).
  auto exactly = sri(visit(12, 2.0), visit(4, 2.3));  // 2.3 - 2.0 = 0.2999999999999998 in double
  ASSERT_TRUE(exactly.ok());
  EXPECT_FALSE(exactly->pga_met);
  EXPECT_FALSE(exactly->responder);
  auto exactly_low = sri(visit(12, 1.0), visit(4, 1.3));  // 0.30000000000000004
  ASSERT_TRUE(exactly_low.ok());
  EXPECT_FALSE(exactly_low->responder);
  auto just_under = sri(visit(12, 1.0), visit(4, 1.29));
  ASSERT_TRUE(just_under.ok());
  EXPECT_TRUE(just_under->pga_met);
  EXPECT_TRUE(just_under->responder);
}

TEST(InstrumentSri, NoNewAAndAtMostOneNewB) {
  SriVisit base = visit(14, 1.8), follow = visit(6, 1.0);
  follow.bilag.set(D::mucocutaneous, G::B);  // one new B (from E): allowed
  auto one_b = sri(base, follow);
  ASSERT_TRUE(one_b.ok());
  EXPECT_EQ(one_b->new_bilag_b, 1);
  EXPECT_TRUE(one_b->responder);
  follow.bilag.set(D::musculoskeletal, G::B);  // two new B: not a responder
  auto two_b = sri(base, follow);
  ASSERT_TRUE(two_b.ok());
  EXPECT_FALSE(two_b->bilag_met);
  EXPECT_FALSE(two_b->responder);
  SriVisit follow_a = visit(6, 1.0);
  follow_a.bilag.set(D::renal, G::A);  // one new A: not a responder
  auto a = sri(base, follow_a);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->new_bilag_a, 1);
  EXPECT_FALSE(a->responder);
}

TEST(InstrumentSri, HigherThresholds) {
  // SRI-5 as in ILLUMINATE ("reduction >= 5 points"); SRI-6..8 by the same rule.
  for (int k = 4; k <= 8; ++k) {
    auto exact = sri(visit(20, 1.0), visit(20 - k, 1.0), k);
    ASSERT_TRUE(exact.ok());
    EXPECT_TRUE(exact->responder) << "SRI-" << k;
    auto short_by_one = sri(visit(20, 1.0), visit(21 - k, 1.0), k);
    ASSERT_TRUE(short_by_one.ok());
    EXPECT_FALSE(short_by_one->responder) << "SRI-" << k;
  }
  auto bad = sri(visit(20, 1.0), visit(10, 1.0), 9);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "threshold");
  EXPECT_EQ(bad.error().message, "SRI: threshold 9 is outside 4–8");
}

TEST(InstrumentSri, ImpossibleInputIsNamed) {
  auto s = sri(visit(110, 1.0), visit(10, 1.0));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "sledai_baseline");
  EXPECT_EQ(s.error().message, "SRI SLEDAI at baseline: 110 is outside 0–105");
  auto p = sri(visit(10, 1.0), visit(4, 3.4));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().field, "pga_followup");
  EXPECT_EQ(p.error().message, "PGA at follow-up: 3.4 is outside 0–3");
}

TEST(InstrumentSri, ModifiedSriWithoutBilag) {
  // mSRI: SLEDAI-2K reduction >= 4 with no PGA worsening >= 0.3 (Connelly et al.).
  auto yes = modified_sri(8, 4, 1.2, 1.4);
  ASSERT_TRUE(yes.ok());
  EXPECT_TRUE(yes->responder);
  auto no = modified_sri(8, 4, 1.2, 1.5);
  ASSERT_TRUE(no.ok());
  EXPECT_FALSE(no->responder);
}

}  // namespace
}  // namespace il2t::instruments
