// Screening speed: 100,000 synthetic candidates against the six shipped protocols.
// Baseline (same run): the verdict-only path (screen_verdict, what the simulator will
// call), against which the full screen with reasons and the CSV reading are compared.
// Target (issue 3): 100,000 candidates × 6 protocols in under 2 s on one core.
#include <benchmark/benchmark.h>

#include "ratio_reporter.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <sstream>
#include <unistd.h>

#include "data/csv.h"
#include "data/patient_reader.h"
#include "eligibility/screen.h"
#include "protocol/toml_reader.h"
#include "schedule/date.h"

namespace {

using namespace il2t;

std::vector<eligibility::CompiledProtocol> g_protocols;
std::vector<eligibility::PatientRecord> g_records;
std::string g_csv;
const std::int32_t kAsOf =
    static_cast<std::int32_t>(schedule::Date::parse("2026-11-22")->days().time_since_epoch().count());

// A random but valid cell for every field, 90% filled.
std::string random_cell(const eligibility::FieldSpec& f, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  if (u(rng) < 0.1) return "";
  using K = eligibility::FieldKind;
  switch (f.kind) {
    case K::quantity: {
      const double hi = std::min(f.max, f.min + 100);
      const double v = std::round((f.min + u(rng) * (hi - f.min)) * 10) / 10;
      return units::format_number(v) + (f.canonical_unit.empty() ? "" : " " + std::string(f.units.front().unit));
    }
    case K::flag: return u(rng) < 0.2 ? "yes" : "no";
    case K::result: return u(rng) < 0.1 ? "positive" : "negative";
    case K::choice: return std::string(f.choices[rng() % f.choices.size()]);
    case K::event: return u(rng) < 0.7 ? "never" : "2025-0" + std::to_string(1 + rng() % 9) + "-15";
    case K::list: return u(rng) < 0.9 ? "none" : std::string(f.choices[rng() % f.choices.size()]);
    case K::text: return "";
  }
  return "";
}

void setup() {
  for (const auto& e : std::filesystem::directory_iterator(std::string(IL2T_SOURCE_DIR) + "/protocols")) {
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto r = protocol::read_protocol_text(ss.str(), e.path().string());
    Diagnostics d;
    if (auto c = eligibility::compile_protocol(*r.protocol, d)) g_protocols.push_back(std::move(*c));
  }
  std::mt19937_64 rng(20261122);
  std::vector<std::string> header;
  for (const auto& f : eligibility::all_fields()) header.push_back(std::string(f.name));
  g_csv = data::csv_row(header);
  for (int i = 0; i < 100000; ++i) {
    std::vector<std::string> row;
    for (const auto& f : eligibility::all_fields())
      row.push_back(f.name == "patient_id" ? "C" + std::to_string(i) : random_cell(f, rng));
    g_csv += data::csv_row(row);
  }
  auto in = data::read_patients_csv(g_csv, "bench.csv", kAsOf);
  g_records = std::move(in.records);
}

void BM_Baseline_VerdictOnly(benchmark::State& state) {
  for (auto _ : state) {
    int eligible = 0;
    for (const auto& r : g_records)
      for (const auto& p : g_protocols) eligible += eligibility::screen_verdict(p, r, kAsOf) == eligibility::Verdict::eligible;
    benchmark::DoNotOptimize(eligible);
  }
  state.counters["candidates"] = static_cast<double>(g_records.size());
}

void BM_ScreenWithReasons(benchmark::State& state) {
  for (auto _ : state) {
    std::size_t n = 0;
    for (const auto& r : g_records)
      for (const auto& p : g_protocols) n += eligibility::screen(p, r, kAsOf).failed.size();
    benchmark::DoNotOptimize(n);
  }
}

void BM_ReadCsv(benchmark::State& state) {
  for (auto _ : state) {
    auto in = data::read_patients_csv(g_csv, "bench.csv", kAsOf);
    benchmark::DoNotOptimize(in);
  }
}

BENCHMARK(BM_Baseline_VerdictOnly)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenWithReasons)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadCsv)->Unit(benchmark::kMillisecond);


}  // namespace

int main(int argc, char** argv) {
  setup();
  std::cout << g_records.size() << " valid candidates (of 100000 generated), " << g_protocols.size()
            << " protocols, one thread; the same candidates as CSV: " << g_csv.size() << " bytes\n";
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios("BM_Baseline_VerdictOnly", "verdict only");
  benchmark::Shutdown();
  return 0;
}
