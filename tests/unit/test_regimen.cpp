// The regimen grammar: every regimen of the seed and reference trials expands to the
// doses its words mean. Day numbering: study day 1 is the first dose (no day 0).
#include <gtest/gtest.h>

#include <numeric>

#include "protocol/regimen.h"

namespace il2t::protocol {
namespace {

Regimen parse_ok(const std::string& text) {
  auto r = parse_regimen(text);
  EXPECT_FALSE(r.error.has_value()) << text << ": " << (r.error ? r.error->message : "");
  return r.regimen.value_or(Regimen{});
}

std::vector<int> days(const Regimen& r) {
  std::vector<int> out;
  for (const auto& e : expand(r)) out.push_back(e.day);
  return out;
}

double total_amount(const Regimen& r) {
  double s = 0;
  for (const auto& e : expand(r)) s += e.dose ? e.dose->amount : 0;
  return s;
}

TEST(Regimen, He2020CyclesGive21DosesOf1Miu) {
  // 1 MIU every other day for 2 weeks, then 2 weeks off, 3 cycles (He 2020; NCT04136106).
  const Regimen r = parse_ok("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles");
  const std::vector<int> expected = {1, 3, 5, 7, 9, 11, 13, 29, 31, 33, 35, 37, 39, 41, 57, 59, 61, 63, 65, 67, 69};
  EXPECT_EQ(days(r), expected);
  EXPECT_DOUBLE_EQ(total_amount(r), 21.0);
  EXPECT_EQ(r.route, Route::sc);
  EXPECT_EQ(r.total_days(), 84);
}

TEST(Regimen, InductionThenEveryTwoWeeksForSixMonths) {
  // NCT04397107: daily for 5 days, then every 2 weeks for 6 months (183 days).
  const Regimen r = parse_ok("500000 IU/m2 sc daily for 5 days, then every 2 weeks for 6 months");
  const auto d = days(r);
  ASSERT_EQ(d.size(), 5u + 14u);
  EXPECT_EQ(std::vector<int>(d.begin(), d.begin() + 6), (std::vector<int>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(d[6], 20);
  EXPECT_EQ(d.back(), 6 + 13 * 14);
  EXPECT_EQ(r.phases[1].duration.days(), 183);
}

TEST(Regimen, TwiceAWeekForTwelveWeeks) {
  // NCT05605665: days 1 and 4 of every week.
  const auto d = days(parse_ok("1 MIU sc twice a week for 12 weeks"));
  ASSERT_EQ(d.size(), 24u);
  EXPECT_EQ(std::vector<int>(d.begin(), d.begin() + 4), (std::vector<int>{1, 4, 8, 11}));
  EXPECT_EQ(d.back(), 81);
}

TEST(Regimen, EveryOtherDayThenWeekly) {
  // NCT04077684: every other day for 12 weeks, then weekly for weeks 12-24.
  const Regimen r = parse_ok("1 MIU sc every other day for 12 weeks, then weekly for 12 weeks");
  const auto d = days(r);
  ASSERT_EQ(d.size(), 42u + 12u);
  EXPECT_EQ(d[41], 83);
  EXPECT_EQ(d[42], 85);
  EXPECT_EQ(d.back(), 85 + 77);
  EXPECT_DOUBLE_EQ(total_amount(r), 54.0);
}

TEST(Regimen, DailyForFiveDaysThenWeekly) {
  const auto d = days(parse_ok("0.5 MIU sc daily for 5 days, then weekly for 3 weeks"));
  EXPECT_EQ(d, (std::vector<int>{1, 2, 3, 4, 5, 6, 13, 20}));
}

TEST(Regimen, DailyOralVolumeWithConcentration) {
  const Regimen r = parse_ok("0.5 mL of 1 mg/mL po daily for 12 weeks");
  EXPECT_EQ(days(r).size(), 84u);
  ASSERT_TRUE(r.dose && r.dose->concentration);
  EXPECT_EQ(r.dose->concentration->unit, units::Base::mg);
  EXPECT_EQ(r.route, Route::po);
}

TEST(Regimen, EveryThreeDaysAndThreeTimesAWeek) {
  EXPECT_EQ(days(parse_ok("0.26 MIU/m2 sc every 3 days for 12 weeks")).size(), 28u);
  const auto d = days(parse_ok("0.1 MIU/m2 sc 3 times a week for 8 weeks"));
  ASSERT_EQ(d.size(), 24u);
  EXPECT_EQ(std::vector<int>(d.begin(), d.begin() + 4), (std::vector<int>{1, 3, 5, 8}));
}

TEST(Regimen, SingleDoseAndExplicitCycleLength) {
  EXPECT_EQ(days(parse_ok("1 MIU/m2 sc once")), (std::vector<int>{1}));
  EXPECT_EQ(days(parse_ok("1 MIU sc daily for 5 days; 3 cycles of 4 weeks")),
            (std::vector<int>{1, 2, 3, 4, 5, 29, 30, 31, 32, 33, 57, 58, 59, 60, 61}));
}

TEST(Regimen, PhaseDoseOverridesRegimenDose) {
  const Regimen r = parse_ok("1 MIU sc daily for 5 days, then 0.5 MIU weekly for 2 weeks");
  EXPECT_DOUBLE_EQ(total_amount(r), 6.0);
}

TEST(Regimen, RegistryWordingIsUnderstood) {
  // The registry's own phrasing parses to the same regimen as the canonical text.
  EXPECT_EQ(parse_ok("1 million IU subcutaneously every second day for two weeks followed by 2 weeks off; 3 cycles"),
            parse_ok("1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles"));
  EXPECT_EQ(parse_ok("1 MIU sc once a week for 4 weeks"), parse_ok("1 MIU sc weekly for 4 weeks"));
  EXPECT_EQ(parse_ok("1 MIU sc every 14 days for 8 weeks"), parse_ok("1 MIU sc every 2 weeks for 8 weeks"));
  EXPECT_EQ(parse_ok("0.5 mg orally once daily for 12 weeks"), parse_ok("0.5 mg po daily for 12 weeks"));
  EXPECT_EQ(parse_ok("1 million units sc daily for 5 days"), parse_ok("1 MIU sc daily for 5 days"));
  EXPECT_EQ(parse_ok("1 MIU intramuscularly thrice a week for 2 weeks"), parse_ok("1 MIU im 3 times a week for 2 weeks"));
  EXPECT_EQ(parse_ok("1 MIU sc 1 times a week for 4 weeks"), parse_ok("1 MIU sc weekly for 4 weeks"));
  EXPECT_EQ(days(parse_ok("1 MIU sc daily for 2 days, then 2 MIU once")), (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(parse_ok("1 MIU sc daily for 5 days, off for 9 days, then every 2 weeks for 4 weeks"),
            parse_ok("1 MIU sc daily for 5 days, then 9 days off, then every 2 weeks for 4 weeks"));
}

TEST(Regimen, CanonicalTextReadsBackEqual) {
  for (const char* text :
       {"1 MIU sc every other day for 2 weeks, then 2 weeks off; 3 cycles",
        "500000 IU/m² sc daily for 5 days, then every 2 weeks for 6 months", "1 MIU sc twice a week for 12 weeks",
        "1 MIU sc every other day for 12 weeks, then weekly for 12 weeks", "0.5 mL of 1 mg/mL po daily for 12 weeks",
        "0.1 MIU/m² sc 3 times a week for 8 weeks", "sc every other day for 2 weeks, then 2 weeks off; 3 cycles",
        "1 MIU sc daily for 5 days; 3 cycles of 4 weeks", "1 MIU/m² sc once", "200 µg/kg iv every 3 days for 1 year",
        "1 MIU sc daily for 5 days, then 0.5 MIU weekly for 1 week"}) {
    const Regimen r = parse_ok(text);
    EXPECT_EQ(to_string(r), text);
    EXPECT_EQ(parse_ok(to_string(r)), r) << text;
  }
}

TEST(Regimen, FindsTheDoseInRegistryWords) {
  auto a = find_dose_in_text("Low-dose IL-2 is defined as 100IU IL-2 injected subcutaneously every other day");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->text, "100IU");
  EXPECT_DOUBLE_EQ(a->dose.amount, 100);
  EXPECT_EQ(a->dose.unit.base, units::Base::iu);
  auto b = find_dose_in_text("Rapamycin 0.5ml once per day for 12 weeks.");
  ASSERT_TRUE(b);
  EXPECT_EQ(b->dose.unit.base, units::Base::ml);
  auto c = find_dose_in_text("One million IU of IL-2 was injected subcutaneously twice a week");
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(c->dose.amount, 1e6);
  EXPECT_FALSE(find_dose_in_text("Patients were received low dose recombinant human Interleukin-2"));
  auto d = find_dose_in_text("rhIL-2 (100IU) every other day");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->text, "100IU");
  auto thousands = find_dose_in_text("IL-2 1,000,000 IU every other day, 3 cycles");
  ASSERT_TRUE(thousands);
  EXPECT_DOUBLE_EQ(thousands->dose.amount, 1e6);
  auto glued = find_dose_in_text("IL-2 (50万IU) every other day");
  ASSERT_TRUE(glued);
  EXPECT_DOUBLE_EQ(glued->dose.amount, 5e5);
  auto e = find_dose_in_text("每次 100万 IU 皮下注射");
  ASSERT_TRUE(e);
  EXPECT_DOUBLE_EQ(e->dose.amount, 1e6);
}

}  // namespace
}  // namespace il2t::protocol
