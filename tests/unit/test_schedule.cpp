// Participant calendars: study day 1 is the first dose; dates follow from --start.
#include <gtest/gtest.h>

#include "report/schedule_formats.h"
#include "schedule/schedule.h"
#include "test_support.h"

namespace il2t::test {
namespace {

protocol::Protocol he2020() {
  const Checked c = check_text(read_text(source_path("protocols/NCT02465580-he2020.toml")));
  EXPECT_TRUE(c.ok);
  return *c.protocol;
}

TEST(Date, ParsesStrictIsoDates) {
  EXPECT_TRUE(schedule::Date::parse("2027-01-04"));
  EXPECT_TRUE(schedule::Date::parse("2028-02-29"));
  EXPECT_FALSE(schedule::Date::parse("2027-02-29"));
  EXPECT_FALSE(schedule::Date::parse("2027-1-4"));
  EXPECT_FALSE(schedule::Date::parse("04/01/2027"));
  EXPECT_FALSE(schedule::Date::parse("2027-13-01"));
  const auto d = *schedule::Date::parse("2027-01-04");
  EXPECT_EQ(d.weekday(), "Mon");
  EXPECT_EQ(d.plus_days(68).iso(), "2027-03-13");
  EXPECT_EQ(d.plus_days(365).iso(), "2028-01-04");
  EXPECT_EQ(d.compact(), "20270104");
}

TEST(Schedule, He2020Il2ArmFrom2027January4) {
  const auto p = he2020();
  auto r = schedule::build_schedule(p, "il2", *schedule::Date::parse("2027-01-04"), {});
  ASSERT_TRUE(r.schedule) << r.error;
  const auto& s = *r.schedule;
  ASSERT_EQ(s.doses.size(), 21u);
  EXPECT_EQ(s.doses.front().date.iso(), "2027-01-04");
  EXPECT_EQ(s.doses[1].date.iso(), "2027-01-06");
  EXPECT_EQ(s.doses[7].date.iso(), "2027-02-01");  // cycle 2 starts on study day 29
  EXPECT_EQ(s.doses[7].cycle, 2);
  EXPECT_EQ(s.doses.back().date.iso(), "2027-03-13");
  double miu = 0;
  for (const auto& d : s.doses) miu += d.il2_miu;
  EXPECT_DOUBLE_EQ(miu, 21.0);
  EXPECT_EQ(s.doses.front().as_written, "1 MIU");
  EXPECT_EQ(s.doses.front().absolute, "1 MIU");
  ASSERT_FALSE(s.visits.empty());
  EXPECT_EQ(s.visits.back().id, "w24");
  EXPECT_EQ(s.visits.back().date.iso(), "2027-06-21");  // study day 169
  EXPECT_EQ(s.visits.back().earliest.iso(), "2027-06-14");
  EXPECT_EQ(s.visits.back().latest.iso(), "2027-06-28");
}

TEST(Schedule, CsvListsEveryDoseAndVisit) {
  const auto p = he2020();
  auto r = schedule::build_schedule(p, "il2", *schedule::Date::parse("2027-01-04"), {});
  ASSERT_TRUE(r.schedule);
  const std::string csv = report::schedule_csv(*r.schedule);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "event,date,study_day,drug_or_visit,as_written,amount,route,cycle,"
                                           "window_start,window_end");
  int doses = 0, visits = 0;
  for (std::size_t at = 0; (at = csv.find("\ndose,", at)) != std::string::npos; ++at) ++doses;
  for (std::size_t at = 0; (at = csv.find("\nvisit,", at)) != std::string::npos; ++at) ++visits;
  EXPECT_EQ(doses, 21);
  EXPECT_EQ(visits, static_cast<int>(p.visits.size()));
}

TEST(Schedule, UnknownArmNamesTheArms) {
  auto r = schedule::build_schedule(he2020(), "il-2", *schedule::Date::parse("2027-01-04"), {});
  EXPECT_FALSE(r.schedule);
  EXPECT_EQ(r.error, "no arm \"il-2\" in this protocol (arms: il2, placebo)");
}

TEST(Schedule, PerM2DoseNeedsTheParticipantsSize) {
  auto p = he2020();
  auto& iv = p.arms[0].interventions[0];
  iv.regimen = protocol::parse_regimen("0.6 MIU/m2 sc every other day for 2 weeks").regimen;
  auto missing = schedule::build_schedule(p, "il2", *schedule::Date::parse("2027-01-04"), {});
  EXPECT_FALSE(missing.schedule);
  EXPECT_EQ(missing.error, "il2: the dose is per m² of body-surface area: a weight and a height are needed (give "
                           "--weight and --height)");
  auto given = schedule::build_schedule(p, "il2", *schedule::Date::parse("2027-01-04"), {80.0, 180.0});
  ASSERT_TRUE(given.schedule);
  EXPECT_EQ(given.schedule->doses.front().absolute, "1.2 MIU");  // 0.6 MIU/m² × 2.0 m²
  EXPECT_DOUBLE_EQ(given.schedule->doses.front().il2_miu, 1.2);
}

TEST(Schedule, BlindedTableCsvAndJsonShowNoArmDrugOrDose) {
  const auto p = he2020();
  for (const char* arm : {"il2", "placebo"}) {
    auto r = schedule::build_schedule(p, arm, *schedule::Date::parse("2027-01-04"), {});
    ASSERT_TRUE(r.schedule);
    const report::ScheduleView view{"P01", true};
    for (std::string text : {report::schedule_table(*r.schedule, view), report::schedule_csv(*r.schedule, view),
                             report::schedule_json(*r.schedule, "sha", view)}) {
      // The JSON names the program, il2trial: that is not the arm.
      for (std::size_t at; (at = text.find("il2trial")) != std::string::npos;) text.erase(at, 8);
      for (const char* word : {"il2", "placebo", "Placebo", "MIU", "Low-dose", "\"arm\"", "as_written\":"})
        EXPECT_EQ(text.find(word), std::string::npos) << arm << " shows \"" << word << "\":\n" << text;
      EXPECT_NE(text.find("study drug"), std::string::npos);
    }
    // The table and the JSON name the participant (the CSV keeps its columns).
    EXPECT_NE(report::schedule_table(*r.schedule, view).find("participant P01, blinded"), std::string::npos);
    EXPECT_NE(report::schedule_json(*r.schedule, "sha", view).find("\"participant\": \"P01\",\n  \"blinded\": true"),
              std::string::npos);
    const std::string csv = report::schedule_csv(*r.schedule, view);
    EXPECT_NE(csv.find("\ndose,2027-01-04,1,study drug,,,sc,1,,\n"), std::string::npos) << csv;
  }
  // Unblinded, the table names the arm and its IL-2.
  auto r = schedule::build_schedule(p, "il2", *schedule::Date::parse("2027-01-04"), {});
  const std::string table = report::schedule_table(*r.schedule, {"P01", false});
  EXPECT_EQ(table.substr(0, table.find('\n')),
            "NCT02465580 participant P01, arm il2 (Low-dose IL-2 (hrIL-2 1 MIU)), first dose 2027-01-04: 21 doses, "
            "8 visits, 21 MIU of IL-2");
}

}  // namespace
}  // namespace il2t::test
