"""Fault benchmark (issue 11): what the service keeps when things go wrong, against real servers on
loopback. Prints one table of tried / held / lost:

- replay storm: every message of a conversation delivered 50 times at once (Twilio retries);
- Rasa kill: citizens filing through the real Rasa server, which is SIGKILLed a third of the way in;
- database stop: citizens filing against our own PostgreSQL (initdb/pg_ctl, free port), stopped for
  5 s and started again; messages are spooled and replayed; every message id must be processed;
- floods: 1,000 cookie-less web chat posts and 300 tracking lookups from one client.

    .venv/bin/python -m bench.fault_bench [--citizens 10] [--no-rasa]

Not a test. Every server it starts is stopped at the end; the machine's PostgreSQL is not touched.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import signal
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select, text
from twilio.request_validator import RequestValidator

from bench.webhook_bench import PATH, PUBLIC_BASE, TOKEN, app_env, migrated_sqlite, rasa_server, uvicorn

PROBLEM = "No electricity in our street in Gulberg Lahore for 3 days"
PLACE = "Gulberg, Lahore"
MAX_STEPS = 8


def env_for(database_url: str, rasa=None, **extra) -> dict:
    """The app's environment: no Redis (one process counts its own limits), a spool of its own."""
    spool = tempfile.mkdtemp(prefix="awaaz-spool-")
    return {**app_env(database_url, rasa), "REDIS_URL": "", "SPOOL_DIR": spool, **extra}


def fresh_sqlite(directory: str, name: str) -> str:
    os.makedirs(f"{directory}/{name}")
    return migrated_sqlite(f"{directory}/{name}")


def _form(sender: str, body: str, sid: str) -> tuple[dict, dict]:
    form = {"From": f"whatsapp:{sender}", "To": "whatsapp:+14155238886", "Body": body, "MessageSid": sid,
            "NumMedia": "0"}
    return form, {"X-Twilio-Signature": RequestValidator(TOKEN).compute_signature(PUBLIC_BASE + PATH, form)}


def next_message(reply: str) -> str | None:
    """What a citizen answers to the bot's reply (None: done, or nothing to answer now)."""
    if "Tracking ID" in reply or "We received your message" in reply:
        return None
    if "Is that right?" in reply or "Shall I file it?" in reply:
        return "1"
    if "Where is the problem?" in reply:
        return PLACE
    option = re.search(r"^(\d+)\. Electricity", reply, re.MULTILINE)
    return option.group(1) if option else None


async def conversation(client, url: str, sender: str, sids: list[str], outcomes: dict) -> None:
    body = PROBLEM
    for step in range(MAX_STEPS):
        sid = f"SM{sender[1:]}{step:02d}"
        form, headers = _form(sender, body, sid)
        try:
            response = await client.post(url + PATH, data=form, headers=headers)
        except httpx.HTTPError:
            outcomes["error"] += 1
            return
        sids.append(sid)
        if response.status_code != 200:
            outcomes["error"] += 1
            return
        body = next_message(response.text)
        if body is None:
            key = ("filed" if "Tracking ID" in response.text else
                   "spooled" if "We received your message" in response.text else "stuck")
            outcomes[key] += 1
            return
    outcomes["stuck"] += 1


async def citizens_load(url: str, citizens: int, seconds: float, on_the_way=None) -> tuple[dict, list[str]]:
    """``citizens`` people file complaints one after another for ``seconds``; ``on_the_way`` runs once
    a third of the way in (the fault)."""
    outcomes, sids = {"filed": 0, "spooled": 0, "stuck": 0, "error": 0}, []
    run = secrets.randbelow(9000) + 1000
    deadline = time.monotonic() + seconds

    async def person(index: int) -> None:
        round_no = 0
        while time.monotonic() < deadline:
            await conversation(client, url, f"+92{run}{index:03d}{round_no:04d}", sids, outcomes)
            round_no += 1

    async with httpx.AsyncClient(timeout=60) as client:
        tasks = [asyncio.create_task(person(i)) for i in range(citizens)]
        if on_the_way:
            await asyncio.sleep(seconds / 3)  # the fault strikes while citizens are mid-conversation
            await asyncio.to_thread(on_the_way)
        await asyncio.gather(*tasks)
    return outcomes, sids


def replay_storm(database_url: str, copies: int = 50) -> dict:
    from core.complaints.models import Complaint
    from core.db import Database

    with uvicorn("api.app:create_app", env_for(database_url), 1, factory=True) as url:
        async def storm() -> tuple[int, int]:
            tried = answered = 0
            body, sender = PROBLEM, f"+92555{secrets.randbelow(10**7):07d}"
            async with httpx.AsyncClient(timeout=60) as client:
                for step in range(MAX_STEPS):
                    form, headers = _form(sender, body, f"SMstorm{sender[1:]}{step}")
                    answers = await asyncio.gather(*(client.post(url + PATH, data=form, headers=headers)
                                                     for _ in range(copies)), return_exceptions=True)
                    ok = [a for a in answers if isinstance(a, httpx.Response) and a.status_code == 200]
                    tried, answered = tried + copies, answered + len(ok)
                    body = next_message(ok[0].text) if ok else None
                    if body is None:
                        break
            return tried, answered
        tried, answered = asyncio.run(storm())
    database = Database(database_url)
    with database.transaction() as session:
        filed = session.scalar(select(func.count()).select_from(Complaint))
    database.dispose()
    return {"tried": tried, "held": answered, "lost": tried - answered,
            "note": f"{filed} complaint filed (1 expected) from {tried // copies} messages x {copies} deliveries"}


def rasa_kill(database_url: str, citizens: int, seconds: float) -> dict:
    with rasa_server() as (rasa_url, token):
        from nlu.process import our_servers

        port = int(rasa_url.rsplit(":", 1)[1])
        with uvicorn("api.app:create_app", env_for(database_url, (rasa_url, token)), 1, factory=True) as url:
            def kill() -> None:
                for pid in our_servers(port):
                    os.kill(pid, signal.SIGKILL)
            outcomes, _ = asyncio.run(citizens_load(url, citizens, seconds, kill))
    tried = sum(outcomes.values())
    return {"tried": tried, "held": outcomes["filed"], "lost": tried - outcomes["filed"],
            "note": f"conversations; Rasa SIGKILLed at {seconds / 3:.0f} s; {outcomes}"}


def database_stop(citizens: int, seconds: float, outage_seconds: float = 5.0) -> dict:
    from core.db import Database
    from core.migrate import upgrade
    from tests.fixtures.own_postgres import own_postgres

    with own_postgres() as postgres, tempfile.TemporaryDirectory() as spool:
        database = Database(postgres.url)
        upgrade(database)
        env = env_for(postgres.url, SPOOL_DIR=spool, SPOOL_REPLAY_SECONDS="0.5")
        with uvicorn("api.app:create_app", env, 1, factory=True) as url:
            def outage() -> None:
                postgres.stop()
                time.sleep(outage_seconds)  # the outage itself
                postgres.start()
            outcomes, sids = asyncio.run(citizens_load(url, citizens, seconds, outage))
            deadline = time.monotonic() + 60
            while any(Path(spool).glob("*.json")) and time.monotonic() < deadline:
                time.sleep(0.2)  # the app's replay thread drains the spool
        with database.transaction() as session:
            processed = session.scalar(text("SELECT count(*) FROM inbound_messages"))
            replies = session.scalar(text("SELECT count(*) FROM outbox WHERE kind = 'dialogue_reply'"))
            filed = session.scalar(text("SELECT count(*) FROM complaints"))
        database.dispose()
    tried = len(sids)
    return {"tried": tried, "held": processed, "lost": tried - processed,
            "note": f"messages; PostgreSQL stopped {outage_seconds:.0f} s; {outcomes['spooled']} answered 'received' "
                    f"then replayed ({replies} replies via the outbox); {filed} complaints; "
                    f"{outcomes['error']} HTTP errors"}


def floods(database_url: str, posts: int = 1000, lookups: int = 300) -> list[tuple[str, dict]]:
    from core.db import Database

    with uvicorn("api.app:create_app", env_for(database_url), 1, factory=True) as url:
        async def flood() -> tuple[dict, dict]:
            chat = {"served": 0, "refused": 0, "errors": 0}
            track = {"200/404": 0, "429": 0, "errors": 0}
            limits = httpx.Limits(max_connections=20)
            async with httpx.AsyncClient(timeout=60, limits=limits) as client:
                async def post(n: int) -> None:
                    response = await client.post(url + "/chat/messages", json={"text": f"hello {n}"})
                    key = ("errors" if response.status_code != 200 else
                           "refused" if "very fast" in response.text else "served")
                    chat[key] += 1
                    client.cookies.clear()
                await asyncio.gather(*(post(n) for n in range(posts)))

                async def lookup(n: int) -> None:
                    response = await client.get(f"{url}/api/v1/track/Q3N1S-MF6{n % 10}N")
                    track["429" if response.status_code == 429 else
                          "200/404" if response.status_code in (200, 400, 404) else "errors"] += 1
                await asyncio.gather(*(lookup(n) for n in range(lookups)))
            return chat, track
        chat, track = asyncio.run(flood())
    database = Database(database_url)
    with database.transaction() as session:
        citizens = session.scalar(text("SELECT count(*) FROM citizens"))
        conversations = session.scalar(text("SELECT count(*) FROM conversations WHERE channel = 'web'"))
    database.dispose()
    return [("flood: cookie-less chat", {"tried": posts, "held": chat["refused"], "lost": chat["errors"],
                                         "note": f"{chat['served']} served, {chat['refused']} told to wait; "
                                                 f"{citizens} citizens and {conversations} conversations created"}),
            ("flood: tracking lookups", {"tried": lookups, "held": track["429"], "lost": track["errors"],
                                         "note": f"{track['200/404']} answered, {track['429']} refused with 429"})]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--citizens", type=int, default=10, help="concurrent citizens in the Rasa and database runs")
    parser.add_argument("--seconds", type=float, default=15.0, help="length of the Rasa and database runs")
    parser.add_argument("--no-rasa", action="store_true", help="skip the Rasa kill (it loads a Rasa server)")
    args = parser.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("replay storm", replay_storm(fresh_sqlite(tmp, "storm"))))
        if not args.no_rasa:
            rows.append(("Rasa kill", rasa_kill(fresh_sqlite(tmp, "rasa"), args.citizens, args.seconds)))
        rows.append(("database stop", database_stop(args.citizens, args.seconds)))
        rows.extend(floods(fresh_sqlite(tmp, "flood")))
    print(f"\nload average: {Path('/proc/loadavg').read_text().split()[:3]}  cpus: {os.cpu_count()}")
    print(f"{'scenario':26} {'tried':>6} {'held':>6} {'lost':>5}  note")
    for name, row in rows:
        print(f"{name:26} {row['tried']:>6} {row['held']:>6} {row['lost']:>5}  {row['note']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
