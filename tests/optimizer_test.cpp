// Optimizer = rule + schedule + clip: schedules against PyTorch's recursive forms, clipping,
// reset, and the order of one step.
#include <cmath>
#include <numbers>

#include <catch2/catch.hpp>

#include "optimizer.hpp"
#include "optimizer_registry.hpp"
#include "surfaces.hpp"

using namespace descent;

namespace {

Optimizer make(const std::string& text) {
  return Optimizer(parse_optimizer_spec(text));
}

}  // namespace

TEST_CASE("schedule: closed forms agree with PyTorch's recursive updates", "[schedule]") {
  const double lr = 0.1;
  SECTION("StepLR") {
    Optimizer opt = make("sgd:lr=0.1,schedule=step,step_size=7,gamma=0.5");
    double recursive = lr;
    for (int t = 0; t < 500; ++t) {
      if (t > 0 && t % 7 == 0) recursive *= 0.5;
      CHECK(opt.lr() == Approx(recursive).epsilon(1e-13));
      Vec2 p(1, 1);
      opt.step(p, Vec2(0, 0));
    }
  }
  SECTION("ExponentialLR") {
    Optimizer opt = make("sgd:lr=0.1,schedule=exponential,gamma=0.99");
    double recursive = lr;
    for (int t = 0; t < 500; ++t) {
      CHECK(opt.lr() == Approx(recursive).epsilon(1e-13));
      recursive *= 0.99;
      Vec2 p(1, 1);
      opt.step(p, Vec2(0, 0));
    }
  }
  SECTION("CosineAnnealingLR, including past t_max where it rises again") {
    const double t_max = 50, eta_min = 0.01, pi = std::numbers::pi;
    Optimizer opt = make("sgd:lr=0.1,schedule=cosine,t_max=50,eta_min=0.01");
    double recursive = lr;  // torch.optim.lr_scheduler.CosineAnnealingLR.get_lr, 1.13
    for (int t = 0; t < 300; ++t) {
      if (t > 0) {
        if ((t - 1 - t_max) / (2 * t_max) == std::floor((t - 1 - t_max) / (2 * t_max)))
          recursive += (lr - eta_min) * (1 - std::cos(pi / t_max)) / 2;
        else
          recursive = (1 + std::cos(pi * t / t_max)) / (1 + std::cos(pi * (t - 1) / t_max)) *
                          (recursive - eta_min) +
                      eta_min;
      }
      CHECK(opt.lr() == Approx(recursive).epsilon(1e-12).margin(1e-14));
      Vec2 p(1, 1);
      opt.step(p, Vec2(0, 0));
    }
    CHECK(opt.lr() > 0.05);  // t = 300: back up after two minima
  }
}

TEST_CASE("clip: by norm rescales long gradients only, by value clamps components", "[clip]") {
  Clip norm("test", {"norm", {{"max_norm", 5}}});
  Vec2 g(30, 40);
  norm.apply(g);
  CHECK(g.x() == Approx(30 * 5 / (50 + 1e-6)));
  CHECK(g.y() == Approx(40 * 5 / (50 + 1e-6)));
  Vec2 short_g(0.3, 0.4);
  norm.apply(short_g);
  CHECK(short_g == Vec2(0.3, 0.4));  // coefficient clamped to exactly 1
  Clip value("test", {"value", {{"clip_value", 1}}});
  Vec2 v(-3, 0.5);
  value.apply(v);
  CHECK(v == Vec2(-1, 0.5));
}

TEST_CASE("optimizer: a step clips before the update and uses the scheduled lr", "[optimizer]") {
  Optimizer opt = make("sgd:lr=1,clip=value,clip_value=0.5,schedule=step,step_size=1,gamma=0.1");
  Vec2 p(0, 0);
  opt.step(p, Vec2(2, -0.25));
  CHECK(p == Vec2(-0.5, 0.25));  // lr 1, clipped gradient
  opt.step(p, Vec2(2, 0));
  CHECK(p.x() == Approx(-0.55));  // lr 0.1 on the second step
  CHECK(opt.steps_taken() == 2);
}

TEST_CASE("optimizer: reset replays the same path for every optimizer", "[optimizer]") {
  // Rules that evaluate the loss themselves (line searches, Newton) are given it.
  const auto f = find_surface("ill_conditioned");
  for (const auto& name : optimizers().names()) {
    INFO(name);
    Optimizer opt = make(name + ":lr=0.01");
    opt.evaluate_on(f.get());
    auto path = [&] {
      Vec2 p(1.5, -0.5);
      for (int i = 0; i < 20; ++i) opt.step(p, f->gradient(p));
      return p;
    };
    Vec2 first = path();
    opt.reset();
    CHECK(opt.steps_taken() == 0);
    CHECK(path() == first);
    CHECK(first != Vec2(1.5, -0.5));
  }
}

TEST_CASE("optimizer: documented PyTorch details", "[optimizer]") {
  SECTION("SGD momentum: first buffer is the gradient itself, no dampening") {
    Optimizer opt = make("sgd:lr=1,momentum=0.9,dampening=0.5");
    Vec2 p(0, 0);
    opt.step(p, Vec2(1, 0));
    CHECK(p.x() == -1);  // buf = g, not (1 - dampening)·g
    opt.step(p, Vec2(1, 0));
    CHECK(p.x() == Approx(-1 - (0.9 + 0.5)));
  }
  SECTION("AdamW and Lion decay the parameter with the scheduled lr") {
    Optimizer opt = make("adamw:lr=0.1,weight_decay=0.5");
    Vec2 p(2, 2);
    opt.step(p, Vec2(0, 0));  // zero gradient: only the decay moves p
    CHECK(p.x() == Approx(2 * (1 - 0.1 * 0.5)));
    Optimizer lion = make("lion:lr=0.1,weight_decay=0.5");
    Vec2 q(2, 0);
    lion.step(q, Vec2(0, 0));
    CHECK(q.x() == Approx(2 * (1 - 0.1 * 0.5)));  // sign(0) = 0: no step
    CHECK(q.y() == 0);
  }
  SECTION("Rprop moves by exactly lr on the first step and ignores the gradient's size") {
    Optimizer opt = make("rprop:lr=0.25");
    Vec2 p(0, 0);
    opt.step(p, Vec2(1000, -0.001));
    CHECK(p == Vec2(-0.25, 0.25));
  }
  SECTION("RAdam takes plain momentum steps while rho_t <= 5") {
    Optimizer opt = make("radam:lr=0.1");
    Vec2 p(0, 0);
    opt.step(p, Vec2(2, 0));
    CHECK(p.x() == Approx(-0.1 * 2));  // m_hat = g on the first step
  }
}
