#include "adam/bds.h"

#include <cmath>
#include <map>

#include "sdtm/conventions.h"
#include "trial/endpoints.h"

namespace il2t::adam::detail {

void derive_base(std::vector<BdsRow>& rows, const trial::TrialDesign& d) {
  if (!d.baseline_visit) return;
  std::map<std::pair<std::uint32_t, std::string>, double> base;
  for (BdsRow& row : rows)
    if (row.visit && *row.visit == *d.baseline_visit) {
      base[{row.subject, row.paramcd}] = row.aval;
      row.baseline = true;
    }
  for (BdsRow& row : rows)
    if (const auto it = base.find({row.subject, row.paramcd}); it != base.end()) row.base = it->second;
}

sdtm::Dataset bds_dataset(const std::string& name, const std::vector<BdsRow>& rows, const trial::TrialDesign& d,
                          const trial::TrialRecords& r, const std::string& study,
                          const std::vector<std::string>& usubjid) {
  using sdtm::VarType;
  sdtm::Dataset out(name, "");
  const std::size_t studyid = out.add_column("STUDYID", VarType::text, "Study Identifier");
  const std::size_t usub = out.add_column("USUBJID", VarType::text, "Unique Subject Identifier");
  const std::size_t trtp = out.add_column("TRTP", VarType::text, "Planned Treatment");
  const std::size_t trta = out.add_column("TRTA", VarType::text, "Actual Treatment");
  const std::size_t paramcd = out.add_column("PARAMCD", VarType::text, "Parameter Code");
  const std::size_t param = out.add_column("PARAM", VarType::text, "Parameter");
  const std::size_t avisit = out.add_column("AVISIT", VarType::text, "Analysis Visit");
  const std::size_t avisitn = out.add_column("AVISITN", VarType::number, "Analysis Visit (N)");
  const std::size_t ady = out.add_column("ADY", VarType::number, "Analysis Relative Day");
  const std::size_t aval = out.add_column("AVAL", VarType::number, "Analysis Value");
  const std::size_t avalc = out.add_column("AVALC", VarType::text, "Analysis Value (C)");
  const std::size_t base = out.add_column("BASE", VarType::number, "Baseline Value");
  const std::size_t chg = out.add_column("CHG", VarType::number, "Change from Baseline");
  const std::size_t ablfl = out.add_column("ABLFL", VarType::text, "Baseline Record Flag");
  const std::size_t anl01fl = out.add_column("ANL01FL", VarType::text, "Analysis Flag 01");
  const std::size_t dtype = out.add_column("DTYPE", VarType::text, "Derivation Type");
  for (const BdsRow& row : rows) {
    const trial::ArmInfo& arm = d.arms[r.subjects[row.subject].arm];
    out.begin_row();
    out.set_text(studyid, study);
    out.set_text(usub, usubjid[row.subject]);
    out.set_text(trtp, arm.id);
    out.set_text(trta, arm.id);
    out.set_text(paramcd, row.paramcd);
    out.set_text(param, row.param);
    if (row.visit) {
      out.set_text(avisit, sdtm::visit_name(d.protocol->visits[*row.visit]));
      out.set_number(avisitn, *row.visit + 1);
    }
    out.set_number(ady, row.day);
    out.set_number(aval, row.aval);
    out.set_text(avalc, row.avalc);
    if (row.base) {
      out.set_number(base, *row.base);
      if (row.avalc.empty() || row.paramcd.rfind("BILAG", 0) == 0) out.set_number(chg, row.aval - *row.base);
    }
    out.set_text(ablfl, row.baseline ? "Y" : "");
    out.set_text(anl01fl, row.analysed ? "Y" : "");
    out.set_text(dtype, row.dtype);
  }
  out.finish();
  return out;
}

}  // namespace il2t::adam::detail
