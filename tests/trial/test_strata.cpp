// Stratification factors: the entry grammar and its errors, the rules compiled against
// the field dictionary, what a simulation can stratify by (and its note on the rest),
// and the simulator allocating within strata: balanced in each, the same on 1 and 2
// threads.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "model/model_fixture.h"
#include "protocol/strata.h"
#include "report/sim_json.h"
#include "trial/engine.h"
#include "trial/simulate.h"
#include "trial/strata.h"
#include "unit/test_support.h"

namespace il2t::trial {
namespace {

using protocol::parse_stratum_factor;

std::string error_of(const std::string& entry) {
  auto f = parse_stratum_factor(entry);
  return f ? "" : f.error().message + " @" + std::to_string(f.error().offset);
}

TEST(Strata, EntriesReadAsFactorsWithLevelsAndRules) {
  auto f = parse_stratum_factor("activity: high (sledai_2k >= 10), low (any(sledai_2k < 10, pga < 1))");
  ASSERT_TRUE(f) << f.error().message;
  EXPECT_EQ(f->name, "activity");
  ASSERT_EQ(f->levels.size(), 2u);
  EXPECT_EQ(f->levels[0].name, "high");
  EXPECT_EQ(*f->levels[0].rule, "sledai_2k >= 10");
  EXPECT_EQ(*f->levels[1].rule, "any(sledai_2k < 10, pga < 1)");
  EXPECT_EQ(f->levels[1].rule_offset, 39);
  auto site = parse_stratum_factor(" site :a,b , c-2 ");
  ASSERT_TRUE(site);
  EXPECT_FALSE(site->has_rules());
  EXPECT_EQ(site->levels.back().name, "c-2");
  auto bare = parse_stratum_factor("centre");
  ASSERT_TRUE(bare);
  EXPECT_TRUE(bare->levels.empty());
}

TEST(Strata, GrammarErrorsSayWhereAndWhat) {
  EXPECT_EQ(error_of(""), "give the factor's name, then its levels (\"site: a, b\") @0");
  EXPECT_EQ(error_of("SLEDAI score"), "unexpected 's': expected ':' and the levels after the factor's name (names are letters, digits, _ - . +) @7");
  EXPECT_EQ(error_of("site: a"), "factor \"site\" needs at least two levels @0");
  EXPECT_EQ(error_of("site: a, a"), "level \"a\" is given twice @9");
  EXPECT_EQ(error_of("site: a,"), "expected a level @8");
  EXPECT_EQ(error_of("x: hi (sledai_2k > 4"), "the '(' of level \"hi\" is not closed @20");
  EXPECT_EQ(error_of("x: hi (sledai_2k > 4), lo"),
            "give every level a rule in parentheses, or none (level \"lo\" has none, level \"hi\" one) @23");
  EXPECT_EQ(error_of("x: hi (), lo ()"), "the rule of level \"hi\" is empty @7");
}

TEST(Strata, ValidationChecksEntriesAndRulesCompile) {
  std::string text = test::read_text(test::source_path("protocols/NCT02465580-he2020.toml"));
  const std::string anchor = "block_sizes = { value = [4]";
  auto with = [&](const std::string& strata) {
    std::string t = text;
    t.insert(t.find(anchor), "strata = " + strata + "\n");
    return t;
  };
  auto c = test::check_text(with(R"x(["site", "x: a", "activity: hi (sledai_2k >= 10), lo (sledai_2k < 10)", "activity: a, b"])x"));
  ASSERT_TRUE(c.protocol);
  std::string all;
  for (const auto& m : c.messages) all += m + "\n";
  EXPECT_NE(all.find("warning: randomisation.strata[0]: \"site\" gives no levels"), std::string::npos) << all;
  EXPECT_NE(all.find("error: randomisation.strata[1]: factor \"x\" needs at least two levels (at character 1 of \"x: a\")"),
            std::string::npos) << all;
  EXPECT_NE(all.find("error: randomisation.strata[3]: factor \"activity\" is given twice"), std::string::npos) << all;

  // A rule naming no field is an error at the entry, with the character.
  auto p = test::check_text(with(R"x(["activity: hi (sledai >= 10), lo (sledai_2k < 10)"])x"));
  ASSERT_TRUE(p.ok);
  Diagnostics d("p.toml");
  check_strata_rules(*p.protocol, d);
  ASSERT_EQ(d.items().size(), 1u);
  EXPECT_NE(d.items()[0].message.find("randomisation.strata[0]: level hi: unknown field \"sledai\""), std::string::npos)
      << d.items()[0].message;
  EXPECT_NE(d.items()[0].message.find("(at character 15 of"), std::string::npos) << d.items()[0].message;
  EXPECT_FALSE(read_strata(*p.protocol));

  // Too many strata.
  std::string many = "[";
  for (int i = 0; i < 10; ++i) many += std::string(i ? ", " : "") + "\"f" + std::to_string(i) + ": a, b\"";
  auto m = test::check_text(with(many + "]"));
  EXPECT_FALSE(m.ok);
}

TEST(Strata, ASimulationStratifiesByRulesAndSaysWhatItCannot) {
  protocol::Protocol p = test::shipped_protocol("NCT02465580-he2020.toml");
  p.randomisation.strata.value = {"activity: high (sledai_2k >= 10), low (sledai_2k < 10)", "site: a, b", "centre"};
  auto made = make_design(p);
  ASSERT_TRUE(made.design) << made.error.text();
  const SimulatedStrata& s = made.design->simulated_strata;
  EXPECT_EQ(s.factors, std::vector<std::size_t>{0});
  EXPECT_EQ(s.count, 3u);  // high, low, placed in none
  EXPECT_NE(s.note.find("stratified by activity (high, low)"), std::string::npos) << s.note;
  EXPECT_NE(s.note.find("not stratified by site (a, b: no rules) or centre (no levels)"), std::string::npos) << s.note;

  eligibility::PatientRecord r;
  bool placed = true;
  EXPECT_EQ(s.stratum_of(made.design->strata, r, kScreeningDay, placed), 2u);
  EXPECT_FALSE(placed);
  auto& cell = r.at("sledai_2k");
  cell.state = eligibility::Cell::State::value;
  cell.number = 12;
  EXPECT_EQ(s.stratum_of(made.design->strata, r, kScreeningDay, placed), 0u);
  EXPECT_TRUE(placed);

  p.randomisation.strata.value.clear();
  auto plain = make_design(p);
  EXPECT_EQ(plain.design->simulated_strata.count, 1u);
  EXPECT_TRUE(plain.design->simulated_strata.note.empty());
}

struct Stratified {
  protocol::Protocol protocol = test::shipped_protocol("NCT02465580-he2020.toml");
  model::Model model = test::shipped_model();
  TrialDesign design;
  Stratified() {
    protocol.randomisation.strata.value = {"activity: high (sledai_2k >= 10), low (sledai_2k < 10)"};
    auto made = make_design(protocol);
    if (!made.design) throw std::runtime_error(made.error);
    design = std::move(*made.design);
  }
};

TEST(Strata, TheSimulatorAllocatesWithinEachStratum) {
  // Blocks of 4 within each activity stratum: each stratum's arms differ by at most 2,
  // whatever the mix of strata; every participant is placed (the record has SLEDAI-2K).
  Stratified f;
  TrialRunner runner(f.design, f.model);
  for (std::uint64_t rep = 0; rep < 6; ++rep) {
    TrialRecords r;
    Error error;
    ASSERT_TRUE(runner.run(rep, RunSettings{21, 60, false, false}, r, error)) << error;
    ASSERT_EQ(r.subjects.size(), 60u);
    EXPECT_EQ(r.unplaced, 0u);
    int diff[2] = {0, 0};
    for (const Subject& s : r.subjects) diff[s.baseline_activity >= 10 ? 0 : 1] += s.arm == 0 ? 1 : -1;
    EXPECT_LE(std::abs(diff[0]), 2) << "replicate " << rep;
    EXPECT_LE(std::abs(diff[1]), 2) << "replicate " << rep;
  }
}

TEST(Strata, AParticipantNoRulePlacesIsCounted) {
  // Levels with a gap (SLEDAI-2K 8 to 11 in neither): those enrolled in it are counted.
  Stratified f;
  f.protocol.randomisation.strata.value = {"activity: high (sledai_2k >= 12), low (sledai_2k < 8)"};
  auto made = make_design(f.protocol);
  ASSERT_TRUE(made.design) << made.error.text();
  TrialRunner runner(*made.design, f.model);
  TrialRecords r;
  Error error;
  ASSERT_TRUE(runner.run(0, RunSettings{21, 60, false, false}, r, error)) << error;
  std::size_t gap = 0;
  for (const Subject& s : r.subjects) gap += s.baseline_activity >= 8 && s.baseline_activity < 12;
  EXPECT_GT(gap, 0u);
  EXPECT_EQ(r.unplaced, gap);
}

TEST(Strata, AStratifiedSimulationIsTheSameOnOneAndTwoThreads) {
  Stratified f;
  SimulationSettings s;
  s.seed = 4;
  s.replicates = 4;
  s.ns = {40};
  s.truth_per_arm = 100;
  s.threads = 1;
  const SimulationResult one = simulate(f.design, f.model, s);
  s.threads = 2;
  const SimulationResult two = simulate(f.design, f.model, s);
  ASSERT_TRUE(one.ok) << one.error;
  ASSERT_TRUE(two.ok) << two.error;
  report::SimProvenance pv;
  pv.replicates = 4;
  const auto j = report::simulation_json(f.design, pv, one);
  EXPECT_EQ(j.dump(), report::simulation_json(f.design, pv, two).dump());
  EXPECT_TRUE(j.contains("randomisation"));
  EXPECT_EQ(j["sizes"][0]["unplaced_in_strata_rate"], 0.0);
}

}  // namespace
}  // namespace il2t::trial
