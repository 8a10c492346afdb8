// `make bench`: every benchmark, then each as a ratio to the baseline of its group.
// A benchmark named "group/baseline..." is the baseline of the benchmarks named "group/...".
// With --benchmark_repetitions=N each is reported by its median.
#include <cstdio>
#include <map>

#include "ratio_reporter.hpp"

namespace descent::bench {

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const auto& run : runs) {
    // With --benchmark_repetitions the median stands for the repetitions.
    const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (run.error_occurred || (run.run_type != Run::RT_Iteration && !median)) continue;
    // Per item when the benchmark counts items (one iteration may be many steps).
    auto items = run.counters.find("items_per_second");
    double ns = items != run.counters.end() ? 1e9 / items->second.value : run.GetAdjustedCPUTime();
    const std::string name = run.run_name.str();
    if (median) std::erase_if(m_results, [&](const Result& r) { return r.name == name; });
    m_results.push_back({name, ns});
  }
}

void RatioReporter::print_ratios() const {
  std::map<std::string, double> baselines;
  for (const auto& r : m_results) {
    auto slash = r.name.find('/');
    if (slash != std::string::npos && r.name.compare(slash + 1, 8, "baseline") == 0)
      baselines[r.name.substr(0, slash)] = r.ns;
  }
  std::printf("\n%-48s %12s %10s\n", "benchmark (CPU time per item)", "ns", "ratio");
  for (const auto& r : m_results) {
    auto group = r.name.substr(0, r.name.find('/'));
    auto it = baselines.find(group);
    if (it == baselines.end())
      std::printf("%-48s %12.2f %10s\n", r.name.c_str(), r.ns, "-");
    else
      std::printf("%-48s %12.2f %9.2fx\n", r.name.c_str(), r.ns, r.ns / it->second);
  }
}

}  // namespace descent::bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  descent::bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.print_ratios();
  benchmark::Shutdown();
  return 0;
}
