// Numbers users give: text read as a number, and a double made an integer only when it is one.
#include <cmath>
#include <cstdint>
#include <limits>

#include <catch2/catch.hpp>

#include "text.hpp"
#include "whole_number.hpp"

using namespace descent;

TEST_CASE("whole numbers: checked as doubles before any conversion", "[numbers]") {
  CHECK(to_whole(1200.0, 64, 8192) == 1200);
  CHECK(to_whole(64.0, 64, 8192) == 64);
  CHECK_FALSE(to_whole(63.0, 64, 8192));
  CHECK_FALSE(to_whole(1e10, 64, 8192));
  CHECK_FALSE(to_whole(24.5, 4, 60));
  CHECK_FALSE(to_whole(std::nan(""), 64, 8192));
  CHECK_FALSE(to_whole(-std::numeric_limits<double>::infinity(), -100, 100));
  // Whatever range is asked, the integer type's own bounds hold: 2^63 is no int64.
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  CHECK_FALSE(to_whole(9223372036854775808.0, kMin, kMax));
  CHECK(to_whole(-9223372036854775808.0, kMin, kMax) == kMin);
  CHECK_FALSE(to_whole(1e30, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
  CHECK_FALSE(to_whole<std::size_t>(-1.0, 0, 10));
  CHECK(to_whole<std::size_t>(3.0, 1, 10) == 3u);
}

TEST_CASE("number text: a number, one too large for a double, or not a number", "[numbers]") {
  double v = 0;
  CHECK(classify_number("1e400", v) == NumberText::too_large);
  CHECK(classify_number("-1e400", v) == NumberText::too_large);
  CHECK(classify_number("+2.5", v) == NumberText::number);
  CHECK(v == 2.5);
  CHECK(classify_number("1e-400", v) == NumberText::number);  // underflows to 0
  CHECK(v == 0);
  CHECK(classify_number("nan", v) == NumberText::number);
  CHECK(std::isnan(v));
  for (const char* text : {"", "x", "0x10", "1e", "1,5", " 1", "infinityx"}) {
    INFO(text);
    CHECK(classify_number(text, v) == NumberText::not_a_number);
  }
  CHECK(number_problem("abc", v) == "'abc' is not a number");
  CHECK(number_problem("", v) == "expected a number");
  CHECK(number_problem("1e400", v) == "'1e400' is too large for a double (at most about 1.8e308)");
  CHECK(number_problem("0.25", v).empty());
  CHECK(v == 0.25);
}

TEST_CASE("number text: long lists in messages are cut", "[numbers]") {
  std::vector<std::string> many;
  for (int i = 0; i < 5000; ++i) many.push_back(cat("c", i));
  CHECK(join_some(many, 3) == "c0, c1, c2 and 4997 more");
  CHECK(join_some(std::vector<std::string>{"a", "b"}, 3) == "a, b");
  CHECK(join_some(std::vector<std::string>{std::string(100, 'x')}, 3) ==
        cat(std::string(37, 'x'), "..."));
}
