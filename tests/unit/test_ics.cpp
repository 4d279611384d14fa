// The ICS a schedule writes is read by libical, a real iCalendar parser, and has
// what RFC 5545 asks: UID and DTSTAMP on every event, folded lines, CRLF.
#include <gtest/gtest.h>
#include <libical/ical.h>

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

TEST(Ics, LibicalReadsTheHe2020Calendar) {
  const Checked ck = check_text(read_text(source_path("protocols/NCT02465580-he2020.toml")));
  ASSERT_TRUE(ck.ok);
  auto r = schedule::build_schedule(*ck.protocol, "il2", *schedule::Date::parse("2027-01-04"), {});
  ASSERT_TRUE(r.schedule);
  const std::string ics = report::schedule_ics(*r.schedule, "20261122T000000Z");

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
