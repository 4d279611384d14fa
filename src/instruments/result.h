#pragma once
// The result of scoring an instrument: either the value or an Error (core/error.h)
// whose field is the offending item and whose message says what was wrong with it.
// Impossible input (an unknown item, a level the instrument does not have, a PGA of
// 3.4) is an expected failure and travels as a value; no exception leaves the
// instrument functions.
#include <string>
#include <utility>

#include "core/error.h"

namespace il2t::instruments {

// field: the item's stable id ("pga", "constitutional", "foo"); message: names the
// instrument, the item and the value ("PGA: 3.4 is outside 0–3").
using InstrumentError = Error;

template <class T>
using Scored = Expected<T>;

// A failure for `item` whose message is `message` as given (it already names the item).
inline Error fail(std::string item, std::string message) {
  return Error{.message = std::move(message), .field = std::move(item)};
}

}  // namespace il2t::instruments
