#include "calibration/free.h"

#include <toml++/toml.h>

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "data/sha256.h"

namespace il2t::calibration {

double FreeParameter::to_search(double value) const { return log_scale ? std::log(value) : value; }
double FreeParameter::from_search(double u) const { return log_scale ? std::exp(u) : u; }

double FreeParameter::log_prior(double u) const {
  if (!(u >= to_search(lower) && u <= to_search(upper))) return -std::numeric_limits<double>::infinity();
  if (prior.shape == PriorShape::uniform) return 0;
  const double z = (u - prior.centre) / prior.sd;
  return -0.5 * z * z;
}

double FreeParameter::prior_quantile(double q) const { return prior_quantile(q, to_search(lower), to_search(upper)); }

double FreeParameter::prior_quantile(double q, double lo, double hi) const {
  if (prior.shape == PriorShape::uniform) return lo + q * (hi - lo);
  const boost::math::normal_distribution<double> n(prior.centre, prior.sd);
  // In the upper tail the upper probabilities keep their precision, in the lower the lower.
  if (lo > prior.centre) {
    const double a = boost::math::cdf(boost::math::complement(n, lo)), b = boost::math::cdf(boost::math::complement(n, hi));
    const double p = a - q * (a - b);
    if (!(p > 0 && p < 1)) return q < 0.5 ? lo : hi;
    return std::clamp(boost::math::quantile(boost::math::complement(n, p)), lo, hi);
  }
  const double a = boost::math::cdf(n, lo), b = boost::math::cdf(n, hi);
  const double p = a + q * (b - a);
  if (!(p > 0 && p < 1)) return q < 0.5 ? lo : hi;
  return std::clamp(boost::math::quantile(n, p), lo, hi);
}

namespace {

std::string where(const std::string& file, const toml::node& n) {
  return file + ":" + std::to_string(n.source().begin.line) + ": ";
}

// prior = { shape = "uniform", assumed = "..." } or
// { shape = "normal", centre = X, sd = S, source = "..." }.
std::string read_prior(const std::string& file, const toml::table& t, FreeParameter& p) {
  const toml::node* node = t.get("prior");
  const std::string at = node ? where(file, *node) : where(file, t);
  const std::string example = "write prior = { shape = \"uniform\", assumed = \"why\" } or { shape = \"normal\", centre = "
                              "X, sd = S, source = \"citation\" }";
  if (!node) return at + "parameter.prior: " + p.name + " has no prior (" + example + ")";
  const toml::table* pr = node->as_table();
  if (!pr) return at + "parameter.prior: not a table (" + example + ")";
  for (const auto& [k, v] : *pr) {
    const std::string_view key = k.str();
    if (key != "shape" && key != "centre" && key != "sd" && key != "source" && key != "assumed")
      return at + "parameter.prior." + std::string(key) + ": unknown field (shape, centre, sd, source, assumed)";
  }
  const auto shape = (*pr)["shape"].value<std::string>();
  if (!shape || (*shape != "uniform" && *shape != "normal"))
    return at + "parameter.prior.shape: give \"uniform\" or \"normal\"";
  const auto source = (*pr)["source"].value<std::string>(), assumed = (*pr)["assumed"].value<std::string>();
  if ((source && !source->empty()) == (assumed && !assumed->empty()))
    return at + "parameter.prior: give exactly one of source (a citation) or assumed (the reason)";
  p.prior.sourced = source && !source->empty();
  p.prior.reason = p.prior.sourced ? *source : *assumed;
  if (*shape == "uniform") {
    if (pr->contains("centre") || pr->contains("sd")) return at + "parameter.prior: a uniform prior has no centre or sd";
    p.prior.shape = PriorShape::uniform;
    return {};
  }
  const auto centre = (*pr)["centre"].value<double>(), sd = (*pr)["sd"].value<double>();
  if (!centre || !std::isfinite(*centre)) return at + "parameter.prior.centre: missing or not a finite number";
  if (*centre < p.lower || *centre > p.upper)
    return at + fmt::format("parameter.prior.centre: {} is outside the bounds [{}, {}]", *centre, p.lower, p.upper);
  if (!sd || !std::isfinite(*sd) || *sd <= 0)
    return at + "parameter.prior.sd: missing or not a positive number (on the search scale: an SD of log for scale = \"log\")";
  p.prior.shape = PriorShape::normal;
  p.prior.centre = p.to_search(*centre);
  p.prior.sd = *sd;
  return {};
}

// One [[parameter]] table; returns the error, empty when it is good.
std::string read_one(const std::string& file, const toml::table& t, const model::ParameterSet& set,
                     const std::vector<FreeParameter>& seen, FreeParameter& p) {
  const std::string at = where(file, t);
  p.line = static_cast<int>(t.source().begin.line);
  for (const auto& [k, v] : t) {
    const std::string_view key = k.str();
    if (key != "name" && key != "lower" && key != "upper" && key != "scale" && key != "fit" && key != "prior" &&
        key != "prior_only")
      return where(file, v) + "parameter." + std::string(key) +
             ": unknown field (name, lower, upper, scale, fit, prior, prior_only)";
  }
  const auto name = t["name"].value<std::string>();
  if (!name) return at + "parameter.name: missing (a string such as \"cells.treg_emax\")";
  p.name = *name;
  const model::Parameter* mp = set.find(p.name);
  if (!mp) {
    const std::string near = set.closest(p.name);
    return at + "parameter.name: \"" + p.name + "\" is not a model parameter" +
           (near.empty() ? "" : " (did you mean " + near + "?)");
  }
  for (const auto& q : seen)
    if (q.name == p.name) return at + "parameter.name: \"" + p.name + "\" is already listed at line " + std::to_string(q.line);
  const auto lower = t["lower"].value<double>(), upper = t["upper"].value<double>();
  if (!lower || !std::isfinite(*lower)) return at + "parameter.lower: missing or not a finite number (a prior needs bounds)";
  if (!upper || !std::isfinite(*upper)) return at + "parameter.upper: missing or not a finite number (a prior needs bounds)";
  p.lower = *lower;
  p.upper = *upper;
  if (!(p.lower < p.upper)) return at + fmt::format("parameter.lower: {} is not below upper {}", p.lower, p.upper);
  if (mp->min && p.lower < *mp->min)
    return at + fmt::format("parameter.lower: {} is below {}'s own minimum {}", p.lower, p.name, *mp->min);
  if (mp->max && p.upper > *mp->max)
    return at + fmt::format("parameter.upper: {} is above {}'s own maximum {}", p.upper, p.name, *mp->max);
  const std::string scale = t["scale"].value_or(std::string("linear"));
  if (scale != "log" && scale != "linear") return at + "parameter.scale: \"" + scale + "\": give \"log\" or \"linear\"";
  p.log_scale = scale == "log";
  if (p.log_scale && p.lower <= 0) return at + fmt::format("parameter.lower: {} must be above 0 on the log scale", p.lower);
  if (auto f = t["fit"]; f && !f.is_boolean()) return at + "parameter.fit: give true or false";
  p.fit = t["fit"].value_or(true);
  if (mp->value < p.lower || mp->value > p.upper)
    return at + fmt::format("parameter: the current value of {}, {}, is outside [{}, {}]", p.name, mp->value, p.lower, p.upper);
  if (auto f = t["prior_only"]; f && !f.is_boolean()) return at + "parameter.prior_only: give true or false";
  p.prior_only = t["prior_only"].value_or(false);
  if (p.prior_only && p.fit) return at + "parameter.prior_only: a prior-only parameter is not fitted (write fit = false)";
  return read_prior(file, t, p);
}

}  // namespace

FreeRead read_free(std::string_view text, const std::string& file, const model::ParameterSet& set) {
  FreeRead out;
  out.sha256 = data::sha256_hex(text);
  toml::table doc;
  try {
    doc = toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    out.error = file + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return out;
  }
  if (doc["format"].value<int64_t>() != 2) {
    out.error = file + ":1: format: missing or not 2 (write format = 2; every parameter names its prior)";
    return out;
  }
  for (const auto& [k, v] : doc) {
    if (k.str() != "format" && k.str() != "parameter") {
      out.error = where(file, v) + std::string(k.str()) + ": unknown field (format, [[parameter]])";
      return out;
    }
  }
  const toml::array* arr = doc["parameter"].as_array();
  if (!arr || arr->empty()) {
    out.error = file + ":1: parameter: no [[parameter]] tables";
    return out;
  }
  for (const toml::node& n : *arr) {
    const toml::table* t = n.as_table();
    if (!t) {
      out.error = where(file, n) + "parameter: not a table";
      return out;
    }
    FreeParameter p;
    out.error = read_one(file, *t, set, out.parameters, p);
    if (!out.error.empty()) return out;
    out.parameters.push_back(std::move(p));
  }
  bool any_fit = false;
  for (const auto& p : out.parameters) any_fit = any_fit || p.fit;
  if (!any_fit) out.error = file + ":1: parameter: none has fit = true";
  return out;
}

}  // namespace il2t::calibration
