"""Grammar of a clause over spaCy's dependency parse: subjects, complements, prepositions."""

from __future__ import annotations

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj", "attr", "oprd"})
# Prepositions that introduce the one acted upon; the first group accepts any noun phrase.
RECIPIENT_PREPS = frozenset({"with", "against", "on", "upon", "toward", "towards", "between"})
NAMED_RECIPIENT_PREPS = frozenset({"to", "at", "into", "for", "from"})
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS | {"about", "over", "by", "from", "to", "regarding", "for"}
# Statements and accusations are about the subject of their that-clause ("alleged that France …").
# (Claims and denials are about their own clause, usually the speaker's own deeds: not listed.)
CLAUSE_RECIPIENT_CODES = ("010", "011", "012", "013", "014", "017", "018", "019", "11")
ADJ_PREPS = frozenset({"about", "of", "over", "on", "at", "regarding", "with", "toward", "towards"})
QUANTITY_NOUNS = frozenset(
    {
        "round",
        "wave",
        "series",
        "spate",
        "string",
        "number",
        "set",
        "flurry",
        "barrage",
        "volley",
        "ton",
        "tonne",
        "shipment",
        "consignment",
        "batch",
        "truckload",
        "cargo",
        "load",
        "dozen",
        "hundred",
        "thousand",
        "score",
    }
)
BEYOND_PREPS = frozenset({"on", "against", "upon", "by", "from", "to", "toward", "towards"})
TOPIC_PREPS = frozenset(
    {
        "about",
        "over",
        "at",
        "on",
        "regarding",
        "concerning",
        "toward",
        "towards",
        "in",
        "for",
        "with",
    }
)
PATIENT_OF_ROOTS = frozenset({"08", "15", "16", "17", "18", "19", "20"})
# Roots of material conflict (CAMEO 18 assault, 19 fight, 20 unconventional mass violence).
VIOLENCE_ROOTS = frozenset({"18", "19", "20"})
INQUIRY_PREPS = frozenset({"into", "of", "against", "on"})
CLAUSE_BEYOND_PREPS = frozenset({"on", "against", "upon", "by"})
INSTRUMENT_PREPS = frozenset({"with", "for", "from", "at", "into"})
ACTOR_PREPS = frozenset({"by", "from"})
# Children that start another clause: left out of a clause's quote.
CLAUSE_CUT = frozenset({"conj", "cc", "advcl", "parataxis", "ccomp", "punct", "mark", "preconj"})
NOT_ACTORS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"})
QUOTE_MARKS = frozenset({'"', "'", "“", "”", "‘", "’", ")", "("})
# Statements and gifts are done to whom they are addressed ("to X"), not to what they are about.
ADDRESSED_ROOTS = frozenset({"01", "07"})
# Mediation is done to the parties it is between, not by them.
MEDIATION_CODES = ("045",)
# Force postures are shown, and withdrawals made, with one's own forces: "mobilized the army",
# "withdrew its troops" act on no one.
OWN_OBJECT_CODES = ("15", "087")
# Withdrawals are done to the place or party withdrawn from ("its withdrawal from Iraq").
FROM_RECIPIENT_CODES = ("087",)
# Places where an act is done that stand for the people there ("a state of siege in the town").
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "region", "province", "district", "capital", "area", "county"}
)
# Compound prepositions naming whom an act concerns ("sanctions in relation to Iraq").
RELATION_NOUNS = frozenset({"relation", "regard", "respect", "connection"})
# Meetings whose pattern names their venue ("meet in", "meet at"): the venue is no party.
VENUE_CODES = ("044",)
# Aid and forces sent "to" a body in a country go to the country ("sent troops to the UN
# peacekeeping force in South Sudan", "ready to contribute to peacekeeping operations in Syria").
SENT_TO_PLACE_ROOTS = frozenset({"07", "15"})
PARTICIPLES = frozenset({"VBG", "VBN"})
# Visits: the place visited stands for its host ("Modi will visit California").
VISIT_CODES = frozenset({"042"})
# Recipient level of a phrase taken only when nothing else is acted upon.
FALLBACK = 3
# Rejecting is done to whoever made the proposal, call or demand rejected.
REJECTION_ROOTS = frozenset({"12"})
# ... and denying, to whoever made the charge denied ("denied charges by X").
REJECTION_CODES = ("12", "016")
# Prepositions that name the author of what is rejected when the parser hangs them on the verb.
AUTHOR_PREPS = frozenset({"by", "from"})
# Acts of force and coercion, done to whatever they name ("torched a house", "seized the port").
FORCE_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})
# Codes of acts done to things as much as to parties ("attacked an army base", "seized a tanker",
# "demolished the home"): their recipient may be a plain noun phrase; every other act is done to
# an actor (a person, group, organisation, country or sector), never to "the red carpet".
THING_PATIENT_CODES = ("171", "18", "19", "20")
# Acts of force, and threats of them, done to a named place ("threatened to shell Haifa").
PLACE_PATIENT_CODES = ("138", *THING_PATIENT_CODES)
# Prepositions naming what a statement is about when they hang on its verb ("hopeful at …").
STATEMENT_TOPIC_PREPS = frozenset(
    {"about", "over", "at", "on", "regarding", "concerning", "toward", "towards"}
)
# Prepositions of circumstance: the act they introduce is not what the clause is about.
CIRCUMSTANCE_PREPS = frozenset(
    {"after", "before", "since", "during", "despite", "following", "amid", "unlike", "until"}
)
# Prepositions through which a place is acted upon rather than the setting of the act.
PLACE_RECIPIENT_PREPS = frozenset(
    {"to", "into", "from", "on", "against", "toward", "towards", "in", "at"}
)
# Dependencies through which a clause embeds the act it is about ("considering sending aid to X").
EMBEDDING_DEPS = frozenset({"xcomp", "ccomp", "advcl", "pcomp", "prep", "pobj", "dobj"})


def depth(token: Token) -> int:
    d = 0
    while token.head.i != token.i:
        token = token.head
        d += 1
    return d


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN"
    )


def complement(verb: Token) -> Token | None:
    """The verb's open complement ("threatened to incinerate", "urged Iran to halt")."""
    for c in verb.children:
        if c.pos_ not in {"VERB", "AUX"}:
            continue
        if c.dep_ == "xcomp":
            return c
        if c.dep_ in {"ccomp", "advcl"} and any(
            g.dep_ == "aux" and g.tag_ == "TO" for g in c.children
        ):
            return c
    return None


def temporal(prep: Token) -> bool:
    """`on Tuesday`, `in March`: a time adjunct, not the preposition of a phrasal verb."""
    return any(g.ent_type_ in {"DATE", "TIME"} for g in prep.children if g.dep_ == "pobj")


def lemma_of(token: Token) -> str:
    return token.lemma_.lower()


def object_names(token: Token) -> set[str]:
    """The lemmas a pattern object can match: the head and its compound/adjective modifiers."""
    out = {lemma_of(token), token.lower_}
    out.update(lemma_of(c) for c in token.children if c.dep_ in {"compound", "amod", "nmod"})
    return out


def through_quantity(noun: Token) -> Token:
    """`a wave of attacks`, `a new round of exercises`: the noun after the quantity."""
    if lemma_of(noun) in QUANTITY_NOUNS:
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        return g
    return noun


def noun_prep_named(prep: Token, root: str) -> int | None:
    """An event noun's own phrase: "pessimism about X", "charges by X", "bombardment of X"."""
    low = prep.lower_
    if (root == "01" and low in TOPIC_PREPS) or (low == "of" and root in PATIENT_OF_ROOTS):
        return 0
    if root == "09" and low in INQUIRY_PREPS:
        return 0  # "an investigation into X": whatever is investigated
    return 1 if low in NOUN_RECIPIENT_PREPS else None


def verb_prep_named(prep: Token, inner: bool, in_pattern: bool) -> int | None:
    """A verb's preposition: "attacked on X" takes any phrase, "went to X" only a named actor."""
    if prep.lower_ in RECIPIENT_PREPS:
        return int(inner)
    if prep.lower_ in NAMED_RECIPIENT_PREPS or in_pattern:
        return 1 if inner else 2
    return None


def prep_objects(prep: Token) -> list[Token]:
    """The object of a preposition, or the object of its gerund ("about bringing X to …")."""
    out = [g for g in prep.children if g.dep_ == "pobj"]
    for g in prep.children:
        if g.dep_ == "pcomp" and g.pos_ == "VERB":
            out.extend(o for o in g.children if o.dep_ in {"dobj", "obj"})
    return out


def pointed_at(noun: Token) -> list[Token]:
    """Who a thing acted on points at: "charges by X", "sanctions imposed on X", "a tax on X"."""
    preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in BEYOND_PREPS]
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        preps.extend(
            c
            for c in clause.children
            if c.dep_ in {"prep", "agent"} and c.lower_ in CLAUSE_BEYOND_PREPS
        )
    return [
        g
        for c in preps
        if not temporal(c)
        for g in c.children
        if g.dep_ == "pobj" and g.ent_type_ not in NOT_ACTORS | {"DATE", "TIME", "CARDINAL"}
    ]


def edge_junk(token: Token, leading: bool) -> bool:
    """Whitespace, punctuation (but quote marks) or a leading conjunction at a quote's edge."""
    if token.is_space:
        return True
    if token.text in QUOTE_MARKS:
        return False
    return token.is_punct or (leading and token.dep_ == "cc")


def on_behalf(prep: Token) -> bool:
    """`on behalf of X` names whom the actor speaks for, not whom the act is done to."""
    return prep.lower_ == "on" and any(g.lower_ == "behalf" for g in prep.children)


def predicative(token: Token) -> bool:
    """An adjective said of a clause's subject ("were guilty of …", "is responsible for …")."""
    return token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.pos_ in {"VERB", "AUX"}


def same_token(a: Token | None, b: Token) -> bool:
    """The same token (spaCy makes a new Token object on every access: `is` does not work)."""
    return a is not None and a.i == b.i


def embeds(outer: Token, own: set[int], inner: Token) -> bool:
    """Is `inner` the head of a complement, purpose or adverbial clause within `outer`'s?"""
    t = inner
    while t.i != outer.i:
        if t.head.i == t.i:
            return False
        # "accepted an invitation to meet X", "launched an appeal to help X": the act's noun
        if t.dep_ not in EMBEDDING_DEPS and not (t.dep_ == "acl" and t.head.i in own):
            return False
        if t.dep_ == "advcl" and not any(c.tag_ == "TO" for c in t.children):
            return False  # "…, ending a campaign", "unless Israel releases …": another act
        if t.dep_ == "prep" and t.lower_ in CIRCUMSTANCE_PREPS:
            return False  # "after a week of clashes with …": what went before, not the act
        t = t.head
    return inner.i != outer.i


def small_clause_subjects(verb: Token, tags: frozenset[str] = frozenset({"VB"})) -> list[Token]:
    """Subjects of the verb's bare complement with one of the tags ("help [North Korea] cope")."""
    return [
        g
        for c in verb.children
        if c.dep_ in {"ccomp", "xcomp"}
        and c.tag_ in tags
        and not any(g.dep_ in {"mark", "aux", "auxpass"} for g in c.children)
        for g in c.children
        if g.dep_ in SUBJECT_DEPS
    ]
