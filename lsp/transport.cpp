// Content-Length framing. Framing errors are reported, then skipped, so one bad message never ends the
// session: tests/lsp/transcripts/framing_*.txt exercise each recovery path.
#include "lsp/transport.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>

namespace evidential::lsp {

namespace {

// Real headers are two short lines; a header block larger than this is garbage, not a header.
constexpr size_t kMaxHeaderBytes = 8192;
constexpr size_t kReadChunk = 64 * 1024;
constexpr std::string_view kContentLength = "content-length";

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

/// Parses a header block (without its terminating blank line). Returns an error message, or "" with
/// `*length` set.
std::string parse_headers(std::string_view block, size_t* length) {
  bool have_length = false;
  while (!block.empty()) {
    size_t nl = block.find('\n');
    std::string_view line = block.substr(0, nl);
    block = nl == std::string_view::npos ? std::string_view() : block.substr(nl + 1);
    line = trim(line);
    if (line.empty()) continue;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return "malformed header line \"" + std::string(line.substr(0, 80)) + "\" (expected \"Name: value\")";
    }
    std::string_view name = trim(line.substr(0, colon));
    std::string_view value = trim(line.substr(colon + 1));
    if (!iequals(name, kContentLength)) continue;  // Content-Type and unknown headers are ignored
    size_t n = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
      return "invalid Content-Length \"" + std::string(value.substr(0, 40)) + "\"";
    }
    if (have_length && n != *length) return "conflicting Content-Length headers";
    *length = n;
    have_length = true;
  }
  if (!have_length) return "header block without Content-Length";
  return "";
}

}  // namespace

MessageReader::MessageReader(int fd, size_t max_message_bytes)
    : fd_(fd), max_message_bytes_(max_message_bytes) {}

bool MessageReader::fill() {
  if (eof_) return false;
  // Drop consumed bytes now and then, so the buffer holds at most one message plus a read chunk.
  if (pos_ > kReadChunk && pos_ * 2 > buffer_.size()) {
    buffer_.erase(0, pos_);
    pos_ = 0;
  }
  size_t old = buffer_.size();
  buffer_.resize(old + kReadChunk);
  ssize_t n;
  do {
    n = ::read(fd_, buffer_.data() + old, kReadChunk);
  } while (n < 0 && errno == EINTR);
  buffer_.resize(old + static_cast<size_t>(std::max<ssize_t>(n, 0)));
  if (n <= 0) eof_ = true;
  return n > 0;
}

void MessageReader::resynchronize() {
  // Every LSP header is a "Content-..." one, so the next header block most likely starts at the next
  // "Content-" (a header block that lacks Content-Length is then reported rather than skipped).
  constexpr std::string_view kHeaderStart = "content-";
  for (;;) {
    std::string_view rest = std::string_view(buffer_).substr(pos_);
    for (size_t i = 0; i + kHeaderStart.size() <= rest.size(); ++i) {
      if (iequals(rest.substr(i, kHeaderStart.size()), kHeaderStart)) {
        pos_ += i;
        return;
      }
    }
    // Keep a tail that might be the start of a split "Content-".
    if (rest.size() > kHeaderStart.size()) pos_ += rest.size() - kHeaderStart.size();
    if (!fill()) {
      pos_ = buffer_.size();
      return;
    }
  }
}

ReadResult MessageReader::next() {
  if (resync_) {
    resync_ = false;
    resynchronize();
  }
  // Find the end of the header block, tolerating blank lines between messages and bare "\n" endings.
  size_t header_end = std::string::npos;
  size_t body_start = 0;
  for (;;) {
    while (pos_ < buffer_.size() && (buffer_[pos_] == '\r' || buffer_[pos_] == '\n' ||
                                     buffer_[pos_] == ' ' || buffer_[pos_] == '\t')) {
      ++pos_;
    }
    std::string_view rest = std::string_view(buffer_).substr(pos_);
    size_t crlf = rest.find("\r\n\r\n");
    size_t lf = rest.find("\n\n");
    if (crlf != std::string_view::npos && crlf < lf) {
      header_end = crlf;
      body_start = crlf + 4;
    } else if (lf != std::string_view::npos) {
      header_end = lf;
      body_start = lf + 2;
    }
    if (header_end != std::string::npos && header_end <= kMaxHeaderBytes) break;
    if (rest.size() > kMaxHeaderBytes) {
      pos_ += 1;  // past the garbage's first byte, so resynchronizing cannot find it again
      resync_ = true;
      return {ReadResult::Kind::kMalformed, "",
              "no header terminator within " + std::to_string(kMaxHeaderBytes) + " bytes"};
    }
    header_end = std::string::npos;
    if (!fill()) return {ReadResult::Kind::kEnd, "", ""};
  }

  size_t length = 0;
  std::string error = parse_headers(std::string_view(buffer_).substr(pos_, header_end), &length);
  pos_ += body_start;
  if (!error.empty()) {
    resync_ = true;
    return {ReadResult::Kind::kMalformed, "", error};
  }

  if (length > max_message_bytes_) {
    // Skip the body as it arrives, never holding it.
    size_t remaining = length;
    for (;;) {
      size_t available = buffer_.size() - pos_;
      size_t take = std::min(available, remaining);
      pos_ += take;
      remaining -= take;
      if (remaining == 0 || !fill()) break;
    }
    return {ReadResult::Kind::kTooLarge, "",
            "message of " + std::to_string(length) + " bytes exceeds the limit of " +
                std::to_string(max_message_bytes_) + " bytes"};
  }

  while (buffer_.size() - pos_ < length) {
    if (!fill()) return {ReadResult::Kind::kEnd, "", "the stream ended inside a message"};
  }
  ReadResult result{ReadResult::Kind::kMessage, buffer_.substr(pos_, length), ""};
  pos_ += length;
  return result;
}

// A 1 MB document's publishDiagnostics is several megabytes. Through the default 64 KB pipe the
// server and the editor take turns some seventy times per message, each turn a pair of context
// switches; a 1 MB buffer (the unprivileged limit, /proc/sys/fs/pipe-max-size) cuts that to a few.
// Best effort: anything else (a file, a socket, a refused size) keeps the default.
constexpr int kPipeBytes = 1 << 20;

MessageWriter::MessageWriter(int fd) : fd_(fd) {
#ifdef F_SETPIPE_SZ
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode)) (void)::fcntl(fd, F_SETPIPE_SZ, kPipeBytes);
#endif
}

bool MessageWriter::write(std::string_view body) {
  const std::string header = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  std::lock_guard<std::mutex> lock(mutex_);
  if (broken_) return false;
  // Header and body in one call, without copying a body of several megabytes into a frame.
  const size_t total = header.size() + body.size();
  size_t done = 0;
  while (done < total) {
    iovec parts[2];
    int count = 0;
    if (done < header.size()) {
      parts[count++] = {const_cast<char*>(header.data()) + done, header.size() - done};
      parts[count++] = {const_cast<char*>(body.data()), body.size()};
    } else {
      parts[count++] = {const_cast<char*>(body.data()) + (done - header.size()), total - done};
    }
    ssize_t n = ::writev(fd_, parts, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      broken_ = true;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace evidential::lsp
