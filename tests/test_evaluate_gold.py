"""Gold readers: PETR-2 records, PentaClass lines, BIO NER sentences and the detokeniser."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import UsageError
from newsgraph.evaluate.gold import (
    Coding,
    detokenise,
    parse_ner,
    parse_pentaclass,
    parse_petr2,
)

PETR2 = """<?xml version='1.0' encoding='utf-8'?>
<Validation>
######
#   banner with <Sentence like text & stray ampersands
######
<Sentences>
<Sentence category="AFP" date="20080804" id="S1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<EventCoding eventcode="190" sourcecode="---REB" targetcode="IGOUNOMIL" />
<Text>
Alpha visited
Beta &amp; Gamma.
</Text>
<Parse>
1	Alpha	alpha	PROPN	NNP	_	2	nsubj	_	_
</Parse>
</Sentence>

<Sentence category="OTHER" date="20150609" id="S2" evaluate="true">
#   a comment line between records
<!-- <EventCoding eventcode="999" sourcecode="XXX" targetcode="YYY" /> in a comment -->
<EventCoding noevents="True" />
<Text>
#Nothing happened.
</Text>
</Sentence>
<Sentence category="OTHER" date="2015" id="S3" evaluate="false"/>
<EventCoding eventcode="010" sourcecode="FRA" targetcode="DEU" />
<Text>Skipped.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_petr2_reads_self_closed_and_open_records() -> None:
    sentences = parse_petr2(PETR2)
    assert [s.id for s in sentences] == ["S1", "S2"]
    first, second = sentences
    assert first.date == "2008-08-04"
    assert first.text == "Alpha visited Beta & Gamma."
    assert first.codings == (
        Coding("042", "USA", "CHN"),
        Coding("190", "---REB", "IGOUNOMIL"),
    )
    assert second.text == "#Nothing happened."  # a hashtag is text, not a comment
    assert second.codings == ()  # noevents, and codings inside comments are ignored


def test_petr2_record_without_text_is_an_error() -> None:
    with pytest.raises(UsageError, match="no <Text>"):
        parse_petr2(
            '<Sentence id="X" date="20080101"/>\n<EventCoding eventcode="010"/>\n</Sentence>'
        )


def test_pentaclass_reads_labels_and_rejects_bad_ones() -> None:
    rows = parse_pentaclass(["Troops fired on protesters.\t4", "", "Talks were held.\t1\r\n"])
    assert [(r.text, r.label) for r in rows] == [
        ("Troops fired on protesters.", 4),
        ("Talks were held.", 1),
    ]
    assert rows[0].id != rows[1].id
    with pytest.raises(UsageError, match="line 2"):
        parse_pentaclass(["ok\t0", "no label here"])
    with pytest.raises(UsageError, match="label 0-4"):
        parse_pentaclass(["bad label\t7"])


def test_ner_roles_offsets_and_text() -> None:
    lines = """The B-S
EU’s I-S
chief O
met O
Iran B-R
and O
Iraq B-R
. O

Hamas B-S
fired O
on O
Israel B-T
' O
s O
town O
""".splitlines()
    first, second = parse_ner(lines)
    assert first.text == "The EU’s chief met Iran and Iraq."
    assert first.roles == ("S", "S", "", "", "R", "", "R", "")
    for token, (start, end) in zip(first.tokens, first.spans, strict=True):
        assert first.text[start:end] == token
    assert second.text == "Hamas fired on Israel's town"
    assert second.roles[3] == "T"


def test_ner_rejects_unknown_tags() -> None:
    with pytest.raises(UsageError, match="unknown tag 'B-X'"):
        parse_ner(["Word B-X"])
    with pytest.raises(UsageError, match="line 1"):
        parse_ner(["too many fields here"])


@pytest.mark.parametrize(
    ("tokens", "text"),
    [
        (["a", "Japanese", "-", "drafted", "text", "."], "a Japanese-drafted text."),
        (["from", "06", ":", "00", "to", "Turkey", ":", "If"], "from 06:00 to Turkey: If"),
        (["Baghdad", "’", "s", "forces", "won", "’", "t"], "Baghdad’s forces won’t"),
        (["citizens", "’", "rights"], "citizens ’ rights"),
        (["$", "22", ".", "5", "million", "(", "about", ")"], "$22.5 million (about)"),
        (["some", "7", ",", "660", "people", ",", "2015"], "some 7,660 people, 2015"),
        (["calling", "it", "“", "dangerous", "”", "."], "calling it “dangerous”."),
        (["Otto", "P", "é", "rez", "and", "Jos", "é", "Carreras"], "Otto Pérez and José Carreras"),
        (["Trump", "'s", "plan", "is", "n't", "new"], "Trump's plan isn't new"),
    ],
)
def test_detokenise_examples(tokens: list[str], text: str) -> None:
    assert detokenise(tokens)[0] == text


@given(
    st.lists(
        st.one_of(
            st.sampled_from(["-", "’", "s", ",", ".", ":", "(", ")", "$", "é", "'s", "“", "”"]),
            st.text(alphabet="abcXYZ019", min_size=1, max_size=6),
        ),
        max_size=30,
    )
)
def test_detokenise_keeps_every_token_at_its_span(tokens: list[str]) -> None:
    text, spans = detokenise(tokens)
    assert len(spans) == len(tokens)
    assert [text[s:e] for s, e in spans] == tokens
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
