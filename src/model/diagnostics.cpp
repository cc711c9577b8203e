#include "ringfence/diagnostics.hpp"

#include <algorithm>

namespace ringfence {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (!record.empty()) {
    out += ": " + record;
  } else if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += ": ";
  out += message;
  return out;
}

void Diagnostics::error(std::string file, std::size_t line, std::size_t column,
                        std::string message) {
  if (full()) {
    ++suppressed_errors_;
    return;
  }
  errors_.push_back({std::move(file), line, column, std::move(message), {}});
}

void Diagnostics::error_at_record(std::string file, std::string record, std::string message) {
  if (full()) {
    ++suppressed_errors_;
    return;
  }
  errors_.push_back({std::move(file), 0, 0, std::move(message), std::move(record)});
}

void Diagnostics::warning(std::string file, std::size_t line, std::size_t column,
                          std::string message) {
  if (warnings_.size() >= kMaxErrors) {
    ++suppressed_warnings_;
    return;
  }
  warnings_.push_back({std::move(file), line, column, std::move(message), {}});
}

static std::string first_message(const Diagnostics& d) {
  return d.errors().empty() ? std::string("invalid input") : d.errors().front().to_string();
}

InputError::InputError(Diagnostics diagnostics)
    : std::runtime_error(first_message(diagnostics)), diagnostics_(std::move(diagnostics)) {}

static Diagnostics single(std::string file, std::size_t line, std::size_t column,
                          std::string message) {
  Diagnostics d;
  d.error(std::move(file), line, column, std::move(message));
  return d;
}

InputError::InputError(std::string file, std::size_t line, std::size_t column, std::string message)
    : InputError(single(std::move(file), line, column, std::move(message))) {}

InputError InputError::at_record(std::string file, std::string record, std::string message) {
  Diagnostics d;
  d.error_at_record(std::move(file), std::move(record), std::move(message));
  return InputError(std::move(d));
}

std::string OptionError::with_options_as(std::string_view prefix) const {
  const std::string message = what();
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    const std::size_t open = message.find('{', i);
    const std::size_t close = open == std::string::npos ? open : message.find('}', open);
    if (close == std::string::npos) break;
    out.append(message, i, open - i).append(prefix).append(message, open + 1, close - open - 1);
    i = close + 1;
  }
  return out.append(message, std::min(i, message.size()));
}

}  // namespace ringfence
