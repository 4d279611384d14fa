// Units and conversions (src/core/units.h).
#include <gtest/gtest.h>

#include <cmath>

#include "core/units.h"

namespace il2t::units {
namespace {

TEST(Units, MostellerWorkedExample) {
  // 180 cm and 80 kg: sqrt(180 * 80 / 3600) = sqrt(4) = 2 m² exactly.
  EXPECT_DOUBLE_EQ(bsa_mosteller(80, 180), 2.0);
  // 160 cm, 57.6 kg: sqrt(2.56) = 1.6 m².
  EXPECT_DOUBLE_EQ(bsa_mosteller(57.6, 160), 1.6);
}

TEST(Units, AldesleukinSpecificActivityFromLabel) {
  // Proleukin: 18 MIU in 1.1 mg, so 1 MIU is 61.1 µg.
  EXPECT_NEAR(1e6 / kAldesleukinIuPerMg * 1000.0, 61.111, 1e-3);
  EXPECT_NEAR(il2_miu(Amount{1.1, false}), 18.0, 1e-12);
  EXPECT_DOUBLE_EQ(il2_miu(Amount{2.5e6, true}), 2.5);
}

TEST(Units, ParsesEveryWrittenForm) {
  struct Case {
    const char* text;
    Base base;
    Per per;
  };
  for (const Case& c : {Case{"IU", Base::iu, Per::none}, Case{"iu", Base::iu, Per::none}, Case{"U", Base::iu, Per::none},
                        Case{"MIU", Base::miu, Per::none}, Case{"U/m2", Base::iu, Per::m2},
                        Case{"IU/m²", Base::iu, Per::m2}, Case{"MIU/m2", Base::miu, Per::m2},
                        Case{"mg", Base::mg, Per::none}, Case{"µg", Base::ug, Per::none},
                        Case{"mcg", Base::ug, Per::none}, Case{"ug", Base::ug, Per::none},
                        Case{"mg/kg", Base::mg, Per::kg}, Case{"mg/m2", Base::mg, Per::m2},
                        Case{"IU/kg", Base::iu, Per::kg}, Case{"mL", Base::ml, Per::none},
                        Case{"ml", Base::ml, Per::none}}) {
    auto u = parse_dose_unit(c.text);
    ASSERT_TRUE(u.has_value()) << c.text;
    EXPECT_EQ(u->base, c.base) << c.text;
    EXPECT_EQ(u->per, c.per) << c.text;
  }
  EXPECT_FALSE(parse_dose_unit("g").has_value());
  EXPECT_FALSE(parse_dose_unit("mL/kg").has_value());
  EXPECT_FALSE(parse_dose_unit("IU/lb").has_value());
  EXPECT_EQ(parse_concentration_unit("mg/mL"), Base::mg);
  EXPECT_FALSE(parse_concentration_unit("mg").has_value());
}

TEST(Units, AbsoluteAmounts) {
  const Body child{30.0, 135.0};  // BSA sqrt(135*30/3600) = sqrt(1.125)
  auto a = absolute(Dose{500000, {Base::iu, Per::m2}, {}}, child);
  ASSERT_TRUE(a);
  EXPECT_TRUE(a->activity);
  EXPECT_NEAR(a->value, 500000 * std::sqrt(1.125), 1e-6);

  auto b = absolute(Dose{0.5, {Base::ml, Per::none}, Concentration{1.0, Base::mg}}, child);
  ASSERT_TRUE(b);
  EXPECT_FALSE(b->activity);
  EXPECT_DOUBLE_EQ(b->value, 0.5);

  auto c = absolute(Dose{200, {Base::ug, Per::kg}, {}}, child);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->value, 6.0);  // 200 µg/kg × 30 kg = 6 mg

  const auto volume = absolute(Dose{0.5, {Base::ml, Per::none}, {}}, child);
  EXPECT_FALSE(volume);
  EXPECT_EQ(volume.error(), "the dose is a volume without a concentration");
  const auto no_height = absolute(Dose{1, {Base::miu, Per::m2}, {}}, Body{60.0, {}});
  EXPECT_FALSE(no_height);
  EXPECT_EQ(no_height.error(), "the dose is per m² of body-surface area: a weight and a height are needed");
}

TEST(Units, CanonicalText) {
  EXPECT_EQ(to_string(Dose{0.5, {Base::ml, Per::none}, Concentration{1, Base::mg}}), "0.5 mL of 1 mg/mL");
  EXPECT_EQ(to_string(Dose{500000, {Base::iu, Per::m2}, {}}), "500000 IU/m²");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(21), "21");
}

}  // namespace
}  // namespace il2t::units
