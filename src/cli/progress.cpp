#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>
#include <thread>

namespace il2t::cli {

namespace {
void draw(const char* label, std::int64_t done, std::int64_t total, double elapsed) {
  constexpr int kWidth = 30;
  const double f = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const int filled = static_cast<int>(f * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  const double eta = done > 0 ? elapsed / static_cast<double>(done) * static_cast<double>(total - done) : 0;
  std::fprintf(stderr, "\r%s [%s] %lld/%lld  %.0f s elapsed, ETA %.0f s ", label, bar, static_cast<long long>(done),
               static_cast<long long>(total), elapsed, eta);
  std::fflush(stderr);
}
}  // namespace

double with_progress(const char* label, std::int64_t total, std::atomic<std::int64_t>& done,
                     const std::function<void()>& work) {
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  if (!isatty(STDERR_FILENO)) {
    work();
    return seconds();
  }
  std::atomic<bool> finished{false};
  std::thread t([&] {
    work();
    finished = true;
  });
  while (!finished) {
    draw(label, done.load(), total, seconds());
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  t.join();
  draw(label, done.load(), total, seconds());
  std::fprintf(stderr, "\n");
  return seconds();
}

}  // namespace il2t::cli
