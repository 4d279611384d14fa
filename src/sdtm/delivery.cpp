#include "sdtm/delivery.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <system_error>

#include "data/atomic_file.h"
#include "data/read_file.h"
#include "sdtm/csv_dataset.h"
#include "sdtm/dataset_json.h"
#include "sdtm/xpt.h"

namespace il2t::sdtm {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const char* extension(Format f) {
  switch (f) {
    case Format::csv: return ".csv";
    case Format::xpt: return ".xpt";
    case Format::json: return ".json";
  }
  return "";
}

Expected<Dataset> read_one(const fs::path& path, const std::string& name, const ReadLimits& limits) {
  const std::string ext = lower(path.extension().string()), file = path.string();
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return Error{.message = "cannot read the file: " + ec.message(), .file = file};
  if (size > limits.max_bytes)
    return Error{.message = "the file is larger than " + std::to_string(limits.max_bytes) + " bytes", .file = file};
  if (ext == ".xpt") {
    auto d = read_xpt(file, limits);
    if (d && upper(d->name()) != name) {
      return Error{.message = "the file holds dataset " + d->name() + ", not " + name, .file = file};
    }
    return d;
  }
  const std::optional<std::string> text = data::read_file(file);
  if (!text) return Error{.message = "cannot read the file", .file = file};
  if (ext == ".csv") return read_csv_dataset(*text, file, name, limits);
  auto d = read_dataset_json(*text, file, limits);
  if (d && upper(d->name()) != name) return Error{.message = "the file holds dataset " + d->name() + ", not " + name, .file = file};
  return d;
}

}  // namespace

Delivery read_delivery(const std::string& dir, const std::vector<std::string>& names, const ReadLimits& limits) {
  Delivery out;
  std::error_code ec;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) files.push_back(it->path());
  if (ec) {
    out.errors.push_back(Error{.message = "cannot list the folder: " + ec.message(), .file = dir});
    return out;
  }
  std::sort(files.begin(), files.end());
  std::map<std::string, std::string> from;  // dataset → the file it came from
  for (const fs::path& p : files) {
    const std::string ext = lower(p.extension().string()), name = upper(p.stem().string());
    const bool known = std::find(names.begin(), names.end(), name) != names.end();
    if (!known || (ext != ".csv" && ext != ".xpt" && ext != ".json")) {
      out.ignored.push_back(p.filename().string());
      continue;
    }
    if (const auto it = from.find(name); it != from.end()) {
      out.errors.push_back(Error{.message = "dataset " + name + " is given twice, also as " + it->second +
                                                " (keep one file per dataset: one format per folder)",
                                 .file = p.string()});
      continue;
    }
    from[name] = p.string();
    Expected<Dataset> d = read_one(p, name, limits);
    if (!d) {
      out.errors.push_back(d.error());
      continue;
    }
    d->set_name(name);
    out.study.emplace(name, std::move(*d));
  }
  return out;
}

Error write_delivery(const std::vector<Dataset>& sets, const std::string& dir, const std::vector<Format>& formats) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Error{.message = "cannot create the folder: " + ec.message(), .file = dir};
  const fs::path stage = fs::path(dir) / (".staging." + std::to_string(::getpid()));
  fs::remove_all(stage, ec);
  fs::create_directory(stage, ec);
  if (ec) return Error{.message = "cannot create a staging folder: " + ec.message(), .file = stage.string()};
  auto fail = [&](Error e) {
    fs::remove_all(stage, ec);
    return e;
  };
  std::vector<std::string> names;
  for (const Dataset& d : sets)
    for (Format f : formats) {
      const std::string name = lower(d.name()) + extension(f), path = (stage / name).string();
      if (f == Format::xpt) {
        if (Error e = write_xpt(d, path); !e.empty()) return fail(e);
      } else {
        const std::string text = f == Format::csv ? write_csv_dataset(d) : write_dataset_json(d, "2025-01-01T00:00:00");
        if (const std::string why = data::write_file_atomically(path, text); !why.empty())
          return fail(Error{.message = why, .file = (fs::path(dir) / name).string()});
      }
      names.push_back(name);
    }
  for (const std::string& name : names) {
    fs::rename(stage / name, fs::path(dir) / name, ec);
    if (ec) return fail(Error{.message = "cannot move the file into place: " + ec.message(), .file = (fs::path(dir) / name).string()});
  }
  fs::remove_all(stage, ec);
  return {};
}

}  // namespace il2t::sdtm
