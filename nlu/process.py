"""The life of the Rasa server processes we start: they end with us (SIGTERM from the kernel when their
parent dies, and to their whole process group when we stop them), and a stale one of ours found on the
port at start is replaced instead of answering with a token nobody knows.
"""
from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

RASA_BIN = Path(__file__).resolve().parent.parent / ".venv-rasa" / "bin" / "rasa"


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask the kernel to send this process SIGTERM when its parent dies, however it dies (SIGKILL too).

    Called in a Rasa child before exec (the setting survives exec), and by ``make run``'s own process so
    that killing ``make`` stops it. Linux only; elsewhere a no-op. The kernel ties it to the parent
    *thread*: start servers from a thread that lives as long as they should (the main thread).
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if parent_pid is not None and os.getppid() != parent_pid:  # the parent died before prctl took effect
        os.kill(os.getpid(), signal.SIGTERM)


def our_servers(port: int | None = None) -> list[int]:
    """Pids of Rasa servers started from this checkout's .venv-rasa (on ``port`` if given), from /proc."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        words = [a.decode(errors="replace") for a in argv if a]
        if str(RASA_BIN) in words and "run" in words and (port is None or _port_of(words) == port):
            found.append(int(entry.name))
    return sorted(found)


def _port_of(words: list[str]) -> int | None:
    with contextlib.suppress(ValueError, IndexError):
        return int(words[words.index("-p") + 1])
    return None


def _port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _port_freed(port: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while _port_in_use(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)  # polling the port while the old server shuts down (there is nothing to wait on)
    return True


def replace_stale(port: int, timeout: float = 20.0) -> None:
    """Before starting on ``port``: stop a Rasa server of ours left there by an earlier run (it holds
    ~600 MB and a token nobody knows any more); refuse clearly when something else holds the port."""
    stale = our_servers(port)
    for pid in stale:
        print(f"stopping a stale Rasa server of this checkout (pid {pid}) on port {port}", file=sys.stderr)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    if stale and not _port_freed(port, timeout):
        for pid in our_servers(port):  # still there: it ignored SIGTERM
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _port_freed(port, 5.0)
    if _port_in_use(port):
        raise RuntimeError(
            f"port {port} is in use by a program that is not a Rasa server of this checkout: stop it "
            f"(`ss -ltnp 'sport = :{port}'` shows which), or start on another port with RASA_PORT=<port> "
            f"(make run) / --port <port> (awaaz nlu serve)")


def stop_server(process: subprocess.Popen, timeout: float = 15.0) -> None:
    """SIGTERM to the server's whole process group (it runs in its own session), SIGKILL after ``timeout``."""
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    try:
        os.killpg(process.pid, signum)
    except (ProcessLookupError, PermissionError):
        process.send_signal(signum)


def stop_on_sigterm() -> None:
    """SIGTERM (systemd, Docker, CI, ``kill``) ends this process like Ctrl-C does: with KeyboardInterrupt,
    so every ``finally`` that stops a server runs. Main thread only (Python's rule for signal handlers)."""
    def interrupt(_signum, _frame):
        raise KeyboardInterrupt("SIGTERM")
    signal.signal(signal.SIGTERM, interrupt)
