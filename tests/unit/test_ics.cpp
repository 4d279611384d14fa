// The ICS a schedule writes is read by libical, a real iCalendar parser, and has
// what RFC 5545 asks: UID and DTSTAMP on every event, folded lines, CRLF.
#include <gtest/gtest.h>
#include <libical/ical.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "data/ics.h"
#include "report/schedule_formats.h"
#include "schedule/schedule.h"
#include "test_support.h"

namespace il2t::test {
namespace {

// RAII owner of a libical component.
struct Component {
  icalcomponent* c;
  explicit Component(icalcomponent* x) : c(x) {}
  ~Component() {
    if (c) icalcomponent_free(c);
  }
  Component(const Component&) = delete;
  Component& operator=(const Component&) = delete;
};

protocol::Protocol load(const std::string& file) {
  const Checked ck = check_text(read_text(source_path(file)));
  EXPECT_TRUE(ck.ok);
  return *ck.protocol;
}

std::string he2020_ics(const std::string& arm, const report::ScheduleView& view,
                       const std::string& start = "2027-01-04") {
  auto r = schedule::build_schedule(load("protocols/NCT02465580-he2020.toml"), arm, *schedule::Date::parse(start), {});
  EXPECT_TRUE(r.schedule);
  return report::schedule_ics(*r.schedule, "20261122T000000Z", view);
}

// The events' UIDs, in order, as libical reads them.
std::vector<std::string> uids_of(const std::string& ics) {
  Component cal(icalparser_parse_string(ics.c_str()));
  std::vector<std::string> out;
  if (!cal.c) return out;
  for (icalcomponent* e = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal.c, ICAL_VEVENT_COMPONENT))
    out.emplace_back(icalcomponent_get_uid(e));
  return out;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// Both views of the calendar: the blinded one (participant and site) and the unblinded one.
class LibicalReads : public ::testing::TestWithParam<bool> {};
INSTANTIATE_TEST_SUITE_P(Ics, LibicalReads, ::testing::Values(false, true),
                         [](const auto& test) { return test.param ? "Blinded" : "Unblinded"; });

TEST_P(LibicalReads, TheHe2020Calendar) {
  const Checked ck = check_text(read_text(source_path("protocols/NCT02465580-he2020.toml")));
  ASSERT_TRUE(ck.ok);
  auto r = schedule::build_schedule(*ck.protocol, "il2", *schedule::Date::parse("2027-01-04"), {});
  ASSERT_TRUE(r.schedule);
  const std::string ics = report::schedule_ics(*r.schedule, "20261122T000000Z", {"SLE-017; site 3", GetParam()});

  Component cal(icalparser_parse_string(ics.c_str()));
  ASSERT_NE(cal.c, nullptr);
  ASSERT_EQ(icalcomponent_isa(cal.c), ICAL_VCALENDAR_COMPONENT);
  EXPECT_EQ(icalcomponent_check_restrictions(cal.c), 1);
  int events = 0;
  std::set<std::string> uids;
  for (icalcomponent* e = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT); e;
       e = icalcomponent_get_next_component(cal.c, ICAL_VEVENT_COMPONENT)) {
    ++events;
    ASSERT_NE(icalcomponent_get_first_property(e, ICAL_UID_PROPERTY), nullptr);
    ASSERT_NE(icalcomponent_get_first_property(e, ICAL_DTSTAMP_PROPERTY), nullptr);
    uids.insert(icalcomponent_get_uid(e));
    // No X-LIC-ERROR: libical found nothing wrong in the event.
    EXPECT_EQ(icalcomponent_get_first_property(e, ICAL_XLICERROR_PROPERTY), nullptr);
  }
  EXPECT_EQ(events, 21 + static_cast<int>(ck.protocol->visits.size()));
  EXPECT_EQ(uids.size(), static_cast<std::size_t>(events));

  // The first event is the first dose, on 2027-01-04, as an all-day date.
  icalcomponent* first = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT);
  const icaltimetype start = icalcomponent_get_dtstart(first);
  EXPECT_EQ(start.year, 2027);
  EXPECT_EQ(start.month, 1);
  EXPECT_EQ(start.day, 4);
  EXPECT_EQ(start.is_date, 1);
  // The calendar's name and every description name the participant, escaped and read back whole.
  const std::string description = icalcomponent_get_description(first);
  EXPECT_EQ(description.rfind("NCT02465580 participant SLE-017; site 3", 0), 0u) << description;
}

TEST(Ics, UidIsAVersion8UuidFromItsParts) {
  const std::string uid = data::ics_uid({"NCT02465580", "P01", "dose1-day1"});
  EXPECT_TRUE(std::regex_match(uid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")))
      << uid;
  // Stable: the same parts give this UID on every run, build and machine.
  EXPECT_EQ(uid, data::ics_uid({"NCT02465580", "P01", "dose1-day1"}));
  // Computed apart from this code: Python's hashlib.sha256 of
  // "il2trial-uid-v1,11:NCT02465580,3:P01,10:dose1-day1", its first 16 bytes with the
  // version nibble 8 and the variant bits 10.
  EXPECT_EQ(uid, "1a259d06-726e-8bca-92bb-37097a4f0d1d");
  // The parts are length-prefixed: moving a character from one part to the next is another UID.
  EXPECT_NE(data::ics_uid({"NCT02465580", "P01", "x"}), data::ics_uid({"NCT02465580", "P0", "1x"}));
  EXPECT_NE(data::ics_uid({"a", "b"}), data::ics_uid({"a,1:b"}));
}

TEST(Ics, TwoParticipantsOfOneArmStartingTheSameDayShareNoUid) {
  for (const bool blinded : {false, true}) {
    const std::vector<std::string> a = uids_of(he2020_ics("il2", {"P01", blinded}));
    const std::vector<std::string> b = uids_of(he2020_ics("il2", {"P02", blinded}));
    ASSERT_EQ(a.size(), 21u + 8u);
    ASSERT_EQ(b.size(), a.size());
    std::set<std::string> all(a.begin(), a.end());
    EXPECT_EQ(all.size(), a.size());  // unique within one calendar
    all.insert(b.begin(), b.end());
    EXPECT_EQ(all.size(), a.size() + b.size()) << "participants P01 and P02 share a UID";
    // Stable: the same participant's calendar made again has the same UIDs, in the same order.
    EXPECT_EQ(uids_of(he2020_ics("il2", {"P01", blinded})), a);
  }
}

TEST(Ics, UidsDoNotDependOnTheArmTheStartOrTheBlinding) {
  // Neither the arm (a blinded UID would reveal it) nor the start date (a calendar made
  // again after the start moves updates the same events) is part of the UID.
  const std::vector<std::string> a = uids_of(he2020_ics("il2", {"P01", true}));
  EXPECT_EQ(uids_of(he2020_ics("placebo", {"P01", true})), a);
  EXPECT_EQ(uids_of(he2020_ics("il2", {"P01", false})), a);
  EXPECT_EQ(uids_of(he2020_ics("il2", {"P01", true}, "2027-03-01")), a);
  EXPECT_EQ(a.front(), data::ics_uid({"NCT02465580", "P01", "dose1-day1"}));
  EXPECT_EQ(a.back(), data::ics_uid({"NCT02465580", "P01", "visit-w24"}));
}

TEST(Ics, ABlindedCalendarShowsNoArmDrugOrDose) {
  for (const std::string file : {"protocols/NCT02465580-he2020.toml", "protocols/NCT04077684-dose-ranging.toml"}) {
    const protocol::Protocol p = load(file);
    ASSERT_EQ(p.identity.masking.value, "double");
    std::string first;
    for (const protocol::Arm& arm : p.arms) {
      auto r = schedule::build_schedule(p, arm.id, *schedule::Date::parse("2027-01-04"), {});
      ASSERT_TRUE(r.schedule) << arm.id;
      const std::string blinded = report::schedule_ics(*r.schedule, "20261122T000000Z", {"P01", true});
      const std::string text = lower(blinded);
      // What an event or the calendar's name says (PRODID names the program, il2trial).
      std::string shown;
      for (std::size_t at = 0; at < blinded.size();) {
        const std::size_t end = blinded.find("\r\n", at);
        const std::string line = blinded.substr(at, end - at);
        if (line.rfind("SUMMARY:", 0) == 0 || line.rfind("DESCRIPTION:", 0) == 0 || line.rfind("X-WR-CALNAME:", 0) == 0)
          shown += lower(line) + "\n";
        at = end + 2;
      }
      for (const std::string word : {"placebo", "miu", " iu", "il2", "il-2", "0.2", "0.5", " arm"})
        EXPECT_EQ(shown.find(word), std::string::npos) << file << " arm " << arm.id << " shows \"" << word << "\"";
      EXPECT_EQ(text.find("placebo"), std::string::npos);
      EXPECT_EQ(text.find(lower(arm.label.value)), std::string::npos) << arm.label.value;
      EXPECT_NE(shown.find("study drug sc (study day 1)"), std::string::npos);
      // Every arm's blinded calendar is the same file, to the byte.
      if (first.empty()) first = blinded;
      EXPECT_EQ(blinded, first) << file << " arm " << arm.id;
      // Unblinded, the arm and its dose are there.
      const std::string open = lower(report::schedule_ics(*r.schedule, "20261122T000000Z", {"P01", false}));
      EXPECT_NE(open.find("arm " + lower(arm.id)), std::string::npos);
      EXPECT_NE(open.find(lower(r.schedule->doses.front().drug)), std::string::npos);
    }
  }
}

TEST(Ics, FoldedLinesUnfoldBack) {
  const std::string summary = "Visit with a very long description µµµ that must be folded " + std::string(150, 'x');
  const std::string ics = data::write_ics({{"uid-1@il2trial", "20270104", summary, "a; b, c\nd"}}, "cal",
                                          "20261122T000000Z");
  // Every physical line is at most 75 octets (CRLF excluded) and ends with CRLF.
  std::size_t at = 0;
  while (at < ics.size()) {
    const std::size_t end = ics.find("\r\n", at);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - at, 75u);
    at = end + 2;
  }
  Component cal(icalparser_parse_string(ics.c_str()));
  ASSERT_NE(cal.c, nullptr);
  icalcomponent* e = icalcomponent_get_first_component(cal.c, ICAL_VEVENT_COMPONENT);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(std::string(icalcomponent_get_summary(e)), summary);
  EXPECT_EQ(std::string(icalcomponent_get_description(e)), "a; b, c\nd");
}

}  // namespace
}  // namespace il2t::test
