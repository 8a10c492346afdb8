#pragma once
// Splits a formula into tokens, with the column of each; reads UTF-8 and the symbols people
// paste (· × − π ² ³).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace descent::formula {

enum class Tok : std::uint8_t {
  number,
  name,
  plus,
  minus,
  star,
  slash,
  caret,
  square,
  cube,
  lparen,
  rparen,
  comma,
  end
};

struct Token {
  Tok kind = Tok::end;
  std::size_t column = 0;  // 1-based, in characters; one past the last for Tok::end
  std::string_view text;   // as typed, for messages
  std::string_view name;   // a name's canonical spelling ("pi" for π)
  double value = 0;        // a number's value
};

// The tokens of `text`, ending with Tok::end. Throws FormulaError for characters that start
// no token, malformed or out-of-range numbers, invalid UTF-8, and (column 0) an empty or too
// long text.
std::vector<Token> tokenize(std::string_view text);

}  // namespace descent::formula
