#include "optimizers_panel.hpp"

#include <cmath>
#include <stdexcept>
#include <type_traits>

#include <imgui.h>

#include "optimizer_registry.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {
namespace {

// Values for a schedule's required keys when the user picks it, scaled to the step limit.
void seed_schedule(OptimizerSpec& spec, std::int64_t limit) {
  spec.schedule_params.clear();
  double steps = static_cast<double>(std::max<std::int64_t>(limit, 4));
  if (spec.schedule == "step")
    spec.schedule_params = {{"step_size", std::round(steps / 4)}, {"gamma", 0.5}};
  if (spec.schedule == "exponential") spec.schedule_params = {{"gamma", std::pow(0.01, 1 / steps)}};
  if (spec.schedule == "cosine") spec.schedule_params = {{"t_max", steps}};
}

// Starts a two-column table row: the key with its tooltip, then the value cell, full width.
void key_cell(const char* key, const char* tip) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(key);
  tooltip(tip);
  ImGui::TableNextColumn();
  ImGui::SetNextItemWidth(-1);
}

// A two-column table row: the key, then its widget.
bool key_row(const ParamSpec& spec, double& value) {
  key_cell(spec.key.c_str(), (spec.help + "\nallowed: " + spec.range_text()).c_str());
  return param_widget(spec, value);
}

}  // namespace

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
  bool changed = false;
  // A typed value (Ctrl+click) goes past a slider's range: one the spec refuses is said, not set.
  auto row = [&](const ParamSpec& spec, auto& target) {
    double value = static_cast<double>(target);
    if (!key_row(spec, value)) return;
    if (!spec.accepts(value)) {
      m_errors[id] = cat(spec.key, " = ", format_number(value),
                         " is out of range; allowed: ", spec.range_text());
      return;
    }
    target = static_cast<std::remove_reference_t<decltype(target)>>(value);
    changed = true;
  };
  if (samples > 0) {
    // Full batch, mini-batches of B, or one sample at a time.
    key_cell("batch",
             "How many samples each step's gradient averages: all of them, a mini-batch, or one "
             "(stochastic). Each epoch reshuffles the samples with the run's seed.");
    const char* modes[] = {"full", "mini-batch", "stochastic"};
    int mode = sampling.batch == 0 ? 0 : sampling.batch == 1 ? 2 : 1;
    if (ImGui::Combo("##batch mode", &mode, modes, 3)) {
      sampling.batch = mode == 0 ? 0 : mode == 2 ? 1 : std::min<std::size_t>(32, samples);
      changed = true;
    }
    if (mode == 1)
      row({.key = "size",
           .default_value = 32,
           .min = 1,
           .max = static_cast<double>(samples),
           .ui_min = 2,
           .ui_max = std::max(3.0, static_cast<double>(samples)),
           .log_scale = true,
           .kind = ParamKind::integer,
           .help = "samples per mini-batch"},
          sampling.batch);
  }
  row({.key = "noise",
       .default_value = 0,
       .min = 0,
       .max = 1e6,
       .ui_min = 0,
       .ui_max = 100,
       .log_scale = true,
       .help = "adds Gaussian noise of this standard deviation to every gradient: stochastic "
               "gradients on any loss"},
      sampling.gradient_noise);
  if (sampling.batch > 0 || sampling.gradient_noise > 0)
    row(keys::seed("the run's own: the same seed, the same batches and noise"), sampling.seed);
  return changed;
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
  const OptimizerInfo& info = find_optimizer(run.spec.name);
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
    ParamValues values = resolve_params(spec.name, info.params, spec.params);
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingStretchProp)) {
      ImGui::TableSetupColumn("key", ImGuiTableColumnFlags_WidthFixed);
      ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
      for (const auto& key : info.params)
        if (key_row(key, values[key.key])) {
          spec.params[key.key] = values[key.key];
          changed = true;
        }
      // Schedule and its keys.
      key_cell("schedule", "How the learning rate changes over the steps (PyTorch's lr_scheduler)");
      if (ImGui::BeginCombo("##schedule", spec.schedule.c_str())) {
        for (const auto& s : schedules()) {
          if (ImGui::Selectable(s.name.c_str(), s.name == spec.schedule) &&
              s.name != spec.schedule) {
            spec.schedule = s.name;
            seed_schedule(spec, frame.lab.step_limit());
            changed = true;
          }
          tooltip(s.description.c_str());
        }
        ImGui::EndCombo();
      }
      const ScheduleInfo& schedule = find_schedule(spec.schedule);
      ParamValues schedule_values = spec.schedule_params;
      for (const auto& key : schedule.params) {
        double& v = schedule_values[key.key];
        if (!spec.schedule_params.count(key.key))
          v = key.required() ? key.ui_min : key.default_value;
        if (key_row(key, v)) {
          spec.schedule_params[key.key] = v;
          changed = true;
        }
      }
      // Clipping.
      key_cell("clip",
               "Gradient clipping before the update: rescale to a maximum norm, or clamp each "
               "component");
      const char* clip_names[] = {"none", "norm", "value"};
      int clip = static_cast<int>(spec.clip);
      if (ImGui::Combo("##clip", &clip, clip_names, 3)) {
        spec.clip = static_cast<ClipMode>(clip);
        if (spec.clip_max <= 0) spec.clip_max = 1;
        changed = true;
      }
      if (spec.clip != ClipMode::none) {
        ParamSpec max{.key = spec.clip == ClipMode::norm ? "clip_norm" : "clip_value",
                      .default_value = 1,
                      .min = 0,
                      .min_open = true,
                      .ui_min = 1e-3,
                      .ui_max = 1e3,
                      .log_scale = true,
                      .help = spec.clip == ClipMode::norm
                                  ? "largest gradient norm: longer gradients are scaled down"
                                  : "largest absolute gradient component"};
        if (key_row(max, spec.clip_max)) changed = true;
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
      ImGui::EndTable();
    }
    draw_batch_surface_switch(frame, run);
    double base = values.at("lr");
    double now = run.schedule.lr(base, frame.shown_step);
    ImGui::TextDisabled("lr at step %lld: %.4g", static_cast<long long>(frame.shown_step), now);
    tooltip("The learning rate in effect at the step shown, after the schedule");
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
