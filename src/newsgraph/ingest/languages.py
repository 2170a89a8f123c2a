"""Which language an article is written in, by py3langid (langid.py's maintained fork).

py3langid ships its model (a naive Bayes over byte n-grams, trained on 97 languages by the
langid.py authors) as a compressed numpy archive inside the package: no download, no pickle,
loaded once per process. Only English articles are coded; the others are stored and searchable.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

CODED_LANGUAGES = frozenset({"en"})
MIN_WORDS = 20  # fewer words than this: too little text to tell, the language stays unknown
MIN_PROBABILITY = 0.9  # a less certain identification stays unknown
SAMPLE_CHARS = 4000  # the start of an article is enough to tell its language
_WORD = re.compile(r"[^\W\d_]+", re.U)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it cannot be told with confidence."""
    sample = text[:SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    code, probability = _identifier().classify(sample)
    return str(code) if float(probability) >= MIN_PROBABILITY else None


def is_coded(language: str | None) -> bool:
    """Whether the English coder runs on an article: English, or a language not known."""
    return language is None or language in CODED_LANGUAGES
