#pragma once
// Instruments that run one optimizer many times, for the run picked here: a basin map (a run
// from every start of the canvas, laid over the field), a learning-rate sweep (the loss after
// the step limit against lr, from the run's start) and a hyperparameter map (two of its keys
// over a grid, coloured by how fast each setting converged or diverged). Each computes in the
// background on the session's workers, coarse first, and again when what it depends on changes.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "basin_colours.hpp"
#include "basin_map.hpp"
#include "frame.hpp"
#include "lane_map.hpp"
#include "plot.hpp"
#include "step_explanations.hpp"

namespace descent::ui {

class InstrumentsPanel {
 public:
  explicit InstrumentsPanel(Session& session);
  ~InstrumentsPanel();  // a fan still computing is dropped
  InstrumentsPanel(const InstrumentsPanel&) = delete;
  InstrumentsPanel& operator=(const InstrumentsPanel&) = delete;

  // Whether the panel is open (View > Instruments, I) and whether the canvas shows the basin
  // map (B); each can be on without the other.
  bool open = false;
  bool basin_shown = false;
  // The tab shown; only its map (and the basin map, when shown) computes.
  enum class Tab { basin, sweep, hyper, anatomy, sharpness };
  Tab tab() const { return m_tab; }
  void select(Tab tab) { m_tab = tab, m_select = true; }

  // Keeps the shown instruments in step with the lab and the canvas's `visible` box (every
  // frame, whether the panel is drawn or not): asks for what changed.
  void update(Frame& frame, const Box& visible, double aspect);
  // Whether a map or the fan is still computing: the window keeps drawing until it is shown.
  bool busy() const;
  void draw(Frame& frame);

  // The newest basin map (perhaps a coarse first look), or null.
  std::shared_ptr<const LaneMap> basin_map() const { return m_basin.map(); }
  std::shared_ptr<const LaneMap> sweep_map() const { return m_sweep.map(); }
  std::shared_ptr<const LaneMap> hyper_map() const { return m_hyper.map(); }
  // The sweep's fan: the paths of some of its learning rates, from low (blue) to high (orange),
  // while the sweep is shown; the canvas draws them thin, under the runs.
  struct FanPath {
    double lr;
    Rgb colour;
    RunStatus status;
    std::vector<Vec2> points;
  };
  std::shared_ptr<const std::vector<FanPath>> fan() const;
  // The basin map as the canvas lays it over the field; no pixels when it is not shown.
  const FieldOverlay& overlay() const { return m_overlay; }
  // The basin map's outcome for a start at `p` (the nearest cell), when shown and computed.
  std::optional<LaneOutcome> basin_at(const Vec2& p) const;
  // [SECTION] step anatomy (instruments_anatomy.cpp)
  // Runs whose step anatomy the canvas draws (A toggles the instruments' run).
  std::vector<RunId> anatomy_runs;
  void toggle_anatomy(const Frame& frame);
  // The anatomy of the step from the run's shown point, as computed so far (perhaps of an
  // earlier step while this one computes), for runs drawn or shown in the tab; else null.
  const ExplainedStep* anatomy(RunId id) const;
  // Whether anatomy(id) is of the step shown.
  bool anatomy_current(RunId id) const;

  // The run the instruments look at: picked here, else the first visible one; null for none.
  const LabRun* run(const Frame& frame) const;
  // The basin map's readout for a start: what happens from there, for the canvas's hover.
  std::string basin_text(const LaneOutcome& outcome) const;

 private:
  void draw_basin();
  void update_anatomy(Frame& frame);
  void draw_anatomy(Frame& frame, const LabRun& run);
  void draw_sharpness(Frame& frame);
  void request_sharpness(const Frame& frame);
  void draw_sweep(Frame& frame, const LabRun& run);
  void draw_hyper(Frame& frame, const LabRun& run);
  void run_combo(Frame& frame);
  LaneLimits limits(const Frame& frame) const;
  Vec2 start_of(const Frame& frame, const LabRun& run) const;
  // The axis of `key` for the run's optimizer: its slider's range, log where the slider is.
  KeyAxis default_axis(const LabRun& run, const std::string& key, int count) const;

  // Computes the fan of `request`'s sweep in the background, unless it is the fan shown.
  void request_fan(const LaneMapRequest& request);

  Session& m_session;
  LaneMapper m_basin, m_sweep, m_hyper;
  // The fan shown and the number of the newest one asked for: a job computing an older one
  // drops it.
  struct FanState {
    std::mutex mutex;
    std::shared_ptr<const std::vector<FanPath>> paths;
    std::atomic<std::uint64_t> number{0};
  };
  std::shared_ptr<FanState> m_fan;  // also held by the job computing it
  std::optional<LaneMapRequest> m_fan_of;
  std::optional<RunId> m_picked;
  StepExplanations m_explanations;
  // The sharpness plot's curves, computed on the session's workers: per visible run, λmax and
  // 2/lr at up to 400 of its points.
  struct SharpnessCurve {
    struct Key {
      RunId id;
      std::uint64_t version;
      std::size_t points;
    };
    RunId id = 0;
    Rgb colour;
    std::vector<double> steps, lambda, limit;
    bool analytic = true;
  };
  struct SharpnessState {
    std::mutex mutex;
    std::shared_ptr<const std::vector<SharpnessCurve>> curves;
    std::atomic<std::uint64_t> number{0};
    std::atomic<std::uint64_t> done{0};  // the number of the curves published last
  };
  std::shared_ptr<SharpnessState> m_sharpness = std::make_shared<SharpnessState>();
  std::vector<SharpnessCurve::Key> m_sharpness_keys;
  std::shared_ptr<const Objective> m_sharpness_of;
  struct Shown {
    const ExplainedStep* step;
    bool current;
  };
  std::map<RunId, Shown> m_anatomy;  // this frame's, from update()
  Tab m_tab = Tab::basin;
  bool m_select = false;  // select() asked for m_tab: the tab bar shows it next
  int m_basin_side = 256;
  // The sweep: lr on a log scale from a hundredth to a hundred times the run's.
  int m_sweep_count = 64;
  // The lr the sweep is centred on, for the run it was centred for: a click that gives the run
  // another lr moves its line, not the axis.
  std::optional<std::pair<RunId, double>> m_sweep_centre;
  int m_sweep_shows_steps = 0;  // 0: the loss after the step limit, 1: the steps to tolerance
  // The hyperparameter map: two keys and the part of their ranges shown (zoom and pan).
  std::string m_key_x = "lr", m_key_y;
  std::optional<KeyAxis> m_axis_x, m_axis_y;
  std::string m_hyper_of;  // the optimizer the keys were chosen for
  // The overlay built from the newest basin map.
  std::shared_ptr<const LaneMap> m_overlay_of;
  FieldOverlay m_overlay;
  std::optional<KnownMinima> m_minima;  // the objective's, for the legend and the readout
  std::vector<std::size_t> m_counts;    // the legend's: each minimum's starts, then the rest
};

}  // namespace descent::ui
