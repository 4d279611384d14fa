// Statistics inside the simulator: log-rank on 500 participants, Cox on 500, Fisher
// on a 2×2 with n = 160, MCP-Mod's contrast test on 4 doses × 40. The same data are written to CSV and R times the same calls
// (bench/stats_r_timing.R, when Rscript is installed); the ratio R / il2trial is printed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>

#include "ratio_reporter.h"
#include "stats/cox.h"
#include "stats/hot_path.h"
#include "stats/mcpmod.h"
#include "stats/survival.h"
#include "stats/tables.h"

namespace {

using namespace il2t::stats;

std::vector<double> g_time, g_event, g_group;
std::vector<std::vector<double>> g_x;
const Table2x2 kTable = {{{52, 28}, {38, 42}}};  // 160 participants, 80 per arm
std::vector<double> g_dose, g_resp;  // MCP-Mod: 4 doses × 40
const std::vector<CandidateModel> kModels = {{"linear", {}}, {"emax", {0.2}}, {"sigEmax", {0.4, 3}},
                                             {"exponential", {0.5}}, {"quadratic", {-0.7}}};

void make_data() {
  std::mt19937_64 rng(20261122);
  std::exponential_distribution<double> hazard_ctrl(0.10), hazard_trt(0.07);
  std::uniform_real_distribution<double> censor(0, 30);
  for (int i = 0; i < 500; ++i) {
    const double g = i % 2;
    const double t = g ? hazard_trt(rng) : hazard_ctrl(rng), c = censor(rng);
    g_time.push_back(std::round(std::min(t, c) * 10) / 10);  // tenths of a week: ties happen
    g_event.push_back(t <= c ? 1 : 0);
    g_group.push_back(g);
    g_x.push_back({g});
  }
  std::normal_distribution<double> noise(0, 3);
  for (double d : {0.0, 0.2, 0.5, 1.0}) {
    for (int i = 0; i < 40; ++i) {
      g_dose.push_back(d);
      g_resp.push_back(std::round(-2 - 6 * d / (0.1 + d) + noise(rng)));
    }
  }
}

void write_csv(const std::string& dir) {
  std::ofstream s(dir + "/survival500.csv");
  s << "time,event,group\n";
  for (std::size_t i = 0; i < g_time.size(); ++i) s << g_time[i] << "," << g_event[i] << "," << g_group[i] << "\n";
  std::ofstream f(dir + "/fisher160.csv");
  f << "a,b,c,d\n" << kTable[0][0] << "," << kTable[0][1] << "," << kTable[1][0] << "," << kTable[1][1] << "\n";
  std::ofstream m(dir + "/mcpmod160.csv");
  m << "dose,resp\n";
  for (std::size_t i = 0; i < g_dose.size(); ++i) m << g_dose[i] << "," << g_resp[i] << "\n";
}

void BM_LogRank500(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(log_rank(g_time, g_event, g_group));
}
void BM_Cox500(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(cox(g_time, g_event, g_x));
}
void BM_Fisher160(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(fisher_exact(kTable));
}
// The whole multiple contrast test, and its per-replicate part (contrast t statistics;
// the critical value depends only on the design and is computed once in a simulation).
void BM_McpModTest160(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mct_test(g_dose, g_resp, kModels, true, 0.025));
}
void BM_McpModStatistics160(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(mct_test(g_dose, g_resp, kModels, true, 0.025, false));
}
BENCHMARK(BM_McpModTest160)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_McpModStatistics160)->Unit(benchmark::kMicrosecond);
// The allocation-free forms the simulator calls per replicate (tests/alloc checks them).
void BM_LogRank500NoAlloc(benchmark::State& state) {
  LogRankWorkspace ws(g_time.size());
  for (auto _ : state) benchmark::DoNotOptimize(log_rank_two_groups(g_time, g_event, g_group, ws));
}
void BM_Fisher160PValueNoAlloc(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(fisher_two_sided_p(kTable));
}
void BM_Cox500NoAlloc(benchmark::State& state) {
  LogRankWorkspace ws(g_time.size());
  for (auto _ : state) benchmark::DoNotOptimize(cox_one_covariate(g_time, g_event, g_group, ws));
}
void BM_McpModStatistics160NoAlloc(benchmark::State& state) {
  const auto general = mct_test(g_dose, g_resp, kModels, true, 0.025, false);
  McpDesign design{general.value->contrasts, {}, {40, 40, 40, 40}};
  for (double d : g_dose) design.level.push_back(d == 0 ? 0 : d == 0.2 ? 1 : d == 0.5 ? 2 : 3);
  McpWorkspace ws(4);
  std::vector<double> t(kModels.size());
  for (auto _ : state) benchmark::DoNotOptimize(mct_statistics(design, g_resp, ws, t));
}
BENCHMARK(BM_Cox500NoAlloc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_McpModStatistics160NoAlloc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogRank500)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_LogRank500NoAlloc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Fisher160PValueNoAlloc)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Cox500)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Fisher160)->Unit(benchmark::kMicrosecond);

// R's microseconds per call on the same data, or an empty map without Rscript.
std::map<std::string, double> time_r(const std::string& dir) {
  std::map<std::string, double> out;
  const std::string cmd = "Rscript " + std::string(IL2T_SOURCE_DIR) + "/bench/stats_r_timing.R " + dir + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char name[64];
  double us = 0;
  while (std::fscanf(p, "%63s %lf", name, &us) == 2) out[name] = us;
  pclose(p);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  make_data();
  const std::string dir = std::filesystem::temp_directory_path() / "il2trial-bench-stats";
  std::filesystem::create_directories(dir);
  write_csv(dir);
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const auto r = time_r(dir);
  if (r.empty()) {
    std::cout << "\nRscript with the survival package was not found: no R timings (tests/reference/make-references.sh "
                 "installs R)\n";
  } else {
    std::cout << "\nR on the same data (microseconds per call) and the ratio R / il2trial:\n";
    for (auto [bench, rname] : {std::pair{"BM_LogRank500", "logrank500"}, std::pair{"BM_Cox500", "cox500"},
                                std::pair{"BM_Fisher160", "fisher160"}, std::pair{"BM_McpModTest160", "mcttest160"}}) {
      double ours = reporter.time_of(bench);
      if (std::string(bench) == "BM_McpModTest160") ours *= 1000;  // reported in ms
      if (r.count(rname) && ours > 0)
        std::cout << "  " << rname << ": R " << r.at(rname) << " µs, il2trial " << ours << " µs, ratio " << r.at(rname) / ours
                  << "\n";
    }
  }
  benchmark::Shutdown();
  return 0;
}
