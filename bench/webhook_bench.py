"""WhatsApp webhook benchmark: N simulated citizens file complaints in parallel through signed
Twilio webhooks against a real server on loopback; prints messages/s and p50/p95/p99 latency for
the app with the real Rasa server, the app with the NLU disabled, and a bare FastAPI endpoint (the
ceiling), all in one run, and the ratio of NLU-off throughput to the ceiling.

    .venv/bin/python -m bench.webhook_bench --citizens 20 --rounds 5

Every server is started here (uvicorn subprocesses bound to 127.0.0.1, a fresh migrated SQLite file
unless --database-url is given) and stopped at the end. Not a test. Targets on 2 cores: p95 < 300 ms
at 20 concurrent conversations with Rasa; NLU-off throughput >= 25% of the bare endpoint.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parents[1]
PATH = "/webhooks/whatsapp"
TOKEN = "bench-token"
PUBLIC_BASE = "http://bench.invalid"  # what signatures are computed over (the app's PUBLIC_BASE_URL)
# First message names the problem and the place: with the NLU (confidence above
# NLU_HIGH_CONFIDENCE_THRESHOLD), one summary and "1" files it; without, "3" picks Electricity from
# the menu (the place was read from the words), then "1".
PROBLEM = "Gulberg Lahore mein 3 din se bijli nahi"
WITH_NLU = [PROBLEM, "1"]
WITHOUT_NLU = [PROBLEM, "3", "1"]
READY_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def wait_ready(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)  # polling a starting server
    raise RuntimeError(f"{url} not ready after {READY_SECONDS}s")


@contextmanager
def uvicorn(target: str, env: dict, workers: int, factory: bool = False):
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", target, "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--log-level", "warning", "--no-access-log"]
    if factory:
        command.append("--factory")
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env}, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def app_env(database_url: str, rasa: tuple[str, str] | None) -> dict:
    env = {"DATABASE_URL": database_url, "WORKER_ENABLED": "false", "TWILIO_AUTH_TOKEN": TOKEN,
           "PUBLIC_BASE_URL": PUBLIC_BASE, "LOG_LEVEL": "WARNING", "NLU_ENABLED": "false",
           "TELEGRAM_BOT_TOKEN": "", "TWILIO_ACCOUNT_SID": ""}
    if rasa:
        env.update(NLU_ENABLED="true", RASA_URL=rasa[0], RASA_TOKEN=rasa[1])
    return env


async def citizen(client: httpx.AsyncClient, url: str, index: int, rounds: int, script: list[str],
                  validator: RequestValidator, latencies: list[float], failures: list[str], run_id: str,
                  expect_filed: bool, think_ms: float = 0.0, staggered: bool = False) -> None:
    pause = random.Random(index)
    if staggered and think_ms:  # citizens arrive spread over one think time, not all in the same instant
        await asyncio.sleep(think_ms / 1000 * pause.uniform(0.0, 1.0))
    for round_no in range(rounds):
        sender = f"+92{run_id}{index:04d}{round_no:03d}"  # a new citizen per round: no duplicate-guard detour
        for step, body in enumerate(script):
            form = {"From": f"whatsapp:{sender}", "To": "whatsapp:+14155238886", "Body": body,
                    "MessageSid": f"SM{run_id}{index:05d}{round_no:04d}{step:02d}", "NumMedia": "0"}
            headers = {"X-Twilio-Signature": validator.compute_signature(PUBLIC_BASE + PATH, form)}
            started = time.perf_counter()
            try:
                response = await client.post(url + PATH, data=form, headers=headers)
            except httpx.HTTPError as exc:  # counted, and this citizen's conversation is abandoned
                failures.append(f"{type(exc).__name__}: {exc}")
                return
            latencies.append(time.perf_counter() - started)
            if think_ms:  # a person reads the reply and types the next message
                await asyncio.sleep(think_ms / 1000 * pause.uniform(0.5, 1.5))
            if response.status_code != 200 or "<Message>" not in response.text:
                failures.append(f"{response.status_code}: {response.text[:200]}")
        if expect_filed and "Tracking" not in response.text and "ٹریکنگ" not in response.text:
            failures.append(f"not filed: {response.text[:300]}")


async def load(url: str, citizens: int, rounds: int, script: list[str], expect_filed: bool = True,
               think_ms: float = 0.0, staggered: bool = False) -> dict:
    latencies, failures = [], []
    validator, run_id = RequestValidator(TOKEN), f"{secrets.randbelow(900) + 100}"
    limits = httpx.Limits(max_connections=citizens, max_keepalive_connections=citizens)
    async with httpx.AsyncClient(timeout=30, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.gather(*(citizen(client, url, i, rounds, script, validator, latencies, failures, run_id,
                                       expect_filed, think_ms, staggered)
                               for i in range(citizens)))
        elapsed = time.perf_counter() - started
    return {"messages": len(latencies), "seconds": round(elapsed, 2),
            "messages_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 0.50) * 1000, 1),
            "p95_ms": round(percentile(latencies, 0.95) * 1000, 1),
            "p99_ms": round(percentile(latencies, 0.99) * 1000, 1),
            "failures": len(failures), "first_failure": failures[0] if failures else ""}


def migrated_sqlite(directory: str) -> str:
    from core.db import Database
    from core.migrate import upgrade

    url = f"sqlite:///{directory}/bench.db"
    database = Database(url)
    upgrade(database)
    database.dispose()
    return url


@contextmanager
def rasa_server():
    from nlu import server

    with server.own_server(timeout=300) as (_process, url, token):
        yield url, token


def run(args) -> dict:
    results: dict = {"citizens": args.citizens, "rounds": args.rounds, "workers": args.workers,
                     "think_ms": args.think_ms, "staggered": args.staggered,
                     "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory() as tmp:
        database_url = args.database_url or migrated_sqlite(tmp)
        results["database"] = database_url.split(":", 1)[0]
        with uvicorn("bench.bare_app:app", {}, args.workers) as url:
            asyncio.run(load(url, args.citizens, 1, WITHOUT_NLU, expect_filed=False))  # warm-up
            results["bare_endpoint"] = asyncio.run(load(url, args.citizens, args.rounds, WITHOUT_NLU,
                                                        expect_filed=False, think_ms=args.think_ms,
                                                        staggered=args.staggered))
        with uvicorn("api.app:create_app", app_env(database_url, None), args.workers, factory=True) as url:
            asyncio.run(load(url, args.citizens, 1, WITHOUT_NLU))
            results["app_nlu_disabled"] = asyncio.run(load(url, args.citizens, args.rounds, WITHOUT_NLU,
                                                           think_ms=args.think_ms, staggered=args.staggered))
        if not args.no_rasa:
            with rasa_server() as rasa, uvicorn("api.app:create_app", app_env(database_url, rasa), args.workers,
                                                factory=True) as url:
                asyncio.run(load(url, args.citizens, 1, WITH_NLU))
                results["app_with_rasa"] = asyncio.run(load(url, args.citizens, args.rounds, WITH_NLU,
                                                            think_ms=args.think_ms, staggered=args.staggered))
    ceiling = results["bare_endpoint"]["messages_per_s"]
    results["nlu_disabled_vs_bare"] = round(results["app_nlu_disabled"]["messages_per_s"] / ceiling, 3)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citizens", type=int, default=20, help="concurrent conversations")
    parser.add_argument("--rounds", type=int, default=5, help="complaints each citizen files (bounded loop)")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes per server")
    parser.add_argument("--database-url", default="", help="an already migrated database (default: fresh SQLite)")
    parser.add_argument("--think-ms", type=float, default=0.0,
                        help="mean pause of a citizen between a reply and their next message (0: none, a stress test)")
    parser.add_argument("--staggered", action="store_true",
                        help="citizens start at random moments within one think time (default: all at once, "
                             "so every first message, each needing the NLU, arrives in the same instant)")
    parser.add_argument("--no-rasa", action="store_true", help="skip the run with the Rasa server")
    args = parser.parse_args(argv)
    results = run(args)
    for name in ("bare_endpoint", "app_nlu_disabled", "app_with_rasa"):
        if name in results:
            r = results[name]
            print(f"{name:18} {r['messages_per_s']:8.1f} msg/s  p50 {r['p50_ms']:7.1f} ms  p95 {r['p95_ms']:7.1f} ms"
                  f"  p99 {r['p99_ms']:7.1f} ms  ({r['messages']} messages, {r['failures']} failures)")
    print(f"NLU-disabled throughput / bare endpoint: {results['nlu_disabled_vs_bare']:.1%}")
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
