#include "sdtm/xpt.h"

#include <fcntl.h>
#include <readstat.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

namespace il2t::sdtm {

namespace {

constexpr std::int64_t kRecord = 80;           // every XPT record is 80 bytes
constexpr std::size_t kMaxName = 8;            // version 5 names
constexpr std::size_t kMaxLabel = 40;          // version 5 labels, in bytes
constexpr std::size_t kMaxText = 200;          // version 5 text length, in bytes
constexpr char kHeader[] = "HEADER RECORD*******";  // how every header record begins
constexpr std::size_t kHeaderLen = sizeof kHeader - 1;

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string readstat_says(readstat_error_t rc) {
  const char* m = readstat_error_message(rc);
  return std::string(" (ReadStat: ") + (m ? m : "unknown error") + ")";
}

// ---- Reading ----------------------------------------------------------------------

// What the handlers share: the dataset being built, the file as ReadStat reads it
// (through our I/O handlers, to see where it ends) and the first problem found.
struct Reader {
  const ReadLimits& limits;
  std::string path{};
  Dataset d{};
  Error error{};                    // set by a handler before it aborts the parse
  int fd = -1;
  std::int64_t pos = 0;             // the offset of the next byte ReadStat reads
  std::int64_t size = 0;            // the file's, in bytes
  int var_count = 0;
  bool in_data = false;             // every variable seen: what is read now is rows
  char prefix[kHeaderLen] = {};     // the start of the current record, among the rows
  std::int64_t header_in_data = -1; // the offset of a header record among the rows
  std::int64_t torn_at = -1;        // the offset of non-blank bytes after the last row
  // ReadStat asks for one record at a time: the file is read a block at a time into
  // this buffer, and handed out from it (a million small reads would dominate).
  std::vector<char> block = std::vector<char>(1 << 20);
  std::size_t block_at = 0, block_len = 0;

  Error fail(std::string message, std::string field = {}) const {
    return Error{.message = std::move(message), .file = path, .field = std::move(field)};
  }

  // Rows are read in order; a short read is the file's end, where only the blank
  // padding of the last record may be left. A header record at a record boundary
  // among the rows is a second member, which ReadStat would read as rows.
  void scan(const char* p, std::size_t n, bool at_end) {
    if (at_end) {
      for (std::size_t i = 0; i < n; ++i)
        if (p[i] != ' ') {
          torn_at = pos + static_cast<std::int64_t>(i);
          return;
        }
      return;
    }
    for (std::size_t i = 0; i < n;) {
      const auto in_record = static_cast<std::size_t>((pos + static_cast<std::int64_t>(i)) % kRecord);
      if (in_record >= kHeaderLen) {
        i += static_cast<std::size_t>(kRecord) - in_record;
        continue;
      }
      prefix[in_record] = p[i];
      if (in_record + 1 == kHeaderLen && header_in_data < 0 && std::memcmp(prefix, kHeader, kHeaderLen) == 0)
        header_in_data = pos + static_cast<std::int64_t>(i + 1 - kHeaderLen);
      ++i;
    }
  }
};

Reader& reader(void* ctx) { return *static_cast<Reader*>(ctx); }

int io_open(const char* path, void* ctx) {
  Reader& r = reader(ctx);
  r.fd = ::open(path, O_RDONLY | O_CLOEXEC);
  r.pos = 0;
  return r.fd;
}

int io_close(void* ctx) {
  Reader& r = reader(ctx);
  const int rc = r.fd >= 0 ? ::close(r.fd) : 0;
  r.fd = -1;
  return rc;
}

readstat_off_t io_seek(readstat_off_t offset, readstat_io_flags_t whence, void* ctx) {
  Reader& r = reader(ctx);
  // From the position ReadStat sees, not the file's (which is ahead by the buffer).
  const bool current = whence == READSTAT_SEEK_CUR;
  const int how = whence == READSTAT_SEEK_END ? SEEK_END : SEEK_SET;
  const off_t at = ::lseek(r.fd, current ? r.pos + offset : offset, how);
  r.block_at = r.block_len = 0;
  if (at >= 0) r.pos = at;
  return at;
}

ssize_t io_read(void* buf, size_t n, void* ctx) {
  Reader& r = reader(ctx);
  std::size_t done = 0;
  while (done < n) {
    if (r.block_at == r.block_len) {
      const ssize_t k = ::read(r.fd, r.block.data(), r.block.size());
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) return -1;
      if (k == 0) break;
      r.block_at = 0;
      r.block_len = static_cast<std::size_t>(k);
    }
    const std::size_t take = std::min(n - done, r.block_len - r.block_at);
    std::memcpy(static_cast<char*>(buf) + done, r.block.data() + r.block_at, take);
    r.block_at += take;
    done += take;
  }
  if (r.in_data) r.scan(static_cast<const char*>(buf), done, done < n);
  r.pos += static_cast<std::int64_t>(done);
  return static_cast<ssize_t>(done);
}

readstat_error_t io_update(long, readstat_progress_handler, void*, void*) { return READSTAT_OK; }

// ReadStat is C: nothing may be thrown through it, so each handler catches all.
template <class F>
int guarded(Reader& r, F&& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    r.error = r.fail(std::string("cannot be read: ") + e.what());
  } catch (...) {
    r.error = r.fail("cannot be read");
  }
  return READSTAT_HANDLER_ABORT;
}

int on_metadata(readstat_metadata_t* m, void* ctx) {
  Reader& r = reader(ctx);
  return guarded(r, [&] {
    const char* name = readstat_get_table_name(m);
    r.d.set_name(upper(name ? name : ""));
    r.var_count = readstat_get_var_count(m);
    return READSTAT_HANDLER_OK;
  });
}

int on_variable(int index, readstat_variable_t* v, const char*, void* ctx) {
  Reader& r = reader(ctx);
  return guarded(r, [&] {
    const char* given = readstat_variable_get_name(v);  // NULL when empty
    std::string name = upper(given ? given : "");
    if (name.empty()) {
      r.error = r.fail("variable " + std::to_string(index + 1) + " has no name: the file is damaged");
      return READSTAT_HANDLER_ABORT;
    }
    if (r.d.find(name)) {
      r.error = r.fail(name + ": a second variable of this name", name);
      return READSTAT_HANDLER_ABORT;
    }
    const bool text = readstat_variable_get_type_class(v) == READSTAT_TYPE_CLASS_STRING;
    const char* label = readstat_variable_get_label(v);  // NULL when empty
    const auto width = static_cast<int>(std::min<std::size_t>(readstat_variable_get_storage_width(v), INT_MAX));
    r.d.add_column(std::move(name), text ? VarType::text : VarType::number, label ? label : "", text ? width : 0);
    if (index + 1 == r.var_count) r.in_data = true;
    return READSTAT_HANDLER_OK;
  });
}

int on_value(int obs, readstat_variable_t* v, readstat_value_t value, void* ctx) {
  Reader& r = reader(ctx);
  return guarded(r, [&] {
    if (obs < 0) return READSTAT_HANDLER_ABORT;
    if (static_cast<std::size_t>(obs) >= r.d.rows()) {
      const std::size_t most = std::min<std::size_t>(r.limits.max_rows, INT_MAX);
      if (r.d.rows() >= most) {
        r.error = r.fail("more than " + std::to_string(most) + " records, the most read (ReadLimits::max_rows)");
        return READSTAT_HANDLER_ABORT;
      }
      r.d.begin_row(0);
    }
    const int c = readstat_variable_get_index(v);
    if (c < 0 || static_cast<std::size_t>(c) >= r.d.width()) return READSTAT_HANDLER_ABORT;
    const auto col = static_cast<std::size_t>(c);
    if (r.d.column(col).type == VarType::text) {
      const char* s = readstat_string_value(value);
      r.d.set_text(col, s ? s : "");
    } else if (readstat_value_is_system_missing(value) || readstat_value_is_tagged_missing(value)) {
      r.d.set_number(col, std::numeric_limits<double>::quiet_NaN());
    } else {
      r.d.set_number(col, readstat_double_value(value));
    }
    return READSTAT_HANDLER_OK;
  });
}

// ReadStat's failure as the project's Error, with where the reading had got to.
Error parse_failure(const Reader& r, readstat_error_t rc) {
  const std::int64_t at = std::min(r.pos, r.size);
  const std::int64_t record = std::max<std::int64_t>(at - kRecord, 0) / kRecord * kRecord;  // the one just read
  std::string why;
  switch (rc) {
    case READSTAT_ERROR_OPEN: why = std::string("cannot open: ") + std::strerror(errno); break;
    case READSTAT_ERROR_READ:
      why = r.in_data ? "cannot read the rows"
                      : "cut short or damaged: the file ends inside its headers (" + std::to_string(r.size) + " bytes)";
      break;
    case READSTAT_ERROR_PARSE:
      why = "not a SAS transport (XPT) file, or a damaged one: the 80-byte record at byte " + std::to_string(record) +
            " is not the header expected there";
      break;
    case READSTAT_ERROR_UNSUPPORTED_FILE_FORMAT_VERSION:
      why = "not a SAS transport (XPT) file: it does not begin with a LIBRARY header record";
      break;
    case READSTAT_ERROR_MALLOC:
      why = "damaged headers: a variable count or a row width too large to read (near byte " + std::to_string(at) + ")";
      break;
    default:
      why = "cannot be read (near byte " + std::to_string(at) + ")";
  }
  if (r.in_data) why += ", after record " + std::to_string(r.d.rows());
  return r.fail(why + readstat_says(rc));
}

// ---- Writing ----------------------------------------------------------------------

// A SAS name: a letter or underscore, then letters, digits and underscores; not one
// of the names SAS keeps for itself.
bool sas_name(std::string_view s) {
  if (s.empty() || s.size() > kMaxName) return false;
  for (std::string_view kept : {"_N_", "_ERROR_", "_NUMERIC_", "_CHARACTER_", "_ALL_"})
    if (s == kept) return false;
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  if (!alpha(s[0])) return false;
  return std::all_of(s.begin(), s.end(), [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

std::string row_name(const Dataset& d, std::size_t r) {
  return "row " + std::to_string(r + 1) + (d.file().empty() ? "" : " (" + d.where(r) + ")");
}

// Checks what version 5 cannot hold, before anything is written; fills each text
// variable's width.
Error check_for_xpt(const Dataset& d, const std::string& path, std::vector<std::size_t>& widths) {
  auto fail = [&](std::string message, std::string field) {
    return Error{.message = std::move(message), .file = path, .field = std::move(field)};
  };
  if (!sas_name(d.name()))
    return fail("the dataset name \"" + d.name() + "\" is not a SAS name of 1 to 8 letters, digits or underscores", {});
  if (d.width() == 0) return fail("the dataset " + d.name() + " has no variables", {});
  if (d.rows() > static_cast<std::size_t>(INT_MAX))
    return fail(std::to_string(d.rows()) + " rows, more than an XPT writer can count", {});
  for (std::size_t c = 0; c < d.width(); ++c) {
    const Column& col = d.column(c);
    const std::string& n = col.name;
    if (!sas_name(n))
      return fail(n + ": not a SAS name of 1 to 8 letters, digits or underscores (XPT version 5)", n);
    if (col.label.size() > kMaxLabel)
      return fail(n + ": a label of " + std::to_string(col.label.size()) + " bytes; XPT version 5 holds 40", n);
    if (col.type == VarType::number) {
      widths.push_back(8);
      for (std::size_t r = 0; r < col.numbers.size(); ++r) {
        const double x = col.numbers[r];
        if (std::isnan(x) || x == 0) continue;
        const double a = std::fabs(x);
        if (!std::isfinite(a) || a >= std::ldexp(1.0, 249) || a < std::ldexp(1.0, -260))
          return fail(n + ": " + row_name(d, r) + " holds " + d.text(c, r) +
                          ", which an XPT number cannot hold (2^-260 to 2^249 in size)", n);
      }
      continue;
    }
    std::size_t longest = 0;
    for (const std::string& v : col.values) longest = std::max(longest, v.size());
    const std::size_t width = std::clamp<std::size_t>(col.length > 0 ? static_cast<std::size_t>(col.length) : longest, 1, kMaxText);
    widths.push_back(width);
    for (std::uint32_t code = 0; code < col.values.size(); ++code) {
      const std::string& v = col.values[code];
      const bool too_long = v.size() > width, nul = v.find('\0') != std::string::npos;
      if (!too_long && !nul) continue;
      const auto r = static_cast<std::size_t>(std::find(col.codes.begin(), col.codes.end(), code) - col.codes.begin());
      if (r == col.codes.size()) continue;  // a value no row uses
      if (nul) return fail(n + ": " + row_name(d, r) + " holds a NUL byte", n);
      return fail(n + ": " + row_name(d, r) + " holds " + std::to_string(v.size()) + " bytes, longer than " +
                      (width == kMaxText ? "200, the most XPT version 5 holds"
                                         : "the variable's length " + std::to_string(width)),
                  n);
    }
  }
  return {};
}

// The bytes ReadStat writes, to a file descriptor, a megabyte at a time.
struct Sink {
  int fd = -1;
  std::string buf;
  int err = 0;
  bool flush() {
    std::size_t done = 0;
    while (done < buf.size() && err == 0) {
      const ssize_t k = ::write(fd, buf.data() + done, buf.size() - done);
      if (k < 0 && errno == EINTR) continue;
      if (k < 0) err = errno;
      else done += static_cast<std::size_t>(k);
    }
    buf.clear();
    return err == 0;
  }
};

ssize_t sink_write(const void* data, size_t len, void* ctx) {
  Sink& s = *static_cast<Sink*>(ctx);
  try {  // nothing may be thrown through ReadStat
    s.buf.append(static_cast<const char*>(data), len);
  } catch (...) {
    s.err = ENOMEM;
    return -1;
  }
  if (s.buf.size() >= (1u << 20) && !s.flush()) return -1;
  return static_cast<ssize_t>(len);
}

struct FreeWriter {
  void operator()(readstat_writer_t* w) const { readstat_writer_free(w); }
};
struct FreeParser {
  void operator()(readstat_parser_t* p) const { readstat_parser_free(p); }
};

// Writes every row through ReadStat; an empty Error on success.
Error write_rows(const Dataset& d, const std::vector<std::size_t>& widths, Sink& sink, const std::string& path) {
  const std::unique_ptr<readstat_writer_t, FreeWriter> owner(readstat_writer_init());
  readstat_writer_t* w = owner.get();
  if (!w) return Error{.message = "out of memory", .file = path};
  std::vector<readstat_variable_t*> vars;
  readstat_error_t rc = readstat_set_data_writer(w, sink_write);
  if (rc == READSTAT_OK) rc = readstat_writer_set_file_format_version(w, 5);
  // A fixed creation time, so the same dataset always gives the same bytes.
  if (rc == READSTAT_OK) rc = readstat_writer_set_file_timestamp(w, kXptTimestamp);
  if (rc == READSTAT_OK) rc = readstat_writer_set_table_name(w, d.name().c_str());
  for (std::size_t c = 0; c < d.width() && rc == READSTAT_OK; ++c) {
    const Column& col = d.column(c);
    const bool text = col.type == VarType::text;
    readstat_variable_t* v =
        readstat_add_variable(w, col.name.c_str(), text ? READSTAT_TYPE_STRING : READSTAT_TYPE_DOUBLE, widths[c]);
    if (!v) rc = READSTAT_ERROR_MALLOC;
    else readstat_variable_set_label(v, col.label.c_str());
    vars.push_back(v);
  }
  if (rc == READSTAT_OK) rc = readstat_begin_writing_xport(w, &sink, static_cast<long>(d.rows()));
  std::size_t r = 0, c = 0;
  for (; r < d.rows() && rc == READSTAT_OK; ++r) {
    rc = readstat_begin_row(w);
    for (c = 0; c < d.width() && rc == READSTAT_OK; ++c) {
      const Column& col = d.column(c);
      if (col.type == VarType::text) rc = readstat_insert_string_value(w, vars[c], col.values[col.codes[r]].c_str());
      else if (std::isnan(col.numbers[r])) rc = readstat_insert_missing_value(w, vars[c]);
      else rc = readstat_insert_double_value(w, vars[c], col.numbers[r]);
    }
    if (rc == READSTAT_OK) rc = readstat_end_row(w);
  }
  if (rc == READSTAT_OK) rc = readstat_end_writing(w);
  if (rc == READSTAT_OK) return {};
  std::string why = sink.err ? std::string("cannot write: ") + std::strerror(sink.err) : "cannot write";
  if (r > 0 && r <= d.rows()) why += " (at " + row_name(d, r - 1) + (c > 0 && c <= d.width() ? ", " + d.column(c - 1).name : "") + ")";
  return Error{.message = why + readstat_says(rc), .file = path};
}

// read_xpt, which may throw (out of memory).
Expected<Dataset> read_file(const std::string& path, const ReadLimits& limits) {
  auto fail = [&](std::string message) { return Error{.message = std::move(message), .file = path}; };
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return fail(std::string("cannot open: ") + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return fail("not a regular file");
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size == 0) return fail("the file is empty");
  if (size > limits.max_bytes)
    return fail(std::to_string(size) + " bytes, more than the " + std::to_string(limits.max_bytes) +
                " read (ReadLimits::max_bytes)");
  if (size % kRecord != 0)
    return fail(std::to_string(size) + " bytes, not a whole number of 80-byte records: cut short, or not a SAS "
                "transport (XPT) file");

  Reader r{.limits = limits, .path = path, .d = Dataset({}, path), .size = static_cast<std::int64_t>(size)};
  const std::unique_ptr<readstat_parser_t, FreeParser> owner(readstat_parser_init());
  readstat_parser_t* p = owner.get();
  if (!p) return fail("out of memory");
  readstat_set_metadata_handler(p, on_metadata);
  readstat_set_variable_handler(p, on_variable);
  readstat_set_value_handler(p, on_value);
  readstat_set_open_handler(p, io_open);
  readstat_set_close_handler(p, io_close);
  readstat_set_seek_handler(p, io_seek);
  readstat_set_read_handler(p, io_read);
  readstat_set_update_handler(p, io_update);
  readstat_set_io_ctx(p, &r);
  const readstat_error_t rc = readstat_parse_xport(p, path.c_str(), &r);
  if (r.fd >= 0) io_close(&r);

  if (!r.error.empty()) return r.error;
  if (rc != READSTAT_OK) return parse_failure(r, rc);
  if (!r.in_data) return fail("the file describes no variables");
  if (r.header_in_data >= 0)
    return fail("a header record among the rows (at byte " + std::to_string(r.header_in_data) +
                "): the file holds more than one dataset, or is damaged");
  if (r.torn_at >= 0)
    return fail("cut short: the file ends inside a row (after record " + std::to_string(r.d.rows()) + ", byte " +
                std::to_string(r.torn_at) + ")");
  r.d.finish();
  return std::move(r.d);
}

// write_xpt, which may throw (out of memory) before the temporary file exists.
Error write_file(const Dataset& d, const std::string& path) {
  std::vector<std::size_t> widths;
  if (Error e = check_for_xpt(d, path, widths); !e.empty()) return e;

  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  Sink sink;
  sink.fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (sink.fd < 0) return Error{.message = "cannot create " + tmp + ": " + std::strerror(errno), .file = path};
  Error e = write_rows(d, widths, sink, path);
  if (e.empty() && !sink.flush()) e = Error{.message = std::string("cannot write: ") + std::strerror(sink.err), .file = path};
  if (e.empty() && ::fsync(sink.fd) != 0)
    e = Error{.message = "cannot flush " + tmp + ": " + std::strerror(errno), .file = path};
  if (::close(sink.fd) != 0 && e.empty())
    e = Error{.message = "cannot close " + tmp + ": " + std::strerror(errno), .file = path};
  if (e.empty() && std::rename(tmp.c_str(), path.c_str()) != 0)
    e = Error{.message = "cannot rename " + tmp + " to " + path + ": " + std::strerror(errno), .file = path};
  if (!e.empty()) ::unlink(tmp.c_str());
  return e;
}

}  // namespace

Expected<Dataset> read_xpt(const std::string& path, const ReadLimits& limits) {
  try {
    return read_file(path, limits);
  } catch (const std::exception& e) {
    return Error{.message = std::string("cannot be read: ") + e.what(), .file = path};
  }
}

Error write_xpt(const Dataset& d, const std::string& path) {
  try {
    return write_file(d, path);
  } catch (const std::exception& e) {
    return Error{.message = std::string("cannot be written: ") + e.what(), .file = path};
  }
}

}  // namespace il2t::sdtm
