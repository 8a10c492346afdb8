#pragma once
// What to descend and from where: a test surface, a formula the user types, or a model over
// data (generated or read from a CSV file), a small network's layers, activation and plane; the
// start point (where a network starts), the step limit, the contours.
#include <optional>
#include <string>

#include "checked_text.hpp"
#include "file_dialog.hpp"
#include "frame.hpp"
#include "network_text.hpp"

namespace descent::ui {

class ScenarioPanel {
 public:
  // Returns true when the user asked to fit the view.
  bool draw(Frame& frame);
  // File > Open data: asks for a CSV file to fit the model to.
  void open_data_dialog();
  bool dialog_showing() const { return m_dialog.showing(); }
  // A model the lab could not build (a bad file, say): shown until the next change, while the
  // widgets go back to what is loaded.
  void report(const std::string& error) {
    m_error = error;
    m_asked.reset();
  }
  // What the panel shows in red: the last error, "" when there is none.
  const std::string& error() const { return m_error; }
  // The objective's kind shown: 0 surface, 1 formula, 2 model.
  int mode() const { return m_mode; }
  // The model the widgets show.
  const ModelSpec& model_draft() const { return m_draft; }

 private:
  bool draw_objective_choice(Frame& frame);
  void draw_surface(Frame& frame);
  void draw_formula(Frame& frame);
  void draw_formula_box(Frame& frame);
  void draw_model(Frame& frame);
  // A network's rows: layers, activation, init_seed, loss, penalty (none), plane, plane_seed.
  void draw_network_rows(Frame& frame, ModelSpec& spec, const ModelInfo& info);
  void draw_plane_center(Frame& frame, NetworkSpec& network);
  void draw_data_source(Frame& frame);
  // The CSV file chosen in the dialog becomes the model's data.
  void draw_open_dialog(Frame& frame);
  void draw_start_and_view(Frame& frame);
  // A point of the plane: the start of every run without its own.
  void draw_start(Frame& frame);
  void draw_steps_and_contours(Frame& frame);
  // Asks the lab for the draft, unless that is what it last asked for.
  void submit(Frame& frame);
  // Tries a formula: the lab takes it, or the error says why and the last valid one stays.
  void try_formula(Frame& frame, const FormulaSpec& spec);

  ModelSpec m_draft;                 // the model the widgets show
  std::optional<ModelSpec> m_asked;  // what the lab was last asked to build
  ModelSpec m_seen_model;            // the lab's model last frame
  std::string m_error;
  int m_mode = 0;
  int m_lab_kind = -1;  // the lab's objective kind last frame
  FileDialog m_dialog;
  std::string m_last_surface = "rosenbrock";
  FormulaSpec m_formula;        // what the formula widgets show
  std::string m_formula_error;  // why the text typed is not a formula (the lab keeps the last)
  std::optional<FormulaSpec> m_shown_formula;  // the lab's formula the widgets were synced to
  CheckedText m_layers{layers_problem};        // a network's layers as typed
  bool m_layers_active = false;                // being typed in, last frame
};

}  // namespace descent::ui
