#include "scenario_panel.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "data_generators.hpp"
#include "formula.hpp"
#include "formula_examples.hpp"
#include "models/activation.hpp"
#include "surfaces.hpp"
#include "text.hpp"
#include "whole_number.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr double kHeavySamples = 20000;  // beyond this, data is rebuilt when a slider is let go
const ImVec4 kErrorColour(1, 0.45f, 0.45f, 1);

void label(const char* text, const char* tip) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  tooltip(tip);
  ImGui::SameLine(ImGui::GetFontSize() * 5.2f);
  ImGui::SetNextItemWidth(-1);
}

bool begin_keys(const char* id) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
  ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void wrapped(const std::string& text, bool disabled = false) {
  ImGui::PushTextWrapPos(0);
  if (disabled)
    ImGui::TextDisabled("%s", text.c_str());
  else
    ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
}

}  // namespace

bool ScenarioPanel::draw(Frame& frame) {
  bool fit = false;
  try {
    fit = draw_objective_choice(frame);
    if (m_mode == 0) draw_surface(frame);
    if (m_mode == 1) draw_formula(frame);
    if (m_mode == 2) draw_model(frame);
    draw_start_and_view(frame);
  } catch (const std::exception& e) {  // a value refused, or a file the system cannot read
    m_error = e.what();
  }
  if (frame.lab.loading()) ImGui::TextDisabled("preparing the data...");
  if (!m_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kErrorColour, "%s", m_error.c_str());
    ImGui::PopTextWrapPos();
  }
  draw_open_dialog(frame);
  return fit;
}

bool ScenarioPanel::draw_objective_choice(Frame& frame) {
  // When the lab's kind changes (here, or from a scenario), the panel follows it; while a model
  // loads or fails to, the panel stays on what the user chose.
  const int kind = static_cast<int>(frame.lab.objective_spec().index());
  if (kind != m_lab_kind) m_mode = m_lab_kind = kind;
  int mode = m_mode;
  bool changed = ImGui::RadioButton("Surface", &mode, 0);
  tooltip(
      "A test function of (x, y) with known minima: Rosenbrock's valley, Himmelblau's four "
      "minima...");
  same_line_if_fits(toggle_width("Formula"));
  changed |= ImGui::RadioButton("Formula", &mode, 1);
  tooltip("Type your own f(x, y): its gradient and minima follow");
  same_line_if_fits(toggle_width("Model"));
  changed |= ImGui::RadioButton("Model", &mode, 2);
  tooltip(
      "The loss of a model fitted to data: a two-parameter model's over its parameters, or a "
      "small network's on a plane through its weights");
  same_line_if_fits(ImGui::GetFrameHeight());
  if (ImGui::GetCursorPosX() > ImGui::GetStyle().WindowPadding.x)  // on the line: at its end
    ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFrameHeight());
  bool fit =
      icon_button("##fit", Icon::fit, "Fit the view to the loss (F, or double-click the plot)");
  if (changed && mode != m_mode) {
    m_error.clear();
    m_mode = mode;
    if (mode == 0) frame.lab.set_objective(SurfaceSpec{m_last_surface});
    if (mode == 1) {
      if (m_formula.text.empty()) m_formula = formula_examples().front().make({});
      try_formula(frame, m_formula);
    }
    if (mode == 2) {
      m_asked.reset();
      submit(frame);
    }
  }
  return fit;
}

void ScenarioPanel::draw_surface(Frame& frame) {
  const auto* spec = std::get_if<SurfaceSpec>(&frame.lab.objective_spec());
  std::string name = spec ? spec->name : m_last_surface;
  label("Surface", "The test function to descend");
  if (entry_combo("##surface", surfaces(), name)) {
    frame.lab.set_objective(SurfaceSpec{name});
    m_last_surface = name;
  }
  const ObjectiveInfo& info = frame.lab.objective()->info();
  wrapped(info.description, true);
  wrapped("f = " + info.formula);
}

void ScenarioPanel::try_formula(Frame& frame, const FormulaSpec& spec) {
  try {
    frame.lab.set_objective(spec);
    m_formula_error.clear();
    m_shown_formula = spec;
  } catch (const std::invalid_argument& e) {
    m_formula_error = e.what();
  }
}

void ScenarioPanel::draw_formula(Frame& frame) {
  // Follow the lab when its formula came from elsewhere (a scenario, the command line).
  const auto* current = std::get_if<FormulaSpec>(&frame.lab.objective_spec());
  if (current && m_shown_formula != *current) {
    m_formula = *current;
    m_shown_formula = *current;
    m_formula_error.clear();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("f(x, y) =");
  tooltip(formula_syntax_help().c_str());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputText("##formula", &m_formula.text)) try_formula(frame, m_formula);
  tooltip(formula_syntax_help().c_str());
  // A formula longer than its field: the whole of it, wrapped.
  if (ImGui::CalcTextSize(m_formula.text.c_str()).x > ImGui::GetItemRectSize().x * 0.95f)
    wrapped("f = " + m_formula.text, true);
  if (!m_formula_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kErrorColour, "%s", m_formula_error.c_str());
    ImGui::PopTextWrapPos();
    wrapped("(the plot keeps the last formula that worked)", true);
  }
  label("Examples", "Formulas to start from");
  std::string example;
  if (ImGui::BeginCombo("##examples", "choose...", ImGuiComboFlags_HeightLarge)) {
    for (const auto& e : formula_examples()) {
      const FormulaSpec spec = e.make({});
      if (ImGui::Selectable(e.name.c_str())) example = e.name;
      tooltip((e.description + "\nf = " + spec.text).c_str());
    }
    ImGui::EndCombo();
  }
  if (!example.empty()) {
    m_formula = formula_examples().find(example).make({});
    try_formula(frame, m_formula);
  }
  const ObjectiveInfo& info = frame.lab.objective()->info();
  if (!info.df_dx.empty()) {
    wrapped("∂f/∂x = " + info.df_dx);
    wrapped("∂f/∂y = " + info.df_dy);
  }
  draw_formula_box(frame);
  std::size_t minima = 0, saddles = 0;
  for (const auto& c : info.critical_points) (c.kind == PointKind::saddle ? saddles : minima)++;
  wrapped(minima == 0
              ? "No minimum in the box: the loss keeps falling toward its edge."
              : cat(minima, minima == 1 ? " minimum" : " minima",
                    saddles ? cat(" and ", saddles, saddles == 1 ? " saddle" : " saddles") : "",
                    " found in the box (stars, circles and crosses; hover them)"),
          true);
}

void ScenarioPanel::draw_formula_box(Frame& frame) {
  Box box = m_formula.box.value_or(default_formula_box());
  const char* tip =
      "The box: where the minima are sought, and what the view shows first. Type a number and "
      "press Enter.";
  const float field = (ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize("x from  to ").x -
                       3 * ImGui::GetStyle().ItemSpacing.x) /
                      2;
  bool changed = false;
  auto row = [&](const char* axis, double& lo, double& hi) {
    ImGui::PushID(axis);
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%s from", axis);
    tooltip(tip);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("##lo", &lo, 0, 0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue);
    tooltip(tip);
    ImGui::SameLine();
    ImGui::TextUnformatted("to");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(field);
    changed |= ImGui::InputDouble("##hi", &hi, 0, 0, "%.4g", ImGuiInputTextFlags_EnterReturnsTrue);
    tooltip(tip);
    ImGui::PopID();
  };
  row("x", box.x_min, box.x_max);
  row("y", box.y_min, box.y_max);
  if (!changed) return;
  if (!(box.x_min < box.x_max && box.y_min < box.y_max)) {
    m_formula_error = "the box needs x from < to and y from < to";
    return;
  }
  FormulaSpec spec = m_formula;
  spec.box = box;
  try_formula(frame, spec);
  if (m_formula_error.empty()) m_formula = spec;
}

void ScenarioPanel::draw_model(Frame& frame) {
  // What the lab holds, when it was not the panel that asked for it (a scenario, a lesson, the
  // command line) or when what the panel asked for failed: the widgets show what is loaded.
  const auto* loaded = std::get_if<ModelSpec>(&frame.lab.objective_spec());
  if (loaded && (!m_asked || (*loaded != m_seen_model && *loaded != *m_asked)))
    m_asked = m_draft = *loaded;
  if (loaded) m_seen_model = *loaded;
  ModelSpec& spec = m_draft;
  std::string ignored;  // a slider cannot leave these keys' ranges
  if (begin_keys("model")) {
    key_cell("model",
             "What is fitted: a two-parameter model, whose loss is a surface, or a small network "
             "(mlp), whose loss is seen on a plane through its weights");
    std::string model = spec.model.name;
    if (entry_combo("##model", models(), model)) {
      const ModelInfo& before = models().find(spec.model.name);
      ModelSpec fresh = default_model_spec(model);
      // A file stays when the new model reads as many features.
      if (!spec.data.path.empty() && fresh.data.path.empty() &&
          models().find(model).features == before.features)
        fresh.data = spec.data;
      spec = fresh;
    }
    const ModelInfo& info = models().find(spec.model.name);
    if (info.network) {
      draw_network_rows(frame, spec, info);
    } else {
      param_rows(info.params, spec.model.params, ignored);
      choice_rows("loss", "How a prediction's error is counted, averaged over the samples",
                  losses(), spec.loss, ignored,
                  [&](const Entry& e) { return suits(static_cast<const LossInfo&>(e), info); });
      choice_rows("penalty",
                  "A term added to the loss that pulls the weights toward 0; a bias is left alone",
                  penalties(), spec.penalty, ignored);
    }
    ImGui::EndTable();
  }
  if (!m_layers.error().empty() && models().find(spec.model.name).network) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kErrorColour, "%s", m_layers.error().c_str());
    ImGui::PopTextWrapPos();
    wrapped("(the network keeps " + m_layers.value() + ")", true);
  }

  draw_data_source(frame);
  // Many samples (asked for, or in the file loaded): rebuilt when a slider is let go, not for
  // every value it passes.
  const auto n = spec.data.generator.params.find("n");
  const double samples = !spec.data.path.empty()
                             ? static_cast<double>(frame.lab.objective()->sample_count())
                             : (n != spec.data.generator.params.end() ? n->second : 0);
  if (!(samples > kHeavySamples && ImGui::IsAnyItemActive())) submit(frame);

  const ObjectiveInfo& info = frame.lab.objective()->info();
  if (loaded && models().find(loaded->model.name).network) {
    wrapped(info.description, true);
    wrapped(
        "Paths are projected on the plane and fade where they leave it; the loss plot shows "
        "each run's own loss.",
        true);
  } else if (loaded) {
    wrapped(info.formula, true);
    // Cross-entropy without a minimum: the classes are separable, a lesson in itself.
    if (losses().find(loaded->loss.name).task == Task::classification &&
        info.critical_points.empty()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1),
                         "No minimum: a line separates the classes, so the loss keeps falling as "
                         "the weights grow and every run heads off for good. An L2 penalty gives "
                         "it a minimum.");
      ImGui::PopTextWrapPos();
    }
  }
}

void ScenarioPanel::draw_network_rows(Frame& frame, ModelSpec& spec, const ModelInfo& info) {
  NetworkSpec& network = spec.network;
  // A seed of the model's keys; `disabled` with the reason it has no effect now.
  auto seed_row = [&](const char* key, const char* unused) {
    const ParamSpec& seed = *find_spec(info.params, key);
    auto it = spec.model.params.find(key);
    double value = it != spec.model.params.end() ? it->second : seed.default_value;
    key_cell(key, (seed.help + (unused ? cat("\n", unused) : "")).c_str());
    ImGui::BeginDisabled(unused != nullptr);
    if (param_widget(seed, value) && seed.why_refused(value).empty())
      spec.model.params[key] = value;
    ImGui::EndDisabled();
  };

  key_cell("layers",
           "The widths of the layers, inputs to output, separated by '-': 2 inputs (the data's "
           "two features), the hidden layers, 1 output (a logit). 2-8-8-1 has two hidden layers of "
           "8 units.");
  m_layers.follow(network.layers, m_layers_active);
  if (ImGui::InputText("##layers", &m_layers.text()) && m_layers.typed()) {
    network.layers = m_layers.value();
    network.start.clear();  // a given start fits the old layers only
  }
  m_layers_active = ImGui::IsItemActive();
  if (ImGui::IsItemDeactivated()) m_layers.left();
  tooltip(
      "Widths inputs to output, as 2-8-8-1: checked as you type; the network changes once "
      "the text is a network.");

  key_cell("activation", "The hidden units' nonlinearity σ; the output stays linear (a logit)");
  const std::string& current = network.activation.name;
  if (ImGui::BeginCombo("##activation", current.c_str())) {
    for (const ActivationInfo& a : activations()) {
      if (ImGui::Selectable(a.name.c_str(), a.name == current) && a.name != current)
        network.activation = {a.name, {}};
      tooltip(cat(a.description, "\nσ(u) = ", a.formula, "\nσ'(u) = ", a.derivative).c_str());
    }
    ImGui::EndCombo();
  }
  tooltip(
      cat(activations().find(current).description, "\nσ(u) = ", activations().find(current).formula)
          .c_str());

  seed_row("init_seed", network.start.empty()
                            ? nullptr
                            : "The network starts from the parameters given in the scenario.");
  std::string ignored;
  choice_rows("loss", "How a prediction's error is counted, averaged over the samples", losses(),
              spec.loss, ignored,
              [&](const Entry& e) { return suits(static_cast<const LossInfo&>(e), info); });
  key_cell("penalty", "A term added to the loss that pulls the weights toward 0");
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("none: an optimizer's weight_decay does that");
  ImGui::PopTextWrapPos();
  tooltip(
      "A network takes no penalty term here. To pull its weights toward 0, give an optimizer a "
      "weight_decay (for SGD it is an L2 penalty; AdamW decouples it from the gradient).");

  key_cell("plane", "The plane through the weights the loss is drawn on");
  int plane = network.plane == "random" ? 1 : 0;
  // In a narrow panel the short name; the tooltip says the rest.
  const bool room = toggle_width("PCA of the paths") <= ImGui::GetContentRegionAvail().x;
  bool changed = ImGui::RadioButton(room ? "PCA of the paths###pca" : "PCA###pca", &plane, 0);
  tooltip(
      "Every optimizer on one shared plane: through the start, along the two directions in which "
      "all the paths spread most (their principal components), found once every path is "
      "computed. The axes say how much of the spread each direction holds; the rest is off the "
      "plane, and the paths fade where they leave it.");
  same_line_if_fits(toggle_width("random"));
  changed |= ImGui::RadioButton("random", &plane, 1);
  tooltip(
      "Two random directions through the start, filter-normalised (Li et al. 2018, Visualizing "
      "the Loss Landscape of Neural Nets): each neuron's incoming weights scaled to that "
      "neuron's norm, biases left out, so that the picture does not depend on how the weights "
      "are scaled. plane_seed draws them. The paths mostly leave such a plane.");
  if (changed) network.plane = plane == 1 ? "random" : "pca";
  draw_plane_center(frame, network);
  seed_row("plane_seed", network.plane == "random"
                             ? nullptr
                             : "The plane of the paths uses it only until the paths are computed.");
}

void ScenarioPanel::draw_plane_center(Frame& frame, NetworkSpec& network) {
  key_cell("center", "Where the plane passes: its point a = b = 0");
  // "start", "best", then "run K" for each run, named as the runs table names it.
  const std::vector<LabRun>& runs = frame.lab.runs();
  auto name = [&](const std::string& center) -> std::string {
    if (center == "start") return "the start";
    if (center == "best") return "the best point found";
    const std::size_t k = *center_run(center);
    return k < runs.size() ? cat("where ", frame.label(runs[k]), " ended") : center;
  };
  if (ImGui::BeginCombo("##center", name(network.center).c_str())) {
    std::vector<std::string> centers{"start", "best"};
    for (std::size_t k = 0; k < runs.size(); ++k) centers.push_back(cat("run ", k + 1));
    for (const std::string& center : centers) {
      if (ImGui::Selectable(name(center).c_str(), center == network.center))
        network.center = center;
      tooltip(center == "start"  ? "The network's initial weights, where every run begins."
              : center == "best" ? "The lowest-loss point any visible run reached: the landscape "
                                   "around the best minimum found."
                                 : "The last point this run reached: the landscape around where "
                                   "it ended, and how the others' paths pass it.");
    }
    ImGui::EndCombo();
  }
  tooltip(
      "The plane is center + a·d1 + b·d2, so the loss at a = b = 0 is the loss there exactly. "
      "Through the start, the paths leave from the origin; through a run's end or the best "
      "point, the landscape is seen around where a run arrived. The plane moves once the runs' "
      "paths are computed.");
}

void ScenarioPanel::draw_data_source(Frame& frame) {
  DataSource& source = m_draft.data;
  const ModelInfo& model = models().find(m_draft.model.name);
  const LossInfo& loss = losses().find(m_draft.loss.name);
  ImGui::Separator();
  int from_file = source.path.empty() ? 0 : 1;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data");
  ImGui::SameLine();
  if (ImGui::RadioButton("generated", &from_file, 0)) source.path.clear(), source.columns = {};
  tooltip("Seeded synthetic data: the same settings give the same points");
  ImGui::SameLine();
  if (ImGui::RadioButton("CSV file", &from_file, 1) && source.path.empty()) open_data_dialog();
  tooltip("Your own data: File > Open data (Ctrl+Shift+O)");

  if (source.path.empty()) {
    if (!suits(generators().find(source.generator.name), model, loss))
      source.generator = default_model_spec(model.name).data.generator;
    std::string error;
    if (begin_keys("data")) {
      choice_rows(
          "kind", "How the points are made", generators(), source.generator, error,
          [&](const Entry& e) { return suits(static_cast<const GeneratorInfo&>(e), model, loss); });
      ImGui::EndTable();
    }
    if (!error.empty()) m_error = error;
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", source.path.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine();
  if (ImGui::SmallButton("Open...")) open_data_dialog();
  // The column choice, from the file's header once it is loaded for this model (its number of
  // features may differ).
  const FittedModel* fitted = frame.lab.objective()->fitted_model();
  if (!fitted || fitted->data().source != source.path ||
      fitted->data().feature_count() != model.features)
    return;
  const Dataset& data = fitted->data();
  if (!data.warning.empty()) {  // how the file was read, when it could have been read otherwise
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1), "%s", data.warning.c_str());
    ImGui::PopTextWrapPos();
  }
  if (!begin_keys("columns")) return;
  for (int r = 0; r <= model.features; ++r) {
    const bool target = r == model.features;
    std::string role = target ? "target" : model.features == 1 ? "feature" : cat("feature ", r + 1);
    std::string current =
        target ? data.target_name : data.feature_names[static_cast<std::size_t>(r)];
    key_cell(role.c_str(), target ? "The column to predict" : "A column the model reads");
    ImGui::PushID(r);
    if (ImGui::BeginCombo("##column", current.c_str())) {
      for (const auto& column : data.source_columns)
        if (ImGui::Selectable(column.c_str(), column == current)) {
          source.columns.features = data.feature_names;
          source.columns.target = data.target_name;
          (target ? source.columns.target : source.columns.features[static_cast<std::size_t>(r)]) =
              column;
        }
      ImGui::EndCombo();
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void ScenarioPanel::open_data_dialog() {
  const std::string& path = m_draft.data.path;
  const ModelInfo& model = models().find(m_draft.model.name);
  m_dialog.open(FileDialog::Mode::open, "Open data", ".csv",
                path.empty() ? "" : std::filesystem::path(path).parent_path().string(), "",
                cat("A CSV file with a header or without, up to 1,000,000 rows. The ", model.name,
                    " model reads ", model.features == 1 ? "x and y" : "x1, x2 and y",
                    "; columns named that way are used, else the first columns in order (you "
                    "can change them after)."));
}

void ScenarioPanel::draw_open_dialog(Frame& frame) {
  auto path = m_dialog.draw();
  if (!path) return;
  m_draft.data = {};
  m_draft.data.path = *path;
  m_error.clear();
  m_mode = 2;
  submit(frame);
}

void ScenarioPanel::draw_start_and_view(Frame& frame) {
  Lab& lab = frame.lab;
  ImGui::Separator();
  const auto* network = std::get_if<ModelSpec>(&lab.objective_spec());
  if (lab.objective()->network_slice() && network) {
    // Its start is every parameter, not a point of the plane.
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Start");
    ImGui::SameLine();
    ImGui::TextUnformatted(network_start_text(*network).c_str());
    tooltip(
        "A network starts from all its parameters: drawn with init_seed (PyTorch's default "
        "initialisation) or given in the scenario. The plane goes through it: the white marker.");
  } else {
    draw_start(frame);
  }
  draw_steps_and_contours(frame);
}

void ScenarioPanel::draw_start(Frame& frame) {
  Lab& lab = frame.lab;
  const ObjectiveInfo& info = lab.objective()->info();
  Vec2 start = lab.start();
  double speed = (info.view.x_max - info.view.x_min) / 400;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Start");
  ImGui::SameLine();
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  // A coordinate typed that is not a finite number is refused under the fields.
  std::string refused;
  auto coordinate = [&](const std::string& axis, double& value) {
    const std::string name = parameter_name(axis), format = name + " = %.4g";
    const bool moved = number_field(
        name.c_str(), value,
        [&](double& v) {
          return ImGui::DragScalar("##drag", ImGuiDataType_Double, &v, static_cast<float>(speed),
                                   nullptr, nullptr, format.c_str(), ImGuiSliderFlags_NoInput);
        },
        {}, &refused);
    tooltip("Drag, or Ctrl+click to type. Clicking the plot sets the start too.");
    return moved;
  };
  bool moved = coordinate(info.x_label, start.x());
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  moved |= coordinate(info.y_label, start.y());
  if (!refused.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kErrorColour, "%s", refused.c_str());
    ImGui::PopTextWrapPos();
  }
  if (moved) lab.set_start(start);
}

void ScenarioPanel::draw_steps_and_contours(Frame& frame) {
  Lab& lab = frame.lab;
  const ParamSpec& steps = scenario_key("steps");
  std::int64_t limit = lab.step_limit();
  const std::int64_t small = 100, large = 1000;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Steps");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputScalar("##limit", ImGuiDataType_S64, &limit, &small, &large, "%lld")) {
    if (steps.accepts(static_cast<double>(limit)))
      lab.set_step_limit(limit);
    else
      m_error = cat("steps = ", limit, " is out of range; allowed: ", steps.range_text());
  }
  tooltip((steps.help + "\nallowed: " + steps.range_text()).c_str());

  Contours& contours = lab.contours();
  ImGui::Checkbox("Log-spaced contours", &contours.log);
  tooltip(
      "Contour levels spaced evenly in log(f - min): detail near the minimum. Off: evenly in f.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  // Typed values are checked (24.5 and 100 are refused, not truncated or clamped).
  double levels = contours.levels;
  const ParamSpec& spec = scenario_key("contour_levels");
  if (param_widget(spec, levels))
    contours.levels = to_whole(levels, static_cast<int>(spec.min), static_cast<int>(spec.max))
                          .value_or(contours.levels);
}

void ScenarioPanel::submit(Frame& frame) {
  if (m_asked && *m_asked == m_draft) return;
  m_asked = m_draft;
  m_error.clear();
  frame.lab.set_objective(m_draft);
}

}  // namespace descent::ui
