"""``kyotei sources detect FILE`` and ``kyotei add FILE``: a new list into the manifest.

``detect`` reads a file in whatever format it is (PDF, HTML, XLSX, CSV, text) with the
general layout and prints what it found — its sections with their level and rows, what it
could not read — as a manifest entry to check, edit and paste. ``add`` writes that entry
into the manifest (and copies the file beside it), then checks that the manifest still
reads; a manifest it would break is left as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from kyotei.graph.model.records import DocumentInfo, Level, LoadResult, Severity

sources_app = typer.Typer(help="Look at source documents before they are built.",
                          no_args_is_help=True, rich_markup_mode=None)
console = Console()
err = Console(stderr=True)
DEFAULT_MANIFEST = Path("data/sources/sources.toml")

LevelOpt = Annotated[
    Level | None,
    typer.Option("--level", help="The level until the document says otherwise."),
]


def _toml(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _read(path: Path, level: Level | None) -> LoadResult:
    # The loaders (PDF, spreadsheet and HTML readers) are imported when a command runs.
    from kyotei.loaders import LoaderError
    from kyotei.loaders.formats import read_document
    from kyotei.loaders.layouts.general import read_general

    info = DocumentInfo(file=path.name, title=path.stem, as_of=None, as_of_text="",
                        languages=(), publisher_status="unidentified", level=level)
    try:
        document = read_document(path)
    except LoaderError as exc:
        err.print(f"error: {exc}", highlight=False)
        raise typer.Exit(2) from None
    return read_general(info, document, level or Level.UNIVERSITY)


def _languages(result: LoadResult) -> list[str]:
    found = []
    if any(r.partner.institution_ja for r in result.agreements):
        found.append("ja")
    if any(r.partner.institution_en for r in result.agreements):
        found.append("en")
    return found


def entry(path: Path, result: LoadResult, *, title: str, publisher_ja: str | None,
          publisher_en: str | None, as_of: dt.date | None, level: Level | None) -> str:
    """The manifest entry for ``path``, with what the reader found as comments."""
    sections: dict[str, list[str]] = defaultdict(list)
    levels: dict[str, Counter[str]] = defaultdict(Counter)
    for record in result.agreements:
        sections[record.section].append(record.source.where)
        levels[record.section][record.level.value] += 1
    lines = [f"# kyotei sources detect {path.name}: {len(result.agreements)} partner rows"]
    for heading, places in sections.items():
        level_counts = ", ".join(f"{n} {lv}" for lv, n in levels[heading].most_common())
        lines.append(f"#   section {heading!r}: {len(places)} rows ({level_counts}), "
                     f"{places[0]} … {places[-1]}")
    problems = Counter(f.code for f in result.findings
                       if f.severity in (Severity.ERROR, Severity.WARNING))
    for code, count in sorted(problems.items()):
        lines.append(f"#   {count} × {code} (see `kyotei report` after the build)")
    for check in result.checks:
        lines.append(f"#   total {check.section!r} {check.unit}: stated {check.stated}, "
                     f"read {check.found} ({check.status})")
    publisher = "stated" if (publisher_ja or publisher_en) else "unidentified"
    lines += ["[[document]]", f"file = {_toml(path.name)}", f"title = {_toml(title)}"]
    if as_of is not None:
        lines += [f"as_of = {as_of.isoformat()}", f"as_of_text = {_toml(as_of.isoformat())}"]
    languages = _languages(result)
    if languages:
        lines.append("languages = [" + ", ".join(_toml(x) for x in languages) + "]")
    if level is not None:
        lines.append(f"level = {_toml(level.value)}")
    lines.append(f"publisher.status = {_toml(publisher)}")
    if publisher_ja:
        lines.append(f"publisher.ja = {_toml(publisher_ja)}")
    if publisher_en:
        lines.append(f"publisher.en = {_toml(publisher_en)}")
    lines.append("# no [[document.section]]: kyotei finds the sections itself")
    return "\n".join(lines) + "\n"


@sources_app.command("detect")
def detect_command(
    file: Annotated[Path, typer.Argument(help="A list: PDF, HTML, XLSX, CSV or text.")],
    level: LevelOpt = None,
) -> None:
    """Print the sections kyotei finds in FILE, as a manifest entry to check and paste."""
    result = _read(file, level)
    print(entry(file, result, title=file.stem, publisher_ja=None, publisher_en=None,  # noqa: T201
                as_of=None, level=level), end="")


def add_command(
    file: Annotated[Path, typer.Argument(help="A list: PDF, HTML, XLSX, CSV or text.")],
    publisher_ja: Annotated[
        str | None, typer.Option("--publisher-ja", help="The home university in Japanese.")
    ] = None,
    publisher_en: Annotated[
        str | None, typer.Option("--publisher-en", help="The home university in English.")
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="As-of date, YYYY-MM-DD.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The list's title.")] = None,
    level: LevelOpt = None,
    sources: Annotated[Path, typer.Option("--sources", envvar="KYOTEI_SOURCES",
                                          help="The sources manifest (TOML).")] = DEFAULT_MANIFEST,
) -> None:
    """Add FILE to the sources manifest (copying it beside the manifest): the entry
    `kyotei sources detect` prints, with the publisher and date given here."""
    from kyotei.loaders import LoaderError
    from kyotei.loaders.manifest import load_manifest

    try:
        date = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        err.print(f"error: --as-of {as_of!r} is not a date (YYYY-MM-DD)", highlight=False)
        raise typer.Exit(2) from None
    if not sources.is_file():
        err.print(f"error: {sources}: no such manifest", highlight=False)
        raise typer.Exit(2)
    target = sources.parent / file.name
    if any(d.file == file.name for d in load_manifest(sources)):
        err.print(f"error: {sources} names {file.name} already", highlight=False)
        raise typer.Exit(2)
    result = _read(file, level)
    text = entry(target, result, title=title or file.stem, publisher_ja=publisher_ja,
                 publisher_en=publisher_en, as_of=date, level=level)
    copied = False
    if file.resolve() != target.resolve():
        if target.exists():
            err.print(f"error: {target} exists and is another file", highlight=False)
            raise typer.Exit(2)
        shutil.copyfile(file, target)
        copied = True
    before = sources.read_text(encoding="utf-8")
    sources.write_text(before.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    try:
        load_manifest(sources)
    except LoaderError as exc:
        sources.write_text(before, encoding="utf-8")
        if copied:
            target.unlink()
        err.print(f"error: the entry would break the manifest, nothing added: {exc}",
                  highlight=False)
        raise typer.Exit(1) from None
    console.print(f"added {file.name} to {sources}: {len(result.agreements)} partner rows "
                  "found; run `kyotei build`", highlight=False)
