// Regimen durations and the expansion of a regimen into dose days.
#include <cctype>
#include <cmath>

#include "protocol/regimen.h"
#include "protocol/regimen_lexer.h"

namespace il2t::protocol {

int Duration::days() const {
  switch (unit) {
    case DurationUnit::days: return static_cast<int>(std::lround(count));
    case DurationUnit::weeks: return static_cast<int>(std::lround(count * 7.0));
    case DurationUnit::months: return static_cast<int>(std::lround(count * 365.25 / 12.0));
    case DurationUnit::years: return static_cast<int>(std::lround(count * 365.25));
  }
  return 0;
}

int Phase::days() const {
  if (!off && frequency.kind == Frequency::Kind::once) return 1;
  return duration.days();
}

int Regimen::cycle_days() const {
  if (cycle_length) return cycle_length->days();
  int d = 0;
  for (const Phase& p : phases) d += p.days();
  return d;
}

int Regimen::total_days() const { return cycles * cycle_days(); }

std::vector<DoseEvent> expand(const Regimen& r) {
  std::vector<DoseEvent> out;
  const int cycle_len = r.cycle_days();
  for (int c = 0; c < r.cycles; ++c) {
    int start = c * cycle_len;  // 0-based offset of the cycle's first day
    for (std::size_t k = 0; k < r.phases.size(); ++k) {
      const Phase& p = r.phases[k];
      const int len = p.days();
      auto emit = [&](int d) {
        out.push_back({start + d + 1, c + 1, static_cast<int>(k) + 1, p.dose ? p.dose : r.dose});
      };
      if (!p.off) {
        switch (p.frequency.kind) {
          case Frequency::Kind::once: emit(0); break;
          case Frequency::Kind::every_n_days:
            for (int d = 0; d < len; d += p.frequency.n) emit(d);
            break;
          case Frequency::Kind::times_per_week:
            for (int w = 0; 7 * w < len; ++w) {
              for (int i = 0; i < p.frequency.n; ++i) {
                const int d = 7 * w + (7 * i) / p.frequency.n;
                if (d < len) emit(d);
              }
            }
            break;
        }
      }
      start += len;
    }
  }
  return out;
}

std::optional<FoundDose> find_dose_in_text(std::string_view text) {
  // Parentheses of prose ("rhIL-2 (100IU)") are spaces here; offsets stay the same.
  std::string plain;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    // "1,000,000 IU": a comma between digit groups is a thousands separator, not a list.
    const bool thousands = c == ',' && i > 0 && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                           i + 3 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1])) &&
                           std::isdigit(static_cast<unsigned char>(text[i + 2])) &&
                           std::isdigit(static_cast<unsigned char>(text[i + 3])) &&
                           (i + 4 >= text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4])));
    if (thousands) continue;
    plain += (c == '(' || c == ')') ? ' ' : c;
  }
  // "100万IU": the 万 stands apart from the unit.
  for (std::size_t at = plain.find("万"); at != std::string::npos; at = plain.find("万", at + 4)) {
    plain.insert(at + 3, " ");
    plain.insert(at, " ");
  }
  text = plain;  // offsets below refer to the cleaned text
  const auto tokens = detail::tokenize(plain);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    std::optional<double> n = tokens[i].is_number ? std::optional<double>(tokens[i].number)
                                                  : detail::number_word(tokens[i].lower);
    if (!n) continue;
    std::size_t unit_at = i + 1;
    double factor = 1.0;
    if ((tokens[unit_at].lower == "million" || tokens[unit_at].lower == "millions") && unit_at + 1 < tokens.size()) {
      factor = 1e6;
      ++unit_at;
    } else if (tokens[unit_at].lower == "万" && unit_at + 1 < tokens.size()) {  // Chinese 10^4
      factor = 1e4;
      ++unit_at;
    }
    std::string unit_text = tokens[unit_at].text;
    // Trailing punctuation of prose: "0.5ml." or "100IU)".
    while (!unit_text.empty() && (unit_text.back() == '.' || unit_text.back() == ')')) unit_text.pop_back();
    auto unit = units::parse_dose_unit(unit_text);
    if (!unit) continue;
    units::Dose d{*n * factor, *unit, {}};
    const int begin = tokens[i].offset;
    const int end = tokens[unit_at].offset + static_cast<int>(unit_text.size());
    return FoundDose{d, std::string(text.substr(begin, end - begin)), begin};
  }
  return std::nullopt;
}

}  // namespace il2t::protocol
