// A network's loss on a plane (issue 9's target: a 128x128 plane over 1,000 samples of a
// 2-16-16-1 network in at most 0.5 s on 2 cores, coarse first): the canvas's field of a
// NetworkSlice through sample_field on the pool, against a plain loop of value() per grid point
// on one thread; the coarse first look the canvas shows before the full grid; and the grid
// through the portable (SSE2) kernel that CPUs without AVX2 and FMA run (models/plane_loss.hpp).
#include <memory>

#include <benchmark/benchmark.h>

#include "data_generators.hpp"
#include "field.hpp"
#include "model_registry.hpp"
#include "models/network.hpp"
#include "models/plane_loss.hpp"
#include "network_slice.hpp"
#include "thread_pool.hpp"

namespace {

constexpr int kSide = 128;

std::shared_ptr<const descent::Objective> slice() {
  descent::ModelSpec spec = descent::default_model_spec("mlp");
  spec.network.layers = "2-16-16-1";
  spec.network.plane = "random";
  auto data = std::make_shared<const descent::Dataset>(
      descent::generate_dataset({"xor", {{"n", 1000}, {"seed", 1}}}));
  return descent::make_model_objective(spec, data);
}

const descent::Box kBox{-1.5, 1.5, -1.5, 1.5};

void plane_baseline(benchmark::State& state) {
  const auto objective = slice();
  std::vector<float> out(static_cast<std::size_t>(kSide) * kSide);
  for (auto _ : state) {
    for (int j = 0; j < kSide; ++j)
      for (int i = 0; i < kSide; ++i)
        out[static_cast<std::size_t>(j) * kSide + i] = static_cast<float>(objective->value(
            {kBox.x_min + (i + 0.5) * 3 / kSide, kBox.y_min + (j + 0.5) * 3 / kSide}));
    benchmark::DoNotOptimize(out.data());
  }
}

// The whole grid (`first_look`: only the coarse one the canvas shows first), on `threads`.
void plane_engine(benchmark::State& state, unsigned threads, bool first_look) {
  const auto objective = slice();
  descent::ThreadPool pool(threads);
  const descent::FieldRequest full{objective, kBox, kSide, kSide};
  const auto plan = descent::plan_field(full);
  const descent::FieldRequest request = first_look ? plan.front() : full;
  state.counters["grid"] = request.width;
  for (auto _ : state) {
    std::shared_ptr<descent::FieldGrid> grid;
    pool.submit([&] { grid = descent::sample_field(request, pool); });
    pool.wait_idle();
    benchmark::DoNotOptimize(grid->values.data());
  }
}

// The whole grid, row by row as sample_field asks, on one thread through `kernel`.
void plane_kernel(benchmark::State& state, descent::PlaneLoss::Kernel kernel) {
  const auto objective = slice();
  const descent::NetworkSlice& s = *objective->network_slice();
  const descent::PlaneLoss loss(static_cast<const descent::Network&>(*s.loss()), *s.plane());
  std::vector<descent::Vec2> points(kSide);
  std::vector<double> out(kSide);
  for (auto _ : state) {
    for (int j = 0; j < kSide; ++j) {
      for (int i = 0; i < kSide; ++i)
        points[i] = {kBox.x_min + (i + 0.5) * 3 / kSide, kBox.y_min + (j + 0.5) * 3 / kSide};
      loss.values(points, out, kernel);
    }
    benchmark::DoNotOptimize(out.data());
  }
}

const int registered = [] {
  benchmark::RegisterBenchmark("plane_2-16-16-1/baseline_value_loop_1_thread", plane_baseline)
      ->Iterations(2)
      ->Unit(benchmark::kMillisecond);
  for (unsigned threads : {1u, 2u})
    benchmark::RegisterBenchmark(
        ("plane_2-16-16-1/engine_" + std::to_string(threads) + "_thread").c_str(),
        [threads](benchmark::State& s) { plane_engine(s, threads, false); })
        ->Iterations(2)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime();
  benchmark::RegisterBenchmark("plane_2-16-16-1/engine_first_look_2_thread",
                               [](benchmark::State& s) { plane_engine(s, 2, true); })
      ->Iterations(5)
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  benchmark::RegisterBenchmark(
      "plane_2-16-16-1/portable_kernel_1_thread",
      [](benchmark::State& s) { plane_kernel(s, descent::PlaneLoss::Kernel::portable); })
      ->Iterations(2)
      ->Unit(benchmark::kMillisecond);
  return 0;
}();

}  // namespace
