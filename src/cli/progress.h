#pragma once
// A progress bar with elapsed time and ETA on standard error, drawn only when standard
// error is a terminal; otherwise silent, so logs and pipes get no control characters.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace il2t::cli {

// Runs `work` on a thread while redrawing the bar from `done` out of `total`, five
// times a second; returns the elapsed seconds.
double with_progress(const char* label, std::int64_t total, std::atomic<std::int64_t>& done,
                     const std::function<void()>& work);

}  // namespace il2t::cli
