// SDTM dates (src/sdtm/dates.h): every --DTC form SDTMIG 4.4 allows and the ones it
// does not, with their messages; leap years; the imputation rules and their --DTF
// flags; study days; formatting days; and a set of imputations, study days and day
// numbers computed by base R (tests/reference/sdtm_dates.R, its output beside it).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sdtm/dates.h"

namespace il2t::sdtm {
namespace {

namespace chr = std::chrono;
using std::nullopt;

chr::sys_days day_of(int y, unsigned m, unsigned d) { return chr::sys_days(chr::year(y) / m / d); }

PartialDate parsed(std::string_view text) {
  const Expected<PartialDate> d = parse_dtc(text);
  EXPECT_TRUE(d.ok()) << text << ": " << (d.ok() ? "" : d.error().message);
  return d.ok() ? *d : PartialDate{};
}

TEST(SdtmDates, AcceptsEveryForm) {
  struct Case {
    const char* text;
    std::optional<int> y, mo, d, h, mi, s;
    const char* fraction;
    std::optional<int> offset;
  };
  const std::vector<Case> cases = {
      // right truncation (SDTMIG 4.4.2, first table)
      {"2003-12-15T13:14:17.123", 2003, 12, 15, 13, 14, 17, "123", nullopt},
      {"2003-12-15T13:14:17", 2003, 12, 15, 13, 14, 17, "", nullopt},
      {"2003-12-15T13:14", 2003, 12, 15, 13, 14, nullopt, "", nullopt},
      {"2003-12-15T13", 2003, 12, 15, 13, nullopt, nullopt, "", nullopt},
      {"2003-12-15", 2003, 12, 15, nullopt, nullopt, nullopt, "", nullopt},
      {"2003-12", 2003, 12, nullopt, nullopt, nullopt, nullopt, "", nullopt},
      {"2003", 2003, nullopt, nullopt, nullopt, nullopt, nullopt, "", nullopt},
      // a missing part in the middle (second table)
      {"2003-12-15T-:15", 2003, 12, 15, nullopt, 15, nullopt, "", nullopt},
      {"2003-12-15T13:-:17", 2003, 12, 15, 13, nullopt, 17, "", nullopt},
      {"2003---15", 2003, nullopt, 15, nullopt, nullopt, nullopt, "", nullopt},
      {"--12-15", nullopt, 12, 15, nullopt, nullopt, nullopt, "", nullopt},
      {"-----T07:15", nullopt, nullopt, nullopt, 7, 15, nullopt, "", nullopt},
      {"2003-12--T10:00", 2003, 12, nullopt, 10, 0, nullopt, "", nullopt},
      {"2003----T10", 2003, nullopt, nullopt, 10, nullopt, nullopt, "", nullopt},
      {"--12", nullopt, 12, nullopt, nullopt, nullopt, nullopt, "", nullopt},
      {"2003-12-15T-:-:17.5", 2003, 12, 15, nullopt, nullopt, 17, "5", nullopt},
      // the brief's own examples, and the ends of each range
      {"2021-03-15T10:30", 2021, 3, 15, 10, 30, nullopt, "", nullopt},
      {"2021-03-15T10:30:45", 2021, 3, 15, 10, 30, 45, "", nullopt},
      {"2021---15", 2021, nullopt, 15, nullopt, nullopt, nullopt, "", nullopt},
      {"0000-01-01T00:00:00", 0, 1, 1, 0, 0, 0, "", nullopt},
      {"9999-12-31T23:59:59.000001", 9999, 12, 31, 23, 59, 59, "000001", nullopt},
      // a UTC offset after a time
      {"2003-12-15T13:14:17Z", 2003, 12, 15, 13, 14, 17, "", 0},
      {"2003-12-15T13:14:17.25+05:30", 2003, 12, 15, 13, 14, 17, "25", 330},
      {"2003-12-15T13-05:00", 2003, 12, 15, 13, nullopt, nullopt, "", -300},
      {"2003-12-15T13:14-23:59", 2003, 12, 15, 13, 14, nullopt, "", -(23 * 60 + 59)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const PartialDate d = parsed(c.text);
    EXPECT_EQ(d.year, c.y);
    EXPECT_EQ(d.month, c.mo);
    EXPECT_EQ(d.day, c.d);
    EXPECT_EQ(d.hour, c.h);
    EXPECT_EQ(d.minute, c.mi);
    EXPECT_EQ(d.second, c.s);
    EXPECT_EQ(d.fraction, c.fraction);
    EXPECT_EQ(d.utc_offset_minutes, c.offset);
    EXPECT_EQ(d.time, std::string_view(c.text).find('T') != std::string_view::npos);
    EXPECT_FALSE(d.empty());
    EXPECT_EQ(format_dtc(d), c.text);  // the inverse of parse_dtc
  }
  EXPECT_EQ(format_dtc(parsed("2003-12-15T13:14+00:00")), "2003-12-15T13:14Z");  // one zero offset
}

TEST(SdtmDates, EmptyIsTheMissingValue) {
  const PartialDate d = parsed("");
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d, PartialDate{});
  EXPECT_EQ(format_dtc(d), "");
  EXPECT_EQ(impute(d, Imputation::start), nullopt);
}

TEST(SdtmDates, RejectsWithAMessage) {
  struct Case {
    const char* text;
    const char* message;  // after "\"text\": "
    int offset;
  };
  const std::vector<Case> cases = {
      // not ISO 8601, or not the subset SDTM uses
      {"20031215", "not ISO 8601: the year must be 4 digits (SDTM uses the extended format, with '-' and ':')", 0},
      {"20220101T010101", "not ISO 8601: the year must be 4 digits (SDTM uses the extended format, with '-' and ':')", 0},
      {"202201", "not ISO 8601: the year must be 4 digits (SDTM uses the extended format, with '-' and ':')", 0},
      {"03-12-15", "not ISO 8601: the year must be 4 digits", 0},
      {"2022-1", "not ISO 8601: the month must be 2 digits", 5},
      {"2022-001", "not ISO 8601: the month must be 2 digits (SDTM uses the extended format, with '-' and ':')", 5},
      {"2022-01-1", "not ISO 8601: the day must be 2 digits", 8},
      {"2022:01", "not ISO 8601: expected '-' after the year", 4},
      {"2022/01/01", "not ISO 8601: '/' marks an interval (\"start/end\"), not a single date", 4},
      {"2003-12-01/2003-12-10", "not ISO 8601: '/' marks an interval (\"start/end\"), not a single date", 10},
      {"P3D", "not ISO 8601: a duration (\"P...\") is not a date", 0},
      {"15-Mar-2021", "not ISO 8601: the year must be 4 digits", 0},
      {"foo", "not ISO 8601: expected the year (4 digits, or '-' if unknown)", 0},
      {"2022-01-01t01", "not ISO 8601: the time designator is an upper-case 'T'", 10},
      {"2022-01-01 01:00", "not ISO 8601: it contains a space", 10},
      {" 2022", "not ISO 8601: it contains a space", 0},
      {"2022-01-01T1", "not ISO 8601: the hour must be 2 digits", 11},
      {"2022-01-01T001", "not ISO 8601: the hour must be 2 digits (SDTM uses the extended format, with '-' and ':')", 11},
      {"2022-01-01T0101", "not ISO 8601: the hour must be 2 digits (SDTM uses the extended format, with '-' and ':')", 11},
      {"2022-01-01T01:1", "not ISO 8601: the minute must be 2 digits", 14},
      {"2022-01-01T01:01:001", "not ISO 8601: the second must be 2 digits (SDTM uses the extended format, with '-' and ':')", 17},
      {"2022-01-01T", "not ISO 8601: expected the hour (2 digits, or '-' if unknown)", 11},
      {"2022-01-01T01:", "not ISO 8601: expected the minute (2 digits, or '-' if unknown)", 14},
      {"2022-01-", "not ISO 8601: expected the day (2 digits, or '-' if unknown)", 8},
      {"2022-01-01T01:01:01,5", "not ISO 8601: a decimal fraction is written after '.', not ','", 19},
      {"2022-01-01T01:01:01.", "not ISO 8601: expected digits after '.'", 20},
      {"2022-01-01T01:30.5", "not ISO 8601: only the seconds may have a decimal fraction", 16},
      {"2022-01-01T01.5", "not ISO 8601: only the seconds may have a decimal fraction", 13},
      {"2022-01-01T01:01:-.5", "not ISO 8601: a decimal fraction needs the seconds", 18},
      {"2022-01-01T01:01z", "not ISO 8601: the UTC designator is an upper-case 'Z'", 16},
      {"2022-01-01T01:01+0530", "not ISO 8601: a UTC offset is written +hh:mm or -hh:mm", 16},
      {"2022-01-01T01:01+05", "not ISO 8601: a UTC offset is written +hh:mm or -hh:mm", 16},
      {"2022-01-01Z", "not ISO 8601: expected 'T' before the time", 10},
      {"2022-01-01T01:01:01x", "not ISO 8601: unexpected 'x'", 19},
      {"2022-W13", "not ISO 8601: expected the month (2 digits, or '-' if unknown)", 5},
      {"2022-095", "not ISO 8601: the month must be 2 digits (SDTM uses the extended format, with '-' and ':')", 5},
      // a time after a truncated date, and '-' for a missing last part
      {"2003-12T10:00", "not ISO 8601: a time needs the whole date before it ('-' in place of a missing month or day)", 7},
      {"2003T10", "not ISO 8601: a time needs the whole date before it ('-' in place of a missing month or day)", 4},
      {"2003-12--", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 8},
      {"2003----", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 7},
      {"2003---", "not ISO 8601: expected the day (2 digits, or '-' if unknown)", 7},
      {"-", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 0},
      {"-----", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 4},
      {"-----T-:-:-", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 10},
      {"2003-12-15T13:-", "not ISO 8601: a missing last part is left out, not written '-' (right truncation)", 14},
      {"-2003", "not ISO 8601: expected '-' after the year", 1},
      // out of range
      {"2021-13-01", "month 13 out of range (01-12)", 5},
      {"2021-00", "month 00 out of range (01-12)", 5},
      {"2021-04-31", "day 31 out of range (01-30 in 2021-04)", 8},
      {"2021-01-00", "day 00 out of range (01-31 in 2021-01)", 8},
      {"2021---32", "day 32 out of range (01-31)", 7},
      {"--02-30", "day 30 out of range (01-29 in month 02)", 5},
      {"2021-03-15T24:00", "hour 24 out of range (00-23)", 11},
      {"2021-03-15T23:60", "minute 60 out of range (00-59)", 14},
      {"2021-03-15T23:59:60", "second 60 out of range (00-59)", 17},
      {"2021-03-15T10:00+24:00", "UTC offset +24:00 out of range (hours 00-23, minutes 00-59)", 16},
      {"2021-03-15T10:00-05:60", "UTC offset -05:60 out of range (hours 00-23, minutes 00-59)", 16},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    const Expected<PartialDate> d = parse_dtc(c.text);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().message, "\"" + std::string(c.text) + "\": " + c.message);
    EXPECT_EQ(d.error().offset, c.offset);
  }
}

TEST(SdtmDates, LeapYears) {
  EXPECT_TRUE(parse_dtc("2020-02-29").ok());
  EXPECT_TRUE(parse_dtc("2000-02-29").ok());  // divisible by 400
  EXPECT_TRUE(parse_dtc("2400-02-29").ok());
  EXPECT_TRUE(parse_dtc("--02-29").ok());     // some leap year
  EXPECT_TRUE(parse_dtc("2021---29").ok());   // some month
  for (const char* bad : {"2021-02-29", "1900-02-29", "2100-02-29", "2019-02-29T10:00"}) {
    SCOPED_TRACE(bad);
    const Expected<PartialDate> d = parse_dtc(bad);
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.error().message,
              "\"" + std::string(bad) + "\": day 29 out of range (01-28 in " + std::string(bad).substr(0, 7) + ")");
  }
  EXPECT_EQ(impute(parsed("2020-02"), Imputation::end)->day, day_of(2020, 2, 29));
  EXPECT_EQ(impute(parsed("2021-02"), Imputation::end)->day, day_of(2021, 2, 28));
  EXPECT_EQ(impute(parsed("1900-02"), Imputation::end)->day, day_of(1900, 2, 28));
  EXPECT_EQ(impute(parsed("2000-02"), Imputation::end)->day, day_of(2000, 2, 29));
}

TEST(SdtmDates, ImputationRulesAndFlags) {
  struct Case {
    const char* text;
    Imputation rule;
    bool preserve;
    std::optional<chr::sys_days> day;
    DateFlag flag;
  };
  const auto none = Imputation::none, start = Imputation::start, end = Imputation::end;
  const std::vector<Case> cases = {
      {"2021-03-15T10:30", none, false, day_of(2021, 3, 15), DateFlag::none},
      {"2021-03-15", start, false, day_of(2021, 3, 15), DateFlag::none},
      {"2021-03-15", end, false, day_of(2021, 3, 15), DateFlag::none},
      {"2021-03", none, false, nullopt, DateFlag::none},
      {"2021-03", start, false, day_of(2021, 3, 1), DateFlag::day},
      {"2021-03", end, false, day_of(2021, 3, 31), DateFlag::day},
      {"2021-04", end, false, day_of(2021, 4, 30), DateFlag::day},
      {"2021", none, false, nullopt, DateFlag::none},
      {"2021", start, false, day_of(2021, 1, 1), DateFlag::month},
      {"2021", end, false, day_of(2021, 12, 31), DateFlag::month},
      {"2021---15", none, false, nullopt, DateFlag::none},
      {"2021---15", start, false, day_of(2021, 1, 1), DateFlag::month},   // admiral's default
      {"2021---15", end, false, day_of(2021, 12, 31), DateFlag::month},
      {"2021---15", start, true, day_of(2021, 1, 15), DateFlag::month},   // preserve = TRUE
      {"2021---15", end, true, day_of(2021, 12, 15), DateFlag::month},
      {"2021---15", none, true, nullopt, DateFlag::none},
      {"2021-06--T08:00", start, false, day_of(2021, 6, 1), DateFlag::day},
      {"2021-06--T08:00", end, false, day_of(2021, 6, 30), DateFlag::day},
      {"--03-15", start, false, nullopt, DateFlag::none},  // a year is never imputed
      {"--03-15", end, true, nullopt, DateFlag::none},
      {"-----T07:15", end, false, nullopt, DateFlag::none},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.text) + " rule " + std::to_string(static_cast<int>(c.rule)));
    const std::optional<ImputedDate> got = impute(parsed(c.text), c.rule, c.preserve);
    ASSERT_EQ(got.has_value(), c.day.has_value());
    if (!got) continue;
    EXPECT_EQ(format_date(got->day), format_date(*c.day));
    EXPECT_EQ(got->flag, c.flag);
  }
  PartialDate bad;  // not from parse_dtc
  bad.year = 2021, bad.month = 4, bad.day = 31;
  EXPECT_EQ(impute(bad, Imputation::start), nullopt);
  bad.month = 13, bad.day.reset();
  EXPECT_EQ(impute(bad, Imputation::end), nullopt);
  EXPECT_EQ(dtf_code(DateFlag::none), "");
  EXPECT_EQ(dtf_code(DateFlag::day), "D");
  EXPECT_EQ(dtf_code(DateFlag::month), "M");
  EXPECT_EQ(dtf_code(DateFlag::year), "Y");
}

TEST(SdtmDates, StudyDayHasNoDayZero) {
  const chr::sys_days ref = day_of(2021, 3, 15);
  EXPECT_EQ(study_day(ref, ref), 1);
  EXPECT_EQ(study_day(ref + chr::days(1), ref), 2);
  EXPECT_EQ(study_day(ref - chr::days(1), ref), -1);
  EXPECT_EQ(study_day(ref - chr::days(2), ref), -2);
  int previous = study_day(ref - chr::days(800), ref);
  for (int k = -799; k <= 800; ++k) {
    const int sd = study_day(ref + chr::days(k), ref);
    EXPECT_NE(sd, 0);
    EXPECT_EQ(sd, k >= 0 ? k + 1 : k);
    EXPECT_EQ(sd - previous, k == 0 ? 2 : 1) << k;  // -1 is followed by 1
    previous = sd;
  }
}

TEST(SdtmDates, FormatRoundTrip) {
  EXPECT_EQ(format_date(chr::sys_days{}), "1970-01-01");
  EXPECT_EQ(format_date(day_of(2021, 3, 5)), "2021-03-05");
  EXPECT_EQ(format_date(day_of(0, 1, 1)), "0000-01-01");
  auto round_trip = [](chr::sys_days day) {
    const std::string text = format_date(day);
    const Expected<PartialDate> d = parse_dtc(text);
    if (!d.ok()) return false;
    const std::optional<ImputedDate> back = impute(*d, Imputation::none);
    return back && back->day == day && back->flag == DateFlag::none;
  };
  // every day from 1900 to 2200, then every 97th day over the years 0000-9999
  for (chr::sys_days day = day_of(1900, 1, 1); day <= day_of(2200, 12, 31); day += chr::days(1))
    ASSERT_TRUE(round_trip(day)) << format_date(day);
  for (chr::sys_days day = day_of(0, 1, 1); day <= day_of(9999, 12, 31); day += chr::days(97))
    ASSERT_TRUE(round_trip(day)) << format_date(day);
  EXPECT_TRUE(round_trip(day_of(9999, 12, 31)));
}

// tests/reference/sdtm_dates.csv: check,input,arg,preserve,expected,flag
std::vector<std::vector<std::string>> r_reference() {
  std::ifstream in(std::string(IL2T_SOURCE_DIR) + "/tests/reference/sdtm_dates.csv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.rfind("check,", 0) == 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

TEST(SdtmDates, AgreesWithR) {
  const auto rows = r_reference();
  int counts[3] = {0, 0, 0};
  for (const auto& r : rows) {
    ASSERT_EQ(r.size(), 6u);
    SCOPED_TRACE(r[0] + " " + r[1] + " " + r[2] + " " + r[3]);
    if (r[0] == "impute") {
      const Imputation rule = r[2] == "start" ? Imputation::start : r[2] == "end" ? Imputation::end : Imputation::none;
      const std::optional<ImputedDate> got = impute(parsed(r[1]), rule, r[3] == "true");
      EXPECT_EQ(got ? format_date(got->day) : "", r[4]);
      EXPECT_EQ(got ? std::string(dtf_code(got->flag)) : "", r[5]);
      ++counts[0];
    } else if (r[0] == "study_day") {
      const auto date = impute(parsed(r[1]), Imputation::none), ref = impute(parsed(r[2]), Imputation::none);
      ASSERT_TRUE(date && ref);
      EXPECT_EQ(study_day(date->day, ref->day), std::stoi(r[4]));
      ++counts[1];
    } else if (r[0] == "day_number") {
      const auto date = impute(parsed(r[1]), Imputation::none);
      ASSERT_TRUE(date);
      EXPECT_EQ(date->day.time_since_epoch().count(), std::stol(r[4]));
      EXPECT_EQ(format_date(date->day), r[1]);
      ++counts[2];
    } else {
      ADD_FAILURE() << "unknown check " << r[0];
    }
  }
  EXPECT_EQ(counts[0], 60);
  EXPECT_EQ(counts[1], 12);
  EXPECT_EQ(counts[2], 12);
}

}  // namespace
}  // namespace il2t::sdtm
