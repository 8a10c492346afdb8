// Cost of one optimizer step on Rosenbrock (gradient + update), engine vs a hand-written loop.
#include <cmath>
#include <map>
#include <string>

#include <benchmark/benchmark.h>

#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "run.hpp"
#include "step_explainer.hpp"
#include "surfaces.hpp"

namespace {

using descent::Vec2;

// Every path restarts after this many steps, so that each benchmark measures the same
// stretch of the valley whatever its iteration count.
constexpr int kRestart = 1000;

// The baseline: Adam on Rosenbrock as anyone would write it, everything inline.
void step_baseline_handwritten_adam(benchmark::State& state) {
  const double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
  double x = -1.5, y = 2, mx = 0, my = 0, vx = 0, vy = 0;
  long t = 0;
  for (auto _ : state) {
    if (t == kRestart) x = -1.5, y = 2, mx = my = vx = vy = 0, t = 0;
    double gx = -2 * (1 - x) - 400 * x * (y - x * x), gy = 200 * (y - x * x);
    ++t;
    mx = b1 * mx + (1 - b1) * gx;
    my = b1 * my + (1 - b1) * gy;
    vx = b2 * vx + (1 - b2) * gx * gx;
    vy = b2 * vy + (1 - b2) * gy * gy;
    double step = lr / (1 - std::pow(b1, static_cast<double>(t)));
    double bc2 = std::sqrt(1 - std::pow(b2, static_cast<double>(t)));
    x -= step * mx / (std::sqrt(vx) / bc2 + eps);
    y -= step * my / (std::sqrt(vy) / bc2 + eps);
    benchmark::DoNotOptimize(x);
    benchmark::DoNotOptimize(y);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(step_baseline_handwritten_adam)->Name("step/baseline_handwritten_adam");

// The engine's path: the objective through its interface, the registry's optimizer.
void step_engine(benchmark::State& state, const std::string& spec) {
  auto surface = descent::find_surface("rosenbrock");
  descent::Optimizer optimizer(descent::parse_optimizer_spec(spec));
  optimizer.evaluate_on(surface.get());  // the line searches' and Newton's (others ignore it)
  Vec2 p(-1.5, 2);
  int t = 0;
  for (auto _ : state) {
    // Also once a line search finds no lower point: a run would end there.
    if (t++ == kRestart || optimizer.stalled()) p = Vec2(-1.5, 2), optimizer.reset(), t = 1;
    descent::ValueGradient e = surface->value_gradient(p);
    optimizer.step(p, e.gradient);
    benchmark::DoNotOptimize(p);
  }
  state.SetItemsProcessed(state.iterations());
}

// A full run: the step above plus divergence checks and recording into the trajectory.
void step_engine_run(benchmark::State& state) {
  auto surface = descent::find_surface("rosenbrock");
  auto spec = descent::parse_optimizer_spec("adam:lr=0.001");
  for (auto _ : state) {
    state.PauseTiming();
    descent::Run run(surface, descent::Optimizer(spec), {-1.5, 2}, {.max_steps = kRestart});
    state.ResumeTiming();
    while (run.advance(kRestart + 1)) {
    }
    benchmark::DoNotOptimize(run.trajectory()->size());
  }
  state.SetItemsProcessed(state.iterations() * kRestart);
}
BENCHMARK(step_engine_run)->Name("step/engine_run_adam_recorded");

// Step anatomy as the window gets it: a fresh replay of the run to step 1000, then what its next
// step is made of. Per step replayed: what explaining a step far into a run costs.
void step_explain(benchmark::State& state) {
  const descent::RunConfig config{.objective = descent::find_surface("rosenbrock"),
                                  .optimizer = descent::parse_optimizer_spec("adam:lr=0.001"),
                                  .start = Vec2(-1.5, 2),
                                  .limits = {.max_steps = kRestart + 1}};
  for (auto _ : state) {
    descent::StepExplainer explainer(config);
    benchmark::DoNotOptimize(explainer.explain(kRestart));
  }
  state.SetItemsProcessed(state.iterations() * kRestart);
}
BENCHMARK(step_explain)->Name("step/engine_explain_adam_step_1000_replayed");

// Learning rates at which each optimizer stays on the surface for kRestart steps.
const int registered = [] {
  const std::map<std::string, std::string> lr{
      {"sgd", "1e-4"}, {"adadelta", "1"}, {"rprop", "1e-3"}};
  for (const auto& o : descent::optimizers()) {
    std::string spec = o.name + ":lr=" + (lr.count(o.name) ? lr.at(o.name) : "1e-3");
    benchmark::RegisterBenchmark(("step/engine_" + o.name).c_str(),
                                 [spec](benchmark::State& s) { step_engine(s, spec); });
  }
  benchmark::RegisterBenchmark("step/engine_adam_clip_cosine", [](benchmark::State& s) {
    step_engine(s, "adam:lr=1e-3,clip=norm,max_norm=5,schedule=cosine,t_max=500");
  });
  return 0;
}();

}  // namespace
