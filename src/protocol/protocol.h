#pragma once
// A trial protocol as il2trial reads it from a protocol file (docs/protocol-format.md):
// identity, population, eligibility, arms with regimens, randomisation, visits and
// endpoints. Every fact keeps its origin (registry / interpreted / assumed).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocol/origin.h"
#include "protocol/regimen.h"

namespace il2t::protocol {

using Strings = std::vector<std::string>;

struct Source {
  Strings records;  // registry ids whose records this file encodes
  Strings copies;   // the stored copies the text was taken from
  friend bool operator==(const Source&, const Source&) = default;
};

struct Identity {
  Fact<std::string> id;
  Fact<Strings> registry_ids;
  Fact<std::string> title;
  Fact<std::string> sponsor;
  Fact<std::string> phase;    // "1", "1/2", "2", "2/3", "3", "4", "n/a"
  Fact<std::string> design;   // randomised | non-randomised | observational
  Fact<std::string> masking;  // none | single | double | triple | quadruple
  Fact<std::string> status;
  Fact<std::int64_t> enrolment;
  friend bool operator==(const Identity&, const Identity&) = default;
};

struct Timeline {
  Fact<double> treatment_weeks;  // the dosing period
  Fact<double> duration_weeks;   // first dose to last visit
  friend bool operator==(const Timeline&, const Timeline&) = default;
};

struct Range {
  std::optional<Fact<double>> min, max;
  friend bool operator==(const Range&, const Range&) = default;
};

struct Population {
  Fact<Strings> conditions;
  Range age_years;
  Range weight_kg;
  Fact<std::string> sex;  // all | female | male
  std::optional<Fact<bool>> healthy_volunteers;
  // The participant that body-size-based doses are shown for.
  std::optional<Fact<double>> reference_weight_kg, reference_height_cm;
  friend bool operator==(const Population&, const Population&) = default;
};

struct Criterion {
  std::string id;
  std::string text;                 // the registry's words
  std::optional<std::string> expr;  // evaluated by src/eligibility; absent when manual
  bool manual = false;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Criterion& a, const Criterion& b) {
    return a.id == b.id && a.text == b.text && a.expr == b.expr && a.manual == b.manual &&
           a.origin == b.origin;
  }
};

struct Eligibility {
  std::vector<Criterion> inclusion, exclusion;
  friend bool operator==(const Eligibility&, const Eligibility&) = default;
};

struct Intervention {
  Fact<std::string> drug;
  Fact<std::string> regimen_text;   // as written in the file
  std::optional<Regimen> regimen;   // parsed; absent if it did not parse
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Intervention& a, const Intervention& b) {
    return a.drug == b.drug && a.regimen == b.regimen && a.regimen_text.origin == b.regimen_text.origin &&
           a.origin == b.origin;
  }
};

struct Arm {
  std::string id;
  Fact<std::string> label;
  Fact<double> ratio;
  std::vector<Intervention> interventions;
  Fact<Strings> background;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Arm& a, const Arm& b) {
    return a.id == b.id && a.label == b.label && a.ratio == b.ratio &&
           a.interventions == b.interventions && a.background == b.background && a.origin == b.origin;
  }
};

struct Randomisation {
  Fact<std::string> method;  // permuted-blocks | simple | none
  Fact<std::vector<std::int64_t>> block_sizes;
  Fact<Strings> strata;
  friend bool operator==(const Randomisation&, const Randomisation&) = default;
};

struct Visit {
  std::string id;
  std::string unit;  // "day", "week" or "month": the key it was written with
  Fact<double> at;   // in `unit`s after the first dose (week 0 is study day 1)
  Fact<double> window_days;
  Origin origin;
  SourcePos pos;
  int study_day() const;  // 1-based target day
  friend bool operator==(const Visit& a, const Visit& b) {
    return a.id == b.id && a.unit == b.unit && a.at == b.at && a.window_days == b.window_days &&
           a.origin == b.origin;
  }
};

struct Analysis {
  Fact<std::string> method;  // fisher | cmh | chi-square | ancova | mmrm | wilcoxon | ...
  Fact<Strings> covariates;
  std::optional<Fact<double>> alpha;
  // Across the doses compared with one reference: none | bonferroni | holm | hochberg | dunnett
  std::optional<Fact<std::string>> multiplicity;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Analysis& a, const Analysis& b) {
    return a.method == b.method && a.covariates == b.covariates && a.alpha == b.alpha &&
           a.multiplicity == b.multiplicity && a.origin == b.origin;
  }
};

struct Endpoint {
  std::string id;
  Fact<std::string> kind;  // primary | secondary
  Fact<std::string> measure;
  Fact<std::string> description;
  Fact<std::string> instrument;
  Fact<Strings> timepoints;  // visit ids
  Fact<Strings> compare;     // arm ids
  Analysis analysis;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Endpoint& a, const Endpoint& b) {
    return a.id == b.id && a.kind == b.kind && a.measure == b.measure &&
           a.description == b.description && a.instrument == b.instrument &&
           a.timepoints == b.timepoints && a.compare == b.compare && a.analysis == b.analysis &&
           a.origin == b.origin;
  }
};

// How fast participants are enrolled ([recruitment]): a Poisson process whose rate rises
// linearly from 0 to `per_month` over the first `ramp_up_months` (0: at once).
struct Recruitment {
  Fact<double> per_month;
  std::optional<Fact<double>> ramp_up_months;
  SourcePos pos;
  friend bool operator==(const Recruitment& a, const Recruitment& b) {
    return a.per_month == b.per_month && a.ramp_up_months == b.ramp_up_months;
  }
};

// A group-sequential design ([group_sequential]): the endpoint whose main comparison the
// looks decide on, the direction that favours IL-2, and the boundaries' spending.
struct GroupSequential {
  Fact<std::string> endpoint;
  Fact<std::string> benefit;   // higher | lower: the estimate's direction that favours the IL-2 arm
  Fact<std::string> efficacy;  // obrien-fleming | pocock | hwang-shih-decani | kim-demets (alpha spending),
                               // obrien-fleming-fixed | pocock-fixed (classical bounds)
  std::optional<Fact<double>> efficacy_gamma;  // γ of hwang-shih-decani and kim-demets
  std::optional<Fact<std::string>> futility;   // none, or a beta-spending family as above
  std::optional<Fact<double>> futility_gamma;
  std::optional<Fact<double>> beta;            // the type II error futility spending is set against
  std::optional<Fact<bool>> binding_futility;
  SourcePos pos;
  friend bool operator==(const GroupSequential& a, const GroupSequential& b) {
    return a.endpoint == b.endpoint && a.benefit == b.benefit && a.efficacy == b.efficacy &&
           a.efficacy_gamma == b.efficacy_gamma && a.futility == b.futility && a.futility_gamma == b.futility_gamma &&
           a.beta == b.beta && a.binding_futility == b.binding_futility;
  }
};

// An interim look ([[interim]]): when a fraction of the planned participants have
// reached the decision visit (`information`), or at a calendar month after
// recruitment opens (`month`); one of the two.
struct Interim {
  std::optional<Fact<double>> information, month;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const Interim& a, const Interim& b) {
    return a.information == b.information && a.month == b.month && a.origin == b.origin;
  }
};

// An arm's endpoint stated directly ([[assumed]]), as rpact and FACTS users state it:
// a response rate for a response, or a mean and SD for a value. `simulate` analyses
// these draws next to the model's and compares the two.
struct AssumedOutcome {
  Fact<std::string> endpoint, arm;
  std::optional<Fact<double>> rate, mean, sd;
  Origin origin;
  SourcePos pos;
  friend bool operator==(const AssumedOutcome& a, const AssumedOutcome& b) {
    return a.endpoint == b.endpoint && a.arm == b.arm && a.rate == b.rate && a.mean == b.mean && a.sd == b.sd &&
           a.origin == b.origin;
  }
};

struct Protocol {
  std::int64_t format = 1;
  Source source;
  Identity identity;
  Timeline timeline;
  Population population;
  Eligibility eligibility;
  std::vector<Arm> arms;
  Randomisation randomisation;
  std::vector<Visit> visits;
  std::vector<Endpoint> endpoints;
  std::optional<Recruitment> recruitment;
  std::optional<GroupSequential> group_sequential;
  std::vector<Interim> interims;
  std::vector<AssumedOutcome> assumed;
  friend bool operator==(const Protocol&, const Protocol&) = default;

  const Arm* find_arm(std::string_view id) const;
  const Visit* find_visit(std::string_view id) const;
};

}  // namespace il2t::protocol
