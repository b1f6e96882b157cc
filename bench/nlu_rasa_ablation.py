"""The issue-9 ablation with real Rasa models: sparse features only, the dense embedding only, and both
(the shipped pipeline), each scored on every labelled set given.

    .venv/bin/python bench/nlu_rasa_ablation.py ../shared/eval/nlu_dev.csv ../shared/eval/nlu_real_en.csv ...

Each variant is ``nlu/config.yml`` with components taken out (sparse only: no sentence embedder;
dense only: no count, regex or lexical featurizers), trained like the shipped model (``nlu.server.
train``; the embedding cache makes the dense variants quick), served on a free port and scored with
``nlu.evaluate``'s own parse and metrics. Prints one line per variant and set (macro-F1, per script,
out-of-scope recall, fallback rate) and the load average. A measuring tool: it chooses nothing.
"""
from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from nlu import server  # noqa: E402
from nlu.evaluate import parse_all  # noqa: E402
from nlu.metrics import read_examples, score  # noqa: E402

SPARSE = {"CountVectorsFeaturizer", "RegexFeaturizer", "LexicalSyntacticFeaturizer"}
DENSE = {"nlu.embeddings.MultilingualSentenceEmbedder"}
VARIANTS = {"sparse only": DENSE, "dense only": SPARSE, "both (shipped)": set()}


def variant_config(drop: set[str], directory: Path, name: str, scale: float | None = None) -> Path:
    """The shipped config without the components named in ``drop`` (and with the embedding's scale
    set to ``scale`` if given), written into ``directory``."""
    config = yaml.safe_load(server.CONFIG_FILE.read_text(encoding="utf-8"))
    config["pipeline"] = [c for c in config["pipeline"] if c["name"] not in drop]
    for component in config["pipeline"]:
        if scale is not None and component["name"] in DENSE:
            component["scale"] = scale
    path = directory / f"config-{name.split()[0].strip(',')}-{scale or ''}.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def scored_line(variant: str, path: str, report: dict) -> str:
    by_lang = " / ".join(f"{lang} {v['macro_f1']:.3f}" for lang, v in sorted(report["by_lang"].items()))
    oos = report["per_label"].get("out_of_scope", {}).get("recall")
    return (f"{variant:16} {Path(path).name:18} macro-F1 {report['overall']['macro_f1']:.3f} "
            f"accuracy {report['overall']['accuracy']:.3f} ({by_lang})"
            + (f" out_of_scope R {oos:.3f}" if oos is not None else "")
            + f" fallback {report['fallback_rate']:.3f}")


def evaluate_variant(variant: str, config: Path, sets: list[str]) -> None:
    model = server.ensure_trained(config)
    port, token = server.free_port(), secrets.token_urlsafe(16)
    process = server.start_server(port, token, model=model)
    url = f"http://127.0.0.1:{port}"
    try:
        server.wait_until_ready(url, 300, token, process)
        for path in sets:
            examples = read_examples(path)
            predicted = [r.intent for r in parse_all([e.text for e in examples], url, token)]
            print(scored_line(variant, path, score(examples, predicted)), flush=True)
    finally:
        server.stop_server(process)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="+", help="labelled CSVs (text,label,lang)")
    parser.add_argument("--only", choices=sorted(VARIANTS), action="append", help="run only these variants")
    parser.add_argument("--scales", default="", help="also the whole pipeline at these embedding scales, e.g. 10,12")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="awaaz-ablation-") as tmp:
        for variant, drop in VARIANTS.items():
            if args.only and variant not in args.only:
                continue
            config = server.CONFIG_FILE if not drop else variant_config(drop, Path(tmp), variant)
            evaluate_variant(variant, config, args.csv)
        for scale in [float(s) for s in args.scales.split(",") if s]:
            name = f"both, x{scale:g}"
            evaluate_variant(name, variant_config(set(), Path(tmp), name, scale), args.csv)
    print(f"load average {' '.join(open('/proc/loadavg').read().split()[:3])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
