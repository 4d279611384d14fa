// JADAS-10/27/71 and clinical JADAS (src/instruments/jadas.h); VAS (vas.h).
// Sources: Consolaro A et al., Arthritis Rheum 2009;61:658 (four components; ranges
// 0–40, 0–57, 0–101); ESR truncated below 20 and above 120 mm/h and scored 0–10
// (medicalalgorithms.com JADAS-10 page), i.e. (ESR − 20)/10.
#include <gtest/gtest.h>

#include "instruments/jadas.h"
#include "instruments/vas.h"

namespace il2t::instruments {
namespace {

using V = JadasVersion;

TEST(InstrumentJadas, PublishedRanges) {
  // Consolaro 2009: JADAS-71 0–101, JADAS-27 0–57, JADAS-10 0–40.
  EXPECT_EQ(jadas_max(V::jadas10), 40);
  EXPECT_EQ(jadas_max(V::jadas27), 57);
  EXPECT_EQ(jadas_max(V::jadas71), 101);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas10, JadasInput{10, 10, 71, 200}), 40.0);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas27, JadasInput{10, 10, 27, 120}), 57.0);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas71, JadasInput{10, 10, 71, 150}), 101.0);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas71, JadasInput{0, 0, 0, 5}), 0.0);
}

TEST(InstrumentJadas, NormalisedEsr) {
  EXPECT_DOUBLE_EQ(jadas_esr_component(0), 0.0);
  EXPECT_DOUBLE_EQ(jadas_esr_component(20), 0.0);
  EXPECT_DOUBLE_EQ(jadas_esr_component(35), 1.5);
  EXPECT_DOUBLE_EQ(jadas_esr_component(120), 10.0);
  EXPECT_DOUBLE_EQ(jadas_esr_component(140), 10.0);
}

TEST(InstrumentJadas, WorkedExample) {
  // Physician 3.5, parent 2, 12 active joints, ESR 35 mm/h:
  // JADAS-10 = 3.5 + 2 + min(12, 10) + 1.5 = 17; JADAS-71 = 3.5 + 2 + 12 + 1.5 = 19;
  // cJADAS-10 = 15.5.
  const JadasInput in{3.5, 2.0, 12, 35};
  EXPECT_DOUBLE_EQ(*jadas(V::jadas10, in), 17.0);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas27, in), 19.0);
  EXPECT_DOUBLE_EQ(*jadas(V::jadas71, in), 19.0);
  EXPECT_DOUBLE_EQ(*clinical_jadas(V::jadas10, in), 15.5);
  auto named = jadas(V::jadas10, ItemValues{{"physician_global", "3.5"},
                                            {"parent_global", "2"},
                                            {"active_joints", "12"},
                                            {"esr", "35"}});
  ASSERT_TRUE(named.ok()) << named.error().message;
  EXPECT_DOUBLE_EQ(*named, 17.0);
}

TEST(InstrumentJadas, ImpossibleComponentsAreNamed) {
  auto joints = jadas(V::jadas27, JadasInput{1, 1, 30, 10});
  ASSERT_FALSE(joints.ok());
  EXPECT_EQ(joints.error().field, "active_joints");
  EXPECT_EQ(joints.error().message, "JADAS-27 active_joints: 30 is outside 0–27");
  auto global = jadas(V::jadas10, JadasInput{11, 1, 0, 10});
  ASSERT_FALSE(global.ok());
  EXPECT_EQ(global.error().message, "JADAS-10 physician_global: 11 is outside 0–10");
  auto esr = jadas(V::jadas71, JadasInput{1, 1, 0, -5});
  ASSERT_FALSE(esr.ok());
  EXPECT_EQ(esr.error().message, "JADAS-71 esr: -5 is outside 0–200 mm/h");
  auto half = jadas(V::jadas10, ItemValues{{"physician_global", "1"},
                                           {"parent_global", "1"},
                                           {"active_joints", "2.5"},
                                           {"esr", "10"}});
  ASSERT_FALSE(half.ok());
  EXPECT_EQ(half.error().message, "JADAS-10 active_joints: \"2.5\" is not a joint count 0–71");
}

TEST(InstrumentVas, CentimetresAndMillimetres) {
  EXPECT_DOUBLE_EQ(*vas_cm("pain", 7.2, VasUnit::cm), 7.2);
  EXPECT_DOUBLE_EQ(*vas_cm("pain", 72, VasUnit::mm), 7.2);
  EXPECT_DOUBLE_EQ(*vas_cm("pain", 100, VasUnit::mm), 10.0);
  EXPECT_EQ(*parse_vas_unit("pain", "MM"), VasUnit::mm);
}

TEST(InstrumentVas, MarksOffTheLineAreErrors) {
  auto negative = vas_cm("patient_global", -1, VasUnit::cm);
  ASSERT_FALSE(negative.ok());
  EXPECT_EQ(negative.error().field, "patient_global");
  EXPECT_EQ(negative.error().message, "VAS patient_global: -1 is outside 0–10 cm");
  auto cm_as_mm = vas_cm("pain", 72, VasUnit::cm);
  ASSERT_FALSE(cm_as_mm.ok());
  EXPECT_EQ(cm_as_mm.error().message, "VAS pain: 72 is outside 0–10 cm");
  auto too_long = vas_cm("pain", 101, VasUnit::mm);
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.error().message, "VAS pain: 101 is outside 0–100 mm");
  auto unit = parse_vas_unit("pain", "inch");
  ASSERT_FALSE(unit.ok());
  EXPECT_EQ(unit.error().message, "VAS pain: unit \"inch\" is neither cm nor mm");
}

}  // namespace
}  // namespace il2t::instruments
