// `descent map` and `descent sweep`: their rows, what each row says against `descent run` with
// the same settings, independence of the thread count, and the messages for what they refuse.
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/csv_text.hpp"
#include "support/process.hpp"
#include "text.hpp"

using namespace descent;
using namespace descent::test;
using Catch::Matchers::StartsWith;

namespace {

// The last row of `descent run` from `start`: x, y, loss as written.
std::vector<std::string> run_end(const std::vector<std::string>& objective, const std::string& opt,
                                 const std::string& start, const std::string& steps,
                                 const std::string& tol) {
  std::vector<std::string> args{"run"};
  args.insert(args.end(), objective.begin(), objective.end());
  args.insert(args.end(),
              {"--start=" + start, "--opt", opt, "--steps", steps, "--tol", tol, "--every", steps});
  const auto result = run_descent(args);
  REQUIRE(result.exit_code == 0);
  const auto rows = lines(result.out);
  const auto last = cells(rows.back());
  return {last[3], last[4], last[5]};  // run,optimizer,step,x,y,loss
}

}  // namespace

TEST_CASE("cli: descent map writes a row per start, each as `descent run` ends", "[cli][lanes]") {
  const std::vector<std::string> himmelblau{"--surface", "himmelblau"};
  std::vector<std::string> args{"map"};
  args.insert(args.end(), himmelblau.begin(), himmelblau.end());
  args.insert(args.end(), {"--opt", "adam:lr=0.1", "--steps", "400", "--grid", "5x4", "--box",
                           "-6,6,-6,6", "--threads", "1"});
  const auto one = run_descent(args);
  REQUIRE(one.exit_code == 0);
  INFO(one.err);
  const auto rows = lines(one.out);
  REQUIRE(rows.size() == 21);
  CHECK(rows[0] == "ix,iy,start_x,start_y,x,y,loss,status,steps,minimum");
  int converged = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto c = cells(rows[r]);
    REQUIRE(c.size() == 10);
    const int ix = std::stoi(c[0]), iy = std::stoi(c[1]);
    CHECK(ix == static_cast<int>((r - 1) % 5));
    CHECK(iy == static_cast<int>((r - 1) / 5));
    // An inclusive grid over the box.
    CHECK(std::stod(c[2]) == Approx(-6 + 12.0 * ix / 4));
    CHECK(std::stod(c[3]) == Approx(-6 + 12.0 * iy / 3));
    if (c[7] == "converged") {
      ++converged;
      CHECK_FALSE(c[9].empty());  // Himmelblau's four minima: every converged run is at one
    } else {
      CHECK(c[9].empty());  // a run that stopped short of the tolerance reached nothing
    }
    // Every third start again through `descent run`: the same end, digit for digit.
    if (r % 3 == 1) {
      const auto end = run_end(himmelblau, "adam:lr=0.1", c[2] + "," + c[3], "400", "0.001");
      CHECK(c[4] == end[0]);
      CHECK(c[5] == end[1]);
      CHECK(c[6] == end[2]);
    }
  }
  CHECK(converged >= 10);
  // The same bytes on three threads.
  args.back() = "3";
  CHECK(run_descent(args).out == one.out);

  // JSON: the same values, the minima listed, null where the CSV is empty.
  args.insert(args.end(), {"--format", "json"});
  const auto json = run_descent(args);
  REQUIRE(json.exit_code == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["command"] == "map");
  CHECK(j["objective"] == "himmelblau");
  CHECK(j["minima"].size() == 4);
  REQUIRE(j["rows"].size() == 20);
  CHECK(j["rows"][7]["ix"] == 2);
  CHECK(j["rows"][7]["iy"] == 1);
  CHECK(format_exact(j["rows"][7]["x"].get<double>()) == cells(rows[8])[4]);
}

TEST_CASE("cli: a diverging map marks the diverged starts, its PNG has the grid's shape",
          "[cli][lanes]") {
  const std::string png = temp_directory() + "/basins.png";
  const auto result =
      run_descent({"map", "--surface", "rosenbrock", "--opt", "sgd:lr=0.002", "--steps", "100",
                   "--grid", "64x32", "--format", "png", "--out", png});
  REQUIRE(result.exit_code == 0);
  std::ifstream file(png, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), {});
  REQUIRE(bytes.size() > 24);
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) |
           (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) |
           static_cast<unsigned char>(bytes[at + 3]);
  };
  CHECK(be32(16) == 512);  // 64 cells of 8 pixels
  CHECK(be32(20) == 256);

  const auto csv = run_descent({"map", "--surface", "rosenbrock", "--opt", "sgd:lr=0.002",
                                "--steps", "100", "--grid", "16x16"});
  REQUIRE(csv.exit_code == 0);
  int diverged = 0;
  for (const auto& row : lines(csv.out))
    if (row.find(",diverged,") != std::string::npos) {
      ++diverged;
      CHECK(cells(row)[9].empty());
    }
  CHECK(diverged > 0);
}

TEST_CASE("cli: descent sweep writes a row per setting, each as `descent run` ends",
          "[cli][lanes]") {
  const std::vector<std::string> rosenbrock{"--surface", "rosenbrock"};
  const auto one =
      run_descent({"sweep", "--surface", "rosenbrock", "--start=-1.2,1", "--opt",
                   "sgd:momentum=0.9", "--steps", "300", "--vary", "lr=1e-5:1e-2:7:log"});
  REQUIRE(one.exit_code == 0);
  INFO(one.err);
  const auto rows = lines(one.out);
  REQUIRE(rows.size() == 8);
  CHECK(rows[0] == "ix,lr,x,y,loss,status,steps,minimum");
  CHECK(cells(rows[1])[1] == format_exact(1e-5));
  CHECK(cells(rows[7])[1] == format_exact(0.01));
  CHECK(cells(rows[7])[5] == "diverged");  // the diverging edge
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto c = cells(rows[r]);
    const auto end = run_end(rosenbrock, "sgd:momentum=0.9,lr=" + c[1], "-1.2,1", "300", "0");
    CHECK(c[2] == end[0]);
    CHECK(c[3] == end[1]);
    CHECK(c[4] == end[2]);
  }

  const auto grid =
      run_descent({"sweep", "--surface", "ill_conditioned", "--opt", "sgd", "--steps", "50",
                   "--vary", "lr=0.001:0.1:4:log", "--vary", "momentum=0:0.9:3", "--threads", "2"});
  REQUIRE(grid.exit_code == 0);
  const auto grid_rows = lines(grid.out);
  REQUIRE(grid_rows.size() == 13);
  CHECK(grid_rows[0] == "ix,iy,lr,momentum,x,y,loss,status,steps,minimum");
  CHECK(cells(grid_rows[5])[0] == "0");  // ix inner
  CHECK(cells(grid_rows[5])[1] == "1");
  CHECK(cells(grid_rows[5])[3] == format_exact(0.45));
}

TEST_CASE("cli: map and sweep refuse what they cannot run, by name", "[cli][lanes]") {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
      {{"map", "--surface", "booth", "--grid", "0x5", "--opt", "sgd"},
       "--grid: expected WxH with whole numbers from 1 to 4096"},
      {{"map", "--surface", "booth", "--grid", "5x5"}, "map takes exactly one --opt SPEC, got 0"},
      {{"map", "--surface", "booth", "--opt", "sgd", "--opt", "adam"},
       "map takes exactly one --opt SPEC, got 2"},
      {{"map", "--model", "linear", "--opt", "sgd", "--batch", "4"},
       "map steps full-batch runs without gradient noise: drop --batch and --noise"},
      {{"map", "--model", "mlp", "--opt", "sgd"}, "map needs a loss of two parameters"},
      {{"map", "--surface", "booth", "--opt", "sgd", "--format", "png"},
       "--format png: give the file with --out FILE"},
      {{"map", "--surface", "booth", "--opt", "sgd", "--steps", "-3"}, "--steps: "},
      {{"sweep", "--surface", "booth", "--opt", "sgd"}, "--vary is required"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "lr"},
       "--vary lr: expected KEY=LO:HI:COUNT or KEY=LO:HI:COUNT:log"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "beta2=0:1:3"},
       "--vary beta2=0:1:3: sgd has no key 'beta2'; its keys: lr, momentum"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "lr=0:1:0"},
       "--vary lr=0:1:0: COUNT must be a whole number from 1 to 4096"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "lr=0:1:3:log"},
       "--vary lr=0:1:3:log: a log range needs LO > 0 and HI > 0"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "momentum=-1:1:3"},
       "--vary momentum=-1:1:3: momentum = -1 is out of range; allowed: momentum >= 0"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "lr=1:2:2", "--vary", "lr=1:2:2"},
       "--vary: lr is given twice"},
      {{"sweep", "--surface", "booth", "--opt", "sgd", "--vary", "lr=1:2:2", "--format", "png"},
       "--format: png not in"},
  };
  for (const auto& [args, message] : cases) {
    INFO(join(args, " "));
    const auto result = run_descent(args);
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("descent: error: " + message));
  }
}
