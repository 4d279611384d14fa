// il2trial analyze's speed on a large trial: 10,000 participants of the He 2020
// protocol (24 weeks; eight visits of RS and LB rows, CM, AE), simulated once and
// written as SDTM in CSV and XPT. Each benchmark reads the folder and analyses it as
// `analyze` does (read_delivery, read_trial, analyse_trial), on one thread.
// Baseline (same run): reading the same files' bytes and nothing else. With
// IL2T_BENCH_KEEP set, the folder is left in the temporary directory.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <iostream>

#include "data/read_file.h"
#include "model/model.h"
#include "protocol/toml_reader.h"
#include "ratio_reporter.h"
#include "sdtm/delivery.h"
#include "sdtm/domains.h"
#include "sdtm/write_trial.h"
#include "trial/analysis.h"
#include "trial/engine.h"

namespace {

using namespace il2t;

constexpr int kParticipants = 10000;
std::string g_root;
std::vector<std::string> g_names;
std::optional<protocol::Protocol> g_protocol;
std::optional<trial::TrialDesign> g_design;

void setup() {
  const std::string file = std::string(IL2T_SOURCE_DIR) + "/protocols/NCT02465580-he2020.toml";
  auto read = protocol::read_protocol_text(*data::read_file(file), file);
  g_protocol = std::move(*read.protocol);
  g_design = std::move(*trial::make_design(*g_protocol).design);
  const model::ModelLoad m = model::load_model(model::default_model_dir());
  trial::TrialRunner runner(*g_design, *m.model);
  trial::TrialRecords r;
  Error error;
  if (!runner.run(0, trial::RunSettings{1, kParticipants, false, false}, r, error)) {
    std::cerr << "bench_analyze: " << error << "\n";
    std::exit(1);
  }
  g_root = (std::filesystem::temp_directory_path() / "il2trial-bench-analyze").string();
  std::filesystem::remove_all(g_root);
  const auto sets = sdtm::write_trial(*g_design, r, {});
  for (auto [f, sub] : {std::pair{sdtm::Format::csv, "/csv"}, std::pair{sdtm::Format::xpt, "/xpt"}})
    if (const Error e = sdtm::write_delivery(sets, g_root + sub, {f}); !e.empty()) {
      std::cerr << "bench_analyze: " << e << "\n";
      std::exit(1);
    }
  for (const sdtm::DomainSpec* d : sdtm::all_domains()) g_names.emplace_back(d->name);
  std::size_t rows = 0;
  for (const auto& s : sets) rows += s.rows();
  std::cout << r.subjects.size() << " participants, " << rows << " SDTM rows (" << r.findings.size()
            << " findings), one thread\n";
}

std::size_t folder_bytes(const std::string& dir) {
  std::size_t n = 0;
  for (const auto& f : std::filesystem::directory_iterator(dir)) n += data::read_file(f.path().string())->size();
  return n;
}

void analyse(benchmark::State& state, const std::string& dir) {
  for (auto _ : state) {
    const sdtm::Delivery delivery = sdtm::read_delivery(dir, g_names, {});
    trial::TrialRecords records;
    const sdtm::ReadReport report = sdtm::read_trial(*g_design, delivery.study, false, records);
    if (!report.ok() || !delivery.errors.empty()) state.SkipWithError("the delivery did not read");
    const auto results = trial::analyse_trial(*g_design, records, {});
    benchmark::DoNotOptimize(results);
  }
}

// The stages apart: the files into datasets, the datasets into records, the analyses.
void BM_StageReadXpt(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sdtm::read_delivery(g_root + "/xpt", g_names, {}));
}
void BM_StageReadCsv(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(sdtm::read_delivery(g_root + "/csv", g_names, {}));
}
void BM_StageRecords(benchmark::State& state) {
  const sdtm::Delivery delivery = sdtm::read_delivery(g_root + "/xpt", g_names, {});
  for (auto _ : state) {
    trial::TrialRecords records;
    benchmark::DoNotOptimize(sdtm::read_trial(*g_design, delivery.study, false, records));
  }
}
void BM_StageAnalyses(benchmark::State& state) {
  const sdtm::Delivery delivery = sdtm::read_delivery(g_root + "/xpt", g_names, {});
  trial::TrialRecords records;
  sdtm::read_trial(*g_design, delivery.study, false, records);
  for (auto _ : state) benchmark::DoNotOptimize(trial::analyse_trial(*g_design, records, {}));
}

void BM_Baseline_ReadBytesCsv(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(folder_bytes(g_root + "/csv"));
}
void BM_AnalyzeCsv(benchmark::State& state) { analyse(state, g_root + "/csv"); }
void BM_AnalyzeXpt(benchmark::State& state) { analyse(state, g_root + "/xpt"); }

BENCHMARK(BM_Baseline_ReadBytesCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_AnalyzeCsv)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_AnalyzeXpt)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_StageReadCsv)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_StageReadXpt)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_StageRecords)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_StageAnalyses)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  setup();
  benchmark::Initialize(&argc, argv);
  il2t::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios("BM_Baseline_ReadBytesCsv", "reading the CSV files' bytes");
  benchmark::Shutdown();
  if (!std::getenv("IL2T_BENCH_KEEP")) std::filesystem::remove_all(g_root);  // kept: to profile analyze on it
  return 0;
}
