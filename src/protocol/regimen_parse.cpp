// Parses regimen text (see regimen.h for the grammar) into a Regimen.
#include <cmath>
#include <initializer_list>

#include "protocol/regimen.h"
#include "protocol/regimen_lexer.h"

namespace il2t::protocol {

namespace {

using detail::Token;

struct ParseFailure {
  int offset;
  std::string message;
};

class Parser {
 public:
  Parser(std::vector<Token> tokens, int end) : t_(std::move(tokens)), end_(end) {}

  Regimen regimen() {
    Regimen r;
    r.dose = maybe_dose();
    r.route = maybe_route();
    r.phases.push_back(phase());
    while (!done() && !at(";")) {
      if (at(",")) {
        ++i_;
        accept("then");
      } else if (!accept("then") && !accept_seq({"followed", "by"})) {
        fail("expected \", then\" and another phase, or \"; N cycles\"");
      }
      accept_seq({"followed", "by"});
      r.phases.push_back(phase());
    }
    if (r.phases.front().off) {
      i_ = 0;
      fail("the regimen starts with a rest: study day 1 is the first dose, so begin with a dosing phase");
    }
    if (accept(";")) cycles(r);
    if (!done()) fail("unexpected text after the regimen");
    return r;
  }

 private:
  std::vector<Token> t_;
  std::size_t i_ = 0;
  int end_;

  bool done() const { return i_ >= t_.size(); }
  const Token& cur() const { return t_[i_]; }
  int offset() const { return done() ? end_ : cur().offset; }
  bool at(std::string_view w, std::size_t ahead = 0) const {
    return i_ + ahead < t_.size() && t_[i_ + ahead].lower == w;
  }
  bool accept(std::string_view w) {
    if (!at(w)) return false;
    ++i_;
    return true;
  }
  bool accept_seq(std::initializer_list<std::string_view> words) {
    std::size_t k = 0;
    for (auto w : words) {
      if (!at(w, k)) return false;
      ++k;
    }
    i_ += k;
    return true;
  }
  [[noreturn]] void fail(std::string message) const { throw ParseFailure{offset(), std::move(message)}; }
  std::string near() const { return done() ? "the end of the text" : "\"" + cur().text + "\""; }

  // A number written as digits or as a word ("two").
  std::optional<double> number_at(std::size_t ahead = 0) const {
    if (i_ + ahead >= t_.size()) return std::nullopt;
    const Token& t = t_[i_ + ahead];
    if (t.is_number) return t.number;
    return detail::number_word(t.lower);
  }

  // A dose starts with a number followed by a unit ("1 MIU", "0.5 mL of 1 mg/mL").
  std::optional<units::Dose> maybe_dose() {
    auto n = number_at();
    if (!n || i_ + 1 >= t_.size()) return std::nullopt;
    const Token& unit_tok = t_[i_ + 1];
    if (unit_tok.lower == "million" && (at("iu", 2) || at("units", 2) || at("u", 2))) {
      i_ += 3;
      return finish_dose(units::Dose{*n, {units::Base::miu, units::Per::none}, {}});
    }
    auto unit = units::parse_dose_unit(unit_tok.text);
    if (!unit) {
      if (looks_like_unit(unit_tok.lower)) {
        i_ += 1;
        fail("unknown dose unit \"" + unit_tok.text +
             "\" (known: IU, MIU, U/m², mg, µg, mg/kg, mg/m², mL with a concentration)");
      }
      return std::nullopt;
    }
    i_ += 2;
    if (*n <= 0 || !std::isfinite(*n)) {
      i_ -= 2;
      fail("a dose must be a positive number");
    }
    return finish_dose(units::Dose{*n, *unit, {}});
  }

  static bool looks_like_unit(const std::string& w) {
    if (w.empty()) return false;
    return w.find('/') != std::string::npos || w == "g" || w == "ng" || w == "l" || w == "kiu";
  }

  units::Dose finish_dose(units::Dose d) {
    if (d.unit.base != units::Base::ml) return d;
    if (!accept("of")) return d;  // validate reports a volume without concentration
    auto c = number_at();
    if (!c || i_ + 1 >= t_.size()) fail("expected a concentration such as \"1 mg/mL\" after \"of\"");
    auto cu = units::parse_concentration_unit(t_[i_ + 1].text);
    if (!cu) {
      ++i_;
      fail("expected a concentration unit such as \"mg/mL\", got " + near());
    }
    i_ += 2;
    d.concentration = units::Concentration{*c, *cu};
    return d;
  }

  Route maybe_route() {
    if (accept("sc") || accept("s.c.") || accept("subcutaneous") || accept("subcutaneously"))
      return Route::sc;
    if (accept("iv") || accept("i.v.") || accept("intravenous") || accept("intravenously"))
      return Route::iv;
    if (accept("im") || accept("i.m.") || accept("intramuscular") || accept("intramuscularly")) return Route::im;
    if (accept("po") || accept("p.o.") || accept("oral") || accept("orally") || accept_seq({"by", "mouth"}))
      return Route::po;
    return Route::unspecified;
  }

  Phase phase() {
    Phase p;
    if (single_dose()) {
      p.frequency.kind = Frequency::Kind::once;
      return p;
    }
    if (accept("off")) {  // "off for 2 weeks"
      p.off = true;
      if (!accept("for")) fail("expected \"for\" and a duration after \"off\"");
      p.duration = duration();
      return p;
    }
    if (number_at() && i_ + 1 < t_.size() && duration_unit(t_[i_ + 1].lower)) {  // "2 weeks off"
      p.off = true;
      p.duration = duration();
      if (!accept("off") && !accept("break") && !accept("rest")) fail("expected \"off\" after the duration");
      return p;
    }
    p.dose = maybe_dose();
    if (p.dose && single_dose()) {  // "then 2 MIU once"
      p.frequency.kind = Frequency::Kind::once;
      return p;
    }
    p.frequency = frequency();
    if (!accept("for")) fail("expected \"for\" and a duration, got " + near());
    p.duration = duration();
    return p;
  }

  // "once" or "single dose", but not "once daily" / "once a week".
  bool single_dose() {
    const bool once_is_frequency = at("daily", 1) || at("a", 1) || at("per", 1) || at("weekly", 1);
    if (at("once") && !once_is_frequency) {
      ++i_;
      return true;
    }
    return accept_seq({"single", "dose"});
  }

  static std::optional<DurationUnit> duration_unit(const std::string& w) {
    if (w == "day" || w == "days") return DurationUnit::days;
    if (w == "week" || w == "weeks") return DurationUnit::weeks;
    if (w == "month" || w == "months") return DurationUnit::months;
    if (w == "year" || w == "years") return DurationUnit::years;
    return std::nullopt;
  }

  Duration duration() {
    auto n = number_at();
    if (!n) fail("expected a duration such as \"12 weeks\", got " + near());
    if (*n <= 0 || !std::isfinite(*n)) fail("a duration must be positive");
    ++i_;
    auto u = done() ? std::nullopt : duration_unit(cur().lower);
    if (!u) fail("expected \"days\", \"weeks\", \"months\" or \"years\", got " + near());
    ++i_;
    Duration d{*n, *u};
    if (d.days() < 1) {
      i_ -= 2;
      fail("a duration must be at least one day");
    }
    return d;
  }

  int positive_int(const char* what) {
    auto n = number_at();
    if (!n || *n < 1 || *n != std::floor(*n) || *n > 10000) fail(std::string("expected ") + what);
    ++i_;
    return static_cast<int>(*n);
  }

  Frequency frequency() {
    using K = Frequency::Kind;
    if (accept("daily") || accept_seq({"once", "daily"}) || accept_seq({"once", "a", "day"}) ||
        accept_seq({"once", "per", "day"}) || accept_seq({"every", "day"}) || accept("qd"))
      return {K::every_n_days, 1};
    if (accept_seq({"every", "other", "day"}) || accept_seq({"every", "second", "day"}) ||
        accept_seq({"on", "alternate", "days"}) || accept("qod"))
      return {K::every_n_days, 2};
    if (accept("weekly") || accept_seq({"once", "a", "week"}) || accept_seq({"once", "weekly"}) ||
        accept_seq({"once", "per", "week"}) || accept_seq({"every", "week"}))
      return {K::every_n_days, 7};
    if (accept_seq({"every", "other", "week"})) return {K::every_n_days, 14};
    if (accept_seq({"twice", "a", "week"}) || accept_seq({"twice", "weekly"}) ||
        accept_seq({"twice", "per", "week"}))
      return {K::times_per_week, 2};
    if (accept_seq({"thrice", "weekly"}) || accept_seq({"thrice", "a", "week"}) || accept_seq({"thrice", "per", "week"}))
      return {K::times_per_week, 3};
    if (at("biweekly")) fail("\"biweekly\" is ambiguous: write \"every 2 weeks\" or \"twice a week\"");
    if (accept("every")) {
      const int n = positive_int("a number of days or weeks after \"every\"");
      if (accept("day") || accept("days")) return {K::every_n_days, n};
      if (accept("week") || accept("weeks")) return {K::every_n_days, 7 * n};
      fail("expected \"days\" or \"weeks\", got " + near());
    }
    if (number_at() && (at("times", 1))) {
      const std::size_t start = i_;
      const int n = positive_int("a number of doses a week");
      ++i_;  // "times"
      if (!(accept_seq({"a", "week"}) || accept_seq({"per", "week"}) || accept("weekly")))
        fail("expected \"a week\" after \"times\"");
      if (n > 7) {
        i_ = start;
        fail("more than 7 doses a week: write \"daily\" or split the doses");
      }
      if (n == 1) return {K::every_n_days, 7};  // "1 times a week" is weekly
      return {K::times_per_week, n};
    }
    fail("expected a frequency (\"daily\", \"every other day\", \"every 3 days\", \"weekly\", "
         "\"twice a week\", \"every 2 weeks\", \"once\"), got " + near());
  }

  void cycles(Regimen& r) {
    r.cycles = positive_int("a number of cycles after \";\"");
    if (!accept("cycles") && !accept("cycle")) fail("expected \"cycles\", got " + near());
    if (accept("of")) r.cycle_length = duration();
  }
};

}  // namespace

RegimenParse parse_regimen(std::string_view text) {
  auto tokens = detail::tokenize(text);
  if (tokens.empty()) return {std::nullopt, RegimenError{.message = "the regimen is empty"}};
  try {
    Parser p(std::move(tokens), static_cast<int>(text.size()));
    return {p.regimen(), std::nullopt};
  } catch (const ParseFailure& f) {
    return {std::nullopt, RegimenError{.message = f.message, .offset = f.offset}};
  }
}

}  // namespace il2t::protocol
