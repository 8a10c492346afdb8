#pragma once
// The results of `descent run` as CSV or JSON, streamed row by row.
#include <ostream>
#include <string>

#include "scenario.hpp"
#include "session.hpp"

namespace descent {

struct RunOutputContext {
  std::string objective_kind;  // "surface", "formula" or "model"
  std::string data_path;       // for a model over a CSV file
  RunLimits limits;
  // Each row also says how many evaluations of the loss reached it (--evals): the steps, plus
  // what line searches and Hessians took.
  bool evaluations = false;
};

enum class RunFormat { csv, json };

// The runs of `scenario` over `objective` (built from scenario.objective), computed headless to
// their end with `limits` on `threads` workers (0: one per core): what `descent run` writes and
// the window's File > Export writes, so that both give the same bytes.
std::shared_ptr<const SessionSnapshot> compute_runs(const Scenario& scenario,
                                                    std::shared_ptr<const Objective> objective,
                                                    const RunLimits& limits, unsigned threads = 0);
RunOutputContext output_context(const Scenario& scenario, const RunLimits& limits);
// CSV or JSON, as below.
void write_runs(std::ostream& out, RunFormat format, const SessionSnapshot& snapshot,
                const RunOutputContext& context);

// Header run,optimizer,step,x,y,loss (then evals, when asked); one row per recorded point; 17
// significant digits.
void write_csv(std::ostream& out, const SessionSnapshot& snapshot, bool evaluations = false);
// The same rows per run, plus each run's spec, parameters, sampling and status, and the loss of
// each step's mini-batch when there are mini-batches, and evaluations when asked.
void write_json(std::ostream& out, const SessionSnapshot& snapshot,
                const RunOutputContext& context);
// "descent: warning: data.csv:1: the first row is read as column names, ..." when reading the
// objective's data decided something the user should know.
void report_data_warning(std::ostream& out, const Objective& objective);
// "descent: run 0 (sgd:lr=1.5) diverged at step 48: ..." for every run that diverged.
void report_divergences(std::ostream& out, const SessionSnapshot& snapshot);
// "descent: run 0 (sgd) failed at step 81234567: out of memory" for every run whose computation
// failed; whether any did.
bool report_failures(std::ostream& out, const SessionSnapshot& snapshot);

}  // namespace descent
