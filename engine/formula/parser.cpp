#include "parser.hpp"

#include <string>
#include <vector>

#include "formula.hpp"
#include "lexer.hpp"
#include "text.hpp"

namespace descent::formula {
namespace {

constexpr std::string_view kOperand = "expected a number, x, y, a function or '('";
constexpr std::string_view kComma =
    "unexpected ','; commas only separate a function's arguments, e.g. max(x, y)";
constexpr std::size_t kShownName = 24;

bool is_constant(std::string_view name) {
  return name == "pi" || name == "e";
}
bool is_variable(std::string_view name) {
  return name == "x" || name == "y";
}
bool is_known(std::string_view name) {
  return is_constant(name) || is_variable(name) || find_function(name) != nullptr;
}

std::string shown(std::string_view name) {
  return name.size() <= kShownName ? std::string(name)
                                   : std::string(name.substr(0, kShownName)) + "...";
}

// "x*y" when `name` is x, y, pi and e run together ("xy", "pix"), else "".
std::string as_product(std::string_view name) {
  std::string product;
  int parts = 0;
  while (!name.empty()) {
    std::string_view part = name.starts_with("pi") ? "pi" : name.substr(0, 1);
    if (!is_constant(part) && !is_variable(part)) return "";
    if (parts++ > 0) product += '*';
    product += part;
    name.remove_prefix(part.size());
  }
  return parts >= 2 ? product : "";
}

// Whether `rest` looks like an argument written without parentheses: "x", "2", "2pix".
bool looks_like_argument(std::string_view rest) {
  while (!rest.empty() && rest.front() >= '0' && rest.front() <= '9') rest.remove_prefix(1);
  return rest.empty() || is_known(rest) || !as_product(rest).empty();
}

std::string example_call(const FunctionDef& f) {
  if (f.fn == Fn::pow) return "pow(x, 2)";
  return std::string(f.name) + (f.arity == 2 ? "(x, y)" : "(x)");
}

std::string needs_parentheses(const FunctionDef& f) {
  return cat("'", f.name, "' needs its argument", f.arity == 2 ? "s" : "", " in parentheses, e.g. ",
             example_call(f));
}

// `called`: the name is followed by '(' (a misspelt function rather than a missing '(').
[[noreturn]] void unknown_name(const Token& t, bool called) {
  const std::string_view name = t.text;
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower != name && is_known(lower))
    throw FormulaError(t.column,
                       cat("unknown name '", shown(name), "' (did you mean '", lower, "'?)"));
  // sinx, cos2: a function whose parentheses are missing (the longest name that fits).
  const FunctionDef* prefix = nullptr;
  for (const auto& f : function_table())
    if (name.starts_with(f.name) && (!prefix || f.name.size() > prefix->name.size())) prefix = &f;
  if (prefix && !called && looks_like_argument(name.substr(prefix->name.size())))
    throw FormulaError(t.column + prefix->name.size(), needs_parentheses(*prefix));
  if (std::string product = name.size() <= 12 ? as_product(name) : ""; !product.empty())
    throw FormulaError(t.column,
                       cat("unknown name '", name, "' (write ", product, " for a product)"));
  if (name.size() >= 2 && is_variable(name.substr(0, 1)) && looks_like_argument(name.substr(1)) &&
      name[1] >= '0' && name[1] <= '9' && name.size() <= 6) {
    std::string_view v = name.substr(0, 1), n = name.substr(1);
    throw FormulaError(t.column, cat("unknown name '", name, "' (write ", v, "^", n,
                                     " for a power or ", v, "*", n, " for a product)"));
  }
  if (name.size() >= 3) {
    std::vector<std::string> candidates{"pi"};
    for (const auto& f : formula_functions()) candidates.push_back(f.name);
    if (std::string guess = closest_match(name, candidates); !guess.empty())
      throw FormulaError(t.column,
                         cat("unknown name '", shown(name), "' (did you mean '", guess, "'?)"));
  }
  auto first = formula_functions().begin();
  throw FormulaError(t.column,
                     cat("unknown name '", shown(name), "'; use x, y, pi, e or a function (",
                         first->name, ", ", (first + 1)->name, ", ...)"));
}

class Parser {
 public:
  explicit Parser(std::string_view text) : m_tokens(tokenize(text)) {}

  Expression run() {
    NodeId root = sum();
    const Token& t = peek();
    if (t.kind == Tok::rparen) throw FormulaError(t.column, "unexpected ')'");
    if (t.kind == Tok::comma) throw FormulaError(t.column, std::string(kComma));
    if (t.kind != Tok::end) throw FormulaError(t.column, cat("unexpected '", t.text, "'"));
    m_expr.root = root;
    return std::move(m_expr);
  }

 private:
  const Token& peek() const { return m_tokens[m_pos]; }
  const Token& next() {
    const Token& t = m_tokens[m_pos];
    if (t.kind != Tok::end) ++m_pos;
    return t;
  }
  // The last token taken: what an operand ended with.
  const Token& previous() const { return m_tokens[m_pos - 1]; }

  NodeId add(Node node, const Token& at) {
    if (m_expr.size() >= kMaxFormulaNodes)
      throw FormulaError(at.column, cat("the formula is too large (at most ", kMaxFormulaNodes,
                                        " numbers, names and operations)"));
    return m_expr.add(node);
  }
  NodeId binary(Kind kind, NodeId a, NodeId b, const Token& at) {
    return add({.kind = kind, .a = a, .b = b}, at);
  }
  NodeId number(double value, const Token& at) {
    return add({.kind = Kind::number, .value = value}, at);
  }
  void enter(const Token& at) {
    if (++m_depth > kMaxFormulaNesting)
      throw FormulaError(at.column,
                         cat("nesting is too deep (at most ", kMaxFormulaNesting, " levels)"));
  }
  void leave() { --m_depth; }

  // [SECTION] grammar, loosest binding first
  NodeId sum() {
    NodeId left = product();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token& op = next();
      left = binary(op.kind == Tok::plus ? Kind::add : Kind::sub, left, product(), op);
    }
    return left;
  }

  NodeId product() {
    NodeId left = unary();
    for (;;) {
      const Token& t = peek();
      if (t.kind == Tok::star || t.kind == Tok::slash) {
        next();
        left = binary(t.kind == Tok::star ? Kind::mul : Kind::div, left, unary(), t);
      } else if (t.kind == Tok::number || t.kind == Tok::name || t.kind == Tok::lparen) {
        check_implicit(t);
        left = binary(Kind::mul, left, unary(), t);
      } else {
        return left;
      }
    }
  }

  // An operand right after another one is a product only where that is what people mean.
  void check_implicit(const Token& t) const {
    const Token& p = previous();
    const bool after_number = p.kind == Tok::number || p.kind == Tok::square || p.kind == Tok::cube;
    const bool after_name = p.kind == Tok::name;  // x, y, pi or e: a function takes its '('
    if (after_number && t.kind != Tok::number) return;
    if (p.kind == Tok::rparen) return;
    if (after_name && t.kind == Tok::lparen) return;
    if (after_name && is_constant(p.name) && t.kind == Tok::name) return;
    const bool short_texts = p.text.size() <= 12 && t.text.size() <= 12;
    if ((p.kind == Tok::name || p.kind == Tok::number) && short_texts && !find_function(t.name))
      throw FormulaError(t.column, cat("missing operator before '", t.text, "' (write ", p.text,
                                       "*", t.text, " for a product)"));
    throw FormulaError(
        t.column, cat("missing operator before '", shown(t.text), "' (write * for a product)"));
  }

  NodeId unary() {
    const Token& t = peek();
    if (t.kind != Tok::plus && t.kind != Tok::minus) return power();
    next();
    enter(t);
    NodeId operand = unary();
    leave();
    return t.kind == Tok::plus ? operand : add({.kind = Kind::neg, .a = operand}, t);
  }

  // Right-associative, and the exponent may carry a sign: 2^3^2 = 2^9, 2^-1 = 0.5.
  NodeId power() {
    NodeId base = postfix();
    const Token& t = peek();
    if (t.kind != Tok::caret) return base;
    next();
    enter(t);
    NodeId exponent = unary();
    leave();
    return binary(Kind::pow, base, exponent, t);
  }

  NodeId postfix() {
    NodeId base = primary();
    while (peek().kind == Tok::square || peek().kind == Tok::cube) {
      const Token& t = next();
      base = binary(Kind::pow, base, number(t.kind == Tok::square ? 2 : 3, t), t);
    }
    return base;
  }

  NodeId primary() {
    const Token& t = peek();
    switch (t.kind) {
      case Tok::number:
        next();
        return number(t.value, t);
      case Tok::lparen: {
        next();
        enter(t);
        NodeId inside = sum();
        close(t);
        leave();
        return inside;
      }
      case Tok::name:
        return name();
      case Tok::end:
        throw FormulaError(t.column, cat(kOperand, " but the formula ends"));
      default:
        throw FormulaError(t.column, cat(kOperand, " but found '", t.text, "'"));
    }
  }

  void close(const Token& open) {
    const Token& t = peek();
    if (t.kind == Tok::rparen) {
      next();
      return;
    }
    if (t.kind == Tok::comma) throw FormulaError(t.column, std::string(kComma));
    throw FormulaError(t.column, cat("expected ')' to close the '(' at column ", open.column));
  }

  NodeId name() {
    const Token& t = next();
    if (t.name == "x") return add({.kind = Kind::x}, t);
    if (t.name == "y") return add({.kind = Kind::y}, t);
    if (t.name == "pi") return add({.kind = Kind::pi}, t);
    if (t.name == "e") return add({.kind = Kind::e}, t);
    const FunctionDef* f = find_function(t.name);
    if (!f) unknown_name(t, peek().kind == Tok::lparen);
    const Token& open = peek();
    if (open.kind != Tok::lparen) throw FormulaError(open.column, needs_parentheses(*f));
    next();
    enter(open);
    NodeId args[2] = {kNoNode, kNoNode};
    int count = 0;
    if (peek().kind != Tok::rparen) {
      for (;;) {
        NodeId arg = sum();
        if (count < 2) args[count] = arg;
        ++count;
        if (peek().kind != Tok::comma) break;
        next();
      }
    }
    close(open);
    leave();
    if (count != f->arity)
      throw FormulaError(
          t.column, cat(f->name, " takes ", f->arity, f->arity == 1 ? " argument" : " arguments",
                        ", not ", count));
    if (f->fn == Fn::pow) return binary(Kind::pow, args[0], args[1], t);
    return add({.kind = Kind::call, .fn = f->fn, .a = args[0], .b = args[1]}, t);
  }

  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  int m_depth = 0;
  Expression m_expr;
};

}  // namespace

Expression parse(std::string_view text) {
  return Parser(text).run();
}

}  // namespace descent::formula
