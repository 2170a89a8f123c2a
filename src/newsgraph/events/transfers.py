"""Transfers: what an event hands over (materiel, technology, money, aid), from whom to whom.

An event is a transfer when its trigger is a giving word ("supply", "deliver", "sell", "offer",
"provide … with") or a receiving word ("buy", "receive", "access to"), or its CAMEO code is
provide aid (07x) or intent to provide aid (033x), and its clause names items from
`data/items.yaml`. Giver and receiver come from the event's actors and recipients (swapped for
receiving words).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from newsgraph.records import ActorRef, Transfer

if TYPE_CHECKING:
    from spacy.tokens import Token

CLAUSAL = frozenset({"ccomp", "advcl", "relcl", "csubj", "parataxis", "nsubj", "nsubjpass"})
AID_CODES = ("07", "033")


@dataclass(frozen=True)
class ItemLexicon:
    """Item nouns by category and the giving/receiving words."""

    items: dict[str, str]  # lemma → category
    give: frozenset[str]
    receive: frozenset[str]


@lru_cache(maxsize=1)
def load_items() -> ItemLexicon:
    """The packaged item lexicon (cached per process)."""
    text = resources.files("newsgraph").joinpath("data/items.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    items = {str(w).lower(): cat for cat, words in data["items"].items() for w in words}
    return ItemLexicon(
        items, frozenset(map(str, data["give"])), frozenset(map(str, data["receive"]))
    )


def _item_text(tok: Token) -> str:
    """The noun with its compound and adjective modifiers: "artillery shells"."""
    left = tok.i
    # contiguous noun and adjective modifiers only: "Pyongyang missile technology" names the
    # recipient, not the item
    for child in reversed(list(tok.lefts)):
        if (
            child.i == left - 1
            and child.dep_ in {"compound", "amod"}
            and child.pos_
            in {
                "NOUN",
                "ADJ",
            }
        ):
            left = child.i
    words = [t.text for t in tok.doc[left : tok.i + 1]]
    return " ".join(words)


def find_items(trigger: Token, lex: ItemLexicon | None = None) -> tuple[str, ...]:
    """Item phrases in the trigger's clause (not in clauses embedded in it)."""
    lex = lex or load_items()
    found: dict[str, int] = {}  # item text → token position of its first mention
    stack = [c for c in trigger.children if c.dep_ not in CLAUSAL]
    while stack:
        tok = stack.pop()
        modifier = tok.dep_ in {"compound", "amod"} and tok.head.lemma_.lower() in lex.items
        if tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in lex.items and not modifier:
            text = _item_text(tok)
            if text:
                found[text] = min(found.get(text, tok.i), tok.i)
        stack.extend(c for c in tok.children if c.dep_ not in CLAUSAL)
    return tuple(sorted(found, key=found.__getitem__))  # in the order the text names them


def find_transfer(
    trigger: Token,
    cameo_code: str,
    actors: tuple[ActorRef, ...],
    recipients: tuple[ActorRef, ...],
    lex: ItemLexicon | None = None,
) -> Transfer | None:
    """The transfer the event makes, or None when it moves nothing."""
    lex = lex or load_items()
    lemma = trigger.lemma_.lower()
    giving = lemma in lex.give or cameo_code.startswith(AID_CODES)
    receiving = lemma in lex.receive
    if not (giving or receiving):
        return None
    items = find_items(trigger, lex)
    if not items and not cameo_code.startswith("07"):
        return None
    giver = actors[0] if actors else None
    receiver = recipients[0] if recipients else None
    if receiving and not giving:
        giver, receiver = receiver, giver
    return Transfer(items=items, giver=giver, receiver=receiver)
