"""The flow diagram beside the code draws the same steps as the table the code runs."""
import re
from pathlib import Path

from core.dialogue.steps import STEPS

FLOW = Path(__file__).resolve().parents[3] / "core" / "dialogue" / "flow.mmd"
EDGE_LABEL = re.compile(r'-->\|[^|]*\||-\.->|-->')
NODE = re.compile(r'^\s*([A-Za-z_]\w*)\s*(\(\(|\(\[|\[|\{|\()?')


def diagram_nodes() -> tuple[set[str], set[str]]:
    """(every node id, the ids drawn with a decision/action/event shape) in flow.mmd."""
    nodes, shaped = set(), set()
    for line in FLOW.read_text(encoding="utf-8").splitlines():
        if line.startswith("%%") or line.strip().startswith("flowchart"):
            continue
        for part in EDGE_LABEL.split(line):
            match = NODE.match(part)
            if not match:
                continue
            nodes.add(match.group(1))
            if match.group(2) in ("[", "{", "(["):
                shaped.add(match.group(1))
    return nodes, shaped


def test_the_diagram_draws_exactly_the_steps_of_the_table():
    nodes, shaped = diagram_nodes()
    assert {"idle", "summary", "filed", "duplicate_check"} <= nodes  # the parser reads the file
    assert sorted(nodes - shaped) == sorted(STEPS)

