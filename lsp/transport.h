// JSON-RPC framing over byte streams: "Content-Length: N\r\n\r\n" + N bytes of JSON, per LSP's base
// protocol. Reading never throws; every framing problem becomes a ReadResult the server answers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace evidential::lsp {

struct ReadResult {
  enum class Kind : uint8_t {
    kMessage,    ///< `body` holds one message's bytes (not yet parsed as JSON)
    kMalformed,  ///< a header block without a usable Content-Length; `error` says why; skipped
    kTooLarge,   ///< Content-Length above the limit; `error` says why; the body was skipped
    kEnd,        ///< the stream ended (or failed)
  };
  Kind kind = Kind::kEnd;
  std::string body;
  std::string error;
};

/// Reads framed messages from a file descriptor (stdin, or a pipe in tests). One reader thread.
class MessageReader {
 public:
  /// `max_message_bytes`: bodies above it are skipped without being stored.
  MessageReader(int fd, size_t max_message_bytes);

  /// Blocks until a message, a framing error or the end of the stream.
  ReadResult next();

 private:
  bool fill();  // reads more bytes into buffer_; false at end of stream or on error
  /// After a malformed header block the body's length is unknown: drop bytes up to the next
  /// "Content-" (case-insensitive), where the next message most likely starts.
  void resynchronize();

  int fd_;
  size_t max_message_bytes_;
  std::string buffer_;
  size_t pos_ = 0;  // start of unconsumed bytes in buffer_
  bool eof_ = false;
  bool resync_ = false;  // the last header block was malformed: resynchronize() before reading on
};

/// Writes framed messages to a file descriptor. Safe to call from several threads: each message is
/// written whole under a lock.
class MessageWriter {
 public:
  /// When `fd` is a pipe, asks the kernel for a larger pipe buffer (see transport.cpp).
  explicit MessageWriter(int fd);

  /// Frames and writes `body`; false once the stream is broken (later calls do nothing).
  bool write(std::string_view body);

 private:
  int fd_;
  std::mutex mutex_;
  bool broken_ = false;
};

}  // namespace evidential::lsp
