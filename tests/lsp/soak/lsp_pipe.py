"""A small LSP client over pipes for the soak and hostile-input scripts (python3 standard library only).

It starts `evidential lsp` with stdin/stdout/stderr as pipes (never a socket), reads the server's output
and log on threads of its own so neither side blocks, answers the server's own requests the way an
editor would, and lets a script wait for replies with a deadline.
"""

import json
import os
import subprocess
import threading
import time


class LspPipe:
    def __init__(self, binary, cwd, args=(), on_server_request=None):
        self.proc = subprocess.Popen(
            [binary, "lsp", *args],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        self.pid = self.proc.pid
        self._lock = threading.Condition()
        self._write_lock = threading.Lock()
        self.responses = {}  # id (as JSON text) -> message
        self.notifications = []  # every notification, in order
        self.unparsable = []  # server output that was not JSON: always a failure
        self.log = []  # stderr lines
        self.output_ended = False
        self._next_id = 1
        self._on_server_request = on_server_request
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    # ---- sending ----
    def send_raw(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        with self._write_lock:
            try:
                self.proc.stdin.write(data)
                self.proc.stdin.flush()
                return True
            except (BrokenPipeError, ValueError, OSError):
                return False

    def send_body(self, body):
        if isinstance(body, str):
            body = body.encode("utf-8", "surrogatepass")
        return self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def send(self, message):
        return self.send_body(json.dumps(message, ensure_ascii=False))

    def notify(self, method, params=None):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        return self.send(message)

    def request(self, method, params=None, id=None):
        if id is None:
            id = self._next_id
            self._next_id += 1
        message = {"jsonrpc": "2.0", "id": id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return id

    def close_stdin(self):
        with self._write_lock:
            try:
                self.proc.stdin.close()
            except OSError:
                pass

    # ---- waiting ----
    def response(self, id, timeout=60.0):
        key = json.dumps(id)
        end = time.monotonic() + timeout
        with self._lock:
            while key not in self.responses:
                left = end - time.monotonic()
                if left <= 0 or self.output_ended:
                    return None
                self._lock.wait(min(left, 0.5))
            return self.responses[key]

    def wait_until(self, predicate, timeout=60.0):
        """Waits until predicate() (called under the lock) is true; False on timeout or end of output."""
        end = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                left = end - time.monotonic()
                if left <= 0 or self.output_ended:
                    return predicate()
                self._lock.wait(min(left, 0.5))
            return True

    def notifications_of(self, method):
        with self._lock:
            return [n for n in self.notifications if n.get("method") == method]

    def log_text(self):
        with self._lock:
            return "\n".join(self.log)

    def wait_exit(self, timeout=60.0):
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    # ---- reading ----
    def _read_stdout(self):
        out = self.proc.stdout
        try:
            while True:
                length = None
                while True:
                    line = out.readline()
                    if not line:
                        return
                    line = line.strip()
                    if not line:
                        break
                    name, _, value = line.partition(b":")
                    if name.strip().lower() == b"content-length":
                        length = int(value.strip())
                if length is None:
                    with self._lock:
                        self.unparsable.append("a header block without Content-Length")
                    continue
                body = out.read(length)
                try:
                    message = json.loads(body)
                except ValueError:
                    with self._lock:
                        self.unparsable.append(body[:200])
                    continue
                self._dispatch(message)
        finally:
            with self._lock:
                self.output_ended = True
                self._lock.notify_all()

    def _dispatch(self, message):
        if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
            with self._lock:
                self.unparsable.append(json.dumps(message)[:200])
            return
        if "method" in message and "id" in message:
            # A request from the server (workspace/configuration, client/registerCapability, ...).
            result = None
            if self._on_server_request is not None:
                result = self._on_server_request(message)
            self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
            with self._lock:
                self.notifications.append(message)
                self._lock.notify_all()
            return
        with self._lock:
            if "method" in message:
                self.notifications.append(message)
            else:
                self.responses[json.dumps(message.get("id"))] = message
            self._lock.notify_all()

    def _read_stderr(self):
        for line in self.proc.stderr:
            with self._lock:
                self.log.append(line.decode("utf-8", "replace").rstrip("\n"))
                self._lock.notify_all()


def rss_kb(pid):
    """The process's resident set size in kB (VmRSS), or None once it is gone."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def io_audit(pid):
    """What the process holds open that a language server on stdio never should: sockets, and regular
    files open for writing. Returns a list of problems (empty when clean)."""
    problems = []
    fd_dir = "/proc/%d/fd" % pid
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return problems
    for fd in fds:
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        if target.startswith("socket:"):
            problems.append("fd %s is a socket (%s)" % (fd, target))
            continue
        if not target.startswith("/") or target.startswith("/dev/"):
            continue  # pipes, anonymous inodes, /dev/null
        try:
            with open("/proc/%d/fdinfo/%s" % (pid, fd)) as f:
                flags = next(int(l.split()[1], 8) for l in f if l.startswith("flags:"))
        except (OSError, StopIteration):
            continue
        if flags & (os.O_WRONLY | os.O_RDWR):
            problems.append("fd %s writes %s" % (fd, target))
    return problems


def children(pid):
    """The process's child processes (the server must never start any)."""
    kids = []
    try:
        for tid in os.listdir("/proc/%d/task" % pid):
            with open("/proc/%d/task/%s/children" % (pid, tid)) as f:
                kids += f.read().split()
    except OSError:
        pass
    return kids


def tree_snapshot(root):
    """path -> (size, mtime) for everything under root, to show that nothing was written."""
    snapshot = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            try:
                st = os.lstat(p)
            except OSError:
                continue
            snapshot[os.path.relpath(p, root)] = (st.st_size, st.st_mtime_ns)
    return snapshot
