#pragma once
// The data a model is fitted to, with every run's current model drawn over it in the run's
// colour: the regression line, the sigmoid, the decision boundary. It moves as the runs step
// and as the timeline is scrubbed.
#include <cstdint>
#include <memory>
#include <vector>

#include <imgui.h>

#include "frame.hpp"

namespace descent::ui {

class DataPanel {
 public:
  void draw(Frame& frame);

 private:
  // At most kShown samples are drawn, picked once per dataset: a million dots are a grey blur.
  static constexpr std::size_t kShown = 4000;
  // Picks the samples to draw and the axes' spans, once per model: a pass over a million
  // samples has no place in a frame.
  void prepare(const std::shared_ptr<const Objective>& objective, const FittedModel& model);
  // The decision boundary P(y = 1) = 0.5 of a model with parameters p over two features, as
  // segments in the panel's box (marching squares on a grid of predictions).
  void boundary(const FittedModel& model, const Vec2& p);

  std::shared_ptr<const Objective> m_prepared_for;
  std::vector<std::uint32_t> m_picked;
  double m_x0 = 0, m_x1 = 1, m_y0 = 0, m_y1 = 1;  // what the axes span: the data, padded
  std::vector<ImVec2> m_scratch;
  std::vector<std::pair<Vec2, Vec2>> m_segments;
  std::vector<double> m_grid;
};

}  // namespace descent::ui
