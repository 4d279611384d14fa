#include "calibration/posterior_file.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>
#include <tuple>

#include "calibration/studies.h"
#include "data/csv_read.h"

namespace il2t::calibration {

namespace {



}  // namespace

std::string default_posterior_file() { return default_calibration_dir() + "/posterior.csv"; }

std::string posterior_file_text(const PosteriorProvenance& p, const std::vector<std::string>& names,
                                const std::vector<std::vector<double>>& rows) {
  std::string out =
      "# il2trial posterior: parameter sets drawn from the calibration's posterior, equally weighted\n"
      "# (docs/model.md, Posterior). Read by simulate and check-model; made by the command below.\n";
  out += "# program = " + p.program + "\n";
  out += "# method = " + p.method + "\n";
  out += "# command = " + p.command + "\n";
  out += fmt::format("# seed = {}\n", p.seed);
  out += "# targets_sha256 = " + p.targets_sha256 + "\n";
  out += "# studies_sha256 = " + p.studies_sha256 + "\n";
  out += "# placebo_arms_sha256 = " + p.placebo_sha256 + "\n";
  out += "# free_sha256 = " + p.free_sha256 + "\n";
  out += "# model_sha256 = " + p.model_sha256 + "\n";
  out += "draw,weight";
  for (const auto& n : names) out += "," + n;
  out += "\n";
  const double w = rows.empty() ? 0 : 1.0 / static_cast<double>(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out += fmt::format("{},{:.17g}", i + 1, w);
    for (double v : rows[i]) out += fmt::format(",{:.17g}", v);
    out += "\n";
  }
  return out;
}

std::string posterior_size_error(const std::string& file) {
  return file + ":1: the file is larger than 64 MB: not a posterior this program wrote";
}

PosteriorRead read_posterior(std::string_view text, const std::string& file, const PosteriorExpect& expect) {
  PosteriorRead out;
  if (text.size() > kMaxPosteriorBytes) {
    out.error = posterior_size_error(file);
    return out;
  }
  // The comment lines: "# key = value".
  std::size_t pos = 0;
  int line = 0;
  auto field = [&](const std::string& key) -> std::string* {
    if (key == "program") return &out.provenance.program;
    if (key == "method") return &out.provenance.method;
    if (key == "command") return &out.provenance.command;
    if (key == "targets_sha256") return &out.provenance.targets_sha256;
    if (key == "studies_sha256") return &out.provenance.studies_sha256;
    if (key == "placebo_arms_sha256") return &out.provenance.placebo_sha256;
    if (key == "free_sha256") return &out.provenance.free_sha256;
    if (key == "model_sha256") return &out.provenance.model_sha256;
    return nullptr;
  };
  std::map<std::string, int> line_of;
  while (pos < text.size() && text[pos] == '#') {
    const std::size_t end = text.find('\n', pos);
    std::string l(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    if (!l.empty() && l.back() == '\r') l.pop_back();
    ++line;
    pos = end == std::string_view::npos ? text.size() : end + 1;
    const std::size_t eq = l.find(" = ");
    if (eq == std::string::npos) continue;
    const std::string key = l.substr(2, eq - 2), value = l.substr(eq + 3);
    line_of[key] = line;
    if (key == "seed") {
      const auto v = data::finite_number(value);
      if (!v || *v < 0 || *v != std::floor(*v) || *v >= 18446744073709551616.0) {
        out.error = file + ":" + std::to_string(line) + ": seed: \"" + value + "\" is not a seed";
        return out;
      }
      out.provenance.seed = static_cast<std::uint64_t>(*v);
    } else if (std::string* f = field(key)) {
      *f = value;
    }
  }
  auto missing = [&](const char* key) {
    out.error = file + ":1: " + key + ": missing: a posterior file records its " + key + " (# " + key + " = ...)";
    return out;
  };
  if (out.provenance.program.empty()) return missing("program");
  if (out.provenance.targets_sha256.empty()) return missing("targets_sha256");
  if (out.provenance.model_sha256.empty()) return missing("model_sha256");
  if (!expect.program.empty() && out.provenance.program != expect.program) {
    out.error = file + ":" + std::to_string(line_of["program"]) + ": program: made by " + out.provenance.program +
                ", not by this " + expect.program + ": run il2trial calibrate --posterior again";
    return out;
  }
  for (const auto& [key, mine, now, what] :
       {std::tuple{"targets_sha256", &out.provenance.targets_sha256, &expect.targets_sha256, "targets file"},
        std::tuple{"studies_sha256", &out.provenance.studies_sha256, &expect.studies_sha256, "studies file"},
        std::tuple{"placebo_arms_sha256", &out.provenance.placebo_sha256, &expect.placebo_sha256, "placebo-arms file"},
        std::tuple{"free_sha256", &out.provenance.free_sha256, &expect.free_sha256, "free-parameter file"}}) {
    if (now->empty() || *mine == *now) continue;
    const std::string at = line_of.count(key) ? std::to_string(line_of[key]) : "1";
    out.error = file + ":" + at + ": " + key + ": made from another " + what + " (" +
                (mine->empty() ? std::string("none recorded") : mine->substr(0, 12) + "…") + "; the " + what + " now is " +
                now->substr(0, 12) + "…): run il2trial calibrate --posterior again";
    return out;
  }
  const data::CsvTable t = data::read_csv(text.substr(pos));
  if (!t.error.empty() || t.rows.empty()) {
    // The reader's line counts from the header; the file's line is that + line.
    const int at = t.error.empty() ? 1 : t.error.pos.line;
    const std::string why = t.error.empty() ? "no header line" : t.error.message;
    out.error = file + ":" + std::to_string(line + at) + ": " + why;
    return out;
  }
  auto at = [&](const data::CsvRow& r) { return file + ":" + std::to_string(line + r.line) + ": "; };
  const auto& header = t.rows[0].fields;
  if (header.size() < 3 || header[0] != "draw" || header[1] != "weight") {
    out.error = at(t.rows[0]) + "header: write draw,weight, then one model parameter per column";
    return out;
  }
  std::set<std::string> names;
  std::vector<const model::Parameter*> params;
  for (std::size_t c = 2; c < header.size(); ++c) {
    const model::Parameter* p = expect.base ? expect.base->find(header[c]) : nullptr;
    if (expect.base && !p) {
      out.error = at(t.rows[0]) + header[c] + ": not a model parameter";
      return out;
    }
    if (!names.insert(header[c]).second) {
      out.error = at(t.rows[0]) + header[c] + ": a second column of the same parameter";
      return out;
    }
    params.push_back(p);
    out.draws.names.push_back(header[c]);
  }
  if (expect.base && expect.base->fingerprint_for_posterior(out.draws.names) != out.provenance.model_sha256) {
    out.error = file + ":" + std::to_string(line_of["model_sha256"]) +
                ": model_sha256: made with other model parameters than models/ holds now (outside the file's own columns): "
                "run il2trial calibrate --posterior again";
    return out;
  }
  double total = 0;
  for (std::size_t i = 1; i < t.rows.size(); ++i) {
    const data::CsvRow& r = t.rows[i];
    if (r.fields.size() == 1 && r.fields[0].empty()) continue;
    if (r.fields.size() != header.size()) {
      out.error = at(r) + std::to_string(r.fields.size()) + " fields, expected " + std::to_string(header.size());
      return out;
    }
    const auto w = data::finite_number(r.fields[1]);
    if (!w || *w <= 0) {
      out.error = at(r) + "weight: \"" + r.fields[1] + "\" is not a positive number";
      return out;
    }
    std::vector<double> row;
    for (std::size_t c = 2; c < header.size(); ++c) {
      const auto v = data::finite_number(r.fields[c]);
      const model::Parameter* p = params[c - 2];
      if (!v || (p && ((p->min && *v < *p->min) || (p->max && *v > *p->max)))) {
        out.error = at(r) + header[c] + ": \"" + r.fields[c] + "\" is not a value the parameter takes" +
                    (p && (p->min || p->max)
                         ? fmt::format(" ({} to {})", p->min ? fmt::format("{}", *p->min) : "-inf",
                                       p->max ? fmt::format("{}", *p->max) : "inf")
                         : "");
        return out;
      }
      row.push_back(*v);
    }
    total += *w;
    out.draws.weights.push_back(*w);
    out.draws.rows.push_back(std::move(row));
  }
  if (out.draws.rows.empty()) {
    out.error = file + ":" + std::to_string(line + 1) + ": no parameter sets";
    return out;
  }
  if (!std::isfinite(total)) {
    out.error = file + ":" + std::to_string(line + 1) + ": weight: the weights' sum is not a finite number";
    return out;
  }
  for (double& w : out.draws.weights) w /= total;
  return out;
}

}  // namespace il2t::calibration
