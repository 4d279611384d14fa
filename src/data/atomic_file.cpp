#include "data/atomic_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace il2t::data {

namespace {

// Writes all of `content` to `fd`; the reason on failure.
std::string write_all(int fd, std::string_view content, const std::string& name) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return "cannot write " + name + ": " + std::strerror(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

std::string write_file_atomically(const std::string& path, std::string_view content) {
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place: renaming a
  // file over it would replace the device itself.
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return "cannot open " + path + ": " + std::strerror(errno);
    std::string why = write_all(fd, content, path);
    if (::close(fd) != 0 && why.empty()) why = "cannot close " + path + ": " + std::strerror(errno);
    return why;
  }
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot create " + tmp + ": " + std::strerror(errno);
  if (std::string why = write_all(fd, content, tmp); !why.empty()) {
    ::close(fd);
    ::unlink(tmp.c_str());
    return why;
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return "cannot flush " + tmp + ": " + why;
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return "cannot rename " + tmp + " to " + path + ": " + why;
  }
  return {};
}

}  // namespace il2t::data
