#include "lexer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <string>

#include "formula.hpp"
#include "text.hpp"

namespace descent::formula {
namespace {

// [SECTION] UTF-8
// The length of the well-formed UTF-8 sequence at text[i] (1 to 4) and its code point, or 0
// when the byte there starts none (stray continuation, overlong form, surrogate, > U+10FFFF).
std::size_t decode(std::string_view text, std::size_t i, char32_t& cp) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned b0 = byte(i);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  std::size_t length;
  unsigned low = 0x80, high = 0xBF;  // the range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    length = 2, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    length = 3, cp = b0 & 0x0F;
    if (b0 == 0xE0) low = 0xA0;
    if (b0 == 0xED) high = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    length = 4, cp = b0 & 0x07;
    if (b0 == 0xF0) low = 0x90;
    if (b0 == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    const unsigned b = byte(i + k);
    if (k == 1 ? (b < low || b > high) : (b < 0x80 || b > 0xBF)) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  return length;
}

std::size_t count_characters(std::string_view text) {
  std::size_t count = 0;
  char32_t cp;
  for (std::size_t i = 0; i < text.size(); ++count) {
    std::size_t length = decode(text, i, cp);
    i += length == 0 ? 1 : length;
  }
  return count;
}

std::string code_point_name(char32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

bool is_space(char32_t cp) {
  return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' ||
         cp == 0xA0 || cp == 0x2009 || cp == 0x202F;
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The digit a superscript character stands for, or -1.
int superscript_digit(char32_t cp) {
  if (cp == 0x2070) return 0;
  if (cp == 0xB9) return 1;
  if (cp == 0xB2) return 2;
  if (cp == 0xB3) return 3;
  if (cp >= 0x2074 && cp <= 0x2079) return static_cast<int>(cp - 0x2070);
  return -1;
}

// [SECTION] numbers
// Whether a decimal literal out of double's range is huge rather than tiny. Its value is
// 0.d1d2... x 10^(position + exponent), d1 its first significant digit.
bool overflows(std::string_view literal) {
  long position = 0;
  bool seen_point = false, significant = false;
  std::size_t i = 0;
  for (; i < literal.size() && literal[i] != 'e' && literal[i] != 'E'; ++i) {
    const char c = literal[i];
    if (c == '.') {
      seen_point = true;
    } else {
      significant = significant || c != '0';
      if (significant && !seen_point) ++position;
      if (!significant && seen_point) --position;
    }
  }
  long exponent = 0;
  if (i < literal.size()) {
    ++i;
    bool negative = false;
    if (i < literal.size() && (literal[i] == '+' || literal[i] == '-'))
      negative = literal[i++] == '-';
    for (; i < literal.size(); ++i)
      exponent = std::min(exponent * 10 + (literal[i] - '0'), 1'000'000L);
    if (negative) exponent = -exponent;
  }
  return position + exponent > 0;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  std::vector<Token> run() {
    std::vector<Token> tokens;
    while (m_i < m_text.size()) {
      char32_t cp;
      std::size_t length = decode(m_text, m_i, cp);
      if (length == 0) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "0x%02X", static_cast<unsigned char>(m_text[m_i]));
        throw FormulaError(m_column, cat("not valid UTF-8 (byte ", buffer, ")"));
      }
      if (is_space(cp)) {
        advance(length);
        continue;
      }
      if (cp < 0x80 && (is_digit(static_cast<char>(cp)) || cp == '.')) {
        tokens.push_back(number());
      } else if (cp < 0x80 && is_letter(static_cast<char>(cp))) {
        std::size_t end = m_i;
        while (end < m_text.size() && (is_letter(m_text[end]) || is_digit(m_text[end]))) ++end;
        Token t = make(Tok::name, end - m_i);
        t.name = t.text;
        tokens.push_back(t);
        advance(end - m_i);
      } else {
        tokens.push_back(symbol(cp, length));
      }
    }
    Token end;
    end.kind = Tok::end;
    end.column = m_column;
    tokens.push_back(end);
    return tokens;
  }

 private:
  Token make(Tok kind, std::size_t bytes) const {
    Token t;
    t.kind = kind;
    t.column = m_column;
    t.text = m_text.substr(m_i, bytes);
    return t;
  }
  // Moves past `bytes` bytes that form one character (or, for ASCII runs, several).
  void advance(std::size_t bytes) {
    m_column += count_characters(m_text.substr(m_i, bytes));
    m_i += bytes;
  }
  Token take(Tok kind, std::size_t bytes) {
    Token t = make(kind, bytes);
    advance(bytes);
    return t;
  }

  Token number() {
    std::size_t end = m_i;
    auto digits = [&] {
      std::size_t start = end;
      while (end < m_text.size() && is_digit(m_text[end])) ++end;
      return end - start;
    };
    std::size_t count = digits();
    if (end < m_text.size() && m_text[end] == '.') {
      ++end;
      count += digits();
    }
    if (count == 0) throw FormulaError(m_column, "'.' must be part of a number, e.g. 0.5 or .5");
    // An exponent only when digits follow: 2e is 2·e, 2ex is 2 times the name ex.
    if (end < m_text.size() && (m_text[end] == 'e' || m_text[end] == 'E')) {
      std::size_t k = end + 1;
      if (k < m_text.size() && (m_text[k] == '+' || m_text[k] == '-')) ++k;
      if (k < m_text.size() && is_digit(m_text[k])) {
        end = k;
        digits();
      }
    }
    Token t = make(Tok::number, end - m_i);
    auto result = std::from_chars(t.text.data(), t.text.data() + t.text.size(), t.value);
    if (result.ec == std::errc::result_out_of_range) {
      if (overflows(t.text))
        throw FormulaError(m_column, cat("the number '", t.text, "' is too large"));
      t.value = 0;
    } else if (result.ec != std::errc() || result.ptr != t.text.data() + t.text.size()) {
      throw FormulaError(m_column, cat("'", t.text, "' is not a number"));
    }
    advance(end - m_i);
    if (m_i < m_text.size() && m_text[m_i] == '.')
      throw FormulaError(m_column, "a number has one decimal point at most");
    return t;
  }

  Token symbol(char32_t cp, std::size_t length) {
    switch (cp) {
      case '+':
        return take(Tok::plus, length);
      case '-':
      case 0x2212:  // minus sign
      case 0x2013:  // en dash, what word processors turn '-' into
        return take(Tok::minus, length);
      case '*':
        if (m_i + 1 < m_text.size() && m_text[m_i + 1] == '*') return take(Tok::caret, 2);
        return take(Tok::star, length);
      case 0xB7:    // middle dot
      case 0xD7:    // multiplication sign
      case 0x22C5:  // dot operator
      case 0x2219:  // bullet operator
        return take(Tok::star, length);
      case '/':
      case 0xF7:  // division sign
        return take(Tok::slash, length);
      case '^':
        return take(Tok::caret, length);
      case 0xB2:
        return take(Tok::square, length);
      case 0xB3:
        return take(Tok::cube, length);
      case '(':
        return take(Tok::lparen, length);
      case ')':
        return take(Tok::rparen, length);
      case ',':
        return take(Tok::comma, length);
      case 0x3C0: {  // π
        Token t = take(Tok::name, length);
        t.name = "pi";
        return t;
      }
      case '|':
        throw FormulaError(m_column, "'|' is not supported; write abs(x) for |x|");
      case '[':
      case ']':
      case '{':
      case '}':
        throw FormulaError(m_column,
                           cat("use ( and ) for grouping, not '", static_cast<char>(cp), "'"));
      case '=':
        throw FormulaError(m_column,
                           "unexpected '='; type only the expression in x and y, e.g. x^2 + y^2");
      default:
        break;
    }
    std::string shown(m_text.substr(m_i, length));
    if (int digit = superscript_digit(cp); digit >= 0)
      throw FormulaError(m_column,
                         cat("unexpected character '", shown, "'; write ^", digit, " for a power"));
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0))
      throw FormulaError(m_column, cat("unexpected character ", code_point_name(cp)));
    if (cp < 0x80) throw FormulaError(m_column, cat("unexpected character '", shown, "'"));
    throw FormulaError(m_column,
                       cat("unexpected character '", shown, "' (", code_point_name(cp), ")"));
  }

  std::string_view m_text;
  std::size_t m_i = 0;       // byte offset
  std::size_t m_column = 1;  // character position of m_i
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  if (text.size() > 4 * kMaxFormulaLength)
    throw FormulaError(
        0, cat("the formula is too long (more than ", kMaxFormulaLength, " characters)"));
  if (std::size_t n = count_characters(text); n > kMaxFormulaLength)
    throw FormulaError(
        0, cat("the formula is too long (", n, " characters; at most ", kMaxFormulaLength, ")"));
  std::vector<Token> tokens = Lexer(text).run();
  if (tokens.size() == 1) throw FormulaError(0, "the formula is empty");
  return tokens;
}

}  // namespace descent::formula
