"""Whether words name the outlet that published the article ("VOA" in a voanews.com story).

The outlet is the article's voice and its medium, never an actor, speaker or place of an event
it reports: "Kelly told VOA", "a VOA analysis found". A name counts as the outlet's when its
letters, or its initials, are the outlet's name, or its web site's name less a news word ("Voice
of America" → "voa" → voanews.com; "Al Jazeera" → "aljazeera" → aljazeera.com; "AP" → apnews.com).
Callers apply it to organisations and unresolved names only: a state or a person is never the
outlet ("USA" in a usatoday.com story).
"""

from __future__ import annotations

import re

_SMALL = frozenset({"the", "a", "an"})
# What a news site adds to an outlet's name in its address: "voa" + "news", "ap" + "news".
_SITE_WORDS = ("", "news", "online", "tv", "daily", "media", "live")
_WORD = re.compile(r"[A-Za-z0-9]+")
MIN_KEY = 2


def outlet_keys(outlet: str | None) -> frozenset[str]:
    """Lower-case keys of an outlet: its site's first label ("voanews") and its joined name."""
    if not outlet:
        return frozenset()
    name = outlet.strip().lower().removeprefix("www.")
    keys = {"".join(_WORD.findall(name))}
    if "." in name and " " not in name:
        keys.add("".join(_WORD.findall(name.split(".")[0])))
    return frozenset(k for k in keys if len(k) >= MIN_KEY)


def names_outlet(text: str, keys: frozenset[str]) -> bool:
    """True when `text` ("VOA", "Voice of America", "VOA's Kurdish Service") names the outlet."""
    if not keys or not text:
        return False
    words = _WORD.findall(re.sub(r"['’]s\b", "", text))
    if not words:
        return False
    candidates = {"".join(w.lower() for w in words)}
    initials = "".join(w[0].lower() for w in words if w.lower() not in _SMALL)
    if len(words) > 1:
        candidates.add(initials)
    candidates |= {w.lower() for w in words if w.isupper() and len(w) >= MIN_KEY}
    return any(
        len(c) >= MIN_KEY and any(k == c + w for w in _SITE_WORDS) for c in candidates for k in keys
    )
