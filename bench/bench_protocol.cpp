// Protocol-side speed: reading, validating, expanding regimens and building a
// participant's calendar. Each figure is printed with its ratio to a baseline
// measured in the same run: toml++'s bare parse of the same file (the peer library,
// without il2trial's typed reading, origins and checks).
#include <benchmark/benchmark.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <toml++/toml.h>
#include <unistd.h>

#include "protocol/toml_reader.h"
#include "protocol/validate.h"
#include "schedule/schedule.h"

namespace {

std::string g_text;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void BM_Baseline_TomlParseOnly(benchmark::State& state) {
  for (auto _ : state) {
    toml::table t = toml::parse(std::string_view(g_text), std::string_view("bench.toml"));
    benchmark::DoNotOptimize(t);
  }
}

void BM_ReadProtocol(benchmark::State& state) {
  for (auto _ : state) {
    auto r = il2t::protocol::read_protocol_text(g_text, "bench.toml");
    benchmark::DoNotOptimize(r);
  }
}

void BM_ReadAndValidate(benchmark::State& state) {
  for (auto _ : state) {
    auto r = il2t::protocol::read_protocol_text(g_text, "bench.toml");
    il2t::protocol::validate(*r.protocol, r.diagnostics);
    benchmark::DoNotOptimize(r);
  }
}

void BM_ExpandAllRegimens(benchmark::State& state) {
  auto r = il2t::protocol::read_protocol_text(g_text, "bench.toml");
  for (auto _ : state) {
    std::size_t n = 0;
    for (const auto& arm : r.protocol->arms)
      for (const auto& iv : arm.interventions) n += il2t::protocol::expand(*iv.regimen).size();
    benchmark::DoNotOptimize(n);
  }
}

void BM_BuildSchedule(benchmark::State& state) {
  auto r = il2t::protocol::read_protocol_text(g_text, "bench.toml");
  const auto start = *il2t::schedule::Date::parse("2027-01-04");
  const std::string arm = r.protocol->arms.back().id;
  for (auto _ : state) {
    auto s = il2t::schedule::build_schedule(*r.protocol, arm, start, {60.0, 165.0});
    benchmark::DoNotOptimize(s);
  }
}

BENCHMARK(BM_Baseline_TomlParseOnly);
BENCHMARK(BM_ReadProtocol);
BENCHMARK(BM_ReadAndValidate);
BENCHMARK(BM_ExpandAllRegimens);
BENCHMARK(BM_BuildSchedule);

// Collects each benchmark's time per iteration so main can print ratios to the baseline.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_None) {}
  std::map<std::string, double> ns;
  void ReportRuns(const std::vector<Run>& runs) override {
    // With --benchmark_repetitions, the median stands for the benchmark.
    for (const auto& r : runs) {
      if (r.run_type == Run::RT_Iteration || r.aggregate_name == "median")
        ns[r.run_name.function_name] = r.GetAdjustedRealTime();
    }
    ConsoleReporter::ReportRuns(runs);
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::string file = std::string(IL2T_SOURCE_DIR) + "/protocols/NCT04077684-dose-ranging.toml";
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]).rfind("--protocol=", 0) == 0) file = std::string(argv[i]).substr(11);
  }
  g_text = read_file(file);
  if (g_text.empty()) {
    std::cerr << "bench_protocol: cannot read " << file << "\n";
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  const double base = reporter.ns["BM_Baseline_TomlParseOnly"];
  std::cout << "\nprotocol: " << file << " (" << g_text.size() << " bytes)\n";
  std::cout << "ratio to the baseline (toml++ parse only, same run):\n";
  for (const auto& [name, t] : reporter.ns) {
    if (base > 0) std::cout << "  " << name << ": " << t / base << "\n";
  }
  benchmark::Shutdown();
  return 0;
}
