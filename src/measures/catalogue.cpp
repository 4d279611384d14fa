#include "measures/catalogue.h"

#include <array>
#include <limits>

namespace il2t::measures {

namespace {

constexpr double kNoUpper = 1e15;  // counts, doses and copies: not negative, no stated ceiling

constexpr std::array<TestSpec, kTestCount> kTests{{
    {Id::sledai_2k, "SLEDAI2K", "SLEDAI-2K", "", Domain::rs, 0, 105, true, "", false, "SLEDAI-2K"},
    {Id::pga, "PGA", "physician's global assessment", "", Domain::rs, 0, 3, false, "", false, "PGA"},
    {Id(2), "BILAGCON", "BILAG-2004 constitutional", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(3), "BILAGMUC", "BILAG-2004 mucocutaneous", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(4), "BILAGNPS", "BILAG-2004 neuropsychiatric", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(5), "BILAGMSK", "BILAG-2004 musculoskeletal", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(6), "BILAGCRS", "BILAG-2004 cardiorespiratory", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(7), "BILAGGI", "BILAG-2004 gastrointestinal", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(8), "BILAGOPH", "BILAG-2004 ophthalmic", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(9), "BILAGREN", "BILAG-2004 renal", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id(10), "BILAGHAE", "BILAG-2004 haematological", "grade", Domain::rs, 0, 4, true, "", false, "BILAG-2004", "ABCDE"},
    {Id::essdai, "ESSDAI", "ESSDAI", "", Domain::rs, 0, 123, true, "", false, "ESSDAI"},
    {Id::esspri, "ESSPRI", "ESSPRI", "", Domain::qs, 0, 10, false, "", false, "ESSPRI"},
    {Id::jadas27, "JADAS27", "JADAS-27", "", Domain::rs, 0, 57, false, "", false, "JADAS-27"},
    {Id::treg_pct, "TREGPCT", "Treg % of CD4+ T cells", "%", Domain::lb, 0, 100, false},
    {Id::nk, "NK", "NK cells", "cells/µL", Domain::lb, 0, kNoUpper, false},
    {Id::cd8, "CD8", "CD8+ T cells", "cells/µL", Domain::lb, 0, kNoUpper, false},
    {Id::prednisone, "PREDDOSE", "prednisone-equivalent dose", "mg/day", Domain::cm, 0, kNoUpper, false},
    {Id::cmv, "CMVDNA", "CMV DNA", "copies/mL", Domain::lb, 0, kNoUpper, false},
    {Id::treg, "TREG", "Treg count", "cells/µL", Domain::lb, 0, kNoUpper, false},
    {Id::c3, "C3", "complement C3", "g/L", Domain::lb, 0, 20, false, "c3_g_L", true},
    {Id::c4, "C4", "complement C4", "g/L", Domain::lb, 0, 10, false, "c4_g_L", true},
    {Id::anti_dsdna, "DSDNA", "anti-dsDNA antibodies", "IU/mL", Domain::lb, 0, kNoUpper, false, "anti_dsdna_IU_mL", true},
}};

constexpr Reading kNone = Reading::not_simulated;

// One instrument read as a value of `t`.
constexpr InstrumentSpec value_of(std::string_view id, Id t, HistogramRange h = {}, std::string_view note = "") {
  return {id, Reading::value, Reading::value, Reading::value, t, false, false, h, note};
}
constexpr InstrumentSpec not_simulated(std::string_view id) { return {id, kNone, kNone, kNone, std::nullopt}; }

constexpr std::array<InstrumentSpec, 21> kInstruments{{
    {"sri-4", Reading::sri4, Reading::sri4, Reading::sri4, std::nullopt},
    value_of("sledai-2k", Id::sledai_2k),
    value_of("selena-sledai", Id::sledai_2k, {}, "SLEDAI-2K stands in: the model scores no SELENA variant"),
    not_simulated("bilag-2004"),
    not_simulated("pga"),
    value_of("essdai", Id::essdai),
    value_of("esspri", Id::esspri),
    not_simulated("vas-patient"),
    not_simulated("vas-physician"),
    value_of("jadas", Id::jadas27),
    {"ctcae", Reading::any_event, Reading::any_event, Reading::any_event, std::nullopt},
    value_of("treg-percent", Id::treg_pct, {0, 40, 200}),
    not_simulated("cell-counts"),
    not_simulated("cytokines"),
    value_of("complement", Id::c3, {0, 3, 150}, "C3; C4 is recorded beside it (test C4)"),
    {"anti-dsdna", Reading::value, Reading::value, Reading::value, Id::anti_dsdna, true, false, {0, 5, 100}},
    value_of("steroid-dose", Id::prednisone, {0, 80, 160}),
    not_simulated("immunosuppressant-dose"),
    {"infection", Reading::any_event, Reading::any_event, Reading::time_to_event, std::nullopt, false, true},
    {"adverse-event", Reading::any_event, Reading::any_event, Reading::any_event, std::nullopt},
    {"cmv-viral-load", Reading::value, Reading::undetectable, Reading::value, Id::cmv, true, false, {0, 8, 160}},
}};

}  // namespace

Values no_values() {
  Values v;
  v.fill(std::numeric_limits<double>::quiet_NaN());
  return v;
}

std::span<const TestSpec> tests() { return kTests; }

const TestSpec& test(Id id) { return kTests[static_cast<std::size_t>(id)]; }

std::optional<Id> find_test(std::string_view code) {
  for (const TestSpec& t : kTests)
    if (t.code == code) return t.id;
  return std::nullopt;
}

std::span<const InstrumentSpec> instruments() { return kInstruments; }

const InstrumentSpec* find_instrument(std::string_view id) {
  for (const InstrumentSpec& i : kInstruments)
    if (i.id == id) return &i;
  return nullptr;
}

namespace {
using Takes = MethodSpec::Takes;
constexpr std::string_view kBinary = "a binary response (SRI-4, CMV clearance, any adverse event or infection)";
constexpr std::string_view kValue = "a value measured at a visit";
constexpr std::string_view kTime = "a time to an event (infection)";
constexpr std::string_view kCount = "a count of events over time at risk (adverse events, infections)";
constexpr std::array<MethodSpec, 13> kMethods{{
    {"fisher", Takes::binary, kBinary},
    {"chi-square", Takes::binary, kBinary},
    {"cmh", Takes::binary, kBinary},
    {"logistic", Takes::binary, kBinary},
    {"t-test", Takes::reading, kValue},
    {"ancova", Takes::reading, kValue},
    {"mmrm", Takes::reading, kValue},
    {"wilcoxon", Takes::reading, kValue},
    {"mcp-mod", Takes::reading, kBinary, false},
    {"logrank", Takes::time, kTime},
    {"cox", Takes::time, kTime},
    {"poisson", Takes::count, kCount},
    {"descriptive", Takes::reading, "", false},
}};
bool binary(Reading r) { return r == Reading::sri4 || r == Reading::undetectable || r == Reading::any_event; }
}  // namespace

std::span<const MethodSpec> methods() { return kMethods; }

const MethodSpec* find_method(std::string_view name) {
  for (const MethodSpec& m : kMethods)
    if (m.name == name) return &m;
  return nullptr;
}

bool runs_on(const MethodSpec& m, Reading r) {
  if (r == Reading::not_simulated || m.needs.empty()) return true;
  if (m.needs == kBinary) return binary(r);
  if (m.needs == kValue) return r == Reading::value;
  if (m.needs == kTime) return r == Reading::time_to_event;
  return r == Reading::event_count;
}

Reading reading_for(std::string_view id, std::string_view method) {
  const InstrumentSpec* i = find_instrument(id);
  const MethodSpec* m = find_method(method);
  if (!i || !m) return Reading::not_simulated;
  switch (m->takes) {
    case Takes::binary: return i->binary_reading;
    case Takes::time: return i->cox_reading;
    case Takes::count: return i->binary_reading == Reading::any_event ? Reading::event_count : i->reading;
    case Takes::reading: break;
  }
  return i->reading;
}

}  // namespace il2t::measures
