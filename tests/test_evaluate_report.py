"""The eval harness: floors, the report and its table, run_eval with a stand-in analyser."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import UsageError
from newsgraph.evaluate import SCORERS, _load_scorer, run_eval
from newsgraph.evaluate.report import (
    EvalReport,
    GroupResult,
    Metric,
    apply_floors,
    format_table,
    load_floors,
)
from newsgraph.records import ActorRef, AnalysedArticle, Article, Event

ISSUE_TARGETS = {
    "pentaclass.macro_f1": 0.60,
    "petr2.root_accuracy": 0.60,
    "ner.source_token_f1": 0.70,
    "ner.target_token_f1": 0.70,
    "modality.macro_f1": 0.80,
}


def test_shipped_floors_include_the_issue_floors_or_declare_them_unmet() -> None:
    """A floor may sit below its issue's target only when floors.json says the target is unmet."""
    from importlib import resources

    raw = json.loads(resources.files("newsgraph").joinpath("data/floors.json").read_text("utf-8"))
    unmet = raw.get("_unmet_issue_targets", {})
    floors = load_floors()
    for key, target in ISSUE_TARGETS.items():
        assert floors[key] >= target or unmet.get(key) == target, key
    assert all(0 < v <= 1 for v in floors.values())


def test_floors_reject_non_numbers_and_skip_notes() -> None:
    assert load_floors('{"_about": "note", "a.b": 0.5}') == {"a.b": 0.5}
    with pytest.raises(UsageError, match=r"'a\.b' is not a number"):
        load_floors('{"a.b": "high"}')
    with pytest.raises(UsageError):
        load_floors("[1, 2]")


def test_floors_decide_ok_and_the_table_shows_them() -> None:
    group = GroupResult(
        "g", "gold.txt", 3, (Metric("m1", 0.5, "d"), Metric("m2", 0.9, "d"), Metric("m3", 0.2, "d"))
    )
    group = apply_floors(group, {"g.m1": 0.6, "g.m2": 0.9, "other.m3": 0.1})
    report = EvalReport((group,), "1.0", 2.0)
    assert [m.ok for m in group.metrics] == [False, True, None]
    assert not report.ok and report.failures() == ["g.m1"]
    table = format_table(report)
    assert "gold.txt" in table and "FAIL" in table and "g.m1" in table
    assert json.loads(json.dumps(report.to_dict()))["groups"][0]["metrics"][0]["floor"] == 0.6
    assert EvalReport((apply_floors(group, {}),), "1.0", 2.0).ok


def test_every_registered_scorer_is_importable() -> None:
    for name, target in SCORERS.items():
        assert callable(_load_scorer(target)), name


class FakeAnalyser:
    """Codes every sentence mentioning 'attacked' as a USA→CHN assault, with actor offsets."""

    version = "fake-1"

    def __init__(self) -> None:
        self.calls = 0

    def analyse(self, articles: Iterable[Article]) -> Iterator[AnalysedArticle]:
        self.calls += 1
        for article in articles:
            text = article.text
            events: tuple[Event, ...] = ()
            if "attacked" in text:
                usa = ActorRef(
                    "US", "US", "USA", "USA", None, "USA", text.find("US"), text.find("US") + 2
                )
                c = text.find("China")
                chn = ActorRef("China", "China", "CHN", "CHN", None, "CHN", c, c + 5)
                events = (
                    Event("e", article.id, 0, text, 0, len(text), (usa,), (chn,), "ASSAULT", None,
                          None, "190", 4, -10.0, "test", "fake-1"),
                )  # fmt: skip
            yield AnalysedArticle(article=article, events=events)


def _write_gold(folder: Path) -> None:
    (folder / "petr2_gsr_validation.xml").write_text(
        '<Sentences>\n<Sentence id="P1" date="20200102" evaluate="true"/>\n'
        '<EventCoding eventcode="190" sourcecode="USA" targetcode="CHN" />\n'
        "<Text>The US attacked China.</Text>\n</Sentence>\n</Sentences>\n",
        encoding="utf-8",
    )
    (folder / "conflibert_cameo_class_train.tsv").write_text(
        "The US attacked China.\t4\nThe US praised China.\t1\n", encoding="utf-8"
    )
    (folder / "conflibert_cameo_ner_train.txt").write_text(
        "The O\nUS B-S\nattacked O\nChina B-T\n. O\n", encoding="utf-8"
    )


def test_run_eval_scores_all_gold_files_with_one_analyser(tmp_path: Path) -> None:
    _write_gold(tmp_path)
    fake: Any = FakeAnalyser()
    report = run_eval(
        tmp_path,
        only=["petr2", "pentaclass", "ner"],  # the scorers of the gold files written above
        analyser=fake,
        floors={"pentaclass.accuracy": 0.9},
    )
    assert fake.calls == 3
    values = report.values()
    assert values["petr2.event_precision"] == 1.0 and values["petr2.root_accuracy"] == 1.0
    assert values["pentaclass.accuracy"] == 0.5
    assert values["ner.source_token_f1"] == 1.0 and values["ner.target_token_f1"] == 1.0
    assert report.failures() == ["pentaclass.accuracy"]
    assert report.coder_version == "fake-1"


def test_run_eval_only_and_errors(tmp_path: Path) -> None:
    _write_gold(tmp_path)
    fake: Any = FakeAnalyser()
    report = run_eval(tmp_path, only=["ner"], analyser=fake, floors={})
    assert [g.name for g in report.groups] == ["ner"] and report.ok
    with pytest.raises(UsageError, match="no scorer named nope; choose from petr2"):
        run_eval(tmp_path, only=["nope"], analyser=fake, floors={})
    with pytest.raises(UsageError, match="cannot find the gold folder"):
        run_eval(tmp_path / "missing", analyser=fake, floors={})
    (tmp_path / "conflibert_cameo_ner_train.txt").unlink()
    with pytest.raises(UsageError, match=r"cannot find gold file conflibert_cameo_ner_train\.txt"):
        run_eval(tmp_path, only=["ner"], analyser=fake, floors={})


def test_context_finds_gold_files_and_the_shared_folder(tmp_path: Path) -> None:
    from newsgraph.evaluate.context import ScoreContext

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "x.tsv").write_text("a\t0\n", encoding="utf-8")
    ctx = ScoreContext(gold_dir=gold, analyse=lambda articles: [])
    assert ctx.gold_file("x.tsv") == gold / "x.tsv"
    assert ctx.shared_dir == tmp_path
    with pytest.raises(UsageError, match=r"cannot find gold file y\.tsv"):
        ctx.gold_file("y.tsv")
