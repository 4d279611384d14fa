#include "calibration/journal.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "data/read_file.h"

namespace il2t::calibration {

namespace {

// A value as JSON: a number, or null for NaN (JSON has no NaN).
nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

std::string line_of(const std::vector<double>& x, const std::vector<double>& f) {
  nlohmann::json xs = nlohmann::json::array(), fs = nlohmann::json::array();
  for (double v : x) xs.push_back(number(v));
  for (double v : f) fs.push_back(number(v));
  return nlohmann::json{{"x", xs}, {"f", f.size() == 1 ? fs[0] : fs}}.dump() + "\n";
}

// The numbers of a JSON array (null is NaN); nullopt when anything else is in it.
std::optional<std::vector<double>> numbers(const nlohmann::json& a) {
  if (!a.is_array()) return std::nullopt;
  std::vector<double> out;
  for (const auto& v : a) {
    if (v.is_null()) out.push_back(std::numeric_limits<double>::quiet_NaN());
    else if (v.is_number()) out.push_back(v.get<double>());
    else return std::nullopt;
  }
  return out;
}

}  // namespace

Expected<std::unique_ptr<Journal>> Journal::open(const std::string& path, const std::string& key) {
  std::unique_ptr<Journal> j(new Journal());
  j->path_ = path;
  j->key_ = key;
  const std::string header = nlohmann::json{{"key", key}}.dump() + "\n";
  bool keep = false;
  if (auto text = data::read_file(path)) {
    std::istringstream in(*text);
    std::string line;
    if (std::getline(in, line) && line + "\n" == header) {
      keep = true;
      while (std::getline(in, line)) {
        if (in.eof() && !text->empty() && text->back() != '\n') break;  // torn last line
        const auto e = nlohmann::json::parse(line, nullptr, false);
        if (e.is_discarded() || !e.is_object() || !e.contains("x") || !e.contains("f")) break;
        const auto x = numbers(e["x"]);
        const auto f = e["f"].is_array() ? numbers(e["f"]) : numbers(nlohmann::json::array({e["f"]}));
        if (!x || !f || f->empty()) break;  // a line this program did not write: start afresh from here
        j->entries_.push_back({*x, *f});
      }
    }
  }
  // Rewrite the file with the header and the entries kept (drops a torn line).
  std::string content = header;
  if (keep)
    for (const auto& e : j->entries_) content += line_of(e.x, e.f);
  j->file_ = std::fopen(path.c_str(), "w");
  if (!j->file_ || std::fputs(content.c_str(), j->file_) < 0 || std::fflush(j->file_) != 0)
    return Error{.message = "cannot write the calibration journal", .file = path};
  return j;
}

Journal::~Journal() {
  if (file_) std::fclose(file_);
}

std::optional<double> Journal::replay(std::size_t i, const std::vector<double>& x) {
  const auto v = replay_values(i, x);
  if (!v) return std::nullopt;
  return v->front();
}

std::optional<std::vector<double>> Journal::replay_values(std::size_t i, const std::vector<double>& x) {
  if (i >= entries_.size()) return std::nullopt;
  if (entries_[i].x == x) return entries_[i].f;
  // Another path from here on: rewrite the journal with the entries before i.
  entries_.resize(i);
  std::fclose(file_);
  file_ = std::fopen(path_.c_str(), "w");
  if (file_) {
    std::string content = nlohmann::json{{"key", key_}}.dump() + "\n";
    for (const auto& e : entries_) content += line_of(e.x, e.f);
    std::fputs(content.c_str(), file_);
    std::fflush(file_);
  }
  return std::nullopt;
}

Error Journal::append(const std::vector<double>& x, double f) { return append(x, std::vector<double>{f}); }

Error Journal::append(const std::vector<double>& x, const std::vector<double>& f) {
  entries_.push_back({x, f});
  const std::string l = line_of(x, f);
  if (!file_ || std::fputs(l.c_str(), file_) < 0 || std::fflush(file_) != 0)
    return Error{.message = "cannot append to the calibration journal", .file = path_};
  return {};
}

void Journal::remove() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  std::filesystem::remove(path_, ec);
}

}  // namespace il2t::calibration
