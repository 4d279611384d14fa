#include "cli/output_set.h"

#include <unistd.h>

#include <algorithm>
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
  for (const Staged& s : staged_)
    if (!s.from.empty()) fs::remove_all(s.from, ec);
  staged_.clear();
}

Error OutputSet::claim(const std::string& path, std::string& target) {
  std::error_code ec;
  // A symbolic link is followed: the file it names is replaced, not the link.
  target = path;
  if (fs::is_symlink(fs::symlink_status(path, ec))) {
    target = fs::weakly_canonical(path, ec).string();
    if (ec) return Error{.message = "cannot follow the link: " + ec.message(), .file = path};
  }
  ec.clear();
  const fs::path key = fs::weakly_canonical(target, ec);
  for (const Staged& s : staged_)
    if (fs::weakly_canonical(s.to, ec) == key) return Error{.message = "named for two outputs", .file = path};
  if (fs::is_directory(target, ec)) return Error{.message = "is a folder, not a file", .file = path};
  return {};
}

Error OutputSet::file(const std::string& path, std::string_view content) {
  std::string target;
  if (Error e = claim(path, target); !e.empty()) return e;
  std::error_code ec;
  if (fs::exists(target, ec) && !fs::is_regular_file(target, ec)) {  // a device or a pipe: written in place at commit
    staged_.push_back({{}, target, false, std::string(content)});
    return {};
  }
  const std::string tmp = staging(target);
  if (const std::string why = data::write_file_atomically(tmp, content); !why.empty())
    return Error{.message = why, .file = path};
  staged_.push_back({tmp, target, false, {}});
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
  staged_.push_back({tmp, dir, true, {}});
  return {};
}

Error OutputSet::commit() {
  std::error_code ec;
  // Regular files and folders first, devices and pipes last: a rename fails before
  // anything is written where it cannot be taken back.
  std::stable_partition(staged_.begin(), staged_.end(), [](const Staged& s) { return !s.from.empty(); });
  for (const Staged& s : staged_) {
    if (s.from.empty()) {
      if (const std::string why = data::write_file_atomically(s.to, s.content); !why.empty())
        return Error{.message = why, .file = s.to};
      continue;
    }
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
