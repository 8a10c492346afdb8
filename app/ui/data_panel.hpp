#pragma once
// The data a model is fitted to, with every run's current model drawn over it in the run's
// colour: the regression line, the sigmoid, the decision boundary. For a network, one run's
// decision regions shaded behind every run's boundary, and a tab with the gradient that reaches
// each of its layers. It moves as the runs step and as the timeline is scrubbed.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include <imgui.h>

#include "frame.hpp"
#include "plot.hpp"

namespace descent::ui {

class DataPanel {
 public:
  // Whether the panel has something to show for `objective`: data a model is fitted to.
  static bool shows(const Objective& objective);
  void draw(Frame& frame);

 private:
  // At most kShown samples are drawn, picked once per dataset: a million dots are a grey blur.
  static constexpr std::size_t kShown = 4000;
  // Picks the samples to draw and the axes' spans, once per model: a pass over a million
  // samples has no place in a frame.
  void prepare(const std::shared_ptr<const Objective>& objective, const Dataset& data,
               bool classifier);
  // The data (and a fitted model's runs) in a plot filling the rest of the panel.
  void draw_plot(Frame& frame, const Dataset& data, bool binary, const FittedModel* model);
  // The samples, each class in its own shape and colour.
  void draw_samples(ImDrawList* draw, const Plot& plot, const Dataset& data, bool binary) const;
  // Each run's fitted model at the shown step, in the features' own units.
  void draw_models(Frame& frame, ImDrawList* draw, const Plot& plot, const FittedModel& model);
  // A network: the shown run's P(y = 1) shaded over the plot (before the samples).
  void draw_regions(Frame& frame, ImDrawList* draw, const Plot& plot) const;
  // A network: every visible run's decision boundary (after the samples).
  void draw_boundaries(Frame& frame, ImDrawList* draw, const Plot& plot) const;
  // A network: ‖∂loss/∂W‖ of each layer of the shown run, bars on a log scale.
  void draw_gradients(Frame& frame) const;
  // The decision boundary P(y = 1) = 0.5 of a model with parameters p over two features, as
  // segments in the panel's box (marching squares on a grid of predictions).
  void boundary(const FittedModel& model, const Vec2& p);
  // A network: the run whose regions and gradients show (hovered in the table, else the one
  // picked here, else the first visible), and the combo to pick it.
  const RunRow* shown_run(const Frame& frame) const;
  void run_combo(Frame& frame);

  std::shared_ptr<const Objective> m_prepared_for;
  std::vector<std::uint32_t> m_picked;
  double m_x0 = 0, m_x1 = 1, m_y0 = 0, m_y1 = 1;  // what the axes span: the data, padded
  std::vector<ImVec2> m_scratch;
  std::vector<std::pair<Vec2, Vec2>> m_segments;
  std::vector<double> m_grid;
  std::optional<RunId> m_picked_run;  // a network's run picked to show its regions
};

}  // namespace descent::ui
