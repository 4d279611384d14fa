#include "trial/records.h"

namespace il2t::trial {

std::string_view test_code(Test t) {
  static constexpr std::string_view kBilag[] = {"BILAGCON", "BILAGMUC", "BILAGNPS", "BILAGMSK", "BILAGCRS",
                                                "BILAGGI",  "BILAGOPH", "BILAGREN", "BILAGHAE"};
  const auto i = static_cast<std::size_t>(t);
  const auto b = static_cast<std::size_t>(Test::bilag_first);
  if (i >= b && i < b + instruments::kBilagDomainCount) return kBilag[i - b];
  switch (t) {
    case Test::sledai_2k: return "SLEDAI2K";
    case Test::pga: return "PGA";
    case Test::essdai: return "ESSDAI";
    case Test::esspri: return "ESSPRI";
    case Test::jadas27: return "JADAS27";
    case Test::treg_pct: return "TREGPCT";
    case Test::nk: return "NK";
    case Test::cd8: return "CD8";
    case Test::prednisone: return "PREDDOSE";
    case Test::cmv: return "CMVDNA";
    case Test::treg: return "TREG";
    default: return "";
  }
}

void TrialRecords::clear() {
  subjects.clear();
  findings.clear();
  events.clear();
  finding_begin.clear();
  event_begin.clear();
  screened = screen_failures = undetermined = 0;
  failed_by.clear();
  terms.clear();
}

const Finding* TrialRecords::find(std::uint32_t subject, std::uint16_t visit, Test test) const {
  for (std::uint32_t i = finding_begin[subject]; i < finding_begin[subject + 1]; ++i) {
    const Finding& f = findings[i];
    if (f.visit == visit && f.test == test) return &f;
    if (f.visit > visit) break;
  }
  return nullptr;
}

}  // namespace il2t::trial
