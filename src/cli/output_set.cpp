#include "cli/output_set.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "data/atomic_file.h"

namespace il2t::cli {

namespace fs = std::filesystem;

namespace {

std::string staging(const std::string& path) { return path + ".part." + std::to_string(::getpid()); }

}  // namespace

OutputSet::~OutputSet() { discard(); }

void OutputSet::discard() {
  std::error_code ec;
  for (const Staged& s : staged_) fs::remove_all(s.from, ec);
  staged_.clear();
}

Error OutputSet::file(const std::string& path, std::string_view content) {
  const std::string tmp = staging(path);
  if (const std::string why = data::write_file_atomically(tmp, content); !why.empty())
    return Error{.message = why, .file = path};
  staged_.push_back({tmp, path, false});
  return {};
}

Error OutputSet::folder(const std::string& dir, const std::vector<sdtm::Dataset>& sets,
                        const std::vector<sdtm::Format>& formats) {
  const std::string tmp = staging(fs::path(dir).lexically_normal().string() == "." ? "out" : dir);
  if (Error e = sdtm::write_delivery(sets, tmp, formats); !e.empty()) {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    return e;
  }
  staged_.push_back({tmp, dir, true});
  return {};
}

Error OutputSet::commit() {
  std::error_code ec;
  for (const Staged& s : staged_) {
    if (!s.folder) {
      fs::rename(s.from, s.to, ec);
      if (ec) return Error{.message = "cannot move the file into place: " + ec.message(), .file = s.to};
      continue;
    }
    fs::create_directories(s.to, ec);
    if (ec) return Error{.message = "cannot create the folder: " + ec.message(), .file = s.to};
    for (const auto& f : fs::directory_iterator(s.from)) {
      fs::rename(f.path(), fs::path(s.to) / f.path().filename(), ec);
      if (ec) return Error{.message = "cannot move the file into place: " + ec.message(), .file = s.to};
    }
    fs::remove_all(s.from, ec);
  }
  staged_.clear();
  return {};
}

}  // namespace il2t::cli
