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
  EXPECT_EQ((Error{.file = "p.toml", .message = "no arms"}.text()), "p.toml: no arms");
  EXPECT_EQ((Error{.file = "p.toml", .pos = {12, 0}, .message = "arms[0].ratio: must be positive"}.text()),
            "p.toml:12: arms[0].ratio: must be positive");
  EXPECT_EQ((Error{.file = "p.toml", .pos = {12, 5}, .message = "x"}.text()), "p.toml:12:5: x");
}

TEST(Error, FormatIsTheCompilerStyleDiagnostic) {
  const Error e{.file = "p.toml", .pos = {3, 7}, .message = "visits[1].day: not a number"};
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

TEST(Error, ReadsAsItsTextWherePartsStillPassText) {
  const Error e{.file = "f.csv", .pos = {4, 0}, .message = "age: not a number"};
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
