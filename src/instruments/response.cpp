#include "instruments/response.h"

#include <cmath>

#include "instruments/sri.h"

namespace il2t::instruments {

namespace {

using measures::Id;

double at(const measures::Values& v, Id id) { return v[static_cast<std::size_t>(id)]; }
double bilag_at(const measures::Values& v, std::size_t domain) {
  return v[static_cast<std::size_t>(Id::bilag_first) + domain];
}

// The SRI items of a visit; nullopt when any is missing.
std::optional<SriVisit> sri_items(const measures::Values& v) {
  SriVisit out;
  if (std::isnan(at(v, Id::sledai_2k)) || std::isnan(at(v, Id::pga))) return std::nullopt;
  out.sledai = static_cast<int>(at(v, Id::sledai_2k));
  out.pga = at(v, Id::pga);
  for (std::size_t k = 0; k < kBilagDomainCount; ++k) {
    const double g = bilag_at(v, k);
    if (std::isnan(g)) return std::nullopt;
    out.bilag.set(static_cast<BilagDomain>(k), static_cast<BilagGrade>(static_cast<int>(g)));
  }
  return out;
}

}  // namespace

std::optional<bool> sri_response(const measures::Values& base, const measures::Values& follow, int threshold) {
  const auto b = sri_items(base), f = sri_items(follow);
  if (!b || !f) return std::nullopt;
  const auto res = sri(*b, *f, threshold);
  return res.ok() && res->responder;
}

std::optional<SriResult> sri_components(const measures::Values& base, const measures::Values& follow, int threshold) {
  const auto b = sri_items(base), f = sri_items(follow);
  if (!b || !f) return std::nullopt;
  const auto res = sri(*b, *f, threshold);
  if (!res.ok()) return std::nullopt;
  return *res;
}

std::optional<bool> bilag_1a_or_2b(const measures::Values& v) {
  BilagVisit visit;  // a domain not measured stays E: neither A nor B
  bool seen = false;
  for (std::size_t k = 0; k < kBilagDomainCount; ++k) {
    const double g = bilag_at(v, k);
    if (std::isnan(g)) continue;
    seen = true;
    visit.set(static_cast<BilagDomain>(k), static_cast<BilagGrade>(static_cast<int>(g)));
  }
  if (!seen) return std::nullopt;
  return bilag_1a_or_2b(visit);
}

std::optional<bool> essdai_drop(const measures::Values& base, const measures::Values& follow, double points) {
  const double b = at(base, Id::essdai), f = at(follow, Id::essdai);
  if (std::isnan(b) || std::isnan(f)) return std::nullopt;
  return b - f >= points;
}

}  // namespace il2t::instruments
