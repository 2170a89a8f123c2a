"""The knowledge-base entity ruler: every KB alias as a phrase pattern ahead of spaCy's NER."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsgraph.actors.kb import KnowledgeBase

if TYPE_CHECKING:
    from spacy.language import Language

RULER_NAME = "newsgraph_actors"


def patterns(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """One phrase pattern per alias, carrying the entry key as the pattern id (→ `ent.ent_id_`)."""
    out = []
    for alias, key in kb.aliases.items():
        entry = kb.entries[key]
        out.append({"label": entry.label, "pattern": alias, "id": key})
        shout = alias.upper()
        if len(alias) > 3 and shout != alias and shout not in kb.aliases:  # all-caps headlines
            out.append({"label": entry.label, "pattern": shout, "id": key})
    return out


def add_ruler(nlp: Language, kb: KnowledgeBase) -> None:
    """Put the KB ruler before "ner" (replacing an earlier one), matching aliases as written.

    Matching is case-sensitive (ORTH): "US" must not match the pronoun "us", nor "Turkey" the bird.
    Aliases longer than three letters also match in capitals ("NORTH KOREA", "KIM JONG UN").
    """
    if RULER_NAME in nlp.pipe_names:
        nlp.remove_pipe(RULER_NAME)
    where: dict[str, str] = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler: Any = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True},
        **where,  # type: ignore[arg-type]
    )
    with nlp.select_pipes(enable=[]):  # patterns are tokenized only: no tagger needed for ORTH
        ruler.add_patterns(patterns(kb))
