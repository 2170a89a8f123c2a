"""Commands over actors: `actors` (who is mentioned, how often, where) and `mentions ARTICLE_ID`."""

from __future__ import annotations

import click

from newsgraph.cli import db_option, emit_json, open_existing, safe


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of actor objects).")
@click.option(
    "--unresolved/--resolved-only",
    default=True,
    show_default=True,
    help="Include unresolved names, places and things.",
)
def actors(db: str, as_json: bool, unresolved: bool) -> None:
    """Actors with their code, mention count and the articles they occur in."""
    with open_existing(db) as store:
        rows = store.actors()
    if not unresolved:
        rows = [r for r in rows if r["resolved"] and r["kind"] not in ("place", "thing")]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        articles = ",".join(a[:12] for a in r["articles"])
        click.echo(
            safe(
                f"{r['mentions']:5d}  {r['code'] or '-':10} {r['kind']:12} {r['name']}  "
                f"[{r['id']}]  {articles}"
            )
        )


@click.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON (a list of mention objects).")
def mentions(article_id: str, db: str, as_json: bool) -> None:
    """Every named entity of an article (a unique id prefix works), resolved or not."""
    with open_existing(db) as store:
        rows = store.mentions(store.resolve_article_id(article_id))
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        click.echo(
            safe(
                f"{r['start']:6d}-{r['end']:<6d} s{r['sentence']:<3d} {r['text'][:30]:30} "
                f"{r['code'] or '-':10} {r['kind']:12} {r['method']:18} {r['name']}"
            )
        )


COMMANDS: list[click.Command] = [actors, mentions]
