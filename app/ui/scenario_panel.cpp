#include "scenario_panel.hpp"

#include <algorithm>
#include <stdexcept>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "data_generators.hpp"
#include "models/glm.hpp"
#include "surfaces.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

constexpr double kHeavySamples = 20000;  // beyond this, data is rebuilt when a slider is let go

const char* kPenalties[] = {"none", "L2", "L1"};

// A data generator that suits the model: the right feature count, labels for a classifier.
bool suits(const GeneratorInfo& g, const ModelInfo& m, LossKind loss) {
  return g.features == m.features && (loss != LossKind::bce || g.binary);
}

void label(const char* text, const char* tip) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  tooltip(tip);
  ImGui::SameLine(ImGui::GetFontSize() * 5.2f);
  ImGui::SetNextItemWidth(-1);
}

}  // namespace

bool ScenarioPanel::draw(Frame& frame) {
  bool fit = false;
  try {
    fit = draw_objective_choice(frame);
    if (m_model_mode)
      draw_model(frame);
    else
      draw_surface(frame);
    draw_start_and_view(frame);
  } catch (const std::invalid_argument& e) {
    m_error = e.what();
  }
  if (frame.lab.loading()) ImGui::TextDisabled("preparing the data...");
  if (!m_error.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", m_error.c_str());
    ImGui::PopTextWrapPos();
  }
  draw_open_dialog(frame);
  return fit;
}

bool ScenarioPanel::draw_objective_choice(Frame& frame) {
  m_model_mode = frame.lab.model().has_value() || (m_model_mode && frame.lab.loading());
  int mode = m_model_mode ? 1 : 0;
  bool changed = ImGui::RadioButton("Test surface", &mode, 0);
  tooltip(
      "A function of (x, y) with known minima: Rosenbrock's valley, Himmelblau's four minima...");
  ImGui::SameLine();
  changed |= ImGui::RadioButton("Model over data", &mode, 1);
  tooltip("The loss of a two-parameter model fitted to data, over its parameters");
  ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFrameHeight());
  bool fit =
      icon_button("##fit", Icon::fit, "Fit the view to the loss (F, or double-click the plot)");
  if (changed) {
    m_error.clear();
    m_model_mode = mode == 1;
    if (m_model_mode) {
      submit(frame);
    } else {
      frame.lab.set_objective(find_surface(m_last_surface));
      m_asked.reset();
    }
  }
  return fit;
}

void ScenarioPanel::draw_surface(Frame& frame) {
  std::shared_ptr<const Objective> objective = frame.lab.objective();
  label("Surface", "The test function to descend");
  if (ImGui::BeginCombo("##surface", objective->info().name.c_str(), ImGuiComboFlags_HeightLarge)) {
    for (const auto& s : surfaces()) {
      if (ImGui::Selectable(s->info().name.c_str(), s == objective)) {
        frame.lab.set_objective(s);
        m_last_surface = s->info().name;
      }
      tooltip((s->info().description + "\nf(x, y) = " + s->info().formula).c_str());
    }
    ImGui::EndCombo();
  }
  const ObjectiveInfo& info = frame.lab.objective()->info();
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", info.description.c_str());
  ImGui::TextUnformatted(("f = " + info.formula).c_str());
  ImGui::PopTextWrapPos();
}

void ScenarioPanel::draw_model(Frame& frame) {
  // What the lab holds, when it was not the panel that asked for it (the command line) or
  // when what the panel asked for failed: the widgets show what is loaded.
  if (!m_asked && frame.lab.model()) m_asked = m_draft = *frame.lab.model();
  ModelSpec& spec = m_draft.model;
  const ModelInfo& model = find_model(spec.model);

  label("Model", "What is fitted: two parameters, so that its loss is a surface");
  if (ImGui::BeginCombo("##model", model.name.c_str())) {
    for (const auto& m : models()) {
      if (ImGui::Selectable(m.name.c_str(), m.name == model.name) && m.name != model.name) {
        spec.model = m.name;
        spec.loss = m.losses.front();
        if (m_draft.data.path.empty() || m.features != model.features) {
          m_draft.data = {};
          for (const auto& g : generators())
            if (suits(g, m, spec.loss)) {
              m_draft.data.generator = g.name;
              break;
            }
        }
      }
      tooltip(m.description.c_str());
    }
    ImGui::EndCombo();
  }
  const ModelInfo& chosen = find_model(spec.model);
  label("Loss", "How a prediction's error is counted, averaged over the samples");
  if (ImGui::BeginCombo("##loss", loss_info(spec.loss).name.c_str())) {
    for (LossKind k : chosen.losses) {
      if (ImGui::Selectable(loss_info(k).name.c_str(), k == spec.loss)) spec.loss = k;
      tooltip((loss_info(k).description + ": " + loss_info(k).formula).c_str());
    }
    ImGui::EndCombo();
  }
  if (spec.loss == LossKind::huber) {
    ParamSpec delta{.key = "delta",
                    .default_value = 1,
                    .min = 0,
                    .min_open = true,
                    .ui_min = 0.05,
                    .ui_max = 20,
                    .log_scale = true,
                    .help = "where the Huber loss turns from quadratic to linear"};
    label("delta", delta.help.c_str());
    param_widget(delta, spec.huber_delta);
  }
  int penalty = static_cast<int>(spec.penalty);
  label("Penalty",
        "A term added to the loss that pulls the weights toward 0; the bias is left alone");
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  if (ImGui::Combo("##penalty", &penalty, kPenalties, 3)) {
    spec.penalty = static_cast<PenaltyKind>(penalty);
    if (spec.penalty != PenaltyKind::none && spec.strength == 0) spec.strength = 0.01;
  }
  if (spec.penalty != PenaltyKind::none) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    ParamSpec strength{.key = "strength",
                       .default_value = 0.01,
                       .min = 0,
                       .ui_min = 1e-4,
                       .ui_max = 10,
                       .log_scale = true,
                       .help = spec.penalty == PenaltyKind::l2 ? "λ: adds λ·w² to the loss"
                                                               : "λ: adds λ·|w| to the loss"};
    param_widget(strength, spec.strength);
  }
  ImGui::Checkbox("Standardise features", &spec.standardize);
  tooltip(
      "Fit on z-scores (x - mean) / std instead of raw features: the parameters then refer to the "
      "standardised features, and the axes say so. Often turns a long thin valley into a round "
      "bowl.");

  draw_data_source(frame);
  // Many samples (asked for, or in the file loaded): rebuilt when a slider is let go, not for
  // every value it passes.
  const auto n = m_draft.data.generator_values.find("n");
  const double samples = !m_draft.data.path.empty()
                             ? static_cast<double>(frame.lab.objective()->sample_count())
                             : (n != m_draft.data.generator_values.end() ? n->second : 0);
  if (!(samples > kHeavySamples && ImGui::IsAnyItemActive())) submit(frame);

  const ObjectiveInfo& info = frame.lab.objective()->info();
  if (const auto& loaded = frame.lab.model()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", info.formula.c_str());
    // Cross-entropy without a minimum: the classes are separable, a lesson in itself.
    if (loaded->model.loss == LossKind::bce && info.critical_points.empty())
      ImGui::TextColored(ImVec4(1, 0.8f, 0.4f, 1),
                         "No minimum: a line separates the classes, so the loss keeps falling as "
                         "the weights grow and every run heads off for good. An L2 penalty gives "
                         "it a minimum.");
    ImGui::PopTextWrapPos();
  }
}

void ScenarioPanel::draw_data_source(Frame& frame) {
  DataSource& source = m_draft.data;
  const ModelInfo& model = find_model(m_draft.model.model);
  ImGui::Separator();
  int from_file = source.path.empty() ? 0 : 1;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Data");
  ImGui::SameLine();
  if (ImGui::RadioButton("generated", &from_file, 0)) source.path.clear(), source.columns = {};
  tooltip("Seeded synthetic data: the same settings give the same points");
  ImGui::SameLine();
  if (ImGui::RadioButton("CSV file", &from_file, 1) && source.path.empty()) open_data_dialog();
  tooltip("Your own data: File > Open data (Ctrl+O)");

  if (source.path.empty()) {
    label("Kind", "How the points are made");
    if (ImGui::BeginCombo("##generator", source.generator.c_str())) {
      for (const auto& g : generators()) {
        if (!suits(g, model, m_draft.model.loss)) continue;
        if (ImGui::Selectable(g.name.c_str(), g.name == source.generator)) {
          source.generator = g.name;
          source.generator_values.clear();
        }
        tooltip(g.description.c_str());
      }
      ImGui::EndCombo();
    }
    const GeneratorInfo& info = find_generator(source.generator);
    for (const auto& key : info.params) {
      double value = source.generator_values.count(key.key) ? source.generator_values.at(key.key)
                                                            : key.default_value;
      label(key.key.c_str(), key.help.c_str());
      if (param_widget(key, value)) source.generator_values[key.key] = value;
    }
    return;
  }
  ImGui::PushTextWrapPos(0);
  ImGui::TextDisabled("%s", source.path.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine();
  if (ImGui::SmallButton("Open...")) open_data_dialog();
  // The column choice, from the file's header once it is loaded.
  const auto* objective = frame.lab.model() ? frame.lab.objective().get() : nullptr;
  const auto* glm = dynamic_cast<const GlmObjective*>(objective);
  // Until the file is loaded for this model (its number of features may differ), no columns.
  if (!glm || glm->data().source != source.path || glm->data().feature_count() != model.features)
    return;
  const Dataset& data = glm->data();
  std::vector<std::string> roles;
  for (int f = 0; f < model.features; ++f)
    roles.push_back(model.features == 1 ? "feature" : "feature " + std::to_string(f + 1));
  roles.push_back("target");
  for (std::size_t r = 0; r < roles.size(); ++r) {
    bool target = r + 1 == roles.size();
    std::string current = target ? data.target_name : data.feature_names[r];
    label(roles[r].c_str(), target ? "The column to predict" : "A column the model reads");
    ImGui::PushID(static_cast<int>(r));
    if (ImGui::BeginCombo("##column", current.c_str())) {
      for (const auto& column : data.source_columns)
        if (ImGui::Selectable(column.c_str(), column == current)) {
          source.columns.features = data.feature_names;
          source.columns.target = data.target_name;
          (target ? source.columns.target : source.columns.features[r]) = column;
        }
      ImGui::EndCombo();
    }
    ImGui::PopID();
  }
}

void ScenarioPanel::draw_open_dialog(Frame& frame) {
  if (m_open_dialog) {
    ImGui::OpenPopup("Open data");
    m_open_dialog = false;
    if (m_path.empty()) m_path = m_draft.data.path;
  }
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 32, 0), ImGuiCond_Appearing);
  if (!ImGui::BeginPopupModal("Open data", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
  const ModelInfo& model = find_model(m_draft.model.model);
  ImGui::TextWrapped(
      "A CSV file with a header or without, up to 1,000,000 rows. The %s model reads %s; "
      "columns named that way are used, else the first columns in order (you can change "
      "them after).",
      model.name.c_str(), model.features == 1 ? "x and y" : "x1, x2 and y");
  ImGui::SetNextItemWidth(-1);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  bool enter = ImGui::InputText("##path", &m_path, ImGuiInputTextFlags_EnterReturnsTrue);
  if ((ImGui::Button("Open") || enter) && !m_path.empty()) {
    m_draft.data.path = m_path;
    m_draft.data.columns = {};
    m_error.clear();
    submit(frame);
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
    ImGui::CloseCurrentPopup();
  ImGui::EndPopup();
}

void ScenarioPanel::draw_start_and_view(Frame& frame) {
  Lab& lab = frame.lab;
  const ObjectiveInfo& info = lab.objective()->info();
  ImGui::Separator();
  Vec2 start = lab.start();
  double speed = (info.view.x_max - info.view.x_min) / 400;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Start");
  ImGui::SameLine();
  float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
  ImGui::SetNextItemWidth(half);
  auto format = [](const std::string& label) { return parameter_name(label) + " = %.4g"; };
  const std::string x_format = format(info.x_label), y_format = format(info.y_label);
  bool moved = ImGui::DragScalar("##start x", ImGuiDataType_Double, &start.x(),
                                 static_cast<float>(speed), nullptr, nullptr, x_format.c_str());
  tooltip("Drag, or Ctrl+click to type. Clicking the plot sets the start too.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  moved |= ImGui::DragScalar("##start y", ImGuiDataType_Double, &start.y(),
                             static_cast<float>(speed), nullptr, nullptr, y_format.c_str());
  tooltip("Drag, or Ctrl+click to type. Clicking the plot sets the start too.");
  if (moved) lab.set_start(start);

  std::int64_t limit = lab.step_limit();
  const std::int64_t small = 100, large = 1000;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("Steps");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputScalar("##limit", ImGuiDataType_S64, &limit, &small, &large, "%lld"))
    lab.set_step_limit(limit);
  tooltip("Step limit: every run is computed up to this many steps");

  ImGui::Checkbox("Log-spaced contours", &frame.settings.log_contours);
  tooltip(
      "Contour levels spaced evenly in log(f - min): detail near the minimum. Off: evenly in f.");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(-1);
  ImGui::SliderInt("##levels", &frame.settings.contour_levels, 4, 60, "%d levels");
  tooltip("Number of contour levels across the visible range of f");
}

void ScenarioPanel::submit(Frame& frame) {
  if (m_asked && *m_asked == m_draft) return;
  m_asked = m_draft;
  m_error.clear();
  frame.lab.request_model(m_draft);
}

}  // namespace descent::ui
