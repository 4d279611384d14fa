// What `il2trial stats` reports for the files in examples/stats/, against R on the same
// files (tests/reference/stats_reference.json, section stats_cli, and the mcpmod section,
// whose first case holds examples/stats/mcpmod.csv's data): each group's proportion,
// the logistic Wald intervals, Dunnett's simultaneous intervals, Kaplan–Meier per group
// with the log-rank test, the Wilcoxon rank-sum test, and MCP-Mod's per-model tests,
// critical value, selection and target dose. The analyses run as the command runs them
// (report::run_stats on the file read by data::Columns), from the arguments R recorded.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/columns.h"
#include "report/stats_runner.h"
#include "unit/test_support.h"

namespace il2t::report {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

const json& reference() { return test::r_reference("stats_reference.json"); }

double number(const json& x) {
  if (x.is_null()) return std::nan("");
  if (x.is_string()) return x.get<std::string>() == "-Inf" ? -INFINITY : INFINITY;
  return x.get<double>();
}

// The largest deviation from R per quantity, printed at the end of each test.
struct Deviations {
  std::map<std::string, double> max;
  ~Deviations() {
    for (const auto& [k, v] : max) std::printf("  max |ours − R| %-40s %.3g\n", k.c_str(), v);
  }
};

// |ours − R| within rel × |R| (1e-12 absolute near 0), or abs when rel is 0; null and
// "Inf" must match exactly.
void near(Deviations& dev, const ordered_json& ours, const json& r, double rel, double abs, const std::string& quantity,
          const std::string& what) {
  const double a = number(ours), b = number(r);
  if (std::isnan(b) || std::isinf(b)) {
    EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b) << what << " " << quantity << ": ours " << ours.dump() << ", R " << r.dump();
    return;
  }
  const double d = std::fabs(a - b);
  dev.max[quantity] = std::max(dev.max[quantity], d);
  const double tol = rel > 0 ? std::max(rel * std::fabs(b), 1e-12) : abs;
  EXPECT_LE(d, tol) << what << " " << quantity << ": ours " << a << ", R " << b;
}

struct Run {
  data::Columns csv;
  ordered_json out;
};

// Runs the command's analysis from R's recorded arguments ("km FILE --time weeks ...").
Run run(const std::string& args, const StatsOptions& extra = {}) {
  std::istringstream words(args);
  std::string analysis, file, w;
  words >> analysis >> file;
  StatsOptions o = extra;
  o.file = file;
  std::map<std::string, std::string*> opt = {{"--group", &o.group},     {"--response", &o.response}, {"--outcome", &o.outcome},
                                             {"--time", &o.time},       {"--event", &o.event},       {"--reference", &o.reference},
                                             {"--dose", &o.dose},       {"--models", &o.models}};
  while (words >> w) {
    if (w == "--one-sided") o.one_sided = true;
    else if (w == "--decreasing") o.decreasing = true;
    else if (w == "--delta") words >> o.delta;
    else if (opt.contains(w)) words >> *opt.at(w);
    else ADD_FAILURE() << "unknown option " << w << " in " << args;
  }
  std::ifstream in(std::string(IL2T_SOURCE_DIR) + "/" + file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  Run r{data::Columns::read(ss.str(), file), {}};
  EXPECT_TRUE(r.csv.error().empty()) << r.csv.error();
  auto res = run_stats(analysis, r.csv, o);
  EXPECT_TRUE(res) << args << ": " << res.error;
  if (res) r.out = *res.value;
  // The file is the one R read: every column R stored, cell by cell.
  const json& columns = reference().at("stats_cli").at("files").at(file);
  for (const auto& [name, cells] : columns.items()) {
    if (cells[0].is_string()) {
      auto v = r.csv.labels(name);
      EXPECT_TRUE(v && *v == cells.get<std::vector<std::string>>()) << file << " column " << name << " differs from R's";
    } else {
      auto v = r.csv.numbers(name, data::CellRule::any_number);
      EXPECT_TRUE(v && *v == cells.get<std::vector<double>>()) << file << " column " << name << " differs from R's";
    }
  }
  return r;
}

const json& cli(const char* key) { return reference().at("stats_cli").at(key); }

TEST(StatsCliAgainstR, ProportionPerGroup) {
  Deviations dev;
  const json& c = cli("proportion");
  const auto r = run(c["args"].get<std::string>());
  ASSERT_EQ(r.out["per_group"].size(), c["per_group"].size());
  for (std::size_t k = 0; k < c["per_group"].size(); ++k) {
    const json& ref = c["per_group"][k];
    const ordered_json& ours = r.out["per_group"][k];
    const std::string what = ref["group"].get<std::string>();
    EXPECT_EQ(ours["group"].get<std::string>(), ref["group"].get<std::string>());
    EXPECT_EQ(ours["x"].get<double>(), ref["x"].get<double>()) << what;
    EXPECT_EQ(ours["n"].get<double>(), ref["n"].get<double>()) << what;
    near(dev, ours["proportion"], ref["proportion"], 1e-12, 0, "proportion", what);
    for (int e = 0; e < 2; ++e) {
      near(dev, ours["wilson"][e], ref["wilson"][e], 1e-6, 0, "Wilson limits (prop.test)", what);
      near(dev, ours["clopper_pearson"][e], ref["clopper_pearson"][e], 1e-6, 0, "Clopper–Pearson limits (binom.test)", what);
    }
  }
}

TEST(StatsCliAgainstR, LogisticWaldIntervals) {
  Deviations dev;
  const json& c = cli("logistic");
  const auto r = run(c["args"].get<std::string>());
  ASSERT_EQ(r.out["coefficients"].size(), 2u);
  for (const auto& co : r.out["coefficients"]) {
    const json& ref = c["coefficients"].at(co["name"].get<std::string>());
    const std::string what = co["name"].get<std::string>();
    near(dev, co["estimate"], ref["estimate"], 1e-6, 0, "coefficient", what);
    near(dev, co["std_error"], ref["std_error"], 1e-6, 0, "std_error", what);
    near(dev, co["ci_lower"], ref["conf_int_wald"][0], 1e-6, 0, "Wald limits (confint.default)", what);
    near(dev, co["ci_upper"], ref["conf_int_wald"][1], 1e-6, 0, "Wald limits (confint.default)", what);
  }
  near(dev, r.out["estimate"], c["odds_ratio"], 1e-6, 0, "odds ratio", "group");
  near(dev, r.out["ci_lower"], c["odds_ratio_conf_int"][0], 1e-6, 0, "odds-ratio Wald limits", "group");
  near(dev, r.out["ci_upper"], c["odds_ratio_conf_int"][1], 1e-6, 0, "odds-ratio Wald limits", "group");
}

// One-sided: R's reference is deterministic (TVPACK), so 1e-6; two-sided it comes from
// Genz–Bretz QMC (about 1e-6 for p, the critical value by a root to about 1e-5).
TEST(StatsCliAgainstR, DunnettSimultaneousIntervals) {
  for (const json& c : cli("dunnett")) {
    Deviations dev;
    const bool one = c["alternative"] == "greater";
    const std::string what = c["alternative"].get<std::string>();
    const auto r = run(c["args"].get<std::string>());
    EXPECT_EQ(r.out["control"].get<std::string>(), c["control"].get<std::string>());
    near(dev, r.out["df"], c["df"], 1e-12, 0, "df", what);
    near(dev, r.out["critical_value"], c["critical_value"], one ? 1e-6 : 0, 2e-5, "critical value", what);
    ASSERT_EQ(r.out["comparisons"].size(), c["groups"].size());
    for (std::size_t i = 0; i < c["groups"].size(); ++i) {
      const ordered_json& cmp = r.out["comparisons"][i];
      EXPECT_EQ(cmp["group"].get<std::string>(), c["groups"][i].get<std::string>());
      near(dev, cmp["difference"], c["estimate"][i], 1e-12, 0, "estimate", what);
      near(dev, cmp["std_error"], c["std_error"][i], 1e-9, 0, "std_error", what);
      near(dev, cmp["statistic"], c["statistic"][i], 1e-9, 0, "statistic", what);
      near(dev, cmp["p_value"], c["p_adjusted"][i], one ? 1e-6 : 0, 2e-5, "adjusted p", what);
      near(dev, cmp["ci_lower"], c["conf_int"][i][0], 0, one ? 1e-6 : 5e-5, "simultaneous lower limit", what);
      near(dev, cmp["ci_upper"], c["conf_int"][i][1], 0, 5e-5, "simultaneous upper limit", what);
    }
  }
}

TEST(StatsCliAgainstR, KaplanMeierPerGroup) {
  Deviations dev;
  const json& c = cli("km_group");
  const auto r = run(c["args"].get<std::string>());
  ASSERT_EQ(r.out["per_group"].size(), c["per_group"].size());
  for (std::size_t k = 0; k < c["per_group"].size(); ++k) {
    const json& ref = c["per_group"][k];
    const ordered_json& g = r.out["per_group"][k];
    const std::string what = ref["group"].get<std::string>();
    EXPECT_EQ(g["group"].get<std::string>(), ref["group"].get<std::string>());
    EXPECT_EQ(g["n"].get<double>(), ref["n"].get<double>()) << what;
    EXPECT_EQ(g["events"].get<double>(), ref["events"].get<double>()) << what;
    near(dev, g["median"], ref["median"], 1e-12, 0, "median (survfit)", what);
    near(dev, g["ci_lower"], ref["conf_int"][0], 1e-12, 0, "median limits (survfit, log-log)", what);
    near(dev, g["ci_upper"], ref["conf_int"][1], 1e-12, 0, "median limits (survfit, log-log)", what);
  }
  const json& lr = c["logrank"];
  near(dev, r.out["statistic"], lr["chisq"], 1e-6, 0, "log-rank chi-square (survdiff)", "");
  near(dev, r.out["df"], lr["df"], 1e-12, 0, "log-rank df", "");
  near(dev, r.out["p_value"], lr["p_value"], 1e-6, 0, "log-rank p", "");
  for (std::size_t k = 0; k < lr["observed"].size(); ++k) {
    near(dev, r.out["observed"][k], lr["observed"][k], 1e-12, 0, "observed", "");
    near(dev, r.out["expected"][k], lr["expected"][k], 1e-6, 0, "expected", "");
  }
}

// R's normal-approximation estimate and limits are uniroot points (tolerance 1e-4): the
// limits are compared with the points R converges to, the estimate with the
// Hodges–Lehmann median (tests/reference/README.md), and both with R's printed values
// to 2e-4.
TEST(StatsCliAgainstR, Wilcoxon) {
  for (const json& c : cli("wilcoxon")) {
    Deviations dev;
    const std::string what = c["args"].get<std::string>();
    const auto r = run(c["args"].get<std::string>());
    EXPECT_EQ(r.out["method"].get<std::string>(), c["method"].get<std::string>()) << what;
    EXPECT_EQ(r.out["groups"].get<std::vector<std::string>>(), c["groups"].get<std::vector<std::string>>()) << what;
    EXPECT_EQ(r.out["n"][0].get<double>(), c["n"][0].get<double>()) << what;
    EXPECT_EQ(r.out["n"][1].get<double>(), c["n"][1].get<double>()) << what;
    const bool exact = r.out["exact"].get<bool>();
    const std::string m = exact ? " (exact)" : " (normal)";
    near(dev, r.out["statistic"], c["statistic"], 1e-12, 0, "W" + m, what);
    near(dev, r.out["p_value"], c["p_value"], 1e-6, 0, "p" + m, what);
    near(dev, r.out["estimate"], c["hodges_lehmann"], 1e-9, 0, "Hodges–Lehmann" + m, what);
    near(dev, r.out["ci_lower"], c["conf_int_converged"][0], 1e-9, 0, "limits" + m, what);
    near(dev, r.out["ci_upper"], c["conf_int_converged"][1], 1e-9, 0, "limits" + m, what);
    near(dev, r.out["estimate"], c["estimate"], 0, exact ? 1e-12 : 2e-4, "estimate vs R's printed" + m, what);
    near(dev, r.out["ci_lower"], c["conf_int"][0], 0, exact ? 1e-12 : 2e-4, "limits vs R's printed" + m, what);
    near(dev, r.out["ci_upper"], c["conf_int"][1], 0, exact ? 1e-12 : 2e-4, "limits vs R's printed" + m, what);
  }
}

// examples/stats/mcpmod.csv is the data of the mcpmod section's first case; the
// command with that case's candidate models against DoseFinding's MCTtest and MCPMod.
TEST(StatsCliAgainstR, McpMod) {
  Deviations dev;
  const json& c = reference().at("mcpmod").at(0);
  StatsOptions o;
  o.file = "examples/stats/mcpmod.csv";
  std::ifstream in(std::string(IL2T_SOURCE_DIR) + "/" + o.file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const auto csv = data::Columns::read(ss.str(), o.file);
  ASSERT_TRUE(csv.error().empty());
  auto dose = csv.numbers("dose_miu", data::CellRule::any_number), resp = csv.numbers("sledai_change", data::CellRule::any_number);
  ASSERT_TRUE(dose && resp);
  EXPECT_EQ(*dose, c["dose"].get<std::vector<double>>()) << "examples/stats/mcpmod.csv is no longer the reference's data";
  EXPECT_EQ(*resp, c["response"].get<std::vector<double>>()) << "examples/stats/mcpmod.csv is no longer the reference's data";
  o.dose = "dose_miu";
  o.response = "sledai_change";
  o.models = "linear,emax:0.2,sigEmax:0.4:3,exponential:0.5,quadratic:-0.7";  // the reference's Mods(...)
  ASSERT_NE(c["models"].get<std::string>().find("Mods(linear = NULL, emax = 0.2, sigEmax = c(0.4, 3), exponential = 0.5, quadratic = -0.7"),
            std::string::npos);
  o.delta = c["delta"].get<double>();
  o.decreasing = c["direction"] == "decreasing";
  o.conf = 1 - 2 * c["alpha"].get<double>();
  auto res = run_stats("mcpmod", csv, o);
  ASSERT_TRUE(res) << res.error;
  const ordered_json& r = *res.value;
  near(dev, r["critical_value"], c["critical_value"], 0, 2e-3, "critical value (MCTtest)", "");
  near(dev, r["df"], c["df"], 1e-12, 0, "df", "");
  std::vector<std::string> significant;
  for (const auto& m : r["models"]) {
    const std::string name = m["model"].get<std::string>();
    near(dev, m["t"], c["t_statistics"][name], 1e-6, 0, "t (MCTtest)", name);
    near(dev, m["p_value"], c["p_values"][name], 0, 2e-4, "adjusted p (MCTtest)", name);
    if (m["significant"].get<bool>()) {
      significant.push_back(name);
      const json& fit = c["fits"].at(name);
      near(dev, m["fit"]["aic"], fit["aic"], 1e-5, 0, "AIC (MCPMod modcrit)", name);
      near(dev, m["fit"]["target_dose"], fit["target_dose"], 1e-5, 0, "target dose (TD) per model", name);
    }
  }
  EXPECT_EQ(significant, c["significant_models"].get<std::vector<std::string>>());
  EXPECT_EQ(r["selected_model"].get<std::string>(), c["selected_model"].get<std::string>());
  near(dev, r["target_dose"], c["target_dose"], 1e-5, 0, "target dose of the selected model", "");
  double pmin = 1;
  for (const auto& [k, v] : c["p_values"].items()) pmin = std::min(pmin, v.get<double>());
  near(dev, r["p_value"], json(pmin), 0, 2e-4, "smallest adjusted p", "");
}

}  // namespace
}  // namespace il2t::report
