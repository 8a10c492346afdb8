// What the plots compute without drawing: the loss plot's y range and its exits, clipping,
// the run palette's contrast and the numbers and labels people read.
#include <cmath>
#include <limits>
#include <vector>

#include <catch2/catch.hpp>

#include "lab.hpp"
#include "loss_range.hpp"
#include "optimizer_spec.hpp"
#include "palette.hpp"
#include "plot.hpp"
#include "rounded.hpp"

using namespace descent;

namespace {

using Column = LossEnvelope::Column;

// One column per step: a run's losses as the loss plot's envelope holds them.
std::vector<Column> columns_of(std::initializer_list<double> losses) {
  std::vector<Column> out;
  for (double l : losses) out.push_back({l, l});
  return out;
}

std::shared_ptr<Trajectory> trajectory_of(std::initializer_list<double> losses) {
  auto t = std::make_shared<Trajectory>(losses.size());
  std::int64_t step = 0;
  for (double l : losses) t->push_back({0, 0, l}, step++);
  return t;
}

}  // namespace

TEST_CASE("loss range: a diverging run does not stretch the axis, its exit is found", "[plot]") {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  const auto good = columns_of({24, 5, 1, 0.1, 0.01, 0.001});
  const auto diverging = columns_of({24, 3e3, 4e8, 1e22, kInf});
  const LossRun runs[] = {{good, 24}, {diverging, 24}};
  SECTION("log axis") {
    const LossAxis axis{true, 0};
    LossRange r = fit_loss_range(runs, axis);
    // From the lowest loss to the highest sensible one: 24's start, 3e3 (within three decades
    // of the start), not 4e8 nor 1e22.
    CHECK(r.range.lo < std::log10(0.001));
    CHECK(r.range.lo > std::log10(0.001) - 1);
    CHECK(r.range.hi >= std::log10(3e3));
    CHECK(r.range.hi < std::log10(24) + kLogHeadroom + 1);
    REQUIRE(r.exits.size() == 2);
    CHECK(!r.exits[0]);
    REQUIRE(r.exits[1]);
    CHECK(*r.exits[1] == 2);  // 4e8 is the first loss above the band

    const auto t = trajectory_of({24, 3e3, 4e8, 1e22, kInf});
    auto point = exit_point(*t, t->size(), 0, 5, axis, r.range.hi);
    REQUIRE(point);
    CHECK(t->step(*point) == 2);
    CHECK(!exit_point(*t, t->size(), 0, 2, axis, r.range.hi));  // not before step 2
  }
  SECTION("linear axis") {
    LossRange r = fit_loss_range(runs, LossAxis{false, 0});
    CHECK(r.range.lo < 0.001);
    CHECK(r.range.hi > 24);
    CHECK(r.range.hi < 24 + (24 - 0.001) * kLinearHeadroom * 1.2);
    REQUIRE(r.exits[1]);
    CHECK(*r.exits[1] == 1);  // 3e3 is already far above on a linear axis
    CHECK(!r.exits[0]);
  }
  SECTION("the user's range is kept, and what leaves it is an exit") {
    LossRange r = fit_loss_range(runs, LossAxis{true, 0}, AxisRange{-1, 1});
    CHECK(r.range == AxisRange{-1, 1});
    REQUIRE(r.exits[0]);
    CHECK(*r.exits[0] == 0);  // 24 > 10
    CHECK(*r.exits[1] == 0);
  }
  SECTION("a column holding a whole divergence: the start, not the column, sets the band") {
    const std::vector<Column> packed{{24, 1e36}}, fine{{0.5, 24}, {0.01, 0.4}};
    const LossRun crowded[] = {{fine, 24}, {packed, 24}};
    LossRange r = fit_loss_range(crowded, LossAxis{true, 0});
    CHECK(r.range.hi < std::log10(24) + 1);
    REQUIRE(r.exits[1]);
    CHECK(*r.exits[1] == 0);
  }
  SECTION("every run diverging still gives a finite range around the starts") {
    const LossRun only[] = {{diverging, 24}};
    LossRange r = fit_loss_range(only, LossAxis{true, 0});
    CHECK(std::isfinite(r.range.lo));
    CHECK(r.range.hi < std::log10(24) + kLogHeadroom + 1);
    CHECK(r.range.lo < std::log10(24));
  }
}

TEST_CASE("loss range: NaN, nothing yet and losses at f* give a usable range", "[plot]") {
  const auto nan_run = columns_of({1, std::nan("")});
  const std::vector<Column> empty(5, Column{1, 0});
  const LossRun runs[] = {{nan_run, 1}, {empty, std::nan("")}};
  LossRange r = fit_loss_range(runs, LossAxis{true, 0});
  CHECK(std::isfinite(r.range.lo));
  CHECK(r.range.lo < r.range.hi);
  REQUIRE(r.exits[0]);
  CHECK(*r.exits[0] == 1);
  CHECK(!r.exits[1]);
  const LossRun none[] = {{empty, std::nan("")}};
  r = fit_loss_range(none, LossAxis{false, 0});
  CHECK(r.range.lo < r.range.hi);
  // Losses exactly at f* on a log axis: a floor 16 decades down, not -300.
  const auto at_minimum = columns_of({2, 1, 1});
  const LossRun minimum[] = {{at_minimum, 2}};
  r = fit_loss_range(minimum, LossAxis{true, 1});
  CHECK(r.range.lo > -kLogDepth - 2);
}

TEST_CASE("plot: segments are clipped to the rect, huge ones too", "[plot]") {
  const Vec2 lo(0, 0), hi(10, 10);
  auto inside = ui::clip_segment({1, 1}, {2, 2}, lo, hi);
  REQUIRE(inside);
  CHECK(inside->first == Vec2(1, 1));
  CHECK(inside->second == Vec2(2, 2));
  auto crossing = ui::clip_segment({5, 5}, {5, 1e300}, lo, hi);
  REQUIRE(crossing);
  CHECK(crossing->second.y() == Approx(10));
  CHECK(!ui::clip_segment({20, 0}, {30, 10}, lo, hi));
  CHECK(!ui::clip_segment({5, 5}, {std::nan(""), 5}, lo, hi));
}

TEST_CASE("palette: Okabe-Ito colours, each readable on dark, on white or with an outline",
          "[palette]") {
  const Rgb dark{30, 30, 36}, white{255, 255, 255};
  auto palette = run_palette();
  CHECK(palette.size() >= 8);
  CHECK(palette[0] == Rgb{0xE6, 0x9F, 0x00});
  for (const Rgb& c : palette) {
    CHECK(c != white);  // the start marker's colour
    for (Rgb background : {dark, white}) {
      // Stands out alone, or its outline (black or white) does.
      if (auto outline = outline_colour(c, background)) {
        CHECK(contrast_ratio(*outline, background) >= kMinimumContrast);
        CHECK(contrast_ratio(*outline, c) >= kMinimumContrast);
      }
    }
  }
  CHECK(outline_colour({0xF0, 0xE4, 0x42}, white) == Rgb{0, 0, 0});  // yellow on white
  CHECK(!outline_colour({0xF0, 0xE4, 0x42}, dark));
  CHECK(contrast_ratio(white, {0, 0, 0}) == Approx(21));
  CHECK(class_colour(0) != class_colour(1));
}

TEST_CASE("labels: numbers rounded for people, the batch size shown where it is used", "[labels]") {
  CHECK(rounded(0.021699443243262378) == "0.0217");
  CHECK(rounded(1e-5) == "1e-5");
  CHECK(rounded(2.5e6) == "2.5e6");
  CHECK(rounded(1000) == "1000");
  CHECK(rounded(-0.0) == "0");
  CHECK(rounded(0.1) == "0.1");
  CHECK(rounded(std::nan("")) == "nan");

  CHECK(run_label(parse_optimizer_spec("sgd:lr=0.021699443243262378,momentum=0.9")) ==
        "sgd lr=0.0217 momentum=0.9");
  LabRun run;
  run.spec = parse_optimizer_spec("sgd:lr=0.1");
  run.sampling.batch = 32;
  CHECK(run_label(run, true) == "sgd lr=0.1 batch=32");
  CHECK(run_label(run, false) == "sgd lr=0.1");
  run.label = "mine";
  CHECK(run_label(run, true) == "mine");
}
