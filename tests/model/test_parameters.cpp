// Model parameter files (src/model/parameter_set.h) and their binding to the model's
// fields (src/model/params.h): each malformed entry is a diagnostic naming the file,
// the line and the parameter; --set overrides check name, finiteness and range; the
// shipped models/*.toml bind completely, and every number in them carries its unit
// and its provenance (a source, or the reason it is assumed).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"
#include "model/parameter_set.h"
#include "model/params.h"
#include "trial/assumptions.h"
#include "unit/test_support.h"

namespace il2t::model {
namespace {

struct Parsed {
  ParameterSet set;
  std::vector<Diagnostic> diagnostics;
};

Parsed parse(std::string_view text, const std::string& file = "t.toml") {
  Parsed p;
  parse_parameter_text(text, file, p.set, p.diagnostics);
  return p;
}

// One diagnostic expected: returns it formatted ("file:line: error: message").
std::string only_message(const Parsed& p) {
  EXPECT_EQ(p.diagnostics.size(), 1u);
  std::string all;
  for (const Diagnostic& d : p.diagnostics) all += format(d) + "\n";
  if (p.diagnostics.size() != 1) ADD_FAILURE() << all;
  return p.diagnostics.empty() ? std::string() : format(p.diagnostics.front());
}

ParameterLoad shipped() {
  ParameterLoad l = load_parameter_dir(test::source_path("models"));
  for (const Diagnostic& d : l.diagnostics) ADD_FAILURE() << format(d);
  return l;
}

// The shipped set without `name` (or unchanged if `name` is empty), plus `extra_text`
// parsed as a file "extra.toml" (diagnostics from it fail the test).
ParameterSet shipped_with(const std::string& drop, std::string_view extra_text = {}) {
  const ParameterLoad l = shipped();
  ParameterSet out;
  for (const Parameter& p : l.set.all())
    if (p.name != drop) out.add(p);
  if (!extra_text.empty()) {
    std::vector<Diagnostic> diags;
    parse_parameter_text(extra_text, "extra.toml", out, diags);
    for (const Diagnostic& d : diags) ADD_FAILURE() << format(d);
  }
  return out;
}

// Each error as the commands print it (format: "file:line: error: ..." or "error: ...").
std::string joined(const std::vector<Error>& v) {
  std::string s;
  for (const Error& e : v) s += format(e) + "\n";
  return s;
}

// Every error of the whole set: the model's, the populations' and the conduct's groups,
// and the entries no part uses (trial/assumptions.h).
std::string all_errors(const ParameterSet& set) { return joined(trial::check_parameters(set)); }

// ---- parse_parameter_text --------------------------------------------------------

TEST(ParameterText, GoodEntryKeepsEveryKey) {
  const Parsed p = parse(
      "# comment\n"
      "[grp]\n"
      "rate = { value = 0.25, unit = \"1/day\", min = 0, max = 1, source = \"Smith 2020 Table 2\", note = \"n\", map = "
      "\"renal B\" }\n"
      "count = { value = 3, unit = \"per cell\", assumed = \"no data\" }\n");
  ASSERT_TRUE(p.diagnostics.empty()) << format(p.diagnostics.front());
  ASSERT_EQ(p.set.all().size(), 2u);
  const Parameter* r = p.set.find("grp.rate");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->value, 0.25);
  EXPECT_EQ(r->unit, "1/day");
  EXPECT_EQ(r->source, "Smith 2020 Table 2");
  EXPECT_EQ(r->assumed, "");
  EXPECT_EQ(r->note, "n");
  EXPECT_EQ(r->map, "renal B");
  ASSERT_TRUE(r->min && r->max);
  EXPECT_EQ(*r->min, 0);
  EXPECT_EQ(*r->max, 1);
  EXPECT_EQ(r->file, "t.toml");
  EXPECT_EQ(r->line, 3);
  EXPECT_FALSE(r->overridden);
  const Parameter* c = p.set.find("grp.count");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->value, 3.0);  // an integer is a number too
  EXPECT_EQ(c->assumed, "no data");
  EXPECT_EQ(c->source, "");
  EXPECT_FALSE(c->min || c->max);
  EXPECT_EQ(c->line, 4);
  EXPECT_EQ(p.set.group("grp").size(), 2u);
  EXPECT_TRUE(p.set.group("gr").empty());
}

TEST(ParameterText, BareNumberAsksForATable) {
  const Parsed p = parse("[grp]\nrate = 0.5\n");
  EXPECT_EQ(only_message(p),
            "t.toml:2: error: grp.rate: write { value = ..., unit = \"...\", source = \"...\" } (or assumed = \"why\"), "
            "not a bare value");
  EXPECT_TRUE(p.set.all().empty());
}

TEST(ParameterText, ParametersLiveInGroups) {
  const Parsed p = parse("\nrate = 0.5\n[grp]\nok = { value = 1, unit = \"1\", assumed = \"x\" }\n");
  EXPECT_EQ(only_message(p), "t.toml:2: error: rate: parameters live in tables ([group] then name = { ... })");
  EXPECT_EQ(p.set.all().size(), 1u);  // the rest of the file still reads
}

TEST(ParameterText, MissingValue) {
  const Parsed p = parse("[grp]\n\nrate = { unit = \"1/day\", assumed = \"x\" }\n");
  EXPECT_EQ(only_message(p), "t.toml:3: error: grp.rate.value: missing or not a number");
  EXPECT_TRUE(p.set.all().empty());
}

TEST(ParameterText, ValueNotANumber) {
  for (const char* v : {"\"0.5\"", "true", "[0.5]"}) {
    const Parsed p = parse(std::string("[grp]\nrate = { value = ") + v + ", unit = \"1/day\", assumed = \"x\" }\n");
    EXPECT_EQ(only_message(p), "t.toml:2: error: grp.rate.value: missing or not a number") << v;
    EXPECT_TRUE(p.set.all().empty()) << v;
  }
}

TEST(ParameterText, ValueNotFinite) {
  for (const char* v : {"nan", "inf", "-inf"}) {
    const Parsed p = parse(std::string("[grp]\nrate = { value = ") + v + ", unit = \"1\", assumed = \"x\" }\n");
    EXPECT_EQ(only_message(p), "t.toml:2: error: grp.rate.value: not a finite number") << v;
  }
}

TEST(ParameterText, TextKeysMustBeTextAndRangesNumbers) {
  const Parsed p = parse("[grp]\nrate = { value = 1, unit = 5, assumed = \"x\" }\n");
  EXPECT_EQ(only_message(p), "t.toml:2: error: grp.rate.unit: must be text");
  const Parsed q = parse("[grp]\nrate = { value = 1, unit = \"1\", min = \"0\", assumed = \"x\" }\n");
  EXPECT_EQ(only_message(q), "t.toml:2: error: grp.rate.min: must be a number");
  EXPECT_TRUE(p.set.all().empty());
  EXPECT_TRUE(q.set.all().empty());
}

TEST(ParameterText, SourceAndAssumedBothOrNeitherIsAnError) {
  const std::string want =
      "t.toml:2: error: grp.rate: give exactly one of `source` (a citation) or `assumed` (the reason there is none)";
  const Parsed both = parse("[grp]\nrate = { value = 1, unit = \"1\", source = \"Smith 2020\", assumed = \"x\" }\n");
  EXPECT_EQ(only_message(both), want);
  EXPECT_TRUE(both.set.all().empty());
  const Parsed neither = parse("[grp]\nrate = { value = 1, unit = \"1\" }\n");
  EXPECT_EQ(only_message(neither), want);
  EXPECT_TRUE(neither.set.all().empty());
  // An empty text counts as absent.
  const Parsed empty = parse("[grp]\nrate = { value = 1, unit = \"1\", source = \"\" }\n");
  EXPECT_EQ(only_message(empty), want);
}

TEST(ParameterText, UnknownKeySuggestsTheClosest) {
  const Parsed p = parse("[grp]\nrate = { value = 1, unit = \"1\", source = \"S\", unti = \"kg\" }\n");
  EXPECT_EQ(only_message(p), "t.toml:2: error: grp.rate.unti: unknown key (did you mean `unit`?)");
  EXPECT_TRUE(p.set.all().empty());
  const Parsed q = parse("[grp]\nrate = { value = 1, unit = \"1\", assumed = \"x\", maximum = 3 }\n");
  EXPECT_EQ(only_message(q), "t.toml:2: error: grp.rate.maximum: unknown key");  // nothing close
}

TEST(ParameterText, ValueOutsideItsOwnRange) {
  const Parsed above = parse("[grp]\nrate = { value = 2, unit = \"1\", min = 0, max = 1, assumed = \"x\" }\n");
  EXPECT_EQ(only_message(above), "t.toml:2: error: grp.rate: value is outside its own min/max");
  EXPECT_TRUE(above.set.all().empty());
  const Parsed below = parse("[grp]\nrate = { value = -0.5, unit = \"1\", min = 0, assumed = \"x\" }\n");
  EXPECT_EQ(only_message(below), "t.toml:2: error: grp.rate: value is outside its own min/max");
  // The range's ends themselves are inside.
  const Parsed edge = parse("[grp]\na = { value = 0, unit = \"1\", min = 0, max = 1, assumed = \"x\" }\n"
                            "b = { value = 1, unit = \"1\", min = 0, max = 1, assumed = \"x\" }\n");
  EXPECT_TRUE(edge.diagnostics.empty());
  EXPECT_EQ(edge.set.all().size(), 2u);
}

TEST(ParameterText, NameDefinedTwiceNamesTheFirstPlace) {
  ParameterSet set;
  std::vector<Diagnostic> diags;
  parse_parameter_text("[grp]\n\nrate = { value = 1, unit = \"1\", assumed = \"x\" }\n", "a.toml", set, diags);
  ASSERT_TRUE(diags.empty());
  parse_parameter_text("[grp]\nrate = { value = 2, unit = \"1\", assumed = \"y\" }\n", "b.toml", set, diags);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(format(diags[0]), "b.toml:2: error: grp.rate: defined twice (first at a.toml:3)");
  ASSERT_EQ(set.all().size(), 1u);
  EXPECT_EQ(set.find("grp.rate")->value, 1);  // the first stays
}

TEST(ParameterText, TomlSyntaxErrorNamesItsLine) {
  const Parsed p = parse("[grp]\nrate = { value = 1, unit = \"1\", assumed = \"x\" }\nother = { value = 2, unit = \n");
  ASSERT_EQ(p.diagnostics.size(), 1u);
  EXPECT_EQ(p.diagnostics[0].file, "t.toml");
  EXPECT_EQ(p.diagnostics[0].pos.line, 3);
  EXPECT_EQ(format(p.diagnostics[0]).rfind("t.toml:3: error: ", 0), 0u) << format(p.diagnostics[0]);
  EXPECT_TRUE(p.set.all().empty());  // nothing from a file that does not parse
  // TOML itself rejects a key written twice in one file.
  const Parsed twice = parse("[grp]\nrate = { value = 1, unit = \"1\", assumed = \"x\" }\n"
                             "rate = { value = 2, unit = \"1\", assumed = \"x\" }\n");
  ASSERT_EQ(twice.diagnostics.size(), 1u);
  EXPECT_EQ(twice.diagnostics[0].pos.line, 3);
}

TEST(ParameterText, MissingFileAndEmptyDirectoryAreDiagnostics) {
  const ParameterLoad missing = load_parameter_files({test::source_path("tests/model/fixtures/no-such-file.toml")});
  ASSERT_EQ(missing.diagnostics.size(), 1u);
  EXPECT_EQ(missing.diagnostics[0].message, "cannot read the parameter file");
  const ParameterLoad no_dir = load_parameter_dir(test::source_path("tests/model/fixtures/no-such-dir"));
  ASSERT_EQ(no_dir.diagnostics.size(), 1u);
  EXPECT_EQ(no_dir.diagnostics[0].message.rfind("cannot list the model directory: ", 0), 0u);
  const std::filesystem::path empty =
      std::filesystem::temp_directory_path() / ("il2t-no-parameters-" + std::to_string(::getpid()));
  std::filesystem::create_directories(empty);
  std::ofstream(empty / "notes.txt") << "not a parameter file\n";
  const ParameterLoad no_toml = load_parameter_dir(empty.string());
  std::filesystem::remove_all(empty);
  ASSERT_EQ(no_toml.diagnostics.size(), 1u);
  EXPECT_EQ(no_toml.diagnostics[0].message, "no parameter files (*.toml) in the model directory");
}

TEST(ParameterText, MalformedFixtureNamesFileAndLine) {
  // The directory the command-line case patient_bad_model_dir reads.
  const ParameterLoad l = load_parameter_dir(test::source_path("tests/model/fixtures/bad-models"));
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(l.diagnostics[0].file, test::source_path("tests/model/fixtures/bad-models/pk.toml"));
  EXPECT_EQ(l.diagnostics[0].pos.line, 5);
  EXPECT_EQ(l.diagnostics[0].message,
            "il2_pk.clearance: give exactly one of `source` (a citation) or `assumed` (the reason there is none)");
}

// ---- ParameterSet::set (--set) ----------------------------------------------------

Parsed override_fixture() {
  Parsed p = parse("[grp]\n"
                   "rate = { value = 1, unit = \"1/day\", min = 0.1, max = 5, assumed = \"x\" }\n"
                   "share = { value = 0.5, unit = \"1\", min = 0, assumed = \"x\" }\n"
                   "free = { value = 2, unit = \"1\", assumed = \"x\" }\n");
  EXPECT_TRUE(p.diagnostics.empty());
  return p;
}

TEST(ParameterSet, UnknownNameSuggestsTheClosest) {
  Parsed p = override_fixture();
  EXPECT_EQ(p.set.set("grp.rat", 2).value_or(""), "grp.rat: no such model parameter (did you mean `grp.rate`?)");
  EXPECT_EQ(p.set.set("other.thing", 2).value_or(""), "other.thing: no such model parameter");
  EXPECT_EQ(p.set.closest("grp.fre"), "grp.free");
  EXPECT_EQ(p.set.closest("zzzzzzzz"), "");
  for (const Parameter& q : p.set.all()) EXPECT_FALSE(q.overridden) << q.name;
}

TEST(ParameterSet, NonFiniteIsRefused) {
  Parsed p = override_fixture();
  for (double v : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity()}) {
    const auto err = p.set.set("grp.free", v);  // no range: finiteness alone refuses it
    ASSERT_TRUE(err.has_value()) << v;
    EXPECT_EQ(err->rfind("grp.free: ", 0), 0u) << *err;
    EXPECT_NE(err->find(" is not a finite number"), std::string::npos) << *err;
  }
  EXPECT_EQ(p.set.find("grp.free")->value, 2);
  EXPECT_FALSE(p.set.find("grp.free")->overridden);
}

TEST(ParameterSet, OutsideRangeNamesTheRangeAndThePlace) {
  Parsed p = override_fixture();
  EXPECT_EQ(p.set.set("grp.rate", 10).value_or(""), "grp.rate: 10 is outside its range 0.1 to 5 1/day (t.toml:2)");
  EXPECT_EQ(p.set.set("grp.rate", 0.05).value_or(""),
            "grp.rate: 0.05 is outside its range 0.1 to 5 1/day (t.toml:2)");
  EXPECT_EQ(p.set.set("grp.share", -1).value_or(""), "grp.share: -1 is outside its range 0 to inf (t.toml:3)");
  EXPECT_EQ(p.set.find("grp.rate")->value, 1);
  EXPECT_FALSE(p.set.find("grp.rate")->overridden);
}

TEST(ParameterSet, SuccessChangesTheValueAndMarksItOverridden) {
  Parsed p = override_fixture();
  EXPECT_FALSE(p.set.set("grp.rate", 5).has_value());  // the range's end is allowed
  EXPECT_EQ(p.set.find("grp.rate")->value, 5);
  EXPECT_TRUE(p.set.find("grp.rate")->overridden);
  EXPECT_FALSE(p.set.set("grp.free", -1e6).has_value());  // no range: any finite number
  EXPECT_EQ(p.set.find("grp.free")->value, -1e6);
  EXPECT_TRUE(p.set.find("grp.free")->overridden);
  EXPECT_FALSE(p.set.find("grp.share")->overridden);
}

TEST(ParameterSet, MakeModelAppliesOverridesOrNamesThem) {
  ModelLoad ok = make_model(shipped().set, {{"il2_pk.bioavailability", 0.4}});
  ASSERT_TRUE(ok.model) << joined(ok.errors);
  EXPECT_EQ(ok.model->bound.p.il2_f, 0.4);
  EXPECT_TRUE(ok.model->parameters.find("il2_pk.bioavailability")->overridden);
  ModelLoad bad = make_model(shipped().set, {{"il2_pk.bioavailabilty", 0.4}});
  EXPECT_FALSE(bad.model);
  EXPECT_EQ(joined(bad.errors),
            "error: --set il2_pk.bioavailabilty: no such model parameter (did you mean `il2_pk.bioavailability`?)\n");
  EXPECT_EQ(bad.errors.front().field, "il2_pk.bioavailabilty");
}

// ---- bind() -----------------------------------------------------------------------

TEST(ParameterBind, ShippedSetBindsCompletely) {
  const ParameterLoad l = shipped();
  ASSERT_TRUE(l.ok());
  const BindResult b = bind(l.set);
  EXPECT_TRUE(b.errors.empty()) << joined(b.errors);
  ASSERT_TRUE(b.model);
  const BoundModel& m = *b.model;
  EXPECT_EQ(m.p.il2_f, l.set.find("il2_pk.bioavailability")->value);
  EXPECT_EQ(m.p.rtol, l.set.find("solver.rtol")->value);
  EXPECT_EQ(m.p.treg.ec50_pM, l.set.find("signal.treg_ec50")->value);
  EXPECT_EQ(m.p.treg.kd_pM, l.set.find("receptors.treg_kd")->value);
  // NK bright and dim share the NK receptor row.
  EXPECT_EQ(m.p.nk_bright.receptors, l.set.find("receptors.nk_count")->value);
  EXPECT_EQ(m.p.nk_dim.receptors, l.set.find("receptors.nk_count")->value);
  EXPECT_EQ(m.sle_descriptors.size(), l.set.group("sle_descriptors").size());
  EXPECT_EQ(m.pss_domains.size(), l.set.group("pss_domains").size());
  EXPECT_EQ(m.infection_types.size(), l.set.group("infection_types").size());
  // Variability: one eta per [iiv] entry; the one shipped correlation in the matrix.
  const std::size_t n = m.eta_names.size();
  EXPECT_EQ(n, l.set.group("iiv").size());
  EXPECT_GT(n, 0u);
  ASSERT_EQ(m.eta_corr.size(), n * n);
  const auto at = [&](const std::string& s) {
    return static_cast<std::size_t>(std::find(m.eta_names.begin(), m.eta_names.end(), s) - m.eta_names.begin());
  };
  const std::size_t cl = at("il2_pk.clearance"), v = at("il2_pk.volume");
  ASSERT_LT(cl, n);
  ASSERT_LT(v, n);
  EXPECT_EQ(m.eta_corr[cl * n + v], 0.5);
  EXPECT_EQ(m.eta_corr[v * n + cl], 0.5);
  EXPECT_EQ(m.eta_corr[cl * n + cl], 1.0);
  EXPECT_EQ(m.eta_sd[cl], l.set.find("iiv.il2_pk.clearance")->value);
}

// Every shipped parameter that binds to a field is required: without it, bind names it.
TEST(ParameterBind, RemovingAnyShippedScalarIsMissing) {
  const ParameterLoad l = shipped();
  const std::set<std::string> optional_groups = {"sle_descriptors", "pss_domains", "infection_types", "iiv",
                                                 "iiv_correlation", "screening", "screening_sd_log"};
  int checked = 0;
  for (const Parameter& p : l.set.all()) {
    if (optional_groups.count(p.name.substr(0, p.name.find('.')))) continue;
    ParameterSet without;
    for (const Parameter& q : l.set.all())
      if (q.name != p.name) without.add(q);
    EXPECT_EQ(all_errors(without), "error: missing model parameter " + p.name + " (no models/*.toml file defines it)\n");
    ++checked;
  }
  EXPECT_GT(checked, 80);
}

TEST(ParameterBind, ScreeningEntriesNameDrawableRecordFields) {
  auto errors = [](const std::string& drop, std::string_view extra) { return all_errors(shipped_with(drop, extra)); };
  EXPECT_EQ(errors("", "[screening]\nhbv_dna = { value = 0.1, unit = \"probability\", assumed = \"x\" }\n"),
            "extra.toml:2: error: screening.hbv_dna: not a patient-record field (did you mean `cmv_dna`?)\n");
  EXPECT_EQ(errors("", "[screening]\nage = { value = 40, unit = \"years\", assumed = \"x\" }\n"),
            "extra.toml:2: error: screening.age: the simulator sets this field itself (from the candidate's covariates)\n");
  const ParameterLoad l = shipped();
  const Parameter* wbc = l.set.find("screening.wbc");
  const Parameter* wbc_sd = l.set.find("screening_sd_log.wbc");
  EXPECT_EQ(errors("screening_sd_log.wbc", ""),
            wbc->file + ":" + std::to_string(wbc->line) +
                ": error: screening.wbc: a quantity needs its SD of log as screening_sd_log.wbc\n");
  EXPECT_EQ(errors("screening.wbc", ""),
            wbc_sd->file + ":" + std::to_string(wbc_sd->line) +
                ": error: screening_sd_log.wbc: no screening.wbc to go with it\n");
}

TEST(ParameterBind, EmptyTableIsMissing) {
  const ParameterLoad l = shipped();
  ParameterSet without;
  for (const Parameter& q : l.set.all())
    if (q.name.rfind("infection_types.", 0) != 0) without.add(q);
  const BindResult b = bind(without);
  EXPECT_FALSE(b.model);
  EXPECT_EQ(joined(b.errors), "error: missing table [infection_types] in models/*.toml\n");
}

TEST(ParameterBind, ProbabilityOutsideZeroToOne) {
  ParameterSet set = shipped_with("sle_descriptors.rash",
                                  "[sle_descriptors]\n"
                                  "rash = { value = 1.2, unit = \"probability\", map = \"mucocutaneous B\", assumed = "
                                  "\"x\" }\n");
  const BindResult b = bind(set);
  EXPECT_FALSE(b.model);
  EXPECT_EQ(joined(b.errors), "extra.toml:2: error: sle_descriptors.rash: a probability must lie in 0..1\n");
  // The file, line and entry are data too, not only text.
  EXPECT_EQ(b.errors.front().file, "extra.toml");
  EXPECT_EQ(b.errors.front().pos.line, 2);
  EXPECT_EQ(b.errors.front().field, "sle_descriptors.rash");
}

TEST(ParameterBind, ExtraUnknownParameterNamesFileAndLine) {
  const ParameterSet set =
      shipped_with("", "[il2_pk]\n\nbioavailabilty = { value = 0.4, unit = \"1\", assumed = \"typo\" }\n");
  EXPECT_EQ(all_errors(set), "extra.toml:3: error: il2_pk.bioavailabilty: unknown model parameter (did you mean `il2_pk.bioavailability`?)\n");
  // An unknown key in a typical participant's table too.
  EXPECT_EQ(all_errors(shipped_with("", "[jia_typical]\nwieght = { value = 30, unit = \"kg\", assumed = \"x\" }\n")),
            "extra.toml:2: error: jia_typical.wieght: unknown model parameter (did you mean `jia_typical.weight`?)\n");
}

TEST(ParameterBind, GrowthReferenceNeedsWholeYearsWithoutAGap) {
  const ParameterLoad l = shipped();
  ParameterSet without_10;
  for (const Parameter& q : l.set.all())
    if (q.name.rfind("growth_girls.age_10_", 0) != 0) without_10.add(q);
  const Parameter* next = l.set.find("growth_girls.age_11_bmi");
  EXPECT_FALSE(trial::bind_assumptions(without_10).assumptions);
  EXPECT_EQ(all_errors(without_10), next->file + ":" + std::to_string(next->line) +
                                    ": error: growth_girls: no year 10 before year 11 (a gap)\n");
  EXPECT_EQ(all_errors(shipped_with("", "[growth_boys]\nage_10_weight = { value = 30, unit = \"kg\", assumed = \"x\" }\n")),
            "extra.toml:2: error: growth_boys.age_10_weight: write age_<years>_<height|height_sd|bmi|bmi_sd_log>\n");
}

TEST(ParameterBind, APopulationDrawnByTheGrowthReferenceTakesNoNormalBody) {
  const ParameterSet with_normal =
      shipped_with("", "[population_csle]\nweight_mean = { value = 50, unit = \"kg\", assumed = \"x\" }\n");
  EXPECT_FALSE(trial::bind_assumptions(with_normal).assumptions);
  EXPECT_EQ(all_errors(with_normal),
            "extra.toml:2: error: population_csle.weight_mean: a population with bmi_scale draws weight and height "
            "from the growth reference (models/growth.toml); drop weight_mean\n");
  const ParameterLoad l = shipped();
  ASSERT_TRUE(l.ok());
  const trial::AssumptionsBind shipped_bind = trial::bind_assumptions(l.set);
  ASSERT_TRUE(shipped_bind.assumptions);
  EXPECT_TRUE(shipped_bind.assumptions->populations.csle.growth_reference);
  EXPECT_FALSE(shipped_bind.assumptions->populations.sle.growth_reference);
  EXPECT_FALSE(shipped_bind.assumptions->populations.pss.growth_reference);
}

TEST(ParameterBind, VariabilityOnAnUnknownOrSharedParameter) {
  const BindResult b = bind(shipped_with(
      "", "[iiv]\n\"il2_pk.clearence\" = { value = 0.3, unit = \"SD of log\", assumed = \"typo\" }\n"));
  EXPECT_FALSE(b.model);
  EXPECT_EQ(joined(b.errors),
            "extra.toml:2: error: iiv.il2_pk.clearence: variability on an unknown or shared parameter il2_pk.clearence\n");
  // receptors.nk_count feeds two subsets, so it cannot vary alone.
  const BindResult shared = bind(shipped_with(
      "", "[iiv]\n\n\"receptors.nk_count\" = { value = 0.3, unit = \"SD of log\", assumed = \"x\" }\n"));
  EXPECT_EQ(joined(shared.errors),
            "extra.toml:3: error: iiv.receptors.nk_count: variability on an unknown or shared parameter receptors.nk_count\n");
  const BindResult negative = bind(shipped_with(
      "", "[iiv]\n\"cells.cd8_emax\" = { value = -0.1, unit = \"SD of log\", assumed = \"x\" }\n"));
  EXPECT_EQ(joined(negative.errors), "extra.toml:2: error: iiv.cells.cd8_emax: an SD of log must not be negative\n");
}

TEST(ParameterBind, CorrelationWithoutTilde) {
  const BindResult b = bind(shipped_with(
      "", "[iiv_correlation]\n"
          "\"il2_pk.clearance~il2_pk.bioavailability\" = { value = 0.2, unit = \"correlation\", assumed = \"x\" }\n"));
  EXPECT_FALSE(b.model);
  EXPECT_EQ(joined(b.errors),
            "extra.toml:2: error: iiv_correlation.il2_pk.clearance~il2_pk.bioavailability: write a correlation as "
            "\"<parameter> ~ <parameter>\"\n");
}

TEST(ParameterBind, CorrelationSidesMustVaryAndDiffer) {
  const BindResult no_iiv = bind(shipped_with(
      "", "[iiv_correlation]\n"
          "\"il2_pk.clearance ~ il2_pk.absorption_rate\" = { value = 0.2, unit = \"correlation\", assumed = \"x\" }\n"));
  EXPECT_EQ(joined(no_iiv.errors),
            "extra.toml:2: error: iiv_correlation.il2_pk.clearance ~ il2_pk.absorption_rate: both sides must be distinct "
            "parameters with variability ([iiv])\n");
  const BindResult same = bind(shipped_with(
      "", "[iiv_correlation]\n"
          "\"il2_pk.volume ~ il2_pk.volume\" = { value = 0.2, unit = \"correlation\", assumed = \"x\" }\n"));
  EXPECT_EQ(joined(same.errors),
            "extra.toml:2: error: iiv_correlation.il2_pk.volume ~ il2_pk.volume: both sides must be distinct parameters with "
            "variability ([iiv])\n");
}

TEST(ParameterBind, CorrelationOfOneIsRefused) {
  for (const char* v : {"1.0", "-1", "1.5"}) {
    const BindResult b = bind(shipped_with(
        "", std::string("[iiv_correlation]\n\"il2_pk.clearance ~ il2_pk.bioavailability\" = { value = ") + v +
                ", unit = \"correlation\", assumed = \"x\" }\n"));
    EXPECT_FALSE(b.model) << v;
    EXPECT_EQ(joined(b.errors),
              "extra.toml:2: error: iiv_correlation.il2_pk.clearance ~ il2_pk.bioavailability: a correlation must lie "
              "strictly between -1 and 1\n")
        << v;
  }
}

std::string three_correlations(double cl_f, double v_f) {
  return "[iiv_correlation]\n\"il2_pk.clearance ~ il2_pk.bioavailability\" = { value = " + std::to_string(cl_f) +
         ", unit = \"correlation\", assumed = \"x\" }\n\"il2_pk.volume ~ il2_pk.bioavailability\" = { value = " +
         std::to_string(v_f) + ", unit = \"correlation\", assumed = \"x\" }\n";
}

TEST(ParameterBind, CorrelationsNotPositiveDefiniteAreRefusedByMakeModel) {
  // With the shipped clearance ~ volume of 0.5: each pair is a valid correlation, but
  // together (0.5, 0.9, -0.9) no covariance matrix has them.
  const ParameterSet bad = shipped_with("", three_correlations(0.9, -0.9));
  EXPECT_TRUE(bind(bad).errors.empty());  // bind checks pairs only
  const ModelLoad ml = make_model(bad);
  EXPECT_FALSE(ml.model);
  EXPECT_EQ(joined(ml.errors), "error: iiv_correlation: the correlations do not form a positive-definite matrix\n");
  // Moderate correlations form one.
  const ModelLoad good = make_model(shipped_with("", three_correlations(0.3, 0.3)));
  EXPECT_TRUE(good.model) << joined(good.errors);
}

// ---- the shipped files ------------------------------------------------------------

TEST(ParameterProvenance, EveryShippedNumberHasAUnitAndASourceOrAReason) {
  const ParameterLoad l = shipped();
  ASSERT_TRUE(l.ok());
  const auto blank = [](const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; };
  EXPECT_GT(l.set.all().size(), 150u);
  for (const Parameter& p : l.set.all()) {
    EXPECT_FALSE(blank(p.unit)) << p.file << ":" << p.line << ": " << p.name << " has no unit";
    EXPECT_NE(blank(p.source), blank(p.assumed))
        << p.file << ":" << p.line << ": " << p.name << " needs exactly one of source or assumed";
    EXPECT_GT(p.line, 0) << p.name;
    EXPECT_EQ(p.file.rfind(test::source_path("models/"), 0), 0u) << p.file;
    EXPECT_FALSE(p.overridden) << p.name;
    if (p.min && p.max) {
      EXPECT_LT(*p.min, *p.max) << p.file << ":" << p.line << ": " << p.name;
    }
    if (p.min) {
      EXPECT_TRUE(std::isfinite(*p.min)) << p.name;
    }
    if (p.max) {
      EXPECT_TRUE(std::isfinite(*p.max)) << p.name;
    }
  }
}

TEST(ParameterProvenance, ShippedTypicalParticipantsArePlausible) {
  const ParameterLoad l = shipped();
  const BindResult b = bind(l.set);
  ASSERT_TRUE(b.model) << joined(b.errors);
  // bind() leaves an absent typical value at 0, so each disease's values must be written.
  const std::vector<std::string> common = {"weight", "height", "age", "female", "prednisone", "antimalarial",
                                           "immunosuppressant"};
  const std::vector<std::pair<std::string, std::vector<std::string>>> needs = {
      {"sle_typical", {"sledai", "pga"}},
      {"csle_typical", {"sledai", "pga"}},
      {"pss_typical", {"essdai", "dryness", "fatigue", "pain"}},
      {"jia_typical", {"active_joints", "global", "esr"}}};
  for (const auto& [group, own] : needs) {
    for (const auto* keys : {&common, &own})
      for (const std::string& k : *keys) EXPECT_NE(l.set.find(group + "." + k), nullptr) << group << "." << k;
  }
  const auto in = [](double v, double lo, double hi) { return v >= lo && v <= hi; };
  const auto is01 = [](double v) { return v == 0 || v == 1; };
  for (const auto& [name, t] : {std::pair<std::string, const TypicalPatient*>{"sle", &b.model->sle_typical},
                                {"csle", &b.model->csle_typical},
                                {"pss", &b.model->pss_typical},
                                {"jia", &b.model->jia_typical}}) {
    SCOPED_TRACE(name);
    EXPECT_PRED3(in, t->weight_kg, 2, 300);
    EXPECT_PRED3(in, t->height_cm, 40, 250);
    const double bmi = t->weight_kg / (t->height_cm / 100 * t->height_cm / 100);
    EXPECT_PRED3(in, bmi, 12, 40);
    EXPECT_PRED3(in, t->age_years, 1, 100);
    EXPECT_PRED1(is01, t->female);
    EXPECT_PRED1(is01, t->antimalarial);
    EXPECT_PRED1(is01, t->immunosuppressant);
    EXPECT_PRED3(in, t->prednisone, 0, 60);
  }
  const TypicalPatient& sle = b.model->sle_typical;
  EXPECT_GE(sle.age_years, 18);
  EXPECT_PRED3(in, sle.sledai, 1, 105);
  EXPECT_PRED3(in, sle.pga, 0, 3);
  const TypicalPatient& csle = b.model->csle_typical;
  EXPECT_LT(csle.age_years, 18);
  EXPECT_PRED3(in, csle.sledai, 1, 105);
  EXPECT_PRED3(in, csle.pga, 0, 3);
  const TypicalPatient& pss = b.model->pss_typical;
  EXPECT_GE(pss.age_years, 18);
  EXPECT_PRED3(in, pss.essdai, 1, 123);
  for (double v : {pss.dryness, pss.fatigue, pss.pain}) EXPECT_PRED3(in, v, 0, 10);
  const TypicalPatient& jia = b.model->jia_typical;
  EXPECT_LT(jia.age_years, 18);
  EXPECT_PRED3(in, jia.active_joints, 1, 27);  // JADAS-27 counts 27 joints
  EXPECT_PRED3(in, jia.jadas_global, 0, 10);
  EXPECT_PRED3(in, jia.esr, 0, 150);
  // The protocols' reference body (He 2020) is the SLE typical participant.
  EXPECT_EQ(sle.weight_kg, 56.75);
  EXPECT_EQ(sle.height_cm, 162.45);
}

}  // namespace
}  // namespace il2t::model
