#pragma once
// What every plot shares (the canvas, the loss plot, the data panel): the frame, the mapping
// from axis units to the screen, ticks and their labels, clipping, the hover readout. Colours
// come from the current ImGui style and sizes from the current font, so plots follow the theme
// and the font scale.
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>

#include "axis_ticks.hpp"
#include "palette.hpp"
#include "types.hpp"

namespace descent::ui {

// Liang-Barsky: the part of segment ab inside the rect [lo, hi], if any. Clipping in double
// keeps coordinates a diverging run produces (1e14 pixels and more) out of float arithmetic.
std::optional<std::pair<Vec2, Vec2>> clip_segment(const Vec2& a, const Vec2& b, const Vec2& lo,
                                                  const Vec2& hi);

// The plot colours of the current style.
struct PlotColours {
  ImU32 background;  // FrameBg, opaque
  ImU32 grid;        // Text, faint
  ImU32 border;      // Border
  ImU32 text;        // Text
  ImU32 dim;         // TextDisabled
  ImU32 cursor;      // Text, strong
  ImU32 backdrop;    // behind text over data: WindowBg, mostly opaque
  Rgb background_rgb;
  static PlotColours current();
};

// The outline drawn under a line or marker of colour `c` over `background`: none (alpha 0)
// when the colour stands out on its own, else black or white, whichever contrasts more.
ImU32 outline_for(Rgb c, Rgb background);
// The outline for a line over data of any colour (the field): always the contrasting one.
ImU32 halo_for(Rgb c);
// Text in colour `c` where it reads over `background`, else in the style's text colour.
ImU32 readable_text(Rgb c, Rgb background);
// Text over a backdrop of the window's colour: readable over data on any theme.
void label_with_backdrop(ImDrawList* draw, ImVec2 at, ImU32 colour, const char* text);

enum class TickStyle { grid, marks };

// A rectangle of the screen showing x in [x0, x1] and y in [y0, y1], y upwards.
struct Plot {
  ImVec2 lo{0, 0}, hi{1, 1};  // screen corners: top-left, bottom-right
  double x0 = 0, x1 = 1, y0 = 0, y1 = 1;

  // The rect left in the region at `origin` of size `avail` once room is kept for y labels
  // as wide as `widest_y_label`, x labels below and half an x label on the right.
  static Plot layout(ImVec2 origin, ImVec2 avail, const char* widest_y_label);

  float width() const { return hi.x - lo.x; }
  float height() const { return hi.y - lo.y; }
  float to_x(double x) const { return static_cast<float>(lo.x + (x - x0) / (x1 - x0) * width()); }
  float to_y(double y) const { return static_cast<float>(hi.y - (y - y0) / (y1 - y0) * height()); }
  ImVec2 to_screen(double x, double y) const { return {to_x(x), to_y(y)}; }
  double from_x(float sx) const { return x0 + (sx - lo.x) / width() * (x1 - x0); }
  double from_y(float sy) const { return y0 + (hi.y - sy) / height() * (y1 - y0); }
  bool contains(ImVec2 p) const { return p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y; }

  // About as many ticks as fit the axis at the current font.
  std::vector<Tick> x_ticks() const;
  std::vector<Tick> y_ticks(bool log = false) const;  // log: y is log10 of the value

  void background(ImDrawList* draw) const;
  void border(ImDrawList* draw) const;
  // Ticks with labels outside the frame; grid lines across it, or short marks outside.
  void draw_x_ticks(ImDrawList* draw, std::span<const Tick> ticks, TickStyle style) const;
  void draw_y_ticks(ImDrawList* draw, std::span<const Tick> ticks, TickStyle style,
                    bool log = false) const;
  // Axis names inside the plot at the ends of their axes, readable over data.
  void axis_names(ImDrawList* draw, const char* x_name, const char* y_name) const;
  // A polyline in `colour` over an outline (none when `outline` is transparent).
  static void line(ImDrawList* draw, std::span<const ImVec2> points, ImU32 colour, float width,
                   ImU32 outline);
};

// One line of a hover readout, after a swatch of its run's colour if it has one.
struct ReadoutLine {
  std::string text;
  std::optional<Rgb> swatch;
};
// The hover readout: lines over a backdrop beside `at` (the mouse), over the plot where it fits,
// drawn above every window like a tooltip.
void hover_readout(const Plot& plot, ImVec2 at, std::span<const ReadoutLine> lines);
// A vertical line through the plot at screen x: the hover position or the playback cursor.
void vertical_cursor(ImDrawList* draw, const Plot& plot, float x, ImU32 colour, float width);

}  // namespace descent::ui
