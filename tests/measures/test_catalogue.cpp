// The measure catalogue: one row per test and instrument, in their fixed orders.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "instruments/bilag.h"
#include "measures/catalogue.h"

namespace il2t::measures {
namespace {

TEST(Catalogue, TestsAreInIdOrderWithUniqueCodesAndOrderedRanges) {
  ASSERT_EQ(tests().size(), kTestCount);
  std::set<std::string_view> codes;
  for (std::size_t i = 0; i < tests().size(); ++i) {
    const TestSpec& t = tests()[i];
    EXPECT_EQ(static_cast<std::size_t>(t.id), i) << t.code;
    EXPECT_TRUE(codes.insert(t.code).second) << t.code << " twice";
    EXPECT_LT(t.lo, t.hi) << t.code;
    EXPECT_EQ(find_test(t.code), t.id);
    EXPECT_LE(t.code.size(), 8u) << t.code << ": SDTM --TESTCD holds at most 8 characters";
  }
  EXPECT_EQ(find_test("NOSUCH"), std::nullopt);
  EXPECT_EQ(kBilagDomains, instruments::kBilagDomainCount);
}

TEST(Catalogue, KnownRowsKeepTheirCodesAndRanges) {
  // The record files' test codes and ranges (docs/patient-record.md): changing one
  // breaks every stored record file.
  EXPECT_EQ(test(Id::sledai_2k).code, "SLEDAI2K");
  EXPECT_EQ(test(Id::sledai_2k).hi, 105);
  EXPECT_TRUE(test(Id::sledai_2k).whole);
  EXPECT_EQ(test(Id::pga).hi, 3);
  EXPECT_FALSE(test(Id::pga).whole);
  EXPECT_EQ(test(Id::bilag_first).code, "BILAGCON");
  EXPECT_EQ(test(Id(static_cast<int>(Id::bilag_first) + 8)).code, "BILAGHAE");
  EXPECT_EQ(test(Id::essdai).hi, 123);
  EXPECT_EQ(test(Id::jadas27).code, "JADAS27");
  EXPECT_EQ(test(Id::prednisone).code, "PREDDOSE");
  EXPECT_EQ(test(Id::prednisone).domain, Domain::cm);
  EXPECT_EQ(test(Id::cmv).unit, "copies/mL");
  EXPECT_EQ(test(Id::treg).code, "TREG");
}

TEST(Catalogue, EveryInstrumentIsUniqueAndAValueReadingNamesItsTest) {
  std::set<std::string_view> ids;
  for (const InstrumentSpec& i : instruments()) {
    EXPECT_TRUE(ids.insert(i.id).second) << i.id << " twice";
    EXPECT_EQ(find_instrument(i.id), &i);
    for (Reading r : {i.reading, i.binary_reading, i.cox_reading}) {
      if (r == Reading::value || r == Reading::undetectable) {
        EXPECT_TRUE(i.test.has_value()) << i.id;
      }
    }
    EXPECT_LT(i.histogram.lo, i.histogram.hi) << i.id;
    EXPECT_GT(i.histogram.bins, 0u) << i.id;
  }
  EXPECT_EQ(find_instrument("nonesuch"), nullptr);
}

TEST(Catalogue, TheReadingDependsOnTheAnalysisWhereItShould) {
  EXPECT_EQ(reading_for("cmv-viral-load", "fisher"), Reading::undetectable);
  EXPECT_EQ(reading_for("cmv-viral-load", "chi-square"), Reading::undetectable);
  EXPECT_EQ(reading_for("cmv-viral-load", "ancova"), Reading::value);
  EXPECT_EQ(reading_for("infection", "cox"), Reading::time_to_event);
  EXPECT_EQ(reading_for("infection", "fisher"), Reading::any_event);
  EXPECT_EQ(reading_for("sri-4", "mcp-mod"), Reading::sri4);
  EXPECT_EQ(reading_for("pga", "ancova"), Reading::not_simulated);
  EXPECT_EQ(reading_for("nonesuch", "ancova"), Reading::not_simulated);
}

}  // namespace
}  // namespace il2t::measures
