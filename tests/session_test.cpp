// Session: determinism across thread counts, commands while workers compute and readers read.
#include <atomic>
#include <chrono>
#include <cmath>
#include <random>
#include <stdexcept>
#include <thread>

#include <catch2/catch.hpp>

#include "support/models.hpp"

#include "data_generators.hpp"
#include "model_registry.hpp"
#include "network_slice.hpp"
#include "objective_spec.hpp"
#include "session.hpp"
#include "support/golden.hpp"
#include "support/lifted.hpp"
#include "support/throwing.hpp"
#include "surfaces.hpp"

using namespace descent;
using namespace descent::test;

namespace {

struct StepPoint {
  TrajectoryPoint point;
  std::int64_t step;
};
using Points = std::vector<StepPoint>;

std::vector<Points> compute_all(unsigned threads, long long extra_steps) {
  Session session(threads);
  for (const auto& c : golden_cases())
    session.add({golden_objective(c), c.spec, c.start, {.max_steps = c.steps + extra_steps}});
  session.wait_idle();
  std::vector<Points> out;
  for (const auto& run : session.snapshot()->runs) {
    const Trajectory& t = *run.trajectory;
    REQUIRE(t.status() != RunStatus::running);
    out.emplace_back();
    for (std::size_t i = 0; i < t.size(); ++i) out.back().push_back({t[i], t.step(i)});
  }
  return out;
}

bool same(const Points& a, const Points& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].point.x != b[i].point.x || a[i].point.y != b[i].point.y ||
        a[i].point.loss != b[i].point.loss || a[i].step != b[i].step)
      return false;
  return true;
}

RunConfig rosenbrock_run(const std::string& spec, long long steps) {
  return {find_surface("rosenbrock"), parse_optimizer_spec(spec), {-1.5, 2}, {.max_steps = steps}};
}

}  // namespace

TEST_CASE("session: results are bit-identical for 1, 2 and 8 threads", "[session]") {
  // Long enough that runs are split into many slices interleaved across workers.
  auto one = compute_all(1, 40000);
  for (unsigned threads : {2u, 8u}) {
    auto many = compute_all(threads, 40000);
    REQUIRE(many.size() == one.size());
    for (std::size_t r = 0; r < one.size(); ++r) {
      INFO("run " << r << " with " << threads << " threads");
      CHECK(same(one[r], many[r]));
    }
  }
}

TEST_CASE("session: the golden trajectories come out of the Session too", "[session]") {
  Session session(2);
  for (const auto& c : golden_cases())
    session.add({golden_objective(c), c.spec, c.start, {.max_steps = c.steps}});
  session.wait_idle();
  auto snapshot = session.snapshot();
  REQUIRE(snapshot->runs.size() == golden_cases().size());
  for (std::size_t r = 0; r < snapshot->runs.size(); ++r) {
    const auto& c = golden_cases()[r];
    const Trajectory& t = *snapshot->runs[r].trajectory;
    INFO(c.id);
    REQUIRE(t.size() == c.trajectory.size());
    CHECK(golden_close(t[t.size() - 1].x, c.trajectory.back()[0]));
    CHECK(golden_close(t[t.size() - 1].y, c.trajectory.back()[1]));
  }
}

TEST_CASE("session: commands publish at once, an update replaces and cancels", "[session]") {
  Session session(2);
  RunId a = session.add(rosenbrock_run("sgd:lr=1e-4", 2'000'000));
  RunId b = session.add(rosenbrock_run("adam:lr=0.01", 1000));
  auto before = session.snapshot();
  REQUIRE(before->runs.size() == 2);
  CHECK(before->runs[0].id == a);
  CHECK(before->runs[1].params.at("beta1") == 0.9);
  auto old_trajectory = before->runs[0].trajectory;

  session.update(a, rosenbrock_run("sgd:lr=2e-4", 100));
  auto after = session.snapshot();
  CHECK(after->version > before->version);
  CHECK(after->find(a)->trajectory != old_trajectory);
  CHECK(after->find(a)->version > before->find(a)->version);
  CHECK(after->find(b)->trajectory == before->find(b)->trajectory);  // untouched

  session.wait_idle();
  CHECK(old_trajectory->status() == RunStatus::cancelled);
  CHECK(old_trajectory->size() < 2'000'001);
  CHECK(after->find(a)->trajectory->status() == RunStatus::finished);
  CHECK(after->find(a)->trajectory->size() == 101);

  session.remove(b);
  CHECK(session.snapshot()->runs.size() == 1);
  CHECK(session.snapshot()->find(b) == nullptr);
  session.clear();
  CHECK(session.snapshot()->runs.empty());
}

TEST_CASE("session: a rejected command changes nothing", "[session]") {
  Session session(1);
  RunId a = session.add(rosenbrock_run("adam:lr=0.01", 10));
  auto before = session.snapshot();
  RunConfig bad = rosenbrock_run("adam:lr=0.01", 10);
  bad.optimizer.params["lr"] = -1;
  CHECK_THROWS_WITH(session.update(a, bad), "adam: lr = -1 is out of range; allowed: lr >= 0");
  CHECK_THROWS_AS(session.add(bad), std::invalid_argument);
  bad = rosenbrock_run("adam", -5);
  CHECK_THROWS_AS(session.add(bad), std::invalid_argument);
  CHECK_THROWS_WITH(session.update(999, rosenbrock_run("adam", 1)), "no run with id 999");
  CHECK(session.snapshot() == before);
}

TEST_CASE("session: stress: edits while workers compute and readers draw", "[session][stress]") {
  Session session(2);
  std::vector<RunId> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(session.add(rosenbrock_run("adam:lr=0.01", 30000)));

  std::atomic<bool> stop{false}, bad{false};
  std::atomic<long long> points_read{0};
  auto reader = [&] {
    while (!stop.load()) {
      auto snapshot = session.snapshot();
      for (const auto& run : snapshot->runs) {
        const Trajectory& t = *run.trajectory;
        std::size_t n = t.size();
        for (std::size_t i = 0; i < n; i += 97) {
          if (t.step(i) != static_cast<std::int64_t>(i) || !std::isfinite(t[i].x) ||
              !std::isfinite(t[i].loss))
            bad = true;
        }
        if (n > 0 && t[0].x != -1.5) bad = true;
        points_read += static_cast<long long>(n);
      }
    }
  };
  std::thread r1(reader), r2(reader);
  // The UI thread: a learning-rate slider dragged across the runs, runs added and removed.
  std::mt19937 rng(7);
  for (int frame = 0; frame < 300; ++frame) {
    RunId id = ids[rng() % ids.size()];
    double lr = 1e-4 * (1 + rng() % 100);
    session.update(id, rosenbrock_run("adam:lr=" + std::to_string(lr), 30000));
    if (frame % 50 == 25) {
      session.remove(ids.back());
      ids.pop_back();
      ids.push_back(session.add(rosenbrock_run("sgd:lr=1e-4,momentum=0.9", 30000)));
    }
  }
  session.wait_idle();
  stop = true;
  r1.join();
  r2.join();
  CHECK_FALSE(bad.load());
  CHECK(points_read.load() > 0);
  auto final_state = session.snapshot();
  CHECK(final_state->runs.size() == 6);
  for (const auto& run : final_state->runs) {
    CHECK(run.trajectory->status() == RunStatus::finished);
    CHECK(run.trajectory->size() == 30001);
  }
}

TEST_CASE("session: runs over many samples share the workers, and the field gets its turn",
          "[session]") {
  // Milliseconds a step: one run must not hold a worker for the steps a surface would take.
  auto heavy = make_model_objective(
      model_spec("logistic"),
      std::make_shared<const Dataset>(generate_dataset({"classes", {{"n", 50000}}})));
  Session session(2);
  for (const char* spec : {"sgd:lr=0.5", "adam:lr=0.05", "sgd:lr=0.5,momentum=0.9"})
    session.add({heavy, parse_optimizer_spec(spec), {-2, 3}, {.max_steps = 100000}});
  const std::uint64_t request = session.request_field({heavy, {-5, 5, -5, 5}, 300, 300});
  // Each run moves, and a first look at the field arrives, while all of them still compute.
  auto all_moving = [&] {
    for (const auto& run : session.snapshot()->runs)
      if (run.trajectory->size() < 3) return false;
    return true;
  };
  while (!all_moving() || !(session.field() && session.field()->request == request))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  for (const auto& run : session.snapshot()->runs) {
    CHECK(run.trajectory->status() == RunStatus::running);
    CHECK(run.trajectory->size() < 1000);  // none ran far ahead while another waited
  }
}

TEST_CASE("session: a run whose job throws reports it and the others go on", "[session]") {
  Session session(2);
  RunId failing = session.add({std::make_shared<Throwing>(),
                               parse_optimizer_spec("sgd:lr=0.0625"),
                               {0.5, 0},
                               {.max_steps = 100'000}});
  RunId fine = session.add(rosenbrock_run("adam:lr=0.01", 100'000));
  // Read while the workers compute, as the window does.
  for (int i = 0; i < 100; ++i) {
    auto snapshot = session.snapshot();
    for (const auto& run : snapshot->runs) {
      const Trajectory& t = *run.trajectory;
      if (t.status() == RunStatus::failed) CHECK_FALSE(t.error().empty());
      if (std::size_t n = t.size()) CHECK(std::isfinite(t[n - 1].loss));
    }
  }
  session.wait_idle();
  auto snapshot = session.snapshot();
  const Trajectory& t = *snapshot->find(failing)->trajectory;
  CHECK(t.status() == RunStatus::failed);
  CHECK(t.status_step() == 9);  // x = 0.5 + k/16 passes 1 at k = 9
  CHECK(t.error() == "the loss could not be evaluated");
  CHECK(t.size() == 9);
  CHECK(snapshot->find(fine)->trajectory->status() == RunStatus::finished);
}

TEST_CASE("session: a field that cannot be sampled ends with its reason, and the next one works",
          "[session][field]") {
  Session session(2);
  session.request_field({std::make_shared<Throwing>(), {-5, 5, -5, 5}, 64, 64});
  session.wait_idle();
  CHECK(session.field_progress() == 1);  // nobody waits for it
  CHECK(session.field_error() == "the loss could not be evaluated");
  session.request_field({std::make_shared<Throwing>(), {-5, 0, -5, 5}, 64, 64});
  session.wait_idle();
  CHECK(session.field_error().empty());
  CHECK(session.field_progress() == 1);
  REQUIRE(session.field());
  CHECK(session.field()->final);
}

TEST_CASE("session: a network's runs are over all its parameters, drawn on its plane",
          "[session]") {
  // Rosenbrock lifted to VecX stands in for a network: every golden rosenbrock case must come
  // out of the Session as a NetworkRun with the reference points, projected on the (x, y) plane.
  auto loss = std::make_shared<Lifted>(find_surface("rosenbrock"));
  auto plane = std::make_shared<const Plane>(VecX::Zero(2), VecX(Vec2(1, 0)), VecX(Vec2(0, 1)));
  std::size_t checked = 0;
  for (unsigned threads : {1u, 2u}) {
    Session session(threads);
    std::vector<const GoldenCase*> cases;
    for (const auto& c : golden_cases())
      if (c.surface == "rosenbrock") {
        auto slice = std::make_shared<NetworkSlice>(loss, plane, VecX(c.start),
                                                    ObjectiveInfo{.name = "lifted"});
        session.add({slice,
                     c.spec,
                     Vec2(99, 99) /* ignored: the slice has the start */,
                     {.max_steps = c.steps}});
        cases.push_back(&c);
      }
    session.wait_idle();
    const auto snapshot = session.snapshot();
    REQUIRE(snapshot->runs.size() == cases.size());
    for (std::size_t r = 0; r < cases.size(); ++r) {
      const Trajectory& t = *snapshot->runs[r].trajectory;
      REQUIRE(t.size() == cases[r]->trajectory.size());
      REQUIRE(t.vector_count() == t.size());
      for (std::size_t k = 0; k < t.size(); ++k) {
        CHECK(golden_close(t[k].x, cases[r]->trajectory[k][0]));
        CHECK(golden_close(t[k].y, cases[r]->trajectory[k][1]));
        CHECK(t.distance(k) == 0);
      }
      ++checked;
    }
  }
  CHECK(checked >= 2);
}

TEST_CASE("session: a network's runs on mini-batches are bit-identical for 1, 2 and 8 threads",
          "[session]") {
  ModelSpec spec = default_model_spec("mlp");
  spec.network.layers = "2-6-6-1";
  auto objective = build_objective(spec);
  auto compute = [&](unsigned threads) {
    Session session(threads);
    for (const char* opt : {"adam:lr=0.02", "sgd:lr=0.3,momentum=0.9", "rmsprop:lr=0.01"})
      session.add({objective,
                   parse_optimizer_spec(opt),
                   Vec2::Zero(),
                   {.max_steps = 300},
                   {.batch = 16, .seed = 5}});
    session.wait_idle();
    std::vector<std::vector<double>> out;
    for (const auto& run : session.snapshot()->runs) {
      const Trajectory& t = *run.trajectory;
      REQUIRE(t.status() == RunStatus::finished);
      out.emplace_back();
      for (std::size_t j = 0; j < t.vector_count(); ++j)
        for (double p : t.parameters(j)) out.back().push_back(p);
      for (std::size_t i = 0; i < t.size(); ++i) out.back().push_back(t[i].loss);
    }
    return out;
  };
  const auto one = compute(1);
  REQUIRE(one.size() == 3);
  CHECK(compute(2) == one);
  CHECK(compute(8) == one);
}
