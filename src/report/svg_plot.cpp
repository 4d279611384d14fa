#include "report/svg_plot.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace il2t::report {

const char* palette_colour(std::size_t i) {
  static constexpr const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
  return kColours[i % 6];
}

std::string xml_escape(const std::string& s) {
  std::string o;
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

namespace {

// A "nice" tick step for a range (1, 2 or 5 × 10^k).
double nice_step(double range, int target) {
  const double raw = range / std::max(1, target);
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

std::string tick_label(double v) { return fmt::format("{:.4g}", v); }

}  // namespace

std::string svg_panels(const std::string& title, const std::vector<Panel>& panels, int width, int panel_height,
                       const std::string& x_label, double x_pad) {
  const double left = 70, right = 150, top = 30, gap = 36;
  const double plot_w = width - left - right;
  const int height = static_cast<int>(top + static_cast<double>(panels.size()) * (panel_height + gap) + 20);
  double x0 = INFINITY, x1 = -INFINITY;
  for (const Panel& p : panels)
    for (const Series& s : p.series)
      for (double x : s.x) { x0 = std::min(x0, x); x1 = std::max(x1, x); }
  if (!(x1 > x0)) { x0 = 0; x1 = 1; }
  const double pad = x_pad * (x1 - x0);
  x0 -= pad;
  x1 += pad;
  std::string o = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} {1}\" "
      "font-family=\"sans-serif\" font-size=\"11\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
      "<text x=\"{2}\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{3}</text>\n",
      width, height, left, xml_escape(title));
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * plot_w; };
  for (std::size_t k = 0; k < panels.size(); ++k) {
    const Panel& p = panels[k];
    const double y_top = top + static_cast<double>(k) * (panel_height + gap) + 14;
    const double h = panel_height - 14;
    double lo = INFINITY, hi = -INFINITY;
    for (const Series& s : p.series)
      for (const auto* v : {&s.y, &s.lower, &s.upper})
        for (double y : *v)
          if (std::isfinite(y) && (!p.log_y || y > 0)) { lo = std::min(lo, y); hi = std::max(hi, y); }
    if (!std::isfinite(lo)) { lo = 0; hi = 1; }
    if (p.log_y) { lo = std::log10(lo); hi = std::log10(hi); }
    if (!p.log_y) lo = std::min(lo, 0.0);
    if (hi - lo < 1e-12) hi = lo + 1;
    hi += 0.05 * (hi - lo);  // headroom, so a flat series does not sit on the frame
    auto py = [&](double y) {
      const double v = p.log_y ? std::log10(std::max(y, 1e-300)) : y;
      return y_top + h - (v - lo) / (hi - lo) * h;
    };
    o += fmt::format("<text x=\"{}\" y=\"{}\" font-weight=\"bold\">{}</text>\n", left, y_top - 4, xml_escape(p.title));
    o += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", left, y_top,
                     plot_w, h);
    const double step = nice_step(hi - lo, 4);
    for (double t = std::ceil(lo / step) * step; t <= hi + 1e-9 * step; t += step) {
      const double y = y_top + h - (t - lo) / (hi - lo) * h;
      o += fmt::format("<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#eee\"/>"
                       "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       left, left + plot_w, y, y, left - 4, y + 4, tick_label(p.log_y ? std::pow(10.0, t) : t));
    }
    for (double m : p.marks)
      o += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#d62728\"/>\n", px(m),
                       y_top + h, y_top + h + 5);
    int legend_row = 0;
    for (const Series& s : p.series) {
      auto sx = [&](double x) { return px(x) + s.dx; };
      const bool banded = !s.lower.empty() && s.lower.size() == s.x.size() && s.upper.size() == s.x.size();
      if (banded && !s.whiskers) {
        std::string band;
        for (std::size_t i = 0; i < s.x.size(); ++i)
          if (std::isfinite(s.upper[i])) band += fmt::format("{:.1f},{:.1f} ", sx(s.x[i]), py(s.upper[i]));
        for (std::size_t i = s.x.size(); i-- > 0;)
          if (std::isfinite(s.lower[i])) band += fmt::format("{:.1f},{:.1f} ", sx(s.x[i]), py(s.lower[i]));
        o += fmt::format("<polygon fill=\"{}\" fill-opacity=\"0.15\" stroke=\"none\" points=\"{}\"/>\n", s.colour, band);
      }
      if (banded && s.whiskers)
        for (std::size_t i = 0; i < s.x.size(); ++i) {
          if (!std::isfinite(s.lower[i]) || !std::isfinite(s.upper[i])) continue;
          const double x = sx(s.x[i]), lo_y = py(s.lower[i]), hi_y = py(s.upper[i]);
          o += fmt::format("<path d=\"M{0:.1f},{1:.1f}V{2:.1f}M{3:.1f},{1:.1f}H{4:.1f}M{3:.1f},{2:.1f}H{4:.1f}\" stroke=\"{5}\" "
                           "stroke-width=\"1.5\" fill=\"none\"/>\n",
                           x, lo_y, hi_y, x - 4, x + 4, s.colour);
        }
      std::string pts, marks;
      for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
        if (!std::isfinite(s.y[i]) || (p.log_y && s.y[i] <= 0)) continue;
        pts += fmt::format("{:.1f},{:.1f} ", sx(s.x[i]), py(s.y[i]));
        if (s.markers)
          marks += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>\n",
                               sx(s.x[i]), py(s.y[i]), s.hollow ? "white" : s.colour, s.colour);
      }
      if (s.line)
        o += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\"{} points=\"{}\"/>\n", s.colour,
                         s.dashed ? " stroke-dasharray=\"5,3\"" : "", pts);
      o += marks;
      if (s.legend)
        o += fmt::format("<text x=\"{}\" y=\"{:.1f}\" fill=\"{}\">{}</text>\n", left + plot_w + 8,
                         y_top + 12 + 14.0 * legend_row++, s.colour, xml_escape(s.label));
    }
  }
  const double xs = nice_step(x1 - x0, 8);
  const double axis_y = height - 20 - gap;  // the last panel's lower edge
  for (double t = std::ceil(x0 / xs) * xs; t <= x1 + 1e-9; t += xs)
    o += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", px(t), axis_y + 14,
                     tick_label(std::abs(t) < 1e-9 * xs ? 0.0 : t));
  o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", left + plot_w / 2, axis_y + 30,
                   xml_escape(x_label));
  o += "</svg>\n";
  return o;
}

}  // namespace il2t::report
