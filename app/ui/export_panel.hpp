#pragma once
// File > Export: the canvas or the window as a PNG (1x, 2x), the race as a GIF or MP4 (size,
// frame rate, length, with the file's size estimated first), the runs as CSV or JSON. Pictures
// and animations are drawn by the GL side (Exporter), which takes the request and reports its
// progress here; the runs are written on a thread of this panel's. Either shows its progress,
// can be cancelled, and reports a failed write in the window.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "animation.hpp"
#include "file_dialog.hpp"
#include "frame.hpp"
#include "runs_export.hpp"

namespace descent::ui {

enum class ExportKind { canvas_png, window_png, gif, mp4, csv, json };

struct ExportRequest {
  ExportKind kind = ExportKind::gif;
  std::string path;
  float scale = 1;                 // a PNG's pixels per window pixel: 1 or 2
  int width = 1280, height = 720;  // an animation's size in pixels
  AnimationTiming timing;
  bool to_current_step = false;  // the animation ends at the playback position, not the last step
};

// How an export drawn elsewhere is going; written by whoever carries it out.
struct ExportProgress {
  double fraction = 0;
  std::string stage;  // "frame 37 of 150", "computing the runs"
};

class ExportPanel {
 public:
  // Shows the dialog (File > Export, Ctrl+E).
  void open() { m_open = true; }
  bool showing() const { return m_stage != Stage::closed || m_open; }
  // An export is being made (or asked for): the window keeps drawing frames.
  bool working() const { return m_stage == Stage::working || m_request.has_value(); }
  void draw(Frame& frame);

  // [SECTION] for the GL side
  // A picture or animation to make, once: then report() progress until finished().
  std::optional<ExportRequest> take_request();
  void report(ExportProgress progress) { m_progress = std::move(progress); }
  // The export ended: `error` empty when the file was written.
  void finished(const std::string& error);
  // The user asked to stop the export that runs.
  bool cancel_requested() const { return m_cancel; }
  // While the GL side draws the window into a picture, this panel stays out of it.
  void set_capturing(bool capturing) { m_capturing = capturing; }

 private:
  enum class Stage { closed, options, choosing_file, working, result };
  void draw_options(Frame& frame);
  void draw_working();
  void start(const std::string& path, Frame& frame);
  const char* file_extension() const;
  std::string default_name() const;

  Stage m_stage = Stage::closed;
  bool m_open = false, m_capturing = false, m_cancel = false;
  ExportRequest m_options;
  int m_scale = 1;
  FileDialog m_dialog;
  std::optional<ExportRequest> m_request;
  ExportProgress m_progress;
  std::unique_ptr<RunsExport> m_runs;
  std::string m_path, m_result, m_error;
  std::string m_directory;  // where the last export went
};

}  // namespace descent::ui
