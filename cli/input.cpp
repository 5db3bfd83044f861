// File input with plain POSIX reads: one allocation of the file's size (an ostringstream would copy the
// text twice and double the peak), and a streaming pass that validates and plans large files.
#include "cli/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/utf8.h"

namespace evidential::cli {

namespace {

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::string errno_text() { return std::strerror(errno); }

std::string too_large(uint64_t size, uint64_t limit) {
  return "larger than --max-file-size (" + std::to_string(size) + " > " + std::to_string(limit) +
         " bytes); skipped";
}

/// Appends from `fd` until end of file; false on a read error.
bool read_rest(int fd, uint64_t limit, std::string* out, bool* over_limit) {
  constexpr size_t kChunk = 1 << 16;
  for (;;) {
    size_t have = out->size();
    out->resize(have + kChunk);
    ssize_t n = ::read(fd, out->data() + have, kChunk);
    if (n < 0 && errno == EINTR) {
      out->resize(have);
      continue;
    }
    if (n < 0) {
      out->resize(have);
      return false;
    }
    out->resize(have + static_cast<size_t>(n));
    if (n == 0) return true;
    if (out->size() > limit) {
      *over_limit = true;
      return true;
    }
  }
}

constexpr bool is_line_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

}  // namespace

std::optional<std::string> read_input(const std::string& path, uint64_t limit, std::string* out) {
  out->clear();
  int raw = path == "-" ? STDIN_FILENO : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (raw < 0) return "cannot read the file: " + errno_text();
  Fd fd(path == "-" ? -1 : raw);  // stdin stays open
  struct stat st {};
  if (::fstat(raw, &st) == 0 && S_ISDIR(st.st_mode)) return "is a directory";
  if (::fstat(raw, &st) == 0 && S_ISREG(st.st_mode)) {
    uint64_t size = static_cast<uint64_t>(st.st_size);
    if (size > limit) return too_large(size, limit);
    out->resize(size);
    size_t got = 0;
    while (got < size) {
      ssize_t n = ::read(raw, out->data() + got, size - got);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return "cannot read the file: " + errno_text();
      if (n == 0) break;  // the file shrank while we read it
      got += static_cast<size_t>(n);
    }
    out->resize(got);
    if (got < size) return std::nullopt;
  }
  // Pipes, stdin, and a regular file that grew: read to the end.
  bool over = false;
  if (!read_rest(raw, limit, out, &over)) return "cannot read the file: " + errno_text();
  if (over) return too_large(out->size(), limit);
  return std::nullopt;
}

std::optional<std::string> read_range(const std::string& path, uint64_t start, uint64_t end,
                                      std::string* out) {
  out->clear();
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return "cannot read the file: " + errno_text();
  out->resize(end - start);
  size_t got = 0;
  while (got < out->size()) {
    ssize_t n = ::pread(fd.get(), out->data() + got, out->size() - got, static_cast<off_t>(start + got));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return "cannot read the file: " + errno_text();
    if (n == 0) return "the file changed while it was being checked";
    got += static_cast<size_t>(n);
  }
  return std::nullopt;
}

std::optional<std::string> reject_text(std::string_view text, uint64_t base) {
  if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
    uint64_t at = base + static_cast<uint64_t>(static_cast<const char*>(nul) - text.data());
    return "looks binary (a NUL byte at offset " + std::to_string(at) + "); skipped";
  }
  // ASCII eight bytes at a time; the decoder only for the rest. Same verdict as core::find_invalid_utf8.
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    if (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(text[i]) < 0x80) {
      ++i;
      continue;
    }
    int len = 1;
    char32_t c = core::decode_utf8(text, i, &len);
    if (c == 0xFFFD && len == 1) {
      return "not valid UTF-8 (first bad byte at offset " + std::to_string(base + i) + "); skipped";
    }
    i += static_cast<size_t>(len);
  }
  return std::nullopt;
}

std::optional<std::string> plan_segments(const std::string& path, uint64_t segment_bytes,
                                         uint64_t margin_bytes, std::vector<Segment>* out) {
  out->clear();
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return "cannot read the file: " + errno_text();

  // Paragraph starts (a line after a blank line, as core::parse_plain splits), at least margin_bytes
  // apart, with their line numbers.
  struct Cut {
    uint64_t offset;
    uint64_t line;
  };
  std::vector<Cut> cuts{{0, 0}};
  uint64_t line = 0;
  bool line_has_text = false;

  constexpr size_t kChunk = 1 << 20;
  std::string buf(kChunk + 4, '\0');
  size_t held = 0;    // bytes of an incomplete UTF-8 sequence carried to the next read
  uint64_t base = 0;  // file offset of buf[0]
  for (;;) {
    ssize_t n = ::read(fd.get(), buf.data() + held, kChunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return "cannot read the file: " + errno_text();
    bool last = n == 0;
    size_t len = held + static_cast<size_t>(n);
    // Validate all but a trailing incomplete sequence, which waits for the next read.
    size_t keep = 0;
    if (!last) {
      for (size_t back = 1; back <= 3 && back <= len; ++back) {
        unsigned char b = static_cast<unsigned char>(buf[len - back]);
        if ((b & 0xC0) == 0x80) continue;  // continuation: look further back
        size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        if (need > back) keep = back;
        break;
      }
    }
    if (auto why = reject_text(std::string_view(buf.data(), len - keep), base)) return why;

    // Lines of the newly read bytes.
    const char* data = buf.data();
    for (size_t i = held; i < held + static_cast<size_t>(n);) {
      if (!line_has_text) {
        char c = data[i];
        if (c != '\n') {
          if (is_line_space(c)) {
            ++i;
            continue;
          }
          line_has_text = true;
        }
      }
      const void* nl = std::memchr(data + i, '\n', held + static_cast<size_t>(n) - i);
      if (nl == nullptr) break;
      i = static_cast<size_t>(static_cast<const char*>(nl) - data) + 1;
      ++line;
      uint64_t next_start = base + i;
      if (!line_has_text && next_start - cuts.back().offset >= margin_bytes) {
        cuts.push_back({next_start, line});
      }
      line_has_text = false;
    }
    if (last) {
      base += len;
      break;
    }
    std::memmove(buf.data(), buf.data() + len - keep, keep);
    base += len - keep;
    held = keep;
  }
  const uint64_t size = base;
  if (!cuts.empty() && cuts.back().offset >= size && cuts.size() > 1) cuts.pop_back();

  // Cores: runs of cut intervals of at least segment_bytes; margins: one cut interval each side.
  std::vector<size_t> bounds{0};  // indices into cuts where cores start
  for (size_t k = 1; k < cuts.size(); ++k) {
    if (cuts[k].offset - cuts[bounds.back()].offset >= segment_bytes) bounds.push_back(k);
  }
  // A short tail joins the previous core rather than standing alone.
  if (bounds.size() > 1 && size - cuts[bounds.back()].offset < segment_bytes / 2) bounds.pop_back();
  for (size_t j = 0; j < bounds.size(); ++j) {
    size_t first = bounds[j];
    Segment s;
    s.core_start = cuts[first].offset;
    s.core_end = j + 1 < bounds.size() ? cuts[bounds[j + 1]].offset : size;
    size_t before = first > 0 ? first - 1 : 0;
    s.read_start = cuts[before].offset;
    s.read_line = cuts[before].line;
    s.read_end =
        j + 1 < bounds.size() && bounds[j + 1] + 1 < cuts.size() ? cuts[bounds[j + 1] + 1].offset : size;
    out->push_back(s);
  }
  return std::nullopt;
}

}  // namespace evidential::cli
