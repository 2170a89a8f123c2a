"""Actor resolution: turn the entities of a parsed article into `Mention`s with codes.

One left-to-right pass over the tokens. Entities (from the KB ruler or the NER) are trimmed of
determiners and possessives, then resolved in this order: KB entry (country, demonym, metonym,
organisation, group, person, thing) → within-article alias chain → unique KB surname → gazetteer
place → unresolved. Tokens outside entities are checked for chained surnames and bare sector
nouns. Only surface forms are used (no lemmas or dependencies), because sentences the selective
pipeline did not parse must resolve the same way as parsed ones.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.actors.kb import Entry, KnowledgeBase, Role, sector_name
from newsgraph.actors.names import fold
from newsgraph.actors.places import cities, regions
from newsgraph.language import span_entities
from newsgraph.records import ActorKind, Article, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Entity labels that name something; DATE, CARDINAL, EVENT, LAW … are not mentions.
NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "PRODUCT"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
ARTICLES = frozenset({"the", "a", "an"})  # never written before a person's name ("the Moon")
# A capital after one of these is where something happens, not who acts ("talks in Moscow").
# "to", "over" and "towards" are left out: "turn to Moscow", "influence over Pyongyang" name actors.
LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "throughout",
        "within",
        "into",
        "via",
    }
)
# "former" before a person's name or role: the person no longer holds the role (PLOVER: ELI).
FORMER = frozenset({"former", "ex", "ex-", "late", "then"})
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)(s?)\b")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
CONFIDENCE = {
    "kb-alias": 0.95,
    "nationality+sector": 0.85,
    "metonym": 0.85,
    "alias-chain": 0.85,
    "role-at-date": 0.95,
    "role-description": 0.75,
    "nationality": 0.8,
    "place": 0.8,
    "kb-surname": 0.6,
    "sector-noun": 0.5,
    "ner-unresolved": 0.5,
    "kb-thing": 0.9,
}


@dataclass
class _Chain:
    """Who a bare name part refers to in this article: the most recent person with that part."""

    parts: dict[str, Mention] = field(default_factory=dict)

    def remember(self, keys: tuple[str, ...], mention: Mention) -> None:
        for key in keys:
            self.parts[key] = mention


class Resolver:
    """Resolves one article; create one per article (it holds the article's alias chain)."""

    def __init__(self, kb: KnowledgeBase, doc: Doc, article: Article) -> None:
        self.kb = kb
        self.doc = doc
        self.article = article
        self.sent_starts = [s.start for s in doc.sents]
        self.chain = _Chain()
        self.persons: set[str] = set()  # actor ids of the KB people named so far
        self.mentions: list[Mention] = []
        self.taken: set[int] = set()
        published = article.published or ""
        # An undated article speaks of the latest date it names, else of today: its people are
        # coded by the roles they hold then, never as "former" for want of a date.
        self.undated = not published
        point = published or self._latest_named_date()
        self.default_when = (point, point)
        self._when: dict[int, tuple[str, str]] = {}

    # -- the pass ------------------------------------------------------------------------------
    def run(self) -> tuple[Mention, ...]:
        from spacy.attrs import LOWER, ORTH

        ents = {e.start: e for e in self.doc.ents if e.label_ in NAME_LABELS}
        self.ent_starts = ents
        strings = self.doc.vocab.strings
        words = self.doc.to_array([ORTH, LOWER]).tolist() if len(self.doc) else []
        texts = [strings[orth] for orth, _ in words]
        lowers = [strings[lower] for _, lower in words]
        i = 0
        n = len(self.doc)
        while i < n:
            ent = ents.get(i)
            if ent is not None:
                i = max(self._entity(ent), ent.end)
                continue
            if i not in self.taken and self._may_matter(texts[i], lowers, i):
                self._token(self.doc[i])
            i += 1
        self.mentions.sort(key=lambda m: m.start)
        return tuple(self.mentions)

    def _entity(self, ent: Span) -> int:
        """Resolve one entity; returns the token index after the tokens it consumed."""
        span = trim(ent)
        if span is None:
            return ent.end
        label = ent.label_
        entry = self.kb.entries.get(ent.ent_id_) if ent.ent_id_ else None
        if entry is None:
            entry = self.kb.lookup(span.text) or self.kb.lookup(self.kb.names.bare(span.text))
        if entry is not None and entry.kind == "person":
            self._person(span, label, entry, "kb-alias")
        elif entry is not None and entry.kind == "state" and entry.use in ("", "demonym"):
            return self._nationality(span, label, entry)
        elif entry is not None and entry.use in ("capital", "seat"):
            self._metonym(span, label, entry)
        elif entry is not None and entry.kind == "place":
            self._place(span, label, entry.country, entry.name, "place")
        elif entry is not None and entry.kind == "thing":
            self._add(span, entry.actor_id, entry.name, "thing", None, (), "", "kb-thing", label)
        elif entry is not None:
            self._add_entry(span, entry, "kb-alias", label)
        else:
            self._unknown(span, label)
        return ent.end

    def _may_matter(self, text: str, lowers: list[str], i: int) -> bool:
        """Whether `_token` can do anything with word i: it is a chained name part or a sector
        noun (alone or after the word before). Most words are neither; this skips their Token."""
        parts = self.chain.parts
        if text in parts or _uncapped(text) in parts:
            return True
        if text in self.kb.surnames and text[:1].isupper():
            return True  # perhaps the bare surname of someone in office that NER missed
        forms = self.kb.sector_forms
        return lowers[i] in forms or (i > 0 and f"{lowers[i - 1]} {lowers[i]}" in forms)

    def _token(self, tok: Token) -> None:
        """A token outside any entity: a chained name part, or a bare sector noun."""
        known = self.chain.parts.get(tok.text) or self.chain.parts.get(_uncapped(tok.text))
        after_article = self._after_article(self.doc[tok.i : tok.i + 1])
        if known and tok.text[:1].isupper() and not tok.is_stop and not after_article:
            self._chained(self.doc[tok.i : tok.i + 1], "PERSON", known)
            return
        if tok.text in self.kb.surnames and not tok.is_stop and not after_article:
            # "Zelenskyy thanked …": NER misses the bare surname of someone in office.
            span = self.doc[tok.i : tok.i + 1]
            holder = self._unique_holder(tok.text, span)
            if holder is not None:
                self._person(span, "PERSON", holder, "kb-surname")
                return
        low = tok.lower_
        prev = self.doc[tok.i - 1] if tok.i > 0 else None
        two = f"{prev.lower_} {low}" if prev is not None else ""
        sectors = self.kb.sector_forms.get(two) if two else None
        start = tok.i - 1 if sectors else tok.i
        sectors = sectors or self.kb.sector_forms.get(low)
        if not sectors or not tok.is_alpha or (prev is not None and prev.i in self.taken):
            return
        if tok.pos_ and (tok.pos_ != "NOUN" or tok.dep_ in ("amod", "compound")):
            return  # parsed: "military campaign", "presses forward"
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if (
            not tok.pos_
            and nxt is not None
            and nxt.is_alpha
            and not nxt.is_stop
            and (nxt.text.islower())
        ):
            return  # unparsed: probably a modifier of the next noun ("military campaign")
        det = self.doc[start - 1].lower_ if start > 0 else ""
        singular = low in self.kb.collective or (two in self.kb.collective)
        plural = low not in self.kb.sector_forms or low.endswith(("s", "men", "people"))
        if not (singular or plural or det in {"the", "its", "their", "his", "her", "our"}):
            return
        span = self.doc[start : tok.i + 1]
        code = sectors[0]
        self._add(
            span,
            f"sector:{code}",
            f"({code})",
            "group",
            None,
            sectors,
            code,
            "sector-noun",
            "NOMINAL",
        )

    # -- kinds -----------------------------------------------------------------------------------
    def _person(self, span: Span, label: str, entry: Entry, method: str) -> None:
        pid = entry.actor_id.split(":", 1)[1]
        role, former = self._role(pid, span)
        m = self._person_mention(span, label, entry, role, former, method)
        self.chain.remember(self.kb.chain_keys.get(pid, ()), m)
        self.persons.add(m.actor_id)

    def _person_mention(
        self, span: Span, label: str, entry: Entry, role: Role | None, former: bool, method: str
    ) -> Mention:
        country: str | None = None
        sectors: tuple[str, ...] = ()
        code = ""
        title = None
        if role is not None:
            country = self.kb.code_of(role.affiliation)
            org = self.kb.organisations.get(role.affiliation)
            if former and role.group:
                # A member of an armed group stays coded with it (a dead warlord is no elite).
                sectors, title = (role.sector,), f"former {role.title}"
            elif former:
                sectors, title = ("ELI",), f"former {role.title}"
            else:
                sectors, title = (role.sector,), role.title
            if country:
                code = country + sectors[0]
            elif org is not None:
                code = org.code
            if role is not None and not former:
                method = "role-at-date" if method == "kb-alias" else method
        return self._add(
            span, entry.actor_id, entry.name, "person", country, sectors, code, method, label, title
        )

    def _role(self, pid: str, span: Span) -> tuple[Role | None, bool]:
        """The role held when the sentence speaks; else the last one before (a former role)."""
        roles = self.kb.roles.get(pid, ())
        if not roles:
            return None, False
        lo, hi = self._when_of(span)
        said_former = any(t.lower_ in FORMER for t in self.doc[max(span.start - 4, 0) : span.start])
        if lo and not said_former:
            active = [r for r in roles if r.start <= hi and r.end >= lo]
            if active:
                active.sort(key=lambda r: (r.sector != "GOV", r.start))
                return active[0], False
        before = [r for r in roles if not lo or r.start <= hi]
        if before:
            # Without a publication date the text gives no ground for "former".
            return max(before, key=lambda r: r.end), said_former or not self.undated
        return roles[0], False

    def _latest_named_date(self) -> str:
        """The end of the latest past year the article's DATE entities name, else today."""
        today = date.today()
        years = [
            int(m.group(1))
            for ent in self.doc.ents
            if ent.label_ == "DATE"
            for m in YEAR.finditer(ent.text)
            if not m.group(2)
        ]
        past = [y for y in years if y < today.year]
        if not past or len(past) < len(years):
            return today.isoformat()  # the text names this year or none: now
        return f"{max(past):04d}-12-31"

    def _when_of(self, span: Span) -> tuple[str, str]:
        """The date range a sentence speaks of: a year written in it, else the publication date."""
        sent_i = self.sentence_of(span.start)
        if sent_i not in self._when:
            when = self.default_when
            start = self.sent_starts[sent_i]
            end = (
                self.sent_starts[sent_i + 1]
                if sent_i + 1 < len(self.sent_starts)
                else len(self.doc)
            )
            for ent in span_entities(self.doc[start:end]):
                if ent.label_ != "DATE":
                    continue
                match = YEAR.search(ent.text)
                if match:
                    year = int(match.group(1))
                    last = year + 9 if match.group(2) else year
                    when = (f"{year:04d}-01-01", f"{last:04d}-12-31")
                    break
                month = next((MONTHS[w] for w in ent.text.lower().split() if w in MONTHS), 0)
                if month and self.default_when[0]:  # "in June": the last June up to publication
                    year, pub_month = int(self.default_when[0][:4]), int(self.default_when[0][5:7])
                    year -= month > pub_month
                    when = (f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-28")
                    break
            self._when[sent_i] = when
        return self._when[sent_i]

    def _nationality(self, span: Span, label: str, entry: Entry) -> int:
        """A country or demonym: alone, with a sector noun, or naming a role ("Russian leader")."""
        country = entry.country or ""
        j, crossed = span.end, False
        if j < len(self.doc) and self.doc[j].text in POSSESSIVES:
            j += 1
        elif j < len(self.doc) and self.doc[j].text == "-":
            j = len(self.doc)  # "Soviet-style", "Soviet-era": an attribute, not a sector actor
        role = self._role_description(span.start, j, country)
        if role is not None:
            holder, end = role
            entry = self.kb.entries[f"person:{holder.person_id}"]
            whole = self.doc[span.start : end]
            m = self._person_mention(whole, "PERSON", entry, holder, False, "role-description")
            self.persons.add(m.actor_id)
            return end
        sector, sector_end = None, j
        for _ in range(5):
            if j >= len(self.doc):
                break
            tok = self.doc[j]
            nxt = self.ent_starts.get(j + 1)
            if tok.lower_ in {"and", ",", "or"} and nxt is not None and self._is_state(nxt):
                j, crossed = nxt.end, True
                continue
            if (
                j in self.ent_starts
                or not (tok.is_alpha or "-" in tok.text)
                or (tok.is_stop and tok.lower_ not in self.kb.sector_forms)
            ):
                break
            two = f"{self.doc[j - 1].lower_} {tok.lower_}"
            found = self.kb.sector_forms.get(two) or self.kb.sector_forms.get(tok.lower_)
            if found:
                sector, sector_end = found, j + 1
            elif sector is not None:
                break
            j += 1
        if sector is None:
            c = self.kb.countries.get(country)
            name = c.name if c else entry.name
            self._add(
                span,
                f"state:{country}",
                name,
                "state",
                country,
                (),
                country,
                "kb-alias" if entry.use == "" else "nationality",
                label,
            )
            return span.end
        whole = span if crossed else self.doc[span.start : sector_end]
        c = self.kb.countries.get(country)
        self._add(
            whole,
            f"state:{country}:{'|'.join(sector)}",
            sector_name(c.name if c else entry.name, sector),
            "state",
            country,
            sector,
            country + sector[0],
            "nationality+sector",
            label,
        )
        return whole.end

    def _is_state(self, ent: Span) -> bool:
        entry = self.kb.entries.get(ent.ent_id_) if ent.ent_id_ else None
        return entry is not None and entry.kind == "state" and entry.use in ("", "demonym")

    def _role_description(self, first: int, j: int, country: str) -> tuple[Role, int] | None:
        """`j` starts an office ("leader", "defence minister") not followed by a name: its holder.

        The holder is whoever held one of the offices the phrase names in `country` at the
        sentence's date (preferring the first office listed, then a person the article already
        named, then the latest to take office). "former US president" names no current holder.
        """
        found = self._office_phrase(j, country)
        if found is None:
            return None
        offices, end = found
        if end < len(self.doc) and (end in self.ent_starts or self.doc[end].text[:1].isupper()):
            return None  # "Russian President Vladimir Putin": the name resolves itself
        if any(t.lower_ in FORMER for t in self.doc[max(first - 2, 0) : first]):
            return None
        lo, hi = self._when_of(self.doc[j:end])
        if not lo:
            return None
        holders = [
            r
            for r in self.kb.holders.get(country, ())
            if r.office in offices
            and r.start <= hi
            and r.end >= lo
            and f"person:{r.person_id}" in self.kb.entries
        ]
        if not holders:
            return None
        rank = min(offices.index(r.office) for r in holders)
        ties = [r for r in holders if offices.index(r.office) == rank]
        named = [r for r in ties if f"person:{r.person_id}" in self.persons]
        return max(named or ties, key=lambda r: r.start), end

    def _office_phrase(self, j: int, country: str) -> tuple[tuple[str, ...], int] | None:
        """The offices named by the longest role-description phrase at token `j`, and its end."""
        if j >= len(self.doc) or self.doc[j].text.lower() not in self.kb.office_prefixes:
            return None  # every phrase tried below starts with this word; most words start none
        for n in range(min(self.kb.office_words + 2, len(self.doc) - j), 0, -1):
            phrase = self.doc[j : j + n].text.lower()
            if phrase in self.kb.offices:
                offices = self.kb.offices_for(phrase, country)
                return (offices, j + n) if offices else None
        return None

    def _metonym(self, span: Span, label: str, entry: Entry) -> None:
        before = self.doc[span.start - 1] if span.start > 0 else None
        if entry.use == "capital":
            if before is not None and before.lower_ in LOCATIVE:
                self._place(span, label, entry.country, span.text, "place")
                return
            after = self.doc[span.end] if span.end < len(self.doc) else None
            if (
                after is not None
                and after.text[:1].isupper()
                and after.is_alpha
                and (span.end not in self.ent_starts)
            ):
                self._place(span, label, entry.country, span.text, "place")  # "Moscow Metro"
                return
        self._add_entry(span, entry, "metonym", label)

    def _place(self, span: Span, label: str, country: str | None, name: str, method: str) -> None:
        self._add(
            span,
            f"place:{country or '-'}:{name.lower()}",
            name,
            "place",
            country,
            (),
            "",
            method,
            label,
        )

    def _unknown(self, span: Span, label: str) -> None:
        """A name the KB lacks: a person named before, a unique KB surname, a place, or unknown."""
        bare = self.kb.names.bare(span.text)
        first = self._title_start(span)
        if first < span.start and label in {"PERSON", "ORG", "GPE", "NORP"}:
            span, label = self.doc[first : span.end], "PERSON"  # "Sheikh Tamim" tagged NORP
        named = span.start == 0 or self.doc[span.start - 1].lower_ not in ARTICLES
        known = None if self._after_article(span) else self._chain_target(bare)
        if known is not None and label in {"PERSON", "ORG", "GPE", "NORP"}:
            self._chained(span, label, known)
            return
        # NER often tags a bare surname it does not know as a place or organisation ("Scholz").
        if label in {"PERSON", "GPE", "ORG", "NORP"} and " " not in bare and named:
            holder = self._unique_holder(bare, span)
            if holder is not None:
                self._person(span, label, holder, "kb-surname")
                return
        text = bare if label == "PERSON" else span.text
        if label in PLACE_LABELS or label == "NORP":
            # Cities only for GPE/NORP names: LOC names ("Asia") have city namesakes elsewhere.
            code = cities().get(text) if label in ("GPE", "NORP") else None
            region = text in regions() or fold(text) in regions()
            if code is None and label != "NORP":
                code = regions().get(text) or regions().get(fold(text))
            country = self.kb.code_of(code) if code else None
            if country is not None or region or label in ("LOC", "FAC"):
                self._place(span, label, country, text, "place")
                return
        key = " ".join(text.lower().split())
        m = self._add(
            span,
            f"unresolved:{label}:{key}",
            text,
            "unresolved",
            None,
            (),
            "",
            "ner-unresolved",
            label,
        )
        word = self.kb.names.key(text) if label == "PERSON" and " " in text else None
        if word is not None:
            self.chain.remember((word,), m)

    def _chain_target(self, bare: str) -> Mention | None:
        """The person a short name refers back to: one reference word, or a fuller variant.

        A longer name chains only when its first and last words match the earlier mention's
        ("Joe R. Biden" after "Joe Biden"), so "Kim Yo Jong" never becomes "Kim Jong Un".
        """
        words = bare.split()
        if len(words) == 1:
            return self.chain.parts.get(bare) or self.chain.parts.get(_uncapped(bare))
        word = self.kb.names.key(bare)
        known = self.chain.parts.get(word) if word else None
        if known is None:
            return None
        for name in (known.text, known.name):
            own = self.kb.names.strip(name.split())
            if own[0] == words[0] and own[-1] == words[-1]:
                return known
        return None

    def _after_article(self, span: Span) -> bool:
        """ "the Moon", "the Kims": an article is not written before a person's name, except
        when the name modifies a noun ("the Trump administration")."""
        if span.start == 0 or self.doc[span.start - 1].lower_ not in ARTICLES:
            return False
        nxt = self.doc[span.end] if span.end < len(self.doc) else None
        return nxt is None or not (nxt.is_alpha and nxt.is_lower and not nxt.is_stop)

    def _title_start(self, span: Span) -> int:
        """Where a title written just before an entity starts ("Crown Prince" + "Mohammed")."""
        names = self.kb.names
        for n in (2, 1):
            first = span.start - n
            if (
                first >= 0
                and first not in self.taken
                and self.doc[first : span.start].text in names.titles
            ):
                return first
        return span.start

    def _unique_holder(self, word: str, span: Span) -> Entry | None:
        """The only KB person with this reference word who holds a role at the sentence's date.

        Restricting to current office holders keeps "Moon" (the satellite) from resolving to a
        long-retired Moon, and a bare surname is how the news names those in office.
        """
        lo, hi = self._when_of(span)
        ids = self.kb.surnames.get(word) or self.kb.surnames.get(_uncapped(word)) or []
        found = [
            pid
            for pid in ids
            if any(r.start <= hi and r.end >= lo for r in self.kb.roles.get(pid, ()))
        ]
        return self.kb.entries.get(f"person:{found[0]}") if len(found) == 1 else None

    def _chained(self, span: Span, label: str, known: Mention) -> None:
        entry = self.kb.entries.get(known.actor_id) if known.kind == "person" else None
        if entry is not None:  # a KB person: the role is re-read at this sentence's date
            self._person(span, label, entry, "alias-chain")
            return
        self._add(
            span,
            known.actor_id,
            known.name,
            known.kind,
            known.country,
            known.sectors,
            known.code,
            "alias-chain",
            label,
            known.role_title,
        )

    # -- output ----------------------------------------------------------------------------------
    def sentence_of(self, token_i: int) -> int:
        return max(bisect_right(self.sent_starts, token_i) - 1, 0)

    def _add_entry(self, span: Span, entry: Entry, method: str, label: str) -> Mention:
        """A mention coded as the knowledge-base entry says at the time the sentence speaks of."""
        code, sectors = entry.code, entry.sectors
        if entry.actor_id in self.kb.dated_codes:
            code, sectors = self.kb.code_at(entry, self._when_of(span))
        return self._add(
            span,
            entry.actor_id,
            entry.name,
            entry.kind,
            entry.country,
            sectors,
            code,
            method,
            label,
        )

    def _add(
        self,
        span: Span,
        actor_id: str,
        name: str,
        kind: ActorKind,
        country: str | None,
        sectors: tuple[str, ...],
        code: str,
        method: str,
        label: str,
        role_title: str | None = None,
    ) -> Mention:
        m = Mention(
            article_id=self.article.id,
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            sentence=self.sentence_of(span.start),
            actor_id=actor_id,
            name=name,
            kind=kind,
            country=country,
            sectors=sectors,
            code=code,
            confidence=CONFIDENCE.get(method, 0.5),
            method=method,
            entity_type=label,
            role_title=role_title,
        )
        self.mentions.append(m)
        self.taken.update(range(span.start, span.end))
        return m


def _uncapped(word: str) -> str:
    """An all-caps headline word as a name is written: "KIM" → "Kim" (else the word itself)."""
    return word.capitalize() if word.isupper() and len(word) > 2 else word


def trim(span: Span) -> Span | None:
    """Drop leading determiners and a trailing possessive: "the Kremlin’s" → "Kremlin"."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in DETERMINERS:
        start += 1
    while end > start and doc[end - 1].text in POSSESSIVES:
        end -= 1
    if start >= end:
        return None
    return doc[start:end]


def resolve(kb: KnowledgeBase, doc: Doc, article: Article) -> tuple[Mention, ...]:
    """All mentions of an article, in text order."""
    return Resolver(kb, doc, article).run()


def mention_index(doc: Doc, mentions: tuple[Mention, ...] | list[Mention]) -> dict[int, Mention]:
    """Token index → the mention covering that token (for the event coder)."""
    out: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                out[i] = m
    return out
