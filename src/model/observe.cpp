#include "model/observe.h"

#include <algorithm>
#include <cmath>

namespace il2t::model {

using namespace instruments;

TablesResult make_tables(const BoundModel& m) {
  TablesResult out;
  DiseaseTables& t = out.tables;
  t.bilag_grade.fill(BilagGrade::E);
  for (const WeightedItem& w : m.sle_descriptors) {
    auto item = find_sledai_item(w.id);
    if (!item) { out.errors.push_back(name_error("sle_descriptors." + w.id, "sle_descriptors." + w.id + ": not a SLEDAI-2K descriptor")); continue; }
    const auto k = static_cast<std::size_t>(*item);
    t.sledai_prevalence[k] = w.weight;
    if (w.map == "none") continue;  // serology: BILAG-2004 does not score it (grade stays E)
    const auto space = w.map.find(' ');
    auto domain = find_bilag_domain(space == std::string::npos ? w.map : w.map.substr(0, space));
    auto grade = space == std::string::npos ? Scored<BilagGrade>(fail("map", "no grade"))
                                            : parse_bilag_grade(w.map.substr(0, space), w.map.substr(space + 1));
    if (!domain || !grade || *grade == BilagGrade::D || *grade == BilagGrade::E) {
      out.errors.push_back(name_error("sle_descriptors." + w.id, "sle_descriptors." + w.id +
                                                             ": map must be \"<BILAG domain> <A|B|C>\", not \"" + w.map + "\""));
      continue;
    }
    t.bilag_domain[k] = *domain;
    t.bilag_grade[k] = *grade;
  }
  for (const WeightedItem& w : m.pss_domains) {
    auto d = find_essdai_domain(w.id);
    if (!d) { out.errors.push_back(name_error("pss_domains." + w.id, "pss_domains." + w.id + ": not an ESSDAI domain")); continue; }
    auto level = parse_essdai_level(*d, w.map);
    if (!level || *level == EssdaiLevel::no) {
      out.errors.push_back(name_error("pss_domains." + w.id,
                                      "pss_domains." + w.id + ": map must be a level the domain allows (low, moderate, high)"));
      continue;
    }
    t.essdai_prevalence[static_cast<std::size_t>(*d)] = w.weight;
    t.essdai_level[static_cast<std::size_t>(*d)] = *level;
  }
  double total = 0;
  for (const WeightedItem& w : m.infection_types) total += w.weight;
  double cum = 0;
  for (const WeightedItem& w : m.infection_types) {
    cum += w.weight / total;
    t.infection_cumulative.push_back(cum);
    t.infection_types.push_back(w.id);
  }
  if (total <= 0) out.errors.push_back(name_error("infection_types", "infection_types: the probabilities sum to zero"));
  return out;
}

namespace {

// A random order of 0..N-1 (Fisher–Yates).
template <std::size_t N>
std::array<std::size_t, N> shuffled(Stream& rng) {
  std::array<std::size_t, N> order{};
  for (std::size_t i = 0; i < N; ++i) order[i] = i;
  for (std::size_t i = N - 1; i > 0; --i) {
    const auto j = static_cast<std::size_t>(rng.uniform() * static_cast<double>(i + 1));
    std::swap(order[i], order[std::min(j, i)]);
  }
  return order;
}

constexpr int kPasses = 8;  // passes over the table while the score is below target

}  // namespace

DiseaseBaseline draw_baseline(const DiseaseTables& t, const ModelParams& p, const BaselineTargets& target,
                              Stream& rng) {
  DiseaseBaseline b;
  // SLEDAI-2K: descriptors by prevalence, in random order, until the target score.
  SledaiVisit v;
  for (int pass = 0; pass < kPasses && sledai_2k(v) < target.sledai; ++pass) {
    for (std::size_t k : shuffled<kSledaiItemCount>(rng)) {
      if (sledai_2k(v) >= target.sledai) break;
      if (!v.has(static_cast<SledaiItem>(k)) && rng.bernoulli(t.sledai_prevalence[k])) v.set(static_cast<SledaiItem>(k));
    }
  }
  for (std::size_t k = 0; k < kSledaiItemCount; ++k) {
    const auto item = static_cast<SledaiItem>(k);
    b.sledai_at_baseline[k] = v.has(item);
    if (v.has(item)) {
      const double u = rng.uniform();
      b.sledai_threshold[k] = sledai_info(item).serological ? u * p.serology_threshold_factor : u;
    } else {
      const double prev = t.sledai_prevalence[k];
      b.sledai_threshold[k] = prev > 0 ? 1.0 - p.new_organ_margin * std::log(rng.uniform()) / prev : INFINITY;
    }
  }
  b.sledai = sledai_2k(v);
  b.clinical_sledai = clinical_sledai(v);
  // ESSDAI: domains by prevalence, each at its table level, until the target score.
  EssdaiVisit e;
  auto score = [&] { return essdai(e).ok() ? *essdai(e) : 0; };
  for (int pass = 0; pass < kPasses && score() < target.essdai; ++pass) {
    for (std::size_t k : shuffled<kEssdaiDomainCount>(rng)) {
      if (score() >= target.essdai) break;
      const auto d = static_cast<EssdaiDomain>(k);
      if (e.level(d) == EssdaiLevel::no && t.essdai_prevalence[k] > 0 && rng.bernoulli(t.essdai_prevalence[k]))
        e.set(d, t.essdai_level[k]);
    }
  }
  for (std::size_t k = 0; k < kEssdaiDomainCount; ++k) {
    const bool at = e.level(static_cast<EssdaiDomain>(k)) != EssdaiLevel::no;
    b.essdai_at_baseline[k] = at;
    const double prev = t.essdai_prevalence[k];
    b.essdai_threshold[k] = at ? rng.uniform()
                               : (prev > 0 ? 1.0 - p.new_organ_margin * std::log(rng.uniform()) / prev : INFINITY);
  }
  b.essdai = score();
  b.given = target;
  return b;
}

SledaiVisit sledai_at(const DiseaseBaseline& b, double activity) {
  SledaiVisit v;
  for (std::size_t k = 0; k < kSledaiItemCount; ++k)
    if (activity > b.sledai_threshold[k]) v.set(static_cast<SledaiItem>(k));
  return v;
}

EssdaiVisit essdai_at(const DiseaseBaseline& b, const DiseaseTables& t, double activity) {
  EssdaiVisit v;
  for (std::size_t k = 0; k < kEssdaiDomainCount; ++k)
    if (activity > b.essdai_threshold[k]) v.set(static_cast<EssdaiDomain>(k), t.essdai_level[k]);
  return v;
}

BilagVisit bilag_at(const DiseaseTables& t, const DiseaseBaseline& b, double activity, double improving,
                    const SledaiVisit& s, std::array<bool, kBilagDomainCount>& ever) {
  BilagVisit v;
  std::array<BilagGrade, kBilagDomainCount> g;
  g.fill(BilagGrade::E);
  for (std::size_t k = 0; k < kSledaiItemCount; ++k) {
    if (!s.has(static_cast<SledaiItem>(k)) || t.bilag_grade[k] == BilagGrade::E) continue;
    const auto d = static_cast<std::size_t>(t.bilag_domain[k]);
    const double u = b.sledai_threshold[k];
    BilagGrade grade = t.bilag_grade[k];
    if (u < 1 && activity <= u + improving * (1 - u) && grade < BilagGrade::C)
      grade = static_cast<BilagGrade>(static_cast<int>(grade) + 1);
    g[d] = std::min(g[d], grade);  // A < B < C: the most severe wins
  }
  for (std::size_t d = 0; d < kBilagDomainCount; ++d) {
    if (g[d] == BilagGrade::E && ever[d]) g[d] = BilagGrade::D;
    if (g[d] <= BilagGrade::C) ever[d] = true;
    v.set(static_cast<BilagDomain>(d), g[d]);
  }
  return v;
}

}  // namespace il2t::model
