"""Events: clause-level coding of who did what to whom, in PLOVER and CAMEO, with the quote.

The coder reads spaCy's dependency parse and the actor stage's mentions; the patterns are data
(`data/lexicon.yaml`), the ontology too (`data/cameo.tsv`). `context.py` and its siblings then add
modality, attribution, time, place and transfers to the same records.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsgraph.events.coder import Coder
from newsgraph.events.lexicon import Lexicon, load_lexicon
from newsgraph.events.ontology import CameoEntry, load_cameo
from newsgraph.stages import Work

# Recorded on every event; bump when the lexicon or the coding rules change meaningfully.
CODER_VERSION = "1.0.0"

__all__ = ["CODER_VERSION", "EventStage"]


@dataclass(frozen=True)
class EventStage:
    """Adds coded events to an article's Work, from its parse and its actor mentions."""

    lexicon: Lexicon
    cameo: dict[str, CameoEntry]
    version: str = CODER_VERSION

    name: ClassVar[str] = "events"
    needs: ClassVar[frozenset[str]] = frozenset({"doc", "mentions"})
    adds: ClassVar[frozenset[str]] = frozenset({"events"})

    @classmethod
    def load(cls) -> EventStage:
        """The stage with the package lexicon and CAMEO table (loaded once per process)."""
        return cls(lexicon=load_lexicon(), cameo=load_cameo())

    def trigger_lemmas(self) -> frozenset[str]:
        """Every lemma that can trigger an event (for the selective language pass)."""
        lex = self.lexicon
        return frozenset(lex.verbs) | frozenset(lex.nouns) | frozenset(lex.adjectives)

    def __call__(self, work: Work) -> Work:
        coder = Coder(work.doc, work.mentions, self.lexicon, self.cameo)
        events = coder.code(work.article.id, self.version)
        return work.with_(events=work.events + tuple(events))
