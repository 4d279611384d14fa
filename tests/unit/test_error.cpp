// core/error.h: the one error value, how it prints, and Expected<T>.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "core/diagnostic.h"
#include "core/error.h"

namespace il2t {
namespace {

TEST(Error, TextNamesWhatIsKnownOfWhere) {
  EXPECT_EQ(Error{.message = "no arms"}.text(), "no arms");
  EXPECT_EQ((Error{.message = "no arms", .file = "p.toml"}.text()), "p.toml: no arms");
  EXPECT_EQ((Error{.message = "arms[0].ratio: must be positive", .file = "p.toml", .pos = {12, 0}}.text()),
            "p.toml:12: arms[0].ratio: must be positive");
  EXPECT_EQ((Error{.message = "x", .file = "p.toml", .pos = {12, 5}}.text()), "p.toml:12:5: x");
}

TEST(Error, FormatIsTheCompilerStyleDiagnostic) {
  const Error e{.message = "visits[1].day: not a number", .file = "p.toml", .pos = {3, 7}};
  EXPECT_EQ(format(e), "p.toml:3:7: error: visits[1].day: not a number");
  Error w = e;
  w.severity = Severity::warning;
  EXPECT_EQ(format(w), "p.toml:3:7: warning: visits[1].day: not a number");
  // The field and the offset are for programs: they are not printed.
  Error f = e;
  f.field = "visits[1].day";
  f.offset = 4;
  EXPECT_EQ(format(f), format(e));
}

TEST(Error, DiagnosticsAreErrors) {
  Diagnostics d("p.toml");
  d.error({2, 1}, "a: bad");
  d.warning({1, 0}, "b: odd");
  d.sort_by_position();
  ASSERT_EQ(d.items().size(), 2u);
  const Error& first = d.items()[0];
  EXPECT_EQ(first.message, "b: odd");
  EXPECT_EQ(first.severity, Severity::warning);
  EXPECT_EQ(d.items()[1].file, "p.toml");
  EXPECT_EQ(d.error_count(), 1);
}

TEST(Error, ABareStringInABraceInitialisedStructIsTheMessage) {
  struct Result {
    int value = 0;
    Error error;
  };
  const Result r{0, "no schedule"};
  EXPECT_EQ(r.error.message, "no schedule");
  EXPECT_EQ(r.error.text(), "no schedule");
}

TEST(Error, ReadsAsItsTextWherePartsStillPassText) {
  const Error e{.message = "age: not a number", .file = "f.csv", .pos = {4, 0}};
  const std::string s = e;
  EXPECT_EQ(s, "f.csv:4: age: not a number");
  EXPECT_TRUE(e == "f.csv:4: age: not a number");
  std::ostringstream os;
  os << e;
  EXPECT_EQ(os.str(), s);
  EXPECT_TRUE(Error{}.empty());
  EXPECT_FALSE(e.empty());
}

TEST(Expected, HoldsAValueOrTheErrorThatStoppedIt) {
  const Expected<int> ok = 3;
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  const Expected<int> bad = Error{.message = "PGA: 3.4 is outside 0-3", .field = "pga"};
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().field, "pga");
  EXPECT_EQ(bad.error().message, "PGA: 3.4 is outside 0-3");
}

}  // namespace
}  // namespace il2t
