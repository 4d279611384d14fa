#pragma once
// Small self-contained SVG line charts (no scripts, no external resources): panels
// stacked vertically, each with its own y axis, sharing an x axis (study days, doses,
// participants). A series is a line, with or without markers, and its band a shaded
// area or whiskers at each point.
#include <cstddef>
#include <string>
#include <vector>

namespace il2t::report {

struct Series {
  std::string label;
  std::vector<double> x, y;
  std::string colour = "#1f77b4";
  std::vector<double> lower, upper;  // when given: a shaded band around the line
  bool line = true;        // joins its points
  bool dashed = false;     // the line dashed
  bool markers = false;    // a circle at each point
  bool hollow = false;     // the circles open
  bool whiskers = false;   // the band drawn as a vertical bar at each point, not an area
  bool legend = true;      // its label in the legend right of the panel
  double dx = 0;           // shifted right by this many pixels (series at one x side by side)
};

struct Panel {
  std::string title;   // "Treg (% of CD4)"
  std::vector<Series> series;
  std::vector<double> marks;  // x positions drawn as ticks under the panel (doses)
  bool log_y = false;
};

// `title` heads the figure; width in pixels; each panel is `panel_height` high; the x
// range is widened by `x_pad` of itself on each side (so markers at its ends show).
std::string svg_panels(const std::string& title, const std::vector<Panel>& panels, int width = 760,
                       int panel_height = 150, const std::string& x_label = "study day", double x_pad = 0);

// The colour of the i-th arm (or series), the same in every figure of a report.
const char* palette_colour(std::size_t i);

// Escapes &, <, >, " for SVG/XML text.
std::string xml_escape(const std::string& s);

}  // namespace il2t::report
