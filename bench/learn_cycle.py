"""One learn cycle (issue 12) on a fixed set of corrections, timed, with the load average beside it.

    .venv/bin/python bench/learn_cycle.py [--eval PATH.csv …] [--margin 0.02]

The corrections are the end-to-end test's: an invented word for a sewer overflowing into the lane
("gandhola"), labelled Water and Sanitation, in three scripts. The pointer and learned data go to a
temporary folder, so the real nlu/models/current.json is never touched; no server is reloaded. A
candidate already trained for the same corrections is reused (content hash): delete
nlu/models/nlu-<candidate>.tar.gz to time the training again. Prints the learn report as JSON and
how the new word is routed by the current and the candidate model.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.routing.views import TrainingExample  # noqa: E402
from nlu import learn, registry, server  # noqa: E402
from nlu.client import RasaNluClient  # noqa: E402

CORRECTIONS = [
    "ghar ke samne gandhola hai", "our street has a gandhola again", "ہماری گلی میں گندھولا ہو گیا ہے",
    "there is a gandhola in front of my house", "mohalle mein gandhola hai", "gali number 4 mein gandhola",
    "hamare ghar ke samne gandhola", "gandhola ki shikayat hai", "the lane has a gandhola", "ہمارے محلے میں گندھولا ہے",
]
NEW = ["hamari gali mein gandhola ho gaya hai", "gandhola phir se aa gaya", "ہماری سڑک پر گندھولا ہے"]


def language(text: str) -> str:
    return "ur" if any("\u0600" <= ch <= "\u06ff" for ch in text) else "en" if " the " in f" {text} " else "roman_ur"


def routes(model: Path) -> dict[str, str | None]:
    with server.own_server(model=model) as (_process, url, token):
        client = RasaNluClient(url, token, timeout=30.0)
        return {text: client.parse(text).intent for text in NEW}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", nargs="*", type=Path, default=None, help="frozen sets (default: learn's)")
    parser.add_argument("--margin", type=float, default=0.02)
    args = parser.parse_args()
    examples = [TrainingExample(i, text, "water_supply", language(text)) for i, text in enumerate(CORRECTIONS)]
    load_before, started = os.getloadavg(), time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        report = learn.learn(examples, rasa_urls=[], token="", margin=args.margin, eval_sets=args.eval,
                             learned_dir=Path(folder), pointer=Path(folder) / "current.json")
    report["seconds"]["cycle"] = round(time.monotonic() - started, 1)
    report["loadavg_before_after"] = [list(load_before), list(os.getloadavg())]
    current, candidate = registry.current_model(), server.model_path(report["candidate"].removeprefix("nlu-"))
    report["new_word"] = {"current": routes(current), "candidate": routes(candidate)}
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
