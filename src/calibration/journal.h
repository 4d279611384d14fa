#pragma once
// The calibration's checkpoint: every evaluation (the free parameters' values and the
// objective) appended to a journal file as one JSON line and flushed, so an interrupted
// fit can be resumed. The optimiser is deterministic and the objective uses common
// random numbers, so a rerun asks for the same points in the same order; the journal
// answers them without simulating until it runs out, and the fit goes on from there.
// The first line is a key (targets and free-parameter hashes, the model's fingerprint,
// seed, replicates, algorithm): a journal made under another key is started afresh. A
// torn last line (the process killed mid-write) is ignored, and so is anything from a
// line that does not hold numbers on. An entry holds one value (the objective) or
// several (a design point's simulated summaries, NaN written as null).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace il2t::calibration {

class Journal {
 public:
  // Opens `path`, keeping its entries when its key is `key`; else starts it afresh.
  // An Error (at `path`) when the file cannot be written.
  static Expected<std::unique_ptr<Journal>> open(const std::string& path, const std::string& key);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  std::size_t size() const { return entries_.size(); }
  // Entry i's objective if its point is exactly `x`, else nullopt (and the journal stops
  // replaying: later entries were made on another path and are dropped).
  std::optional<double> replay(std::size_t i, const std::vector<double>& x);
  // The same for an entry of several values (a design point's simulated summaries).
  std::optional<std::vector<double>> replay_values(std::size_t i, const std::vector<double>& x);
  // Appends a new evaluation; returns the error, empty on success. NaN values are kept.
  Error append(const std::vector<double>& x, double f);
  Error append(const std::vector<double>& x, const std::vector<double>& f);
  // Deletes the file (after a completed fit).
  void remove();

 private:
  Journal() = default;
  struct Entry {
    std::vector<double> x;
    std::vector<double> f;
  };
  std::string path_, key_;
  std::vector<Entry> entries_;
  std::FILE* file_ = nullptr;
};

}  // namespace il2t::calibration
