"""Graceful shutdown: on SIGTERM or Ctrl-C the server refuses new connections, finishes the
requests it is answering, then exits with code 0.

Each test starts the real command in a child process and keeps a request in flight by sending
its body slowly, the way a client on a slow network does.
"""

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time

import pytest

from course.services import free_port

from .test_cli import hear_ctrl_c, wait_for

LOGIN = json.dumps({"user": {"email": "nobody@example.com", "password": "wrong"}}).encode()
HEAD = 12  # bytes of the body sent before the signal; the rest after it


class Server:
    """``python -m server COMMAND`` in a child process, its log lines read as they come."""

    def __init__(self, folder, command, **settings):
        self.port = free_port()
        environ = {**os.environ, "ARGON2_MEMORY_KIB": "1024", "ARGON2_TIME_COST": "1",
                   "SECRET_KEY": "shutdown-test-" + "s" * 40, **settings}
        environ.pop("DATABASE_URL", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "server", *command, "--port", str(self.port)], cwd=folder,
            env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            preexec_fn=hear_ctrl_c)
        self.lines = queue.Queue()
        self.seen = []
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()
        wait_for(f"http://127.0.0.1:{self.port}/healthz")

    def read(self):
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for_line(self, text, seconds=30):
        """Read log lines until one holds ``text``."""
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.seen):
            left = deadline - time.monotonic()
            assert left > 0, f"the server must log {text!r}; it logged:\n{''.join(self.seen)}"
            try:
                self.seen.append(self.lines.get(timeout=left))
            except queue.Empty:
                pass

    def slow_login(self):
        """A login whose headers and first bytes are sent; the rest waits for ``finish``."""
        connection = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        connection.sendall(b"POST /api/users/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Content-Type: application/json\r\nConnection: close\r\n"
                           b"Content-Length: " + str(len(LOGIN)).encode() + b"\r\n\r\n"
                           + LOGIN[:HEAD])
        return connection

    def refuses_connections(self, seconds=10):
        """Whether new connections are refused within ``seconds``."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=2).close()
            except ConnectionRefusedError:
                return True
            time.sleep(0.1)
        return False

    def exit_code(self, seconds=30):
        code = self.process.wait(timeout=seconds)
        self.wait_for_line("", seconds=1)
        while not self.lines.empty():
            self.seen.append(self.lines.get())
        return code

    def kill(self):
        """Stop the server if a test left it running, and close its output."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=10)
        self.process.stdout.close()


def finish(connection):
    """Send the rest of the login's body and read the whole answer: status line and body."""
    connection.sendall(LOGIN[HEAD:])
    answer = b""
    while chunk := connection.recv(65536):
        answer += chunk
    connection.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length")))
    return head.split(b"\r\n")[0].decode(), body, length


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_request_in_flight_gets_its_whole_answer(tmp_path, stop):
    server = Server(tmp_path, ["run"])
    try:
        in_flight = server.slow_login()
        time.sleep(0.3)  # for a server thread to take it and wait for the body
        server.process.send_signal(stop)
        server.wait_for_line("stopping")
        assert server.refuses_connections(), "once stopping, new connections are refused"
        status, body, length = finish(in_flight)
        assert status == "HTTP/1.1 422 Unprocessable Entity", "the login is answered in full"
        assert len(body) == length and "errors" in json.loads(body), body
        assert server.exit_code() == 0, "".join(server.seen)
        assert any("stopped" in line for line in server.seen), "it says it has stopped"
    finally:
        server.kill()


def test_the_wait_is_bounded_by_shutdown_seconds(tmp_path):
    server = Server(tmp_path, ["run"], SHUTDOWN_SECONDS="1")
    try:
        stuck = server.slow_login()  # never finished
        time.sleep(0.3)
        started = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        assert server.exit_code(seconds=20) == 0, "".join(server.seen)
        assert time.monotonic() - started < 15, "it gives up on the request, not waits forever"
        # Its connection was shut: it ends, answered for the body that came (a 422) or not.
        stuck.settimeout(5)
        try:
            while stuck.recv(65536):
                pass
        except ConnectionResetError:
            pass
        stuck.close()
    finally:
        server.kill()


def test_production_gunicorn_drains_a_request_in_flight_on_sigterm(tmp_path):
    """``python -m server production`` execs gunicorn, so SIGTERM reaches gunicorn itself."""
    server = Server(tmp_path, ["production", "--workers", "1"])
    try:
        in_flight = server.slow_login()
        time.sleep(0.5)
        server.process.send_signal(signal.SIGTERM)
        server.wait_for_line("Handling signal: term")
        status, body, length = finish(in_flight)
        assert status.startswith("HTTP/1.1 422"), "the login is answered in full"
        assert len(body) == length
        assert server.exit_code() == 0, "".join(server.seen)
        assert server.refuses_connections(seconds=1), "nothing listens once it has exited"
    finally:
        server.kill()


def test_production_survives_a_binary_upgrade(tmp_path):
    """USR2 starts a second gunicorn master with new workers beside the old; once the old one
    is told to stop, the new one serves alone. It must come back able to import the app."""
    import psutil

    server = Server(tmp_path, ["production", "--workers", "1"])
    try:
        old = psutil.Process(server.process.pid)
        server.process.send_signal(signal.SIGUSR2)
        deadline = time.monotonic() + 30
        new = None
        while new is None and time.monotonic() < deadline:
            masters = [child for child in old.children()
                       if "server.wsgi:app" in " ".join(child.cmdline()) and child.children()]
            new = masters[0] if masters else None
            time.sleep(0.2)
        assert new is not None, "USR2 must start a new master with its workers: " + \
            "".join(server.seen)
        wait_for(f"http://127.0.0.1:{server.port}/readyz")
        server.process.send_signal(signal.SIGTERM)  # the old master drains and goes
        assert server.exit_code() == 0, "".join(server.seen)
        answers = [wait_for(f"http://127.0.0.1:{server.port}/readyz") for _ in range(5)]
        assert new.is_running() and all(answers), "the new master serves once the old is gone"
        assert "ModuleNotFoundError" not in "".join(server.seen), "".join(server.seen)
    finally:
        if new is not None and new.is_running():
            new.terminate()
            new.wait(timeout=30)
        server.kill()
