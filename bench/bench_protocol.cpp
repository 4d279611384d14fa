// Protocol-side speed: reading, validating, expanding regimens and building a
// participant's calendar. Each figure is printed with its ratio to a baseline
// measured in the same run: toml++'s bare parse of the same file (the peer library,
// without il2trial's typed reading, origins and checks).
#include <benchmark/benchmark.h>

#include "ratio_reporter.h"

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
  std::cout << "protocol: " << file << " (" << g_text.size() << " bytes)\n";
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios("BM_Baseline_TomlParseOnly", "toml++ parse only");
  benchmark::Shutdown();
  return 0;
}
