#pragma once
// Small self-contained SVG line charts (no scripts, no external resources): panels
// stacked vertically, each with its own y axis, sharing an x axis in study days.
#include <string>
#include <vector>

namespace il2t::report {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::string colour = "#1f77b4";
  std::vector<double> lower, upper;  // when given: a shaded band around the line
};

struct Panel {
  std::string title;   // "Treg (% of CD4)"
  std::vector<Series> series;
  std::vector<double> marks;  // x positions drawn as ticks under the panel (doses)
  bool log_y = false;
};

// `title` heads the figure; width in pixels; each panel is `panel_height` high.
std::string svg_panels(const std::string& title, const std::vector<Panel>& panels, int width = 760,
                       int panel_height = 150, const std::string& x_label = "study day");

// Escapes &, <, >, " for SVG/XML text.
std::string xml_escape(const std::string& s);

}  // namespace il2t::report
