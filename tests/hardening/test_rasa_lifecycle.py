"""Rasa servers never outlive what started them (issue 11): SIGTERM to `make run`'s process or to
`awaaz nlu serve` stops Rasa as Ctrl-C does, a SIGKILLed parent takes its Rasa along (the kernel's
parent-death signal), and a stale server of ours on the port is replaced at start. Each test counts
this checkout's Rasa processes before and after. Real Rasa servers (about 30-60 s each to load)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import urllib.request

import pytest

from nlu import server
from nlu.process import our_servers

pytestmark = pytest.mark.rasa
ROOT = server.ROOT


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)  # polling another process's state: there is nothing to wait on


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@pytest.fixture
def rasa_count():
    """Asserts that the test leaves exactly as many Rasa servers of this checkout as it found."""
    before = our_servers()
    yield before
    _wait(lambda: our_servers() == before, 20, "the test's Rasa servers to stop")


def _env(tmp_path, **extra) -> dict:
    return {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'awaaz.db'}", "WORKER_ENABLED": "false",
            "TELEGRAM_BOT_TOKEN": "", "RASA_TOKEN": "", **extra}


def test_sigterm_to_make_runs_process_stops_its_rasa(tmp_path, rasa_count):
    rasa_port, app_port = server.free_port(), server.free_port()
    env = _env(tmp_path, RASA_PORT=str(rasa_port))
    subprocess.run([sys.executable, "-m", "api.cli", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    app = subprocess.Popen([sys.executable, "-m", "api.run", "--port", str(app_port)], cwd=ROOT, env=env)
    try:
        _wait(lambda: _answers(f"http://127.0.0.1:{app_port}/healthz"), 240, "the app behind a ready Rasa")
        assert len(our_servers(rasa_port)) == 1
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=60) == 0
        _wait(lambda: our_servers(rasa_port) == [], 20, "Rasa to stop after the app")
    finally:
        app.kill()


def test_sigterm_to_nlu_serve_stops_rasa(rasa_count):
    port = server.free_port()
    serve = subprocess.Popen([sys.executable, "-m", "nlu.cli", "nlu", "serve", "--port", str(port)], cwd=ROOT,
                             env={**os.environ, "RASA_TOKEN": "t0ken"}, stdout=subprocess.PIPE, text=True)
    try:
        server.wait_until_ready(f"http://127.0.0.1:{port}", 240, "t0ken")
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        _wait(lambda: our_servers(port) == [], 20, "Rasa to stop with `awaaz nlu serve`")
    finally:
        serve.kill()
        serve.communicate()


STARTER = textwrap.dedent("""
    import sys, time
    from nlu import server
    server.start_server(int(sys.argv[1]), "t0ken")
    print("started", flush=True)
    time.sleep(600)
""")


def test_a_killed_parent_takes_its_rasa_along_and_a_stale_one_is_replaced(rasa_count):
    port = server.free_port()
    parent = subprocess.Popen([sys.executable, "-c", STARTER, str(port)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "started"
    [rasa] = our_servers(port)
    parent.kill()  # SIGKILL: no finally, no handler runs in the parent
    parent.wait()
    _wait(lambda: rasa not in our_servers(port), 30, "the kernel's SIGTERM to the orphaned Rasa")

    # A stale server of ours (started without a parent-death signal, as older versions did) is replaced.
    stale = subprocess.Popen([str(server.RASA_BIN), "run", "--enable-api", "-i", "127.0.0.1", "-p", str(port),
                              "-m", str(server.ensure_trained()), "--auth-token", "old"], cwd=ROOT,
                             env=server.rasa_env(), start_new_session=True, stdout=subprocess.DEVNULL,
                             stderr=subprocess.STDOUT)
    try:
        server.wait_until_ready(f"http://127.0.0.1:{port}", 240, "old")
        with server.own_server(port) as (_process, url, token):
            assert stale.poll() is not None  # the old one was stopped, ours answers with its new token
            assert server.is_ready(url, token)
    finally:
        stale.kill()
        stale.wait()


def test_a_token_beginning_with_a_dash_still_starts_the_server():
    """secrets.token_urlsafe begins with "-" once in 64 draws; rasa's argparse must not read it as an option."""
    port, token = server.free_port(), "-Xk3" + "a" * 18
    process = server.start_server(port, token, model=server.ensure_trained())
    try:
        server.wait_until_ready(f"http://127.0.0.1:{port}", 180, token, process)
    finally:
        server.stop_server(process)
