"""Inter-annotator agreement of newsgraph's labelled news sentences (figures in docs/annotation.md).

Run from the repository root: `python docs/annotation/agreement.py`. Reads the two annotators'
files `setN.A.jsonl` / `setN.B.jsonl` beside this script and the sentence texts from
`src/newsgraph/data/labels/news_sentences.jsonl`; prints Cohen's kappa per field, per set and pooled.
Events of the two annotators are paired when their triggers overlap; source/target kappa is over
the words of the sentences of paired events (each word S, T or other).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE.parent.parent / "src" / "newsgraph" / "data" / "labels" / "news_sentences.jsonl"


def kappa(pairs: list[tuple[object, object]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in set(ca) | set(cb)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def chars(text: str, part: str) -> set[int]:
    i = text.find(part) if part else -1
    return set(range(i, i + len(part))) if i >= 0 else set()


def pair(ea: list[dict], eb: list[dict], text: str) -> list[tuple[dict, dict]]:
    out, used = [], set()
    for a in ea:
        best, overlap = None, 0
        for j, b in enumerate(eb):
            o = len(chars(text, a["trigger"]) & chars(text, b["trigger"]))
            if j not in used and o > overlap:
                best, overlap = j, o
        if best is not None:
            used.add(best)
            out.append((a, eb[best]))
    return out


def agreement(sets: list[int], texts: dict[str, str]) -> dict[str, float | int]:
    has, typ, root, mod, rec, tok = [], [], [], [], [], []
    na = nb = nm = 0
    for n in sets:
        a_rows = {json.loads(x)["sid"]: json.loads(x) for x in open(HERE / f"set{n}.A.jsonl")}
        b_rows = {json.loads(x)["sid"]: json.loads(x) for x in open(HERE / f"set{n}.B.jsonl")}
        for sid, a in a_rows.items():
            text, ea, eb = texts[sid], a["events"], b_rows[sid]["events"]
            has.append((bool(ea), bool(eb)))
            na, nb = na + len(ea), nb + len(eb)
            for x, y in pair(ea, eb, text):
                nm += 1
                typ.append((x["type"], y["type"]))
                root.append((x["cameo"][:2], y["cameo"][:2]))
                mod.append((x["modality"], y["modality"]))
                rec.append((bool(x.get("reciprocal")), bool(y.get("reciprocal"))))
                sx, tx = chars(text, x["source"]), chars(text, x["target"])
                sy, ty = chars(text, y["source"]), chars(text, y["target"])
                for m in re.finditer(r"\S+", text):
                    w = set(range(m.start(), m.end()))
                    tok.append(
                        ("S" if w & sx else "T" if w & tx else "O", "S" if w & sy else "T" if w & ty else "O")
                    )
    p, r = nm / nb, nm / na
    return {
        "sentences": len(has),
        "events_A": na,
        "events_B": nb,
        "trigger_f1": round(2 * p * r / (p + r), 3),
        "kappa_event": round(kappa(has), 3),
        "kappa_type": round(kappa(typ), 3),
        "kappa_cameo_root": round(kappa(root), 3),
        "kappa_modality": round(kappa(mod), 3),
        "kappa_source_target": round(kappa(tok), 3),
        "kappa_reciprocal": round(kappa(rec), 3),
    }


def main() -> None:
    texts = {json.loads(x)["sid"]: json.loads(x)["text"] for x in open(TEXTS, encoding="utf-8")}
    for sets in ([1], [2], [3], [4], [1, 2, 3, 4]):
        name = "pooled" if len(sets) > 1 else f"set {sets[0]}"
        json.dump({"sets": name, **agreement(sets, texts)}, sys.stdout)
        print()


if __name__ == "__main__":
    main()
