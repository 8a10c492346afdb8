#pragma once
// The results of `descent run` as CSV or JSON, streamed row by row.
#include <ostream>
#include <string>

#include "session.hpp"

namespace descent {

struct RunOutputContext {
  std::string objective_kind;  // "surface", "formula" or "model"
  std::string data_path;       // for a model over a CSV file
  RunLimits limits;
};

// Header run,optimizer,step,x,y,loss; one row per recorded point; 17 significant digits.
void write_csv(std::ostream& out, const SessionSnapshot& snapshot);
// The same rows per run, plus each run's spec, parameters, sampling and status, and the loss of
// each step's mini-batch when there are mini-batches.
void write_json(std::ostream& out, const SessionSnapshot& snapshot,
                const RunOutputContext& context);
// "descent: warning: data.csv:1: the first row is read as column names, ..." when reading the
// objective's data decided something the user should know.
void report_data_warning(std::ostream& out, const Objective& objective);
// "descent: run 0 (sgd:lr=1.5) diverged at step 48: ..." for every run that diverged.
void report_divergences(std::ostream& out, const SessionSnapshot& snapshot);

}  // namespace descent
