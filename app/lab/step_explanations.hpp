#pragma once
// The step anatomy the window shows, per run: each computed off the UI thread by replaying the
// run (StepExplainer), forward from the step it explained last, so playback moving forward costs
// a few steps a frame. A frame never waits: it shows the run's latest explanation until the one
// for the shown step is ready.
#include <atomic>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "session.hpp"
#include "step_explainer.hpp"

namespace descent {

class StepExplanations {
 public:
  StepExplanations() = default;
  StepExplanations(const StepExplanations&) = delete;
  StepExplanations& operator=(const StepExplanations&) = delete;
  ~StepExplanations();  // abandons the jobs still running and waits for them (a step's time)

  // The run's explanation of step `step` (of the run as `view` has it): starts computing it in
  // the background if need be, and meanwhile returns its latest one, or null. `error` is set to
  // why there is none (a run that ended before that step has no next step to explain).
  const ExplainedStep* get(const RunView& view, std::int64_t step);
  // Why the latest get() of this run has nothing: "" while computing or when there is.
  std::string why_none(RunId id) const;
  // Whether the explanation get() returned is of the step asked for.
  bool current(RunId id, std::int64_t step) const;
  // Forgets runs other than these (each frame, before get()).
  void keep_only(const std::vector<RunId>& ids);
  // Whether a job is running or its result waits for get(): the window keeps drawing.
  bool busy() const;

 private:
  struct Result {
    std::optional<ExplainedStep> step;
    std::string error;
  };
  struct Slot {
    std::uint64_t version = 0;
    std::int64_t asked = -1;                     // the step of the job running, or the last done
    std::shared_ptr<StepExplainer> explainer;    // the run's replay (the job's while it runs)
    std::shared_ptr<std::atomic<bool>> abandon;  // the running job's
    std::future<Result> job;
    std::uint64_t job_version = 0;  // the version of the run the job explains
    Result shown;
    std::int64_t shown_asked = -1;
  };
  void collect(Slot& slot);
  // Abandons the slot's job, if any, and keeps it to finish unwaited for.
  void retire(Slot& slot);
  void drop_finished();  // forgets the retired jobs that have finished
  std::map<RunId, Slot> m_slots;
  std::vector<std::future<Result>> m_retired;  // abandoned jobs still finishing
};

}  // namespace descent
