#pragma once
// A Google Benchmark console reporter that remembers each benchmark's time (the
// median when repetitions are asked for) and prints every time as a ratio to a
// baseline benchmark measured in the same run.
#include <benchmark/benchmark.h>

#include <iostream>
#include <map>
#include <string>
#include <unistd.h>

namespace il2t::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  RatioReporter() : ConsoleReporter(isatty(STDOUT_FILENO) ? OO_Defaults : OO_None) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    for (const auto& r : runs) {
      if (r.run_type == Run::RT_Iteration || r.aggregate_name == "median")
        times_[r.run_name.function_name] = r.GetAdjustedRealTime();
    }
    ConsoleReporter::ReportRuns(runs);
  }

  double time_of(const std::string& name) const {
    const auto it = times_.find(name);
    return it == times_.end() ? 0.0 : it->second;
  }

  void print_ratios(const std::string& baseline, const std::string& what) const {
    const auto base = times_.find(baseline);
    if (base == times_.end() || base->second <= 0) return;
    std::cout << "\nratio to the baseline (" << what << ", same run):\n";
    for (const auto& [name, t] : times_) std::cout << "  " << name << ": " << t / base->second << "\n";
  }

 private:
  std::map<std::string, double> times_;
};

}  // namespace il2t::bench
