// Regimen text that does not parse gets a message and the offset of the problem.
#include <gtest/gtest.h>

#include "protocol/regimen.h"

namespace il2t::protocol {
namespace {

struct BadCase {
  const char* text;
  int offset;
  const char* message;
};

class RegimenErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(RegimenErrors, NamesTheProblemAndWhere) {
  const BadCase& c = GetParam();
  auto r = parse_regimen(c.text);
  ASSERT_TRUE(r.error.has_value()) << c.text;
  EXPECT_EQ(r.error->message, c.message) << c.text;
  EXPECT_EQ(r.error->offset, c.offset) << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    All, RegimenErrors,
    ::testing::Values(
        BadCase{"", 0, "the regimen is empty"},
        BadCase{"1 MIU sc biweekly for 12 weeks", 9, "\"biweekly\" is ambiguous: write \"every 2 weeks\" or \"twice a week\""},
        BadCase{"1 IU/lb sc daily for 5 days", 2,
                "unknown dose unit \"IU/lb\" (known: IU, MIU, U/m², mg, µg, mg/kg, mg/m², mL with a concentration)"},
        BadCase{"1 MIU sc every other day", 24, "expected \"for\" and a duration, got the end of the text"},
        BadCase{"1 MIU sc every other day for 2 fortnights", 31,
                "expected \"days\", \"weeks\", \"months\" or \"years\", got \"fortnights\""},
        BadCase{"1 MIU sc sometimes for 2 weeks", 9,
                "expected a frequency (\"daily\", \"every other day\", \"every 3 days\", \"weekly\", \"twice a week\", "
                "\"every 2 weeks\", \"once\"), got \"sometimes\""},
        BadCase{"0 MIU sc daily for 5 days", 0, "a dose must be a positive number"},
        BadCase{"1 MIU sc daily for 0 days", 19, "a duration must be positive"},
        BadCase{"1 MIU sc daily for 5 days; three", 32, "expected \"cycles\", got the end of the text"},
        BadCase{"1 MIU sc daily for 5 days; 0 cycles", 27, "expected a number of cycles after \";\""},
        BadCase{"1 MIU sc 9 times a week for 2 weeks", 9, "more than 7 doses a week: write \"daily\" or split the doses"},
        BadCase{"0.5 mL of 1 mg po daily for 2 weeks", 12, "expected a concentration unit such as \"mg/mL\", got \"mg\""},
        BadCase{"1 MIU sc daily for 5 days 2 weeks off", 26,
                "expected \", then\" and another phase, or \"; N cycles\""},
        BadCase{"1 MIU sc 2 weeks", 16, "expected \"off\" after the duration"},
        BadCase{"1 MIU sc daily for 5 days; 3 cycles extra", 36, "unexpected text after the regimen"},
        BadCase{"1 MIU sc 2 weeks off, then every other day for 2 weeks", 0,
                "the regimen starts with a rest: study day 1 is the first dose, so begin with a dosing phase"}));

}  // namespace
}  // namespace il2t::protocol
