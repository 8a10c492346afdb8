#pragma once
// The data a model is fitted to, with every run's current model drawn over it in the run's
// colour: the regression line, the sigmoid, the decision boundary. It moves as the runs step
// and as the timeline is scrubbed.
#include <cstdint>
#include <vector>

#include <imgui.h>

#include "frame.hpp"

namespace descent {
class GlmObjective;
}

namespace descent::ui {

class DataPanel {
 public:
  void draw(Frame& frame);

 private:
  // At most kShown samples are drawn, picked once per dataset: a million dots are a grey blur.
  static constexpr std::size_t kShown = 4000;
  void pick_samples(const Dataset& data);

  const Dataset* m_picked_for = nullptr;
  std::vector<std::uint32_t> m_picked;
  std::vector<ImVec2> m_scratch;
};

}  // namespace descent::ui
