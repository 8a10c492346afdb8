#pragma once
// The loss to descend and where to start: surface, formula, start point, step limit, contours.
#include <string>

#include "frame.hpp"

namespace descent::ui {

class ScenarioPanel {
 public:
  // Returns true when the user asked to fit the view.
  bool draw(Frame& frame);

 private:
  std::string m_error;
};

}  // namespace descent::ui
