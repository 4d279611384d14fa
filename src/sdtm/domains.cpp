#include "sdtm/domains.h"

#include <array>

namespace il2t::sdtm {

namespace {

constexpr VarType T = VarType::text;
constexpr VarType N = VarType::number;

constexpr std::array<VariableSpec, 16> kDm{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"SUBJID", T, "Subject Identifier for the Study"},
    {"RFSTDTC", T, "Subject Reference Start Date/Time", true},
    {"RFENDTC", T, "Subject Reference End Date/Time"},
    {"RFPENDTC", T, "Date/Time of End of Participation"},
    {"AGE", N, "Age", true},
    {"AGEU", T, "Age Units"},
    {"SEX", T, "Sex", true},
    {"ARMCD", T, "Planned Arm Code", true},
    {"ARM", T, "Description of Planned Arm"},
    {"ACTARMCD", T, "Actual Arm Code"},
    {"ACTARM", T, "Description of Actual Arm"},
    {"COUNTRY", T, "Country"},
    {"DMDY", N, "Study Day of Collection"},
}};

constexpr std::array<VariableSpec, 10> kDs{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"DSSEQ", N, "Sequence Number", true},
    {"DSTERM", T, "Reported Term for the Disposition Event", true},
    {"DSDECOD", T, "Standardized Disposition Term", true},
    {"DSCAT", T, "Category for Disposition Event"},
    {"EPOCH", T, "Epoch"},
    {"DSSTDTC", T, "Start Date/Time of Disposition Event"},
    {"DSSTDY", N, "Study Day of Start of Disposition Event"},
}};

constexpr std::array<VariableSpec, 14> kEx{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"EXSEQ", N, "Sequence Number", true},
    {"EXTRT", T, "Name of Treatment", true},
    {"EXDOSE", N, "Dose"},
    {"EXDOSU", T, "Dose Units"},
    {"EXDOSFRM", T, "Dose Form"},
    {"EXROUTE", T, "Route of Administration"},
    {"EPOCH", T, "Epoch"},
    {"EXSTDTC", T, "Start Date/Time of Treatment", true},
    {"EXENDTC", T, "End Date/Time of Treatment"},
    {"EXSTDY", N, "Study Day of Start of Treatment"},
    {"EXENDY", N, "Study Day of End of Treatment"},
}};

constexpr std::array<VariableSpec, 10> kSv{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"VISITNUM", N, "Visit Number"},
    {"VISIT", T, "Visit Name"},
    {"EPOCH", T, "Epoch"},
    {"SVSTDTC", T, "Start Date/Time of Visit", true},
    {"SVENDTC", T, "End Date/Time of Visit"},
    {"SVSTDY", N, "Study Day of Start of Visit"},
    {"SVENDY", N, "Study Day of End of Visit"},
}};

constexpr std::array<VariableSpec, 16> kVs{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"VSSEQ", N, "Sequence Number", true},
    {"VSTESTCD", T, "Vital Signs Test Short Name", true},
    {"VSTEST", T, "Vital Signs Test Name"},
    {"VSORRES", T, "Result or Finding in Original Units"},
    {"VSORRESU", T, "Original Units"},
    {"VSSTRESC", T, "Character Result/Finding in Std Format"},
    {"VSSTRESN", N, "Numeric Result/Finding in Standard Units", true},
    {"VSSTRESU", T, "Standard Units", true},
    {"VISITNUM", N, "Visit Number"},
    {"VISIT", T, "Visit Name"},
    {"EPOCH", T, "Epoch"},
    {"VSDTC", T, "Date/Time of Measurements"},
    {"VSDY", N, "Study Day of Vital Signs"},
}};

constexpr std::array<VariableSpec, 14> kAe{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"AESEQ", N, "Sequence Number", true},
    {"AETERM", T, "Reported Term for the Adverse Event", true},
    {"AEDECOD", T, "Dictionary-Derived Term"},
    {"AECAT", T, "Category for Adverse Event"},
    {"AEBODSYS", T, "Body System or Organ Class"},
    {"AESER", T, "Serious Event", true},
    {"AETOXGR", T, "Standard Toxicity Grade"},
    {"EPOCH", T, "Epoch"},
    {"AESTDTC", T, "Start Date/Time of Adverse Event", true},
    {"AEENDTC", T, "End Date/Time of Adverse Event"},
    {"AESTDY", N, "Study Day of Start of Adverse Event"},
}};

constexpr std::array<VariableSpec, 17> kCm{{
    {"STUDYID", T, "Study Identifier", true},
    {"DOMAIN", T, "Domain Abbreviation", true},
    {"USUBJID", T, "Unique Subject Identifier", true},
    {"CMSEQ", N, "Sequence Number", true},
    {"CMTRT", T, "Reported Name of Drug, Med, or Therapy", true},
    {"CMDECOD", T, "Standardized Medication Name"},
    {"CMCAT", T, "Category for Medication"},
    {"CMDOSE", N, "Dose per Administration", true},
    {"CMDOSU", T, "Dose Units", true},
    {"CMDOSFRQ", T, "Dosing Frequency per Interval", true},
    {"CMROUTE", T, "Route of Administration"},
    {"EPOCH", T, "Epoch"},
    {"CMSTDTC", T, "Start Date/Time of Medication", true},
    {"CMENDTC", T, "End Date/Time of Medication"},
    {"CMSTDY", N, "Study Day of Start of Medication"},
    {"CMENDY", N, "Study Day of End of Medication"},
    {"CMENRTPT", T, "End Relative to Reference Time Point"},
}};

// The findings domains share one layout, their prefix aside.
#define IL2T_FINDINGS(P)                                                     \
  {"STUDYID", T, "Study Identifier", true},                                 \
  {"DOMAIN", T, "Domain Abbreviation", true},                               \
  {"USUBJID", T, "Unique Subject Identifier", true},                        \
  {P "SEQ", N, "Sequence Number"},                                    \
  {P "TESTCD", T, "Test or Examination Short Name", true},  \
  {P "TEST", T, "Test or Examination Name"},                \
  {P "CAT", T, "Category"},                                                 \
  {P "ORRES", T, "Result or Finding in Original Units"},                    \
  {P "ORRESU", T, "Original Units"},                                        \
  {P "STRESC", T, "Character Result/Finding in Std Format"},          \
  {P "STRESN", N, "Numeric Result/Finding in Standard Units"},        \
  {P "STRESU", T, "Standard Units"},                                        \
  {"VISITNUM", N, "Visit Number"},                                    \
  {"VISIT", T, "Visit Name"},                                               \
  {"EPOCH", T, "Epoch"},                                                    \
  {P "DTC", T, "Date/Time of Collection"},                            \
  {P "DY", N, "Study Day of Collection"}

constexpr std::array<VariableSpec, 17> kLb{{IL2T_FINDINGS("LB")}};
constexpr std::array<VariableSpec, 17> kRs{{IL2T_FINDINGS("RS")}};
constexpr std::array<VariableSpec, 17> kQs{{IL2T_FINDINGS("QS")}};
#undef IL2T_FINDINGS

const DomainSpec kDmSpec{"DM", "Demographics", kDm};
const DomainSpec kDsSpec{"DS", "Disposition", kDs};
const DomainSpec kExSpec{"EX", "Exposure", kEx};
const DomainSpec kSvSpec{"SV", "Subject Visits", kSv};
const DomainSpec kVsSpec{"VS", "Vital Signs", kVs};
const DomainSpec kAeSpec{"AE", "Adverse Events", kAe};
const DomainSpec kCmSpec{"CM", "Concomitant/Concurrent Medications", kCm};
const DomainSpec kLbSpec{"LB", "Laboratory Test Results", kLb};
const DomainSpec kRsSpec{"RS", "Disease Response and Clin Classification", kRs};
const DomainSpec kQsSpec{"QS", "Questionnaires", kQs};

const std::array<const DomainSpec*, 10> kAll{&kDmSpec, &kDsSpec, &kExSpec, &kSvSpec, &kVsSpec,
                                             &kAeSpec, &kCmSpec, &kLbSpec, &kRsSpec, &kQsSpec};

}  // namespace

const DomainSpec& dm() { return kDmSpec; }
const DomainSpec& ds() { return kDsSpec; }
const DomainSpec& ex() { return kExSpec; }
const DomainSpec& sv() { return kSvSpec; }
const DomainSpec& vs() { return kVsSpec; }
const DomainSpec& ae() { return kAeSpec; }
const DomainSpec& cm() { return kCmSpec; }

const DomainSpec& findings(measures::Domain d) {
  switch (d) {
    case measures::Domain::lb: return kLbSpec;
    case measures::Domain::qs: return kQsSpec;
    case measures::Domain::rs: return kRsSpec;
    case measures::Domain::cm: break;
  }
  return kCmSpec;
}

std::span<const DomainSpec* const> all_domains() { return kAll; }

const DomainSpec* find_domain(std::string_view name) {
  for (const DomainSpec* d : kAll)
    if (d->name == name) return d;
  return nullptr;
}

Dataset empty_dataset(const DomainSpec& spec) {
  Dataset d{std::string(spec.name), ""};
  for (const VariableSpec& v : spec.variables) d.add_column(std::string(v.name), v.type, std::string(v.label));
  return d;
}

}  // namespace il2t::sdtm
