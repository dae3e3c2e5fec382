"""``kyotei sources detect FILE`` and ``kyotei add FILE``: a new list into the manifest.

``detect`` reads a file in whatever format it is (PDF, HTML, XLSX, CSV, text) as the build
reads a document without sections, and prints what it found — its sections with their level
and rows, what it could not read, what the format reader noted (a page without text, a
guessed encoding) — as a manifest entry to check, edit and paste; an RDF file (another
university's export) is read as the build reads it, its agreements counted per source
document. ``add`` writes that entry into the manifest (and copies the file beside it), then
checks that the manifest still reads; a manifest it would break, or a file in which no
partner row is found, is left out.
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
console = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
DEFAULT_MANIFEST = Path("data/sources/sources.toml")

LevelOpt = Annotated[
    Level | None,
    typer.Option("--level", help="The level until the document says otherwise."),
]
FILE_HELP = ("A list (PDF, HTML, XLSX, CSV, text) or another university's export (Turtle, "
             "N-Triples, N-Quads, TriG).")
LanguagesOpt = Annotated[
    str | None,
    typer.Option("--languages", help="The languages the rows are printed in, as BCP 47 tags "
                 "separated by commas (de,en): country names and dates are read in them too; "
                 "without it: ja and/or en, as the names' scripts suggest."),
]


def _tags(languages: str | None) -> tuple[str, ...]:
    return tuple(t.strip() for t in (languages or "").split(",") if t.strip())


def _toml(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _read(path: Path, level: Level | None, languages: tuple[str, ...] = ()) -> list[LoadResult]:
    """What the build would read from ``path``: one result, or one per source document of
    an RDF graph."""
    # The loaders (PDF, spreadsheet and HTML readers) are imported when a command runs.
    from kyotei.loaders import LoaderError, load_document
    from kyotei.loaders.rdf import is_rdf_source, load_rdf_source

    info = DocumentInfo(file=path.name, title=path.stem, as_of=None, as_of_text="",
                        languages=languages, publisher_status="unidentified", level=level)
    try:
        if is_rdf_source(path.name):
            return load_rdf_source(info, path)
        if not path.is_file():  # the build's reader would name the folder, not the file
            err.print(f"error: {path}: " + ("a directory, not a file" if path.is_dir()
                                            else "file not found"), highlight=False)
            raise typer.Exit(2)
        return [load_document(info, path.parent)]
    except LoaderError as exc:
        err.print(f"error: {exc}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


def _rows(results: list[LoadResult]) -> int:
    return sum(len(r.agreements) for r in results)


def _notes(results: list[LoadResult]) -> list[str]:
    """What the format reader noted (a page without text, a guessed encoding, …)."""
    return [f.message for r in results for f in r.findings if f.code == "format.note"]


def _nothing_found(path: Path, results: list[LoadResult]) -> str:
    notes = ["the file is empty"] if path.stat().st_size == 0 else _notes(results)
    return (f"{path.name}: no partner row found" + (f" ({'; '.join(notes)})" if notes else
                                                    ""))


def _languages(results: list[LoadResult]) -> list[str]:
    found = []
    if any(r.partner.institution_ja for result in results for r in result.agreements):
        found.append("ja")
    if any(r.partner.institution_en for result in results for r in result.agreements):
        found.append("en")
    return found


def _found(path: Path, result: LoadResult) -> list[str]:
    """What the reader found in a list, as comment lines."""
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
    lines += [f"#   note: {note}" for note in _notes([result])]
    problems = Counter(f.code for f in result.findings if f.code != "format.note"
                       and f.severity in (Severity.ERROR, Severity.WARNING))
    for code, count in sorted(problems.items()):
        lines.append(f"#   {count} × {code} (see `kyotei report` after the build)")
    for check in result.checks:
        lines.append(f"#   total {check.section!r} {check.unit}: stated {check.stated}, "
                     f"read {check.found} ({check.status})")
    return lines


def _found_rdf(path: Path, results: list[LoadResult]) -> list[str]:
    """What the build reads back from an RDF graph, as comment lines."""
    lines = [f"# kyotei sources detect {path.name}: an RDF graph, {_rows(results)} agreements "
             f"in {sum(1 for r in results if r.agreements)} source documents"]
    for result in results:
        if result.agreements:
            lines.append(f"#   document {result.document.file!r} "
                         f"({result.document.title!r}): {len(result.agreements)} agreements")
    lines += [f"#   {f.severity.value}: {f.message}" for r in results for f in r.findings]
    return lines


def entry(path: Path, results: list[LoadResult], *, title: str, publisher_ja: str | None,
          publisher_en: str | None, as_of: dt.date | None, level: Level | None,
          publisher_country: str | None = None, languages: tuple[str, ...] = ()) -> str:
    """The manifest entry for ``path``, with what the reader found as comments."""
    from kyotei.loaders.rdf import is_rdf_source

    rdf = is_rdf_source(path.name)
    lines = _found_rdf(path, results) if rdf else _found(path, results[0])
    publisher = "stated" if (publisher_ja or publisher_en) else "unidentified"
    lines += ["[[document]]", f"file = {_toml(path.name)}", f"title = {_toml(title)}"]
    if as_of is not None:
        lines += [f"as_of = {as_of.isoformat()}", f"as_of_text = {_toml(as_of.isoformat())}"]
    tags = [] if rdf else list(languages) or _languages(results)
    if tags:
        lines.append("languages = [" + ", ".join(_toml(x) for x in tags) + "]")
    if level is not None:
        lines.append(f"level = {_toml(level.value)}")
    lines.append(f"publisher.status = {_toml(publisher)}")
    if publisher_ja:
        lines.append(f"publisher.ja = {_toml(publisher_ja)}")
    if publisher_en:
        lines.append(f"publisher.en = {_toml(publisher_en)}")
    if publisher_country:
        lines.append(f"publisher.country = {_toml(publisher_country)}")
    lines.append("# an RDF graph: each of its source documents keeps its own publisher and "
                 "date; this entry's are used where it names none" if rdf else
                 "# no [[document.section]]: kyotei finds the sections itself")
    return "\n".join(lines) + "\n"


@sources_app.command("detect")
def detect_command(
    file: Annotated[Path, typer.Argument(help=FILE_HELP)],
    level: LevelOpt = None,
    languages: LanguagesOpt = None,
) -> None:
    """Print the sections kyotei finds in FILE, as a manifest entry to check and paste
    (an RDF file, another university's export: its agreements per source document)."""
    results = _read(file, level, _tags(languages))
    print(entry(file, results, title=file.stem, publisher_ja=None, publisher_en=None,  # noqa: T201
                as_of=None, level=level, languages=_tags(languages)), end="")
    if not _rows(results):
        err.print(f"warning: {_nothing_found(file, results)}", highlight=False,
                  soft_wrap=True)


def add_command(
    file: Annotated[Path, typer.Argument(help=FILE_HELP)],
    publisher_ja: Annotated[
        str | None, typer.Option("--publisher-ja", help="The home university in Japanese.")
    ] = None,
    publisher_en: Annotated[
        str | None, typer.Option("--publisher-en", help="The home university in English.")
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="As-of date, YYYY-MM-DD.")] = None,
    publisher_country: Annotated[str | None, typer.Option(
        "--publisher-country", help="The home university's country, ISO 3166-1 alpha-2 "
        "(JP); without it the university has no country and its IRI says xx.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The list's title.")] = None,
    level: LevelOpt = None,
    languages: LanguagesOpt = None,
    sources: Annotated[Path, typer.Option("--sources", envvar="KYOTEI_SOURCES",
                                          help="The sources manifest (TOML).")] = DEFAULT_MANIFEST,
) -> None:
    """Add FILE to the sources manifest (copying it beside the manifest): the entry
    `kyotei sources detect` prints, with the publisher and date given here."""
    from kyotei.loaders import LoaderError
    from kyotei.loaders.manifest import load_manifest
    from kyotei.loaders.rdf import is_rdf_source

    try:
        date = dt.date.fromisoformat(as_of) if as_of else None
    except ValueError:
        err.print(f"error: --as-of {as_of!r} is not a date (YYYY-MM-DD)", highlight=False)
        raise typer.Exit(2) from None
    country = publisher_country.upper() if publisher_country else None
    if country is not None and not (len(country) == 2 and country.isascii()
                                    and country.isalpha()):
        err.print(f"error: --publisher-country {publisher_country!r} is not an ISO 3166-1 "
                  "alpha-2 code (JP, KR, DE, …)", highlight=False)
        raise typer.Exit(2)
    if country is not None and not (publisher_ja or publisher_en):
        err.print("error: --publisher-country names the country of a publisher: give "
                  "--publisher-ja or --publisher-en too", highlight=False)
        raise typer.Exit(2)
    if not sources.is_file():
        err.print(f"error: {sources}: no such manifest", highlight=False)
        raise typer.Exit(2)
    target = sources.parent / file.name
    try:
        named = [d.file for d in load_manifest(sources)]
    except LoaderError as exc:
        err.print(f"error: the manifest does not read, nothing added (fix it first): {exc}",
                  highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
    if file.name in named:
        err.print(f"error: {sources} names {file.name} already", highlight=False)
        raise typer.Exit(2)
    results = _read(file, level, _tags(languages))
    if not _rows(results):
        err.print(f"error: {_nothing_found(file, results)}: nothing added", highlight=False,
                  soft_wrap=True)
        raise typer.Exit(1)
    text = entry(target, results, title=title or file.stem, publisher_ja=publisher_ja,
                 publisher_en=publisher_en, as_of=date, level=level,
                 publisher_country=country, languages=_tags(languages))
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
                  highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None
    rdf = is_rdf_source(file.name)
    console.print(f"added {file.name} to {sources}: {_rows(results)} "
                  + ("agreements read back" if rdf else "partner rows found")
                  + "; run `kyotei build`", highlight=False, soft_wrap=True)
    if not (publisher_ja or publisher_en or rdf):  # a graph's documents name their own
        err.print("note: no --publisher-ja/--publisher-en: the publisher is recorded as "
                  f"unidentified (edit publisher.* in {sources} if it is known)",
                  highlight=False, soft_wrap=True)
