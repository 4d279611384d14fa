#pragma once
// Writes a whole file or nothing: the content goes to a temporary file beside the
// target, is flushed, and is renamed over the target. A target that is a device or a
// pipe (/dev/null, /dev/stdout) is written in place instead.
#include <string>
#include <string_view>

namespace il2t::data {

// Returns an empty string on success, else the reason.
std::string write_file_atomically(const std::string& path, std::string_view content);

}  // namespace il2t::data
