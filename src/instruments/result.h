#pragma once
// The result of scoring an instrument: either the value or an InstrumentError that
// names the offending item and says what was wrong with it. Impossible input (an
// unknown item, a level the instrument does not have, a PGA of 3.4) is an expected
// failure and travels as a value; no exception leaves the instrument functions.
#include <string>
#include <utility>
#include <variant>

namespace il2t::instruments {

struct InstrumentError {
  std::string item;     // the item's stable id ("pga", "constitutional", "foo")
  std::string message;  // names the instrument, the item and the value: "PGA: 3.4 is outside 0–3"
  friend bool operator==(const InstrumentError&, const InstrumentError&) = default;
};

template <class T>
class Scored {
 public:
  Scored(T value) : v_(std::move(value)) {}                 // NOLINT: implicit on purpose
  Scored(InstrumentError error) : v_(std::move(error)) {}   // NOLINT: implicit on purpose

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // Only when ok().
  const T& value() const { return std::get<0>(v_); }
  const T& operator*() const { return value(); }
  const T* operator->() const { return &value(); }

  // Only when !ok().
  const InstrumentError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, InstrumentError> v_;
};

// A failure for `item` whose message is `message` as given (it already names the item).
inline InstrumentError fail(std::string item, std::string message) {
  return InstrumentError{std::move(item), std::move(message)};
}

}  // namespace il2t::instruments
