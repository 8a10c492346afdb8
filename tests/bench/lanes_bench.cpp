// A basin map's work: Adam from every start of a 256x256 grid over Rosenbrock's view, 500 steps.
// Through the engine (run_starts: lanes in blocks, each checked for divergence and convergence
// every step) on one and on two threads, against a plain loop over the runs, innermost, doing
// the same Adam arithmetic with no checks. Reported per lane-step.
#include <cmath>
#include <future>
#include <vector>

#include <benchmark/benchmark.h>

#include "lanes.hpp"
#include "optimizer_spec.hpp"
#include "surfaces.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kSide = 256;
constexpr std::int64_t kSteps = 500;
constexpr double kLr = 1e-3, kBeta1 = 0.9, kBeta2 = 0.999, kEps = 1e-8;

std::vector<descent::Vec2> starts() {
  std::vector<descent::Vec2> s;
  for (int j = 0; j < kSide; ++j)
    for (int i = 0; i < kSide; ++i)
      s.emplace_back(-2 + 4.0 * i / (kSide - 1), -1 + 4.0 * j / (kSide - 1));
  return s;
}

void count_items(benchmark::State& state) {
  state.SetItemsProcessed(state.iterations() * kSide * kSide * kSteps);
}

// The baseline: structure of arrays, the runs innermost, as anyone would vectorise it by hand.
void lanes_baseline_plain_loop(benchmark::State& state) {
  const auto s = starts();
  const std::size_t n = s.size();
  std::vector<double> x(n), y(n), mx(n), my(n), vx(n), vy(n);
  for (auto _ : state) {
    for (std::size_t i = 0; i < n; ++i) {
      x[i] = s[i].x(), y[i] = s[i].y();
      mx[i] = my[i] = vx[i] = vy[i] = 0;
    }
    for (std::int64_t t = 1; t <= kSteps; ++t) {
      const double step_size = kLr / (1 - std::pow(kBeta1, static_cast<double>(t)));
      const double correction2 = std::sqrt(1 - std::pow(kBeta2, static_cast<double>(t)));
      for (std::size_t i = 0; i < n; ++i) {
        const double a = y[i] - x[i] * x[i];
        const double gx = -2 * (1 - x[i]) - 400 * x[i] * a, gy = 200 * a;
        mx[i] = kBeta1 * mx[i] + (1 - kBeta1) * gx;
        my[i] = kBeta1 * my[i] + (1 - kBeta1) * gy;
        vx[i] = kBeta2 * vx[i] + (1 - kBeta2) * gx * gx;
        vy[i] = kBeta2 * vy[i] + (1 - kBeta2) * gy * gy;
        x[i] -= step_size * (mx[i] / (std::sqrt(vx[i]) / correction2 + kEps));
        y[i] -= step_size * (my[i] / (std::sqrt(vy[i]) / correction2 + kEps));
      }
    }
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(y.data());
    benchmark::ClobberMemory();
  }
  count_items(state);
}
BENCHMARK(lanes_baseline_plain_loop)
    ->Name("lanes/baseline_plain_loop")
    ->Unit(benchmark::kMillisecond);

// The engine. One thread: the call runs inside the pool's only worker, so no helper can join it
// (parallel_for's caller works through every block itself); two: the caller and that worker.
void lanes_engine(benchmark::State& state) {
  const auto s = starts();
  const auto f = descent::find_surface("rosenbrock");
  const descent::OptimizerSpec spec = descent::parse_optimizer_spec("adam:lr=0.001");
  std::vector<descent::LaneOutcome> out(s.size());
  descent::ThreadPool pool(1);
  const bool one = state.range(0) == 1;
  for (auto _ : state) {
    auto map = [&] { descent::run_starts(*f, spec, s, {.max_steps = kSteps}, out, pool); };
    if (one) {
      std::promise<void> finished;
      pool.submit([&] {
        map();
        finished.set_value();
      });
      finished.get_future().wait();
    } else {
      map();
    }
    benchmark::DoNotOptimize(out.data());
  }
  count_items(state);
}
BENCHMARK(lanes_engine)
    ->Name("lanes/engine_adam_rosenbrock_threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
