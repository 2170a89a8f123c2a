"""The event lexicon (data/lexicon.yaml): verb, phrase and noun patterns mapped to CAMEO codes."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class VerbPattern:
    """One verb pattern: a lemma plus the conditions its clause must meet."""

    id: str  # stable rule id, e.g. "verb:163:impose +sanction|embargo"
    code: str
    lemma: str
    preps: tuple[str, ...] = ()  # particle or preposition children, in order
    objects: frozenset[str] = frozenset()  # object head or compound lemmas
    object_prep: str | None = None  # the object is the object of this preposition
    xcomp: frozenset[str] = frozenset()  # complement verb lemmas
    xcomp_roots: frozenset[str] = frozenset()  # complement event code prefixes

    @property
    def specificity(self) -> int:
        return (
            len(self.preps)
            + 2 * bool(self.objects)
            + 2 * bool(self.xcomp)
            + 2 * bool(self.xcomp_roots)
            - (1 if self.object_prep and not self.objects else 0)
        )


@dataclass(frozen=True)
class NounPattern:
    """An event noun: its head lemma and, optionally, a modifier that must be present."""

    id: str
    code: str
    head: str
    modifier: str | None = None
    via_of: bool = False  # the modifier is the object of the head's of-phrase


@dataclass(frozen=True)
class Lexicon:
    """Patterns indexed by lemma, plus the word classes the coder needs."""

    verbs: dict[str, tuple[VerbPattern, ...]]
    nouns: dict[str, tuple[NounPattern, ...]]
    adjectives: dict[str, str]  # predicate adjective lemma -> CAMEO code
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    object_control: frozenset[str]
    reciprocal_roots: frozenset[str]
    symmetric_codes: frozenset[str]
    agent_nouns: frozenset[str]
    not_recipients: frozenset[str]
    needs_named_recipient: frozenset[str]  # rule ids
    pair_nouns: frozenset[str]
    # agent nouns that name things (weapons, vehicles): they can act ("a missile struck") and be
    # struck, but no one sends aid to, meets or rejects them
    instrument_nouns: frozenset[str] = frozenset()
    # codes (prefixes) of acts done for a party in need, never reciprocal ("X and Y offered help")
    one_way_codes: frozenset[str] = frozenset()
    # natural hazards, diseases and accidents: what they kill or destroy is attacked by no one
    hazard_nouns: frozenset[str] = frozenset()
    # participles that describe a state when they modify a noun ("a jet armed with missiles")
    stative_participles: frozenset[str] = frozenset()
    # verbs whose modal use ("will retaliate") threatens force rather than using it
    retaliation_verbs: frozenset[str] = frozenset()
    # modifiers that make an ambiguous event noun ("strike") an attack ("military strikes")
    attack_modifiers: frozenset[str] = frozenset()
    # force words used of no force: sport ("beat Sinner in the final"), a struggle against a
    # problem ("fight corruption", "battled blazes"), economic and verbal "wars" and "clashes"
    contest_verbs: frozenset[str] = frozenset()
    contest_nouns: frozenset[str] = frozenset()
    struggle_verbs: frozenset[str] = frozenset()
    struggle_objects: frozenset[str] = frozenset()
    figurative_modifiers: frozenset[str] = frozenset()
    verbal_settings: frozenset[str] = frozenset()
    violence_cues: frozenset[str] = frozenset()
    theatre_nouns: frozenset[str] = frozenset()
    # preposition → verbs whose object is the doer of the gerund after it ("accused Y of supplying")
    object_control_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    version: int = 1
    _codes: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def codes(self) -> frozenset[str]:
        """Every CAMEO code some pattern produces."""
        return self._codes


ANY_OBJECT = "*"  # `+*` in a pattern: any object at all ("return +* to": returned something to)


class LexiconError(ValueError):
    """A pattern in the lexicon file cannot be parsed."""


def parse_verb_pattern(code: str, text: str) -> VerbPattern:
    """Parse `verb [prep…] [+obj|obj] [>verb|>#root]` into a VerbPattern."""
    words = text.split()
    if not words or words[0][0] in "+>":
        raise LexiconError(f"lexicon pattern {text!r} (code {code}) must start with a verb")
    lemma = words[0].lower()
    preps: list[str] = []
    objects: frozenset[str] = frozenset()
    xcomp: frozenset[str] = frozenset()
    xroots: frozenset[str] = frozenset()
    object_prep = None
    for word in words[1:]:
        if word.startswith("+"):
            objects = frozenset(word[1:].lower().split("|"))
            object_prep = preps[-1] if preps else None
        elif word.startswith(">#"):
            xroots = frozenset(word[2:].split("|"))
        elif word.startswith(">"):
            xcomp = frozenset(word[1:].lower().split("|"))
        else:
            preps.append(word.lower())
    if object_prep is not None:
        preps = preps[:-1]
    return VerbPattern(
        id=f"verb:{code}:{text}",
        code=code,
        lemma=lemma,
        preps=tuple(preps),
        objects=objects,
        object_prep=object_prep,
        xcomp=xcomp,
        xcomp_roots=xroots,
    )


def parse_noun_pattern(code: str, text: str) -> NounPattern:
    words = text.lower().split()
    pid = f"noun:{code}:{text}"
    if len(words) == 3 and words[1] == "of":
        return NounPattern(id=pid, code=code, head=words[0], modifier=words[2], via_of=True)
    if len(words) > 2 or not words:
        raise LexiconError(
            f"noun pattern {text!r} (code {code}) must be `noun`, `modifier noun` or `noun of noun`"
        )
    return NounPattern(
        id=pid, code=code, head=words[-1], modifier=words[0] if len(words) == 2 else None
    )


def build_lexicon(data: dict[str, Any]) -> Lexicon:
    """Build a Lexicon from the parsed YAML mapping (also used by tests with small lexicons)."""
    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    nouns: dict[str, list[NounPattern]] = defaultdict(list)
    codes: set[str] = set()
    for code, patterns in (data.get("verbs") or {}).items():
        for text in patterns:
            vp = parse_verb_pattern(str(code), str(text))
            verbs[vp.lemma].append(vp)
            codes.add(vp.code)
    for code, patterns in (data.get("nouns") or {}).items():
        for text in patterns:
            np_ = parse_noun_pattern(str(code), str(text))
            nouns[np_.head].append(np_)
            codes.add(np_.code)

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    adjectives = {
        str(a).lower(): str(code)
        for code, words in (data.get("adjectives") or {}).items()
        for a in words
    }
    codes.update(adjectives.values())
    return Lexicon(
        adjectives=adjectives,
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        light_verbs=words("light_verbs"),
        speech_verbs=words("speech_verbs"),
        object_control=words("object_control"),
        reciprocal_roots=frozenset(str(r) for r in data.get("reciprocal_roots") or ()),
        symmetric_codes=frozenset(str(r) for r in data.get("symmetric_codes") or ()),
        agent_nouns=words("agent_nouns"),
        not_recipients=words("not_recipients"),
        needs_named_recipient=frozenset(
            f"verb:{r}" for r in (str(x) for x in data.get("needs_named_recipient") or ())
        ),
        pair_nouns=words("pair_nouns"),
        instrument_nouns=words("instrument_nouns"),
        one_way_codes=frozenset(str(r) for r in data.get("one_way_codes") or ()),
        hazard_nouns=words("hazard_nouns"),
        stative_participles=words("stative_participles"),
        retaliation_verbs=words("retaliation_verbs"),
        attack_modifiers=words("attack_modifiers"),
        contest_verbs=words("contest_verbs"),
        contest_nouns=words("contest_nouns"),
        struggle_verbs=words("struggle_verbs"),
        struggle_objects=words("struggle_objects"),
        figurative_modifiers=words("figurative_modifiers"),
        verbal_settings=words("verbal_settings"),
        violence_cues=words("violence_cues"),
        theatre_nouns=words("theatre_nouns"),
        object_control_preps={
            str(prep).lower(): frozenset(str(v).lower() for v in verbs)
            for prep, verbs in (data.get("object_control_preps") or {}).items()
        },
        version=int(data.get("version", 1)),
        _codes=frozenset(codes),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The package lexicon, parsed once per process."""
    import yaml

    path = resources.files("newsgraph").joinpath("data", "lexicon.yaml")
    return build_lexicon(yaml.safe_load(path.read_text(encoding="utf-8")))
