// ESSDAI and ESSPRI (src/instruments/essdai.h, esspri.h). Sources: Seror R et al.,
// Ann Rheum Dis 2010;69:1103, Table 3 (weights; ard.bmj.com table 183802) and its
// points version (table 194094); ESSDAI user guide, RMD Open 2015;1:e000022 (CNS has
// no low level); activity bands from Seror et al., Ann Rheum Dis 2016;75:382; ESSPRI:
// Seror et al., Ann Rheum Dis 2011;70:968 (mean of dryness, limb pain, fatigue).
#include <gtest/gtest.h>

#include "instruments/essdai.h"
#include "instruments/esspri.h"

namespace il2t::instruments {
namespace {

using E = EssdaiDomain;
using L = EssdaiLevel;

TEST(InstrumentEssdai, WeightsAndLevelsOfSeror2010) {
  ASSERT_EQ(essdai_domains().size(), 12u);
  EXPECT_EQ(essdai_info(E::constitutional).weight, 3);
  EXPECT_EQ(essdai_info(E::lymphadenopathy).weight, 4);
  EXPECT_EQ(essdai_info(E::glandular).weight, 2);
  EXPECT_EQ(essdai_info(E::articular).weight, 2);
  EXPECT_EQ(essdai_info(E::cutaneous).weight, 3);
  EXPECT_EQ(essdai_info(E::pulmonary).weight, 5);
  EXPECT_EQ(essdai_info(E::renal).weight, 5);
  EXPECT_EQ(essdai_info(E::muscular).weight, 6);
  EXPECT_EQ(essdai_info(E::peripheral_nervous_system).weight, 5);
  EXPECT_EQ(essdai_info(E::central_nervous_system).weight, 5);
  EXPECT_EQ(essdai_info(E::haematological).weight, 2);
  EXPECT_EQ(essdai_info(E::biological).weight, 1);
  EXPECT_FALSE(essdai_info(E::constitutional).has(L::high));
  EXPECT_FALSE(essdai_info(E::glandular).has(L::high));
  EXPECT_FALSE(essdai_info(E::biological).has(L::high));
  EXPECT_FALSE(essdai_info(E::central_nervous_system).has(L::low));
  EXPECT_TRUE(essdai_info(E::central_nervous_system).has(L::high));
}

TEST(InstrumentEssdai, PointsTableValues) {
  // Points table (ard.bmj.com 194094): constitutional low 3, moderate 6; lymphadenopathy
  // high 12; cutaneous high 9; CNS moderate 10, high 15 (user guide).
  EXPECT_EQ(*essdai_domain_score(E::constitutional, L::low), 3);
  EXPECT_EQ(*essdai_domain_score(E::constitutional, L::moderate), 6);
  EXPECT_EQ(*essdai_domain_score(E::lymphadenopathy, L::high), 12);
  EXPECT_EQ(*essdai_domain_score(E::cutaneous, L::high), 9);
  EXPECT_EQ(*essdai_domain_score(E::central_nervous_system, L::moderate), 10);
  EXPECT_EQ(*essdai_domain_score(E::central_nervous_system, L::high), 15);
}

TEST(InstrumentEssdai, EveryDomainAtItsHighestLevelIs123) {
  EssdaiVisit v;
  for (const auto& d : essdai_domains()) v.set(d.domain, d.has(L::high) ? L::high : L::moderate);
  auto s = essdai(v);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, 123);
  EXPECT_EQ(*essdai(EssdaiVisit{}), 0);
}

TEST(InstrumentEssdai, WorkedExample) {
  // Parotid swelling <= 3 cm (glandular low, 2), 3 synovitis of 28 (articular moderate,
  // 2 x 2 = 4), IgG 22 g/L (biological moderate, 1 x 2 = 2): 8, moderate activity.
  EssdaiVisit v;
  v.set(E::glandular, L::low).set(E::articular, L::moderate).set(E::biological, L::moderate);
  auto s = essdai(v);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, 8);
  EXPECT_EQ(essdai_band(*s), EssdaiBand::moderate);
}

TEST(InstrumentEssdai, BandEdges) {
  // Low < 5, moderate 5–13, high >= 14 (Seror 2016).
  EXPECT_EQ(essdai_band(0), EssdaiBand::low);
  EXPECT_EQ(essdai_band(4), EssdaiBand::low);
  EXPECT_EQ(essdai_band(5), EssdaiBand::moderate);
  EXPECT_EQ(essdai_band(13), EssdaiBand::moderate);
  EXPECT_EQ(essdai_band(14), EssdaiBand::high);
  EXPECT_EQ(to_string(essdai_band(123)), "high");
}

TEST(InstrumentEssdai, ALevelTheDomainDoesNotHaveIsAnError) {
  EssdaiVisit v;
  v.set(E::constitutional, L::high);
  auto s = essdai(v);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().field, "constitutional");
  EXPECT_EQ(s.error().message,
            "ESSDAI constitutional: level \"high\" is not defined for this domain (levels: no, low, moderate)");
  auto cns = parse_essdai_level(E::central_nervous_system, "1");
  ASSERT_FALSE(cns.ok());
  EXPECT_EQ(cns.error().message,
            "ESSDAI central_nervous_system: level \"low\" is not defined for this domain (levels: no, moderate, high)");
  auto word = parse_essdai_level(E::renal, "severe");
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.error().message, "ESSDAI renal: \"severe\" is not a level (no, low, moderate, high or 0–3)");
}

TEST(InstrumentEssdai, ByNameScoresARecord) {
  ItemValues v;
  for (const auto& d : essdai_domains()) v.push_back({std::string(d.id), "no"});
  v[0].value = "Moderate";  // constitutional: 6
  v[5].value = "3";         // pulmonary high: 15
  auto s = essdai(v);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*s, 21);
  v.push_back({"ocular", "low"});
  auto bad = essdai(v);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "ocular");
  EXPECT_EQ(bad.error().message, "ESSDAI: unknown item \"ocular\"");
}

TEST(InstrumentEsspri, MeanOfThreeScales) {
  auto s = esspri(EsspriInput{8, 6, 4});  // median profile in Factors influencing ESSPRI (dryness 8, fatigue 6, pain 4)
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(*s, 6.0);
  EXPECT_DOUBLE_EQ(*esspri(EsspriInput{10, 10, 10}), 10.0);
  EXPECT_NEAR(*esspri(EsspriInput{1, 0, 0}), 1.0 / 3.0, 1e-12);
  auto named = esspri(ItemValues{{"pain", "3"}, {"dryness", "7"}, {"fatigue", "5"}});
  ASSERT_TRUE(named.ok());
  EXPECT_DOUBLE_EQ(*named, 5.0);
}

TEST(InstrumentEsspri, ImpossibleScalesAreNamed) {
  auto high = esspri(EsspriInput{5, 5, 11});
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.error().field, "pain");
  EXPECT_EQ(high.error().message, "ESSPRI pain: 11 is outside 0–10");
  auto half = esspri(EsspriInput{5, 5.5, 1});
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().message, "ESSPRI fatigue: 5.5 is not a whole number");
  auto text = esspri(ItemValues{{"pain", "3"}, {"dryness", "dry"}, {"fatigue", "5"}});
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.error().message, "ESSPRI dryness: \"dry\" is not a number");
}

}  // namespace
}  // namespace il2t::instruments
