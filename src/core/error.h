#pragma once
// The one error value every part returns: what went wrong, where (file, line and
// column; an offset into a sub-text such as an eligibility expression or a regimen) and
// in which field. Expected failures travel as values — an Error, a list of them
// (Diagnostics, diagnostic.h), or an Expected<T> that holds a value or an Error — never
// as exceptions across parts; the command line decides the exit status from them.
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace il2t {

// 1-based line and column in a file; 0 means "the file as a whole".
struct SourcePos {
  int line = 0;
  int column = 0;
  friend bool operator==(const SourcePos&, const SourcePos&) = default;
};

enum class Severity { error, warning };

// The message comes first, so that a struct holding an Error and brace-initialised
// with a bare string gets that string as the message.
struct Error {
  std::string message{};  // the text a user reads; a file's diagnostics begin it with the field path
  std::string file{};
  SourcePos pos{};
  Severity severity = Severity::error;
  std::string field{};    // the field (an item, a key, a column) for programs; not printed
  int offset = 0;         // 0-based, into the sub-text the message is about (an expression)

  bool empty() const { return message.empty(); }
  // Replaces the error with one that is only a message (where parts build it as text).
  Error& operator=(std::string text) {
    *this = Error{};
    message = std::move(text);
    return *this;
  }
  // "file:line:column: message", the parts that are known, or the message alone.
  std::string text() const;
  friend bool operator==(const Error&, const Error&) = default;

  // While parts still pass errors on as text: an Error reads as its text().
  operator std::string() const { return text(); }  // NOLINT: implicit on purpose
  friend bool operator==(const Error& e, std::string_view s) { return e.text() == s; }
  friend std::ostream& operator<<(std::ostream& os, const Error& e) { return os << e.text(); }
};

// "file:line:column: error: message" (line and column omitted when unknown; "error:
// message" without a file), as compilers print: the form every file diagnostic is
// shown in.
std::string format(const Error& e);

// A value, or the Error that stopped it.
template <class T>
class Expected {
 public:
  Expected(T value) : v_(std::move(value)) {}      // NOLINT: implicit on purpose
  Expected(Error error) : v_(std::move(error)) {}  // NOLINT: implicit on purpose

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Only when ok(); the non-const forms let a caller move the value out.
  const T& value() const { return std::get<0>(v_); }
  T& value() { return std::get<0>(v_); }
  const T& operator*() const { return value(); }
  T& operator*() { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  // Only when !ok().
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace il2t
