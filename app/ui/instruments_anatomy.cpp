// The instruments' step anatomy: what each part of the shown step of a run is, with its
// formula and this step's numbers; the canvas draws the same parts as arrows (canvas_overlays).
#include <algorithm>

#include "anatomy_style.hpp"
#include "instrument_widgets.hpp"
#include "instruments_panel.hpp"
#include "optimizer_registry.hpp"
#include "text.hpp"
#include "widgets.hpp"

namespace descent::ui {

void InstrumentsPanel::toggle_anatomy(const Frame& frame) {
  const LabRun* r = run(frame);
  if (!r) return;
  auto it = std::find(anatomy_runs.begin(), anatomy_runs.end(), r->id);
  if (it == anatomy_runs.end())
    anatomy_runs.push_back(r->id);
  else
    anatomy_runs.erase(it);
}

const ExplainedStep* InstrumentsPanel::anatomy(RunId id) const {
  auto it = m_anatomy.find(id);
  return it == m_anatomy.end() ? nullptr : it->second.step;
}

bool InstrumentsPanel::anatomy_current(RunId id) const {
  auto it = m_anatomy.find(id);
  return it != m_anatomy.end() && it->second.current;
}

void InstrumentsPanel::update_anatomy(Frame& frame) {
  std::erase_if(anatomy_runs, [&](RunId id) { return !frame.lab.find(id); });
  std::vector<RunId> wanted = anatomy_runs;
  const LabRun* picked = run(frame);
  if (open && m_tab == Tab::anatomy && picked) wanted.push_back(picked->id);
  m_anatomy.clear();
  m_explanations.keep_only(wanted);
  for (const RunRow& row : frame.rows) {
    if (!row.view || row.shown == 0) continue;
    if (std::find(wanted.begin(), wanted.end(), row.run->id) == wanted.end()) continue;
    const std::int64_t step = row.view->trajectory->step(row.shown - 1);
    const ExplainedStep* e = m_explanations.get(*row.view, step);
    m_anatomy[row.run->id] = {e, e && m_explanations.current(row.run->id, step)};
  }
}

namespace {

// A part's row: its swatch and name, its vector and length, what it is as a tooltip.
void part_row(Rgb colour, const std::string& name, const Vec2& v, const std::string& help,
              bool dashed) {
  ImGui::TableNextRow();
  ImGui::TableNextColumn();
  swatch(colour, dashed ? name + " (dashed)" : name);
  if (!help.empty()) tooltip(help.c_str());
  ImGui::TableNextColumn();
  ImGui::TextUnformatted(show(v).c_str());
  tooltip(cat("length ", show(v.norm())).c_str());
}

}  // namespace

void InstrumentsPanel::draw_anatomy(Frame& frame, const LabRun& run) {
  bool drawn = std::find(anatomy_runs.begin(), anatomy_runs.end(), run.id) != anatomy_runs.end();
  if (ImGui::Checkbox("Arrows on the canvas (A)", &drawn)) toggle_anatomy(frame);
  tooltip(
      "Draws the parts of this run's step at its shown point, head to tail, each in its colour; "
      "the step taken in white and -lr·g (plain gradient descent's step) dashed. Lengths are "
      "true to the canvas's scale; a step too short to see is magnified by a power of ten, and "
      "the canvas says so.");
  const ExplainedStep* e = anatomy(run.id);
  if (!e) {
    const std::string why = m_explanations.why_none(run.id);
    ImGui::TextDisabled("%s", why.empty() ? "computing…" : why.c_str());
    return;
  }
  ImGui::TextWrapped("Step %lld, from (%s, %s)%s", static_cast<long long>(e->step),
                     show(e->from.x()).c_str(), show(e->from.y()).c_str(),
                     anatomy_current(run.id) ? "" : " (computing the shown step…)");
  if (e->parameters > 2)
    ImGui::TextWrapped(
        "A step of all %lld parameters, drawn projected on the plane; the formula has their "
        "norms.",
        static_cast<long long>(e->parameters));
  const StepAnatomy<Vec2>& a = e->anatomy;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s",
                     cat("The update (", optimizers().find(run.spec.name).reference, "):").c_str());
  ImGui::PopStyleColor();
  for (const FormulaLine& line : a.lines) {
    ImGui::TextWrapped("%s", line.formula.c_str());
    if (line.numbers.empty()) continue;
    ImGui::Indent();
    ImGui::TextWrapped("%s", line.numbers.c_str());
    ImGui::Unindent();
  }
  ImGui::Separator();
  const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
  if (ImGui::BeginTable("parts", 2, flags)) {
    ImGui::TableSetupColumn("Part (on the canvas)");
    ImGui::TableSetupColumn("Vector (hover: length)");
    ImGui::TableHeadersRow();
    for (std::size_t i = 0; i < a.parts.size(); ++i)
      part_row(part_colour(a.parts[i].name, i), a.parts[i].name, a.parts[i].value, a.parts[i].help,
               false);
    part_row(kStepColour, "step taken", a.step(), "the sum of the parts: where the run went",
             false);
    for (const auto& g : a.guides)
      part_row(g.name == "unclipped" ? kUnclippedColour : kGuideColour, g.name, g.value, g.help,
               true);
    ImGui::EndTable();
  }
  if (a.scale)
    ImGui::TextWrapped("Per-coordinate step scale (the ellipse): x %s, y %s",
                       show(a.scale->x()).c_str(), show(a.scale->y()).c_str());
  if (a.evaluations > 0)
    ImGui::TextWrapped("This step evaluated the loss %lld more %s", a.evaluations,
                       a.evaluations == 1 ? "time" : "times");
}

}  // namespace descent::ui
