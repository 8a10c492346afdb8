#include "optimizers_panel.hpp"

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "batches.hpp"
#include "curvature.hpp"
#include "optimizer_registry.hpp"
#include "rounded.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {

// Plain gradient descent's limit where the run is: 2(1+β)/λmax of the local quadratic. Red when
// the run's lr is past it (it will be thrown out of this basin's curvature).
std::optional<OptimizersPanel::StableLr> OptimizersPanel::stable_lr(const Frame& frame,
                                                                    const LabRun& run) const {
  const Objective& objective = *frame.lab.objective();
  if (run.spec.name != "sgd" || objective.network_slice() || objective.gradient_cost() > 2e5)
    return std::nullopt;
  for (const RunRow& row : frame.rows) {
    if (row.run->id != run.id || !row.view || row.shown == 0) continue;
    const TrajectoryPoint& at = (*row.view->trajectory)[row.shown - 1];
    const auto c = curvature_at(objective, Vec2(at.x, at.y));
    if (!c) return std::nullopt;
    const double momentum = row.view->params.at("momentum");
    return StableLr{c->max_stable_lr(momentum), c->lambda_max(), momentum, c->analytic};
  }
  return std::nullopt;
}

void OptimizersPanel::draw_stable_lr(const StableLr& s, double lr) const {
  if (!std::isfinite(s.limit)) {
    ImGui::TextDisabled("no lr limit here: the loss curves up in no direction");
  } else {
    const ImVec4 ink =
        lr > s.limit ? ImVec4(1, 0.45f, 0.4f, 1) : ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
    ImGui::TextColored(ink, "stable lr here: below %s", rounded(s.limit).c_str());
  }
  tooltip(
      cat("At the shown point the Hessian's largest eigenvalue is λmax = ", rounded(s.lambda_max),
          s.analytic ? "" : " (by differences of the gradient)",
          ". On the local quadratic, gradient descent", s.momentum > 0 ? " with momentum β" : "",
          " diverges along the steepest curvature once lr > ",
          s.momentum > 0 ? "2(1+β)/λmax" : "2/λmax", " = ", rounded(s.limit),
          ": the red mark on the lr slider.")
          .c_str());
}

void OptimizersPanel::draw(Frame& frame) {
  draw_add_button(frame);
  for (const RunRow& row : frame.rows) draw_run(frame, row);
  for (auto& action : m_deferred) action();
  m_deferred.clear();
  std::erase_if(m_errors, [&](const auto& e) { return !frame.lab.find(e.first); });
}

void OptimizersPanel::draw_add_button(Frame& frame) {
  if (ImGui::Button("+ Add optimizer")) ImGui::OpenPopup("add optimizer");
  tooltip("Add a run with any optimizer, at PyTorch's default settings");
  if (ImGui::BeginPopup("add optimizer")) {
    for (const auto& info : optimizers()) {
      if (ImGui::Selectable(info.name.c_str()))
        m_deferred.push_back([this, &frame, name = info.name] {
          try {
            frame.lab.add_run({.name = name});
            m_add_error.clear();
          } catch (const std::invalid_argument& e) {
            m_add_error = e.what();
          }
        });
      tooltip((info.description + "\n(" + info.reference + ")").c_str());
    }
    ImGui::EndPopup();
  }
  if (!m_add_error.empty())
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", m_add_error.c_str());
}

void OptimizersPanel::apply(Frame& frame, RunId id, const OptimizerSpec& spec) {
  try {
    frame.lab.set_spec(id, spec);
    m_errors.erase(id);
  } catch (const std::invalid_argument& e) {
    m_errors[id] = e.what();
  }
}

bool OptimizersPanel::draw_sampling_rows(Frame& frame, RunId id, Sampling& sampling) {
  const std::size_t samples = frame.lab.objective()->sample_count();
  const std::vector<ParamSpec>& specs = sampling_info().params;
  ParamValues values = sampling_values(sampling);
  std::string error;
  bool changed = false;
  if (samples > 0) {
    // Full batch, mini-batches of B, or one sample at a time: one key, shown as three modes.
    ParamSpec size = *find_spec(specs, "batch");
    key_cell("batch", (size.help + "\nallowed: " + size.range_text()).c_str());
    const char* modes[] = {"full", "mini-batch", "stochastic"};
    int mode = sampling.batch == 0 ? 0 : sampling.batch == 1 ? 2 : 1;
    if (ImGui::Combo("##batch mode", &mode, modes, 3)) {
      values["batch"] = mode == 0   ? 0.0
                        : mode == 2 ? 1.0
                                    : std::min(32.0, static_cast<double>(samples));
      changed = true;
    }
    if (mode == 1) {
      size.key = "size";
      size.help = "samples per mini-batch";
      size.min = size.ui_min = 2;
      size.max = static_cast<double>(samples);
      size.ui_max = std::max(3.0, size.max);
      ParamValues set{{"size", values["batch"]}};
      if (param_rows({size}, set, error)) values["batch"] = set["size"], changed = true;
    }
  }
  for (const auto& spec : specs) {
    if (spec.key == "batch") continue;
    if (spec.key == "seed" && values["batch"] == 0 && values["noise"] == 0) continue;
    changed |= param_rows({spec}, values, error);
  }
  if (!error.empty()) m_errors[id] = error;
  if (changed) sampling = make_sampling(values);
  return changed;
}

void OptimizersPanel::draw_start_row(Frame& frame, const LabRun& run) {
  key_cell("start",
           "Where this run starts: the lab's start (the white marker), or one of its own (a "
           "marker in its colour, which you can drag)");
  bool own = run.start.has_value();
  if (ImGui::Checkbox("own", &own))
    frame.lab.set_run_start(run.id, own ? std::optional<Vec2>(frame.lab.start()) : std::nullopt);
  if (!run.start) return;
  Vec2 at = *run.start;
  const ObjectiveInfo& info = frame.lab.objective()->info();
  const float speed = static_cast<float>((info.view.x_max - info.view.x_min) / 400);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x * 2) / 2 -
                     ImGui::GetFrameHeight();
  bool moved = false;
  std::string refused;  // a coordinate typed that is not a finite number
  for (int i = 0; i < 2; ++i) {
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    const std::string name = parameter_name(i == 0 ? info.x_label : info.y_label);
    moved |= number_field(
        name.c_str(), at[i],
        [&](double& v) {
          return ImGui::DragScalar("##own start", ImGuiDataType_Double, &v, speed, nullptr, nullptr,
                                   "%.4g", ImGuiSliderFlags_NoInput);
        },
        {}, &refused);
  }
  if (!refused.empty()) {
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", refused.c_str());
    ImGui::PopTextWrapPos();
  }
  if (moved) frame.lab.set_run_start(run.id, at);
}

void OptimizersPanel::draw_label_row(Frame& frame, const LabRun& run) {
  key_cell("label", "The run's name in the legend and the table; empty: named after its keys");
  std::string label = run.label;
  if (ImGui::InputTextWithHint("##label", run_label(run.spec).c_str(), &label))
    frame.lab.set_label(run.id, label);
}

void OptimizersPanel::draw_batch_surface_switch(Frame& frame, const LabRun& run) {
  if (run.sampling.batch == 0 || frame.lab.objective()->sample_count() == 0) return;
  bool shown = frame.batch_surface == run.id;
  if (ImGui::Checkbox("show its mini-batch's loss", &shown)) {
    if (shown)
      frame.batch_surface = run.id;
    else
      frame.batch_surface.reset();
  }
  tooltip(
      "Colour the plot with the loss of the batch this run steps on at the shown step, instead "
      "of the loss over all samples: the surface it actually descends.");
}

void OptimizersPanel::draw_run(Frame& frame, const RunRow& row) {
  const LabRun& run = *row.run;
  const RunId id = run.id;
  const OptimizerInfo& info = optimizers().find(run.spec.name);
  ImGui::PushID(static_cast<int>(id));
  ImGui::Separator();

  // Header: colour, visibility, name; duplicate and remove on the right.
  float rgb[3] = {run.colour.r / 255.f, run.colour.g / 255.f, run.colour.b / 255.f};
  if (ImGui::ColorEdit3("##colour", rgb,
                        ImGuiColorEditFlags_NoInputs | ImGuiColorEditFlags_NoLabel))
    frame.lab.set_colour(id, {static_cast<std::uint8_t>(rgb[0] * 255 + 0.5f),
                              static_cast<std::uint8_t>(rgb[1] * 255 + 0.5f),
                              static_cast<std::uint8_t>(rgb[2] * 255 + 0.5f)});
  tooltip("The run's colour: click to change it");
  ImGui::SameLine();
  if (icon_button("##visible", run.visible ? Icon::eye : Icon::eye_off,
                  run.visible ? "Hide this run" : "Show this run"))
    frame.lab.set_visible(id, !run.visible);
  ImGui::SameLine();
  const float button = ImGui::GetFrameHeight();
  ImGui::SetNextItemOpen(true, ImGuiCond_Once);
  bool open = ImGui::TreeNodeEx(
      "##node", ImGuiTreeNodeFlags_AllowItemOverlap | ImGuiTreeNodeFlags_NoTreePushOnOpen, "%s",
      info.name.c_str());
  tooltip((info.description + "\n(" + info.reference + ")").c_str());
  ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - 2 * button -
                  ImGui::GetStyle().ItemSpacing.x);
  if (icon_button("##duplicate", Icon::duplicate, "Duplicate: a copy to vary one setting against"))
    m_deferred.push_back([&frame, id] { frame.lab.duplicate_run(id); });
  ImGui::SameLine();
  if (icon_button("##remove", Icon::remove, "Remove this run"))
    m_deferred.push_back([&frame, id] { frame.lab.remove_run(id); });

  if (open) {
    OptimizerSpec spec = run.spec;
    bool changed = false;
    std::string error;
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
      // SGD's lr slider marks the largest stable lr where the run is.
      const auto stable = stable_lr(frame, run);
      changed |= param_rows(info.params, spec.params, error, [&](const ParamSpec& key) {
        if (key.key != "lr" || !stable || !std::isfinite(stable->limit) ||
            stable->limit < key.ui_min || stable->limit > key.ui_max)
          return;
        const float x = slider_x(key, stable->limit);
        const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const float w = ImGui::GetFontSize() * 0.3f;
        // Triangles on the top and bottom edges: the value's text between them stays readable.
        const ImU32 red = IM_COL32(255, 90, 70, 255), black = IM_COL32(0, 0, 0, 255);
        draw->AddTriangleFilled({x - w, lo.y}, {x + w, lo.y}, {x, lo.y + w * 1.3f}, red);
        draw->AddTriangle({x - w, lo.y}, {x + w, lo.y}, {x, lo.y + w * 1.3f}, black, 1);
        draw->AddTriangleFilled({x - w, hi.y}, {x, hi.y - w * 1.3f}, {x + w, hi.y}, red);
        draw->AddTriangle({x - w, hi.y}, {x, hi.y - w * 1.3f}, {x + w, hi.y}, black, 1);
      });
      for (const auto& c : spec_components()) {
        Choice& choice = spec.*c.choice;
        const std::string before = choice.name;
        if (!choice_rows(c.key, c.description, c.registry, choice, error)) continue;
        if (choice.name != before) choice.params = c.suggest(choice.name, frame.lab.step_limit());
        changed = true;
      }
      Sampling sampling = run.sampling;
      if (draw_sampling_rows(frame, id, sampling)) {
        try {
          frame.lab.set_sampling(id, sampling);
          m_errors.erase(id);
        } catch (const std::invalid_argument& e) {
          m_errors[id] = e.what();
        }
      }
      // A network's runs all start from its parameters (its spec says which).
      if (!frame.lab.objective()->network_slice()) draw_start_row(frame, run);
      draw_label_row(frame, run);
      ImGui::EndTable();
    }
    if (!error.empty()) m_errors[id] = error;
    draw_batch_surface_switch(frame, run);
    const auto lr = spec.params.find("lr");
    const double base =
        lr != spec.params.end() ? lr->second : find_spec(info.params, "lr")->default_value;
    double now = run.schedule.lr(base, frame.shown_step);
    ImGui::TextDisabled("lr at step %lld: %.4g", static_cast<long long>(frame.shown_step), now);
    tooltip("The learning rate in effect at the step shown, after the schedule");
    if (const auto stable = stable_lr(frame, run)) draw_stable_lr(*stable, now);
    if (changed) apply(frame, id, spec);
    if (auto it = m_errors.find(id); it != m_errors.end()) {
      ImGui::PushTextWrapPos(0);
      ImGui::TextColored(ImVec4(1, 0.45f, 0.45f, 1), "%s", it->second.c_str());
      ImGui::PopTextWrapPos();
    }
  }
  ImGui::PopID();
}

}  // namespace descent::ui
