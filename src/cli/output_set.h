#pragma once
// A command's output files written as a set: each is first written beside its target
// (a temporary file, or a staging folder for a folder of datasets), and only when every
// one is written are they moved into place. A failure leaves every earlier file at
// those paths untouched and no temporary behind.
#include <string>
#include <vector>

#include "core/error.h"
#include "sdtm/dataset.h"
#include "sdtm/delivery.h"

namespace il2t::cli {

class OutputSet {
 public:
  OutputSet() = default;
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();  // removes whatever was staged and not committed

  // Stages `content` for `path`; an Error when it cannot be written.
  Error file(const std::string& path, std::string_view content);
  // Stages a folder of datasets, each in each format.
  Error folder(const std::string& dir, const std::vector<sdtm::Dataset>& sets, const std::vector<sdtm::Format>& formats);
  // Moves every staged output into place.
  Error commit();

 private:
  struct Staged {
    std::string from, to;  // from empty: a device or pipe, written in place at commit
    bool folder = false;
    std::string content;   // what a device or pipe gets
  };
  std::vector<Staged> staged_;
  void discard();
  // Where `path` is written (a link followed); an Error when it is a folder or is
  // already an output of this set.
  Error claim(const std::string& path, std::string& target);
};

}  // namespace il2t::cli
