#pragma once
// Google Benchmark's console output, then every result as a ratio to a baseline of the same run.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

namespace descent::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override;
  // Prints "name  ns  ratio" rows, grouped by the baseline each group names.
  void print_ratios() const;

 private:
  struct Result {
    std::string name;
    double ns;
  };
  std::vector<Result> m_results;
};

}  // namespace descent::bench
