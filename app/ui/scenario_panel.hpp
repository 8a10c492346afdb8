#pragma once
// What to descend and from where: a test surface, or a model over data (generated or read
// from a CSV file), the start point, the step limit, the contours.
#include <optional>
#include <string>
#include <vector>

#include "frame.hpp"

namespace descent::ui {

class ScenarioPanel {
 public:
  // Returns true when the user asked to fit the view.
  bool draw(Frame& frame);
  // File > Open data: asks for a CSV file to fit the model to.
  void open_data_dialog() { m_open_dialog = true; }
  // A model the lab could not build (a bad file, say): shown until the next change, while the
  // widgets go back to what is loaded.
  void report(const std::string& error) {
    m_error = error;
    m_asked.reset();
  }
  // What the panel shows in red: the last error, "" when there is none.
  const std::string& error() const { return m_error; }

 private:
  bool draw_objective_choice(Frame& frame);
  void draw_surface(Frame& frame);
  void draw_model(Frame& frame);
  void draw_data_source(Frame& frame);
  void draw_open_dialog(Frame& frame);
  void draw_start_and_view(Frame& frame);
  // Asks the lab for the draft, unless that is what it last asked for.
  void submit(Frame& frame);

  ModelScenario m_draft;                 // what the widgets show
  std::optional<ModelScenario> m_asked;  // what the lab was last asked to build
  std::string m_error;
  bool m_model_mode = false;
  bool m_open_dialog = false;
  std::string m_path;  // typed in the Open data dialog
  std::string m_last_surface = "rosenbrock";
};

}  // namespace descent::ui
