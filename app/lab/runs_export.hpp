#pragma once
// The window's File > Export of the runs as CSV or JSON: the lab's scenario computed headless
// and written exactly as `descent run` writes it, on a thread of its own, cancellable.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "run_output.hpp"
#include "scenario.hpp"

namespace descent {

// Writes `scenario`'s runs over `objective` (built from scenario.objective) to `path`
// atomically, byte for byte what `descent run --scenario FILE --format F --out path` writes.
// `progress` goes from 0 to 1 while writing; once `cancel` turns true the file is left as it
// was. Throws std::runtime_error naming the path (or saying it was cancelled).
void export_runs(const Scenario& scenario, std::shared_ptr<const Objective> objective,
                 const std::string& path, RunFormat format,
                 const std::atomic<bool>* cancel = nullptr,
                 std::atomic<double>* progress = nullptr);

// export_runs on a thread; the destructor cancels and waits.
class RunsExport {
 public:
  RunsExport(Scenario scenario, std::shared_ptr<const Objective> objective, std::string path,
             RunFormat format);
  ~RunsExport();
  RunsExport(const RunsExport&) = delete;
  RunsExport& operator=(const RunsExport&) = delete;

  void cancel() { m_cancel = true; }
  bool done() const { return m_done.load(); }
  double progress() const { return m_progress.load(); }
  // Once done: why it failed, or "".
  const std::string& error() const { return m_error; }

 private:
  std::atomic<bool> m_cancel{false}, m_done{false};
  std::atomic<double> m_progress{0};
  std::string m_error;
  std::thread m_thread;
};

}  // namespace descent
