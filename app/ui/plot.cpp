#include "plot.hpp"

#include <algorithm>
#include <cmath>

#include "widgets.hpp"

namespace descent::ui {
namespace {

ImU32 with_alpha(ImGuiCol index, float alpha) {
  ImVec4 c = ImGui::GetStyleColorVec4(index);
  c.w = alpha;
  return ImGui::GetColorU32(c);
}

}  // namespace

std::optional<std::pair<Vec2, Vec2>> clip_segment(const Vec2& a, const Vec2& b, const Vec2& lo,
                                                  const Vec2& hi) {
  if (!a.allFinite() || !b.allFinite()) return std::nullopt;
  double t0 = 0, t1 = 1;
  const Vec2 d = b - a;
  for (int axis = 0; axis < 2; ++axis) {
    for (double sign : {-1.0, 1.0}) {
      double p = sign * d[axis], q = sign > 0 ? hi[axis] - a[axis] : a[axis] - lo[axis];
      if (p == 0) {
        if (q < 0) return std::nullopt;
      } else {
        double r = q / p;
        if (p < 0)
          t0 = std::max(t0, r);
        else
          t1 = std::min(t1, r);
      }
    }
  }
  if (!(t0 <= t1)) return std::nullopt;  // NaN too
  return std::make_pair(a + t0 * d, a + t1 * d);
}

PlotColours PlotColours::current() {
  // A frame's colour as it shows: FrameBg over the window, however translucent the theme's is.
  const ImVec4 frame = ImGui::GetStyleColorVec4(ImGuiCol_FrameBg),
               window = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  const float a = frame.w;
  const ImVec4 bg{frame.x * a + window.x * (1 - a), frame.y * a + window.y * (1 - a),
                  frame.z * a + window.z * (1 - a), 1};
  auto byte = [](float v) {
    return static_cast<std::uint8_t>(std::clamp(v, 0.f, 1.f) * 255 + 0.5f);
  };
  return {ImGui::GetColorU32(bg),
          with_alpha(ImGuiCol_Text, 0.12f),
          ImGui::GetColorU32(ImGuiCol_Border),
          ImGui::GetColorU32(ImGuiCol_Text),
          ImGui::GetColorU32(ImGuiCol_TextDisabled),
          with_alpha(ImGuiCol_Text, 0.8f),
          with_alpha(ImGuiCol_WindowBg, 0.85f),
          {byte(bg.x), byte(bg.y), byte(bg.z)}};
}

ImU32 outline_for(Rgb c, Rgb background) {
  auto o = outline_colour(c, background);
  return o ? colour(*o, 0.75f) : 0;
}

ImU32 halo_for(Rgb c) {
  return colour(contrasting(c), 0.65f);
}

ImU32 readable_text(Rgb c, Rgb background) {
  return contrast_ratio(c, background) >= kMinimumContrast ? colour(c)
                                                           : ImGui::GetColorU32(ImGuiCol_Text);
}

void label_with_backdrop(ImDrawList* draw, ImVec2 at, ImU32 colour, const char* text) {
  const ImVec2 size = ImGui::CalcTextSize(text);
  const float pad = ImGui::GetFontSize() * 0.2f;
  draw->AddRectFilled({at.x - pad, at.y - pad * 0.5f},
                      {at.x + size.x + pad, at.y + size.y + pad * 0.5f},
                      PlotColours::current().backdrop, pad);
  draw->AddText(at, colour, text);
}

Plot Plot::layout(ImVec2 origin, ImVec2 avail, const char* widest_y_label) {
  const float font = ImGui::GetFontSize();
  const float left = ImGui::CalcTextSize(widest_y_label).x + font * 0.6f;
  const float bottom = ImGui::GetTextLineHeight() + font * 0.4f;
  const float right = ImGui::CalcTextSize("0000").x / 2;  // half of the last x label
  Plot p;
  p.lo = {origin.x + left, origin.y + font * 0.3f};
  p.hi = {origin.x + std::max(avail.x - right, left + font),
          origin.y + std::max(avail.y - bottom, font * 1.3f)};
  return p;
}

std::vector<Tick> Plot::x_ticks() const {
  return linear_ticks(x0, x1, std::max(2, static_cast<int>(width() / (ImGui::GetFontSize() * 5))));
}

std::vector<Tick> Plot::y_ticks(bool log) const {
  const float font = ImGui::GetFontSize();
  if (log)
    return log_ticks(std::pow(10.0, y0), std::pow(10.0, y1),
                     std::max(2, static_cast<int>(height() / (font * 2))));
  return linear_ticks(y0, y1, std::max(2, static_cast<int>(height() / (font * 2.5f))));
}

void Plot::background(ImDrawList* draw) const {
  draw->AddRectFilled(lo, hi, PlotColours::current().background);
}

void Plot::border(ImDrawList* draw) const {
  draw->AddRect(lo, hi, PlotColours::current().border);
}

void Plot::draw_x_ticks(ImDrawList* draw, std::span<const Tick> ticks, TickStyle style) const {
  const float font = ImGui::GetFontSize();
  const PlotColours c = PlotColours::current();
  float free_from = -1e30f;  // labels that would touch the previous one are left out
  for (const auto& t : ticks) {
    float x = to_x(t.value);
    if (style == TickStyle::grid)
      draw->AddLine({x, lo.y}, {x, hi.y}, c.grid);
    else
      draw->AddLine({x, hi.y}, {x, hi.y + font * 0.3f}, c.border, std::max(1.f, font * 0.08f));
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    // A label longer than the room layout() keeps on the right ("1000000") moves left to fit.
    const float right_edge = hi.x + ImGui::CalcTextSize("0000").x / 2;
    const float left = std::min(x - size.x / 2, right_edge - size.x);
    if (left < free_from) continue;
    draw->AddText({left, hi.y + font * 0.3f}, c.text, t.label.c_str());
    free_from = left + size.x + font * 0.5f;
  }
}

void Plot::draw_y_ticks(ImDrawList* draw, std::span<const Tick> ticks, TickStyle style,
                        bool log) const {
  const float font = ImGui::GetFontSize();
  const PlotColours c = PlotColours::current();
  float free_above = 1e30f;  // ticks run upwards: labels touching the previous one are left out
  for (const auto& t : ticks) {
    float y = to_y(log ? std::log10(t.value) : t.value);
    if (style == TickStyle::grid)
      draw->AddLine({lo.x, y}, {hi.x, y}, c.grid);
    else
      draw->AddLine({lo.x - font * 0.3f, y}, {lo.x, y}, c.border, std::max(1.f, font * 0.08f));
    ImVec2 size = ImGui::CalcTextSize(t.label.c_str());
    if (y + size.y / 2 > free_above) continue;
    draw->AddText({lo.x - size.x - font * 0.4f, y - size.y / 2}, c.text, t.label.c_str());
    free_above = y - size.y / 2 - font * 0.1f;
  }
}

void Plot::axis_names(ImDrawList* draw, const char* x_name, const char* y_name) const {
  const float font = ImGui::GetFontSize();
  const ImVec2 x_size = ImGui::CalcTextSize(x_name);
  const ImU32 text = PlotColours::current().text;
  label_with_backdrop(
      draw, {hi.x - x_size.x - font * 0.5f, hi.y - ImGui::GetTextLineHeight() - font * 0.4f}, text,
      x_name);
  label_with_backdrop(draw, {lo.x + font * 0.5f, lo.y + font * 0.4f}, text, y_name);
}

void Plot::line(ImDrawList* draw, std::span<const ImVec2> points, ImU32 colour, float width,
                ImU32 outline) {
  if (points.size() < 2) return;
  const int n = static_cast<int>(points.size());
  if (outline & IM_COL32_A_MASK)
    draw->AddPolyline(points.data(), n, outline, 0, width + ImGui::GetFontSize() * 0.16f);
  draw->AddPolyline(points.data(), n, colour, 0, width);
}

void hover_readout(const Plot& plot, ImVec2 at, std::span<const ReadoutLine> lines) {
  if (lines.empty()) return;
  const float font = ImGui::GetFontSize(), pad = font * 0.35f, line = ImGui::GetTextLineHeight();
  const float swatch = font * 1.2f;
  ImVec2 size{0, 0};
  bool swatches = false;
  for (const auto& l : lines) {
    size.x = std::max(size.x, ImGui::CalcTextSize(l.text.c_str()).x);
    swatches = swatches || l.swatch.has_value();
  }
  const float indent = swatches ? swatch + pad : 0;
  size.x += pad * 2 + indent;
  size.y = line * static_cast<float>(lines.size()) + pad * 2;
  // Right of and below the mouse, flipped to the other side where the plot ends; kept on the
  // screen when it is wider than the plot.
  ImVec2 box{at.x + font, at.y + font};
  if (box.x + size.x > plot.hi.x) box.x = at.x - font - size.x;
  if (box.y + size.y > plot.hi.y) box.y = at.y - font - size.y;
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  box.x =
      std::clamp(box.x, std::min(plot.lo.x, screen.x - size.x), std::max(0.f, screen.x - size.x));
  box.y =
      std::clamp(box.y, std::min(plot.lo.y, screen.y - size.y), std::max(0.f, screen.y - size.y));
  // Over every window, as a tooltip is: it may reach past the plot's own.
  ImDrawList* draw = ImGui::GetForegroundDrawList();
  const PlotColours c = PlotColours::current();
  draw->AddRectFilled(box, {box.x + size.x, box.y + size.y}, c.backdrop, pad);
  draw->AddRect(box, {box.x + size.x, box.y + size.y}, c.border, pad);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const float y = box.y + pad + line * static_cast<float>(i);
    if (const auto& s = lines[i].swatch) {
      const ImVec2 a{box.x + pad, y + line * 0.5f}, b{box.x + pad + swatch, y + line * 0.5f};
      if (ImU32 o = outline_for(*s, c.background_rgb)) draw->AddLine(a, b, o, font * 0.45f);
      draw->AddLine(a, b, colour(*s), font * 0.3f);
    }
    draw->AddText({box.x + pad + indent, y}, c.text, lines[i].text.c_str());
  }
}

void vertical_cursor(ImDrawList* draw, const Plot& plot, float x, ImU32 colour, float width) {
  draw->AddLine({x, plot.lo.y}, {x, plot.hi.y}, colour, width);
}

}  // namespace descent::ui
