"""Commands over articles: ingest, articles, show, search, stats."""

from __future__ import annotations

import click

COMMANDS: list[click.Command] = []
