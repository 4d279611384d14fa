#include "calibration/placebo_mapping.h"

#include <cmath>
#include <filesystem>
#include <map>

#include "calibration/placebo_arms.h"
#include "calibration/toml_error.h"
#include "data/read_file.h"
#include "data/sha256.h"
#include "model/trial_effect.h"
#include "trial/endpoints.h"

namespace il2t::calibration {

namespace {

// One [[placebo]] table into s.mappings[index].
bool map_arm(const std::string& file, const toml::table& t, const PlaceboArm& arm, std::size_t index, Setup& s,
             Error& error) {
  for (const auto& [key, node] : t)
    if (key != "id" && key != "study" && key != "left_out" && key != "pooled_trials") {
      error = at(file, node, "placebo." + std::string(key.str()), "not a key of a placebo arm (id, study, pooled_trials, left_out)");
      return false;
    }
  Mapping m;
  m.target = index;
  m.trial = arm.trial;
  if (auto why = t["left_out"].value<std::string>()) {
    if (why->empty() || t.contains("study") || t.contains("pooled_trials")) {
      error = at(file, t, "placebo.left_out", "give the reason, and no study");
      return false;
    }
    m.not_simulated = *why;
    s.mappings[index] = std::move(m);
    return true;
  }
  const auto study = t["study"].value<std::string>();
  if (!study) {
    error = at(file, t, "placebo.study", "missing: name the placebo-arm study that simulates " + arm.row.id + ", or give left_out = \"why\"");
    return false;
  }
  for (std::size_t i = 0; i < s.studies.size() && !m.study; ++i)
    if (s.studies[i]->id == *study && !s.studies[i]->pk) m.study = i;
  if (!m.study) {
    error = at(file, t, "placebo.study", "\"" + *study + "\" is not a trial study of this file");
    return false;
  }
  const trial::TrialDesign& d = s.studies[*m.study]->design;
  if (d.arms.size() != 1) {
    error = at(file, t, "placebo.study",
               *study + " has " + std::to_string(d.arms.size()) + " arms: a placebo-arm study has one, the placebo arm it simulates");
    return false;
  }
  const auto measure = placebo_measure(arm);
  if (!measure) {
    error = at(file, t, "placebo.study",
               arm.row.id + "'s endpoint \"" + arm.row.quantity + "\" is not one il2trial derives: leave it out with the reason");
    return false;
  }
  if (!arm.row.denominator) {
    error = at(file, t, "placebo.study",
               arm.row.id + " gives no arm size (denominator), so its sampling error cannot be told from the spread "
                            "between trials: leave it out with the reason");
    return false;
  }
  if (d.disease != (arm.row.disease == "SLE" ? model::Disease::sle : model::Disease::pss)) {
    error = at(file, t, "placebo.study", *study + " does not simulate " + arm.row.disease);
    return false;
  }
  std::optional<std::size_t> visit;
  for (std::size_t v = 0; v < d.visit_ids.size(); ++v)
    if (trial::nominal_day(d, v) == static_cast<int>(std::lround(*arm.row.week * 7)) + 1) visit = v;
  if (!visit) {
    error = at(file, t, "placebo.study",
               *study + " has no visit at week " + std::to_string(*arm.row.week) + " (" + arm.row.id + "'s week)");
    return false;
  }
  if (!d.baseline_visit) {
    error = at(file, t, "placebo.study", *study + " has no baseline visit (day 1)");
    return false;
  }
  if (*visit == *d.baseline_visit) {
    error = at(file, t, "placebo.study", arm.row.id + "'s week falls on the baseline visit of " + *study);
    return false;
  }
  if (const toml::node* k = t.get("pooled_trials")) {
    const auto n = k->value<int64_t>();
    if (!n || *n < 1 || *n > 100) {
      error = at(file, *k, "placebo.pooled_trials", "the number of trials the row pools, 1 to 100");
      return false;
    }
    m.pooled_trials = static_cast<int>(*n);
  }
  m.arm = 0;
  m.visit = *visit;
  m.measure = *parse_measure(*measure);
  s.mappings[index] = std::move(m);
  return true;
}

}  // namespace

bool load_placebo(const std::string& studies_file, const toml::table& root, Setup& s, Error& error) {
  const toml::node* name = root.get("placebo_arms");
  const toml::array* tables = root["placebo"].as_array();
  if (!name) {
    if (tables && !tables->empty()) {
      error = at(studies_file, *tables, "placebo", "[[placebo]] tables need placebo_arms = \"FILE\" at the top of the file");
      return false;
    }
    return true;
  }
  const auto relative = name->value<std::string>();
  if (!relative || relative->empty()) {
    error = at(studies_file, *name, "placebo_arms", "write the placebo-arms file, e.g. \"placebo-arms.csv\"");
    return false;
  }
  s.placebo_file = (std::filesystem::path(studies_file).parent_path() / *relative).lexically_normal().string();
  const auto text = data::read_file(s.placebo_file);
  if (!text) {
    error = at(studies_file, *name, "placebo_arms", s.placebo_file + ": cannot open the file");
    return false;
  }
  s.placebo_sha256 = data::sha256_hex(*text);
  PlaceboRead read = read_placebo_arms(*text, s.placebo_file);
  if (!read.error.empty()) {
    error = read.error;
    return false;
  }
  std::map<std::string, std::size_t> by_id;
  for (const PlaceboArm& a : read.arms) {
    for (std::size_t i = 0; i < s.placebo_begin; ++i)
      if (s.targets[i].id == a.row.id) {
        error = Error{.message = "id: \"" + a.row.id + "\" is also a target's id",
                      .file = s.placebo_file,
                      .pos = {a.row.line, 0},
                      .field = "id"};
        return false;
      }
    by_id[a.row.id] = s.targets.size();
    s.targets.push_back(a.row);
  }
  s.mappings.resize(s.targets.size());
  std::vector<int> seen(s.targets.size(), 0);
  if (tables)
    for (const toml::node& n : *tables) {
      const toml::table* t = n.as_table();
      if (!t) continue;
      const auto id = (*t)["id"].value<std::string>();
      const auto it = id ? by_id.find(*id) : by_id.end();
      if (it == by_id.end()) {
        error = at(studies_file, *t, "placebo.id", id ? "\"" + *id + "\" is not in " + s.placebo_file : "missing");
        return false;
      }
      if (seen[it->second]) {
        error = at(studies_file, *t, "placebo.id",
                   "\"" + *id + "\" is mapped twice (also on line " + std::to_string(seen[it->second]) + ")");
        return false;
      }
      seen[it->second] = static_cast<int>(t->source().begin.line);
      if (!map_arm(studies_file, *t, read.arms[it->second - s.placebo_begin], it->second, s, error)) return false;
    }
  for (std::size_t i = s.placebo_begin; i < s.targets.size(); ++i)
    if (!seen[i]) {
      error = Error{.message = "placebo arm \"" + s.targets[i].id + "\" (" + s.placebo_file + ":" +
                               std::to_string(s.targets[i].line) + ") is not mapped: give its study, or left_out = \"why\"",
                    .file = studies_file};
      return false;
    }
  return true;
}

void assign_trials(Setup& s) {
  for (Mapping& m : s.mappings) {
    m.trial_disease.reset();
    if (!m.study) {
      m.trial.clear();
      continue;
    }
    const Study& st = *s.studies[*m.study];
    if (st.pk || st.stand_in || !model::trial_effect_parameters(st.design.disease)) {
      m.trial.clear();
      continue;
    }
    if (m.trial.empty()) m.trial = st.id;
    m.trial_disease = st.design.disease;
  }
}

}  // namespace il2t::calibration
