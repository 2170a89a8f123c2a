"""Counting helpers shared by the scorers: precision/recall/F1, accuracy, macro-F1."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def ratio(numerator: float, denominator: float) -> float:
    """A ratio that is 0 (not an error) when nothing was counted."""
    return numerator / denominator if denominator else 0.0


@dataclass(frozen=True)
class PRF:
    """True positive, predicted and gold counts; precision, recall and F1 derive from them."""

    tp: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return ratio(2 * p * r, p + r)

    def __add__(self, other: PRF) -> PRF:
        return PRF(self.tp + other.tp, self.predicted + other.predicted, self.gold + other.gold)

    def to_dict(self) -> dict[str, float | int]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


EMPTY = PRF(0, 0, 0)


def multiset_prf(predicted: Sequence[str], gold: Sequence[str]) -> PRF:
    """Counts of one item's predicted and gold labels, matched as multisets."""
    remaining = list(gold)
    tp = 0
    for label in predicted:
        if label in remaining:
            remaining.remove(label)
            tp += 1
    return PRF(tp, len(predicted), len(gold))


def per_class(
    predicted: Sequence[int], gold: Sequence[int], classes: Sequence[int]
) -> dict[int, PRF]:
    """One-vs-rest counts for each class of a single-label classification."""
    if len(predicted) != len(gold):
        raise ValueError("predicted and gold labels differ in length")
    out: dict[int, PRF] = {}
    for c in classes:
        tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p == g == c)
        out[c] = PRF(tp, sum(1 for p in predicted if p == c), sum(1 for g in gold if g == c))
    return out


def accuracy(predicted: Sequence[int], gold: Sequence[int]) -> float:
    return ratio(sum(1 for p, g in zip(predicted, gold, strict=True) if p == g), len(gold))


def macro_f1(counts: dict[int, PRF]) -> float:
    """Unweighted mean of per-class F1 (every class counts equally, however rare)."""
    return ratio(sum(c.f1 for c in counts.values()), len(counts))
