#pragma once
// A label cut to a width at a word, with an ellipsis, its parenthesis closed: an axis name such
// as "a: principal direction 1 (79% of the paths' spread)" on a small plot.
#include <functional>
#include <string>
#include <string_view>

namespace descent {

// `text` when `measure(text)` is at most `width`; else the longest cut of it at a space that
// fits with "…" (and ")" when the cut is inside parentheses); at least its first word.
std::string fit_text(std::string_view text, float width,
                     const std::function<float(std::string_view)>& measure);

}  // namespace descent
