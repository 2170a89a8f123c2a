"""The CAMEO table (data/cameo.tsv) and the lexicon (data/lexicon.yaml) as data."""

from __future__ import annotations

import re

import pytest

from conftest import SHARED, needs_shared
from newsgraph.events.lexicon import (
    LexiconError,
    build_lexicon,
    load_lexicon,
    parse_noun_pattern,
    parse_verb_pattern,
)
from newsgraph.events.ontology import PLOVER_TYPES, load_cameo

ROOTS = [f"{r:02d}" for r in range(1, 21)]


@needs_shared(SHARED / "ontology" / "CAMEO_codefile.txt")
def test_every_cameo_code_is_in_the_table() -> None:
    text = (SHARED / "ontology" / "CAMEO_codefile.txt").read_text(encoding="utf-8")
    listed = set(re.findall(r"^LABEL: (\d+)=", text, flags=re.M))
    assert listed and listed <= set(load_cameo())


def test_table_values_are_consistent() -> None:
    table = load_cameo()
    for code, e in table.items():
        assert e.code == code and -10 <= e.goldstein <= 10
        root = int(code[:2])
        expected = sum(root > bound for bound in (2, 5, 9, 14))
        assert e.penta_class == expected, code
        assert e.plover_type in (*PLOVER_TYPES, "STATEMENT"), code
    assert {e.plover_type for e in table.values()} >= set(PLOVER_TYPES)
    assert table["163"].plover_type == "SANCTION"  # sanctions: the PLOVER manual's SANCTION
    assert table["190"].goldstein == -10 and table["057"].goldstein == 8


def test_lexicon_covers_every_root_and_plover_type_with_verbs_and_nouns() -> None:
    lex, table = load_lexicon(), load_cameo()
    verb_codes = {p.code for ps in lex.verbs.values() for p in ps}
    noun_codes = {p.code for ps in lex.nouns.values() for p in ps}
    phrase_codes = {p.code for ps in lex.verbs.values() for p in ps if p.objects or p.preps}
    for codes in (verb_codes, noun_codes, phrase_codes):
        assert {c[:2] for c in codes} == set(ROOTS)
        assert {table[c].plover_type for c in codes} >= set(PLOVER_TYPES)
    assert lex.codes <= set(table), sorted(lex.codes - set(table))


def test_verb_pattern_syntax() -> None:
    p = parse_verb_pattern("163", "impose +sanction|embargo")
    assert (p.lemma, p.objects, p.preps) == ("impose", frozenset({"sanction", "embargo"}), ())
    p = parse_verb_pattern("020", "call on")
    assert p.preps == ("on",) and not p.objects
    p = parse_verb_pattern("0231", "appeal for +aid")
    assert p.object_prep == "for" and p.preps == ()
    p = parse_verb_pattern("138", "threaten >#18|19")
    assert p.xcomp_roots == frozenset({"18", "19"})
    assert p.specificity > parse_verb_pattern("130", "threaten").specificity
    with pytest.raises(LexiconError):
        parse_verb_pattern("190", "+attack")


def test_noun_pattern_syntax() -> None:
    assert parse_noun_pattern("195", "air strike").modifier == "air"
    p = parse_noun_pattern("138", "threat of force")
    assert (p.head, p.modifier, p.via_of) == ("threat", "force", True)
    with pytest.raises(LexiconError):
        parse_noun_pattern("190", "a very long noun")


def test_build_lexicon_from_a_small_mapping() -> None:
    lex = build_lexicon({"verbs": {"040": ["meet"]}, "nouns": {"040": ["summit"]}})
    assert set(lex.verbs) == {"meet"} and set(lex.nouns) == {"summit"}
    assert lex.codes == frozenset({"040"})
