#pragma once
// The GL side of File > Export: takes what the export panel asks for and draws it offscreen a
// few frames per window frame, so the window stays live; the frames are encoded on a thread.
#include <chrono>
#include <memory>

#include "lab.hpp"
#include "render/field_renderer.hpp"
#include "ui/gui.hpp"

namespace descent {

class Exporter {
 public:
  Exporter();
  ~Exporter();
  // Once a window frame, after it was rendered and before it is shown, with the window's ImGui
  // context current: starts what was asked, carries on what runs, reports to the panel.
  void tick(ui::Gui& gui, Lab& lab, FieldRenderer& renderer);

 private:
  void window_picture(ui::Gui& gui, Lab& lab, FieldRenderer& renderer,
                      const ui::ExportRequest& request);
  struct Job;
  std::unique_ptr<Job> m_job;
};

}  // namespace descent
