"""Events: clause-level coding of who did what to whom, in PLOVER and CAMEO, with the quote.

The coder reads spaCy's dependency parse and the actor stage's mentions; the patterns are data
(`data/lexicon.yaml`), the ontology too (`data/cameo.tsv`). `context.py` and its siblings then add
modality, attribution, time, place and transfers to the same records.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from newsgraph.actors.outlets import names_outlet, outlet_keys
from newsgraph.events.coder import Coder
from newsgraph.events.discourse import infer_attackers
from newsgraph.events.lexicon import Lexicon, load_lexicon
from newsgraph.events.ontology import CameoEntry, load_cameo
from newsgraph.records import ActorRef, Event
from newsgraph.stages import Work

# Recorded on every event; bump when the lexicon or the coding rules change meaningfully.
CODER_VERSION = "1.3.0"

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

    def candidate_words(self) -> frozenset[str]:
        """Nouns the coder can turn into parties ("the two sides", "both leaders")."""
        return self.lexicon.pair_nouns | self.lexicon.agent_nouns

    def trigger_requirements(self) -> dict[str, frozenset[str] | None]:
        """Each trigger lemma → lemmas of which one must also be in the sentence (None: none).

        For the selective language pass, which parses only sentences that can carry an event:
        "have" needs "talk", "lunch"…; "call" needs "on", "for"…; "attack" needs nothing. A
        pattern whose complement is any event (`urge >#06`) counts as needing nothing.
        """
        needs: dict[str, frozenset[str] | None] = {}

        def add(lemma: str, words: frozenset[str] | None) -> None:
            if lemma in needs and needs[lemma] is None:
                return
            needs[lemma] = None if words is None else (needs.get(lemma) or frozenset()) | words

        for lemma, patterns in self.lexicon.verbs.items():
            for vp in patterns:
                words = vp.objects | vp.xcomp
                if vp.xcomp_roots or not (words or vp.preps):
                    add(lemma, None)
                else:
                    add(lemma, words or frozenset(vp.preps))
        for head, nouns in self.lexicon.nouns.items():
            for np_ in nouns:
                add(head, None if np_.modifier is None else frozenset({np_.modifier}))
        for adjective in self.lexicon.adjectives:
            add(adjective, None)
        return needs

    def __call__(self, work: Work) -> Work:
        coder = Coder(work.doc, work.mentions, self.lexicon, self.cameo)
        events = coder.code(work.article.id, self.version)
        # article-level: an attack's missing or weapon-only actor, from the article's conflicts
        events = infer_attackers(events, work.doc, work.mentions)
        keys = outlet_keys(work.article.outlet)
        if keys:
            events = [k for e in events if (k := without_outlet(e, keys)) is not None]
        return work.with_(events=work.events + tuple(events))


def is_outlet(ref: ActorRef, keys: frozenset[str]) -> bool:
    """An organisation or unknown name that names the article's own outlet ("told VOA")."""
    if ref.actor_id.startswith(("state:", "person:", "sector:")):
        return False
    return names_outlet(ref.text, keys) or names_outlet(ref.name, keys)


def without_outlet(event: Event, keys: frozenset[str]) -> Event | None:
    """The event without the outlet as actor or recipient; None when no party is left."""
    actors = tuple(a for a in event.actors if not is_outlet(a, keys))
    recipients = tuple(r for r in event.recipients if not is_outlet(r, keys))
    if (actors, recipients) == (event.actors, event.recipients):
        return event
    if not actors and not recipients:
        return None
    return replace(event, actors=actors, recipients=recipients)
