"""The ``digest`` command: options in, one call out, a summary and an exit code.

Exit codes: 0 all fine; 1 some inputs were rejected (the rest still built); 2 usage or
configuration error.
"""

from __future__ import annotations

import logging
import sys
import warnings

import click

from generator.errors import DigestError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _setup_output(verbose: bool, quiet: bool = False) -> None:
    level = logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s")
    warnings.simplefilter("once")
    if quiet:
        warnings.simplefilter("ignore")
    warnings.showwarning = lambda msg, cat, *a, **k: click.echo(f"warning: {msg}", err=True)


def _fail(exc: DigestError) -> None:
    for line in str(exc).splitlines():
        click.echo(f"error: {line}", err=True)
    sys.exit(EXIT_USAGE)


def _parse_shard(text: str) -> tuple[int, int]:
    try:
        index, count = (int(x) for x in text.split("/"))
        if count < 1 or not 0 <= index < count:
            raise ValueError
    except ValueError:
        raise click.BadParameter(f"expected K/N with 0 <= K < N, got {text!r}", param_hint="--shard") from None
    return index, count


def _report(rejections, notices, quiet: bool = False, warnings=()) -> None:
    for notice in () if quiet else notices:
        click.echo(f"notice: {notice}", err=True)
    for w in () if quiet else warnings:
        click.echo(f"warning: {w}", err=True)
    for r in rejections:
        click.echo(f"rejected: {r}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="digest-generator")
def cli() -> None:
    """Turn a folder of news articles into a searchable, offline-capable intelligence digest."""


@cli.command()
@click.option("--articles", "articles", multiple=True, type=click.Path(), help="Article file or folder (repeatable). Default: from digest.yml, else articles/.")
@click.option("--no-site", is_flag=True, help="Stop after writing the Markdown under docs/.")
@click.option("--strict/--no-strict", default=True, show_default=True, help="Fail the site build on any MkDocs warning.")
@click.option("-C", "--project", default=".", type=click.Path(file_okay=False), help="The digest project folder (with mkdocs.yml).")
@click.option("-v", "--verbose", is_flag=True, help="Show MkDocs progress.")
@click.option("--analyse-only", is_flag=True, help="Only fill the analysis cache (no pages, no site).")
@click.option("--shard", default="0/1", metavar="K/N", help="With --analyse-only: take shard K of N (0-based), to share the analysis between machines.")
@click.option("--dask", metavar="ADDRESS", help="Analyse on a Dask cluster: a scheduler address (tcp://host:8786), or local[:N] for N local worker processes. Needs the [dask] extra.")
@click.option("--full", is_flag=True, help="Build every page of the site again, instead of keeping unchanged article pages from the last site.")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), help="What builds the site from mkdocs.yml and docs/: mkdocs (MkDocs + Material, the default) or zensical (needs the [zensical] extra). Default: from digest.yml, else mkdocs.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors (no progress, notices or summary).")
def build(articles, no_site, strict, project, verbose, analyse_only, shard, dask, full, quiet, engine) -> None:
    """Build the digest in a project folder.

    Reads the articles, writes the generated pages under docs/ (actors/, themes/, articles/,
    _partials/, assets/digest/; hand-written pages are never touched), then runs MkDocs into
    site/. Shows progress on stderr: bars on a terminal, a plain line every 10% otherwise.
    Prints the site's size and its biggest folders, and a warning from 80% of GitHub
    Pages' 1 GB limit on (the environment's DIGEST_SITE_LIMIT, e.g. 500MB, sets another).
    Exits 0 when every input was read, 1 when some were rejected (the rest are built), 2 on a
    usage or configuration error.
    """
    _setup_output(verbose, quiet)
    from generator.build import run
    from generator.config import load_config
    from generator.progress import for_stream
    from generator.sitesize import limit_from_env
    from generator.sitesize import report as size_report

    progress = for_stream(sys.stderr, quiet)
    try:
        config = load_config(project, tuple(articles), engine)
        limit = limit_from_env()
        if analyse_only:
            index, count = _parse_shard(shard)
            from generator.build import prefill_cache

            fresh, cached, rejections = prefill_cache(config, index, count, dask, progress)
            _report(rejections, (), quiet)
            if not quiet:
                click.echo(f"shard {index}/{count}: {fresh} analysed, {cached} already in the cache, {len(rejections)} rejected")
            sys.exit(EXIT_REJECTED if rejections else EXIT_OK)
        result = run(config, site=not no_site, strict=strict, dask=dask, incremental=not full, progress=progress)
    except DigestError as exc:
        _fail(exc)
    _report(result.rejections, result.notices, quiet, result.warnings)
    if not quiet:
        if result.site_size is not None:  # before the summary, which stays the last line
            line, warning = size_report(result.site_size, limit)
            click.echo(line)
            if warning:
                click.echo(f"warning: {warning}", err=True)
        click.echo(_summary(result))
        for name, new, total in result.watchlists:
            click.echo(f"watchlist '{name}': {new} new {'match' if new == 1 else 'matches'} since the previous build ({total} in all)")
    sys.exit(EXIT_REJECTED if result.rejections else EXIT_OK)


def _summary(result) -> str:
    return (
        f"{result.read} read, {result.built} built, {len(result.rejections)} rejected, {result.undated} undated"
        + (f", {len(result.warnings)} fields dropped" if result.warnings else "")
        + (f" (listed in {result.rejected_file})" if result.rejections or result.warnings else "")
        + "; "
        f"{result.analysed} analysed, {result.cached} from cache ({result.pipeline}); "
        f"pages: {result.pages.written} written, {result.pages.unchanged} unchanged, {result.pages.removed} removed"
        + (f"; site: {result.site_dir}" if result.site_dir else "")
    )


@cli.command()
@click.option("--articles", "articles", multiple=True, type=click.Path(), help="Article file or folder (repeatable). Default: from digest.yml, else articles/.")
@click.option("-C", "--project", default=".", type=click.Path(file_okay=False), help="The digest project folder (with mkdocs.yml).")
@click.option("-p", "--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port on 127.0.0.1 (0: any free port).")
@click.option("--interval", default=1.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds between checks for changed files.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors and the address.")
def serve(articles, project, port, interval, quiet) -> None:
    """Build the digest, serve the site on 127.0.0.1, and build again on every change.

    Watches the articles, digest.yml, mkdocs.yml, the data files they name (gazetteer,
    themes, lexicon, sources, dates) and the hand-written pages under docs/, like 'mkdocs
    serve'; a failed rebuild is reported and the last good site stays served. Stop with
    Ctrl-C (exit 0). Exits 2 when the first build fails or the port is taken.
    """
    _setup_output(False, quiet)
    from generator.progress import for_stream
    from generator.serve import serve as run_server

    def on_build(result, error) -> None:
        if error is not None:
            for line in str(error).splitlines():
                click.echo(f"error: {line}", err=True)
            return
        _report(result.rejections, result.notices, quiet, result.warnings)
        if not quiet:
            click.echo(_summary(result), err=True)

    try:
        run_server(project, tuple(articles), port=port, interval=interval, progress=for_stream(sys.stderr, quiet),
                   on_build=on_build, on_ready=lambda url: click.echo(f"serving {url} (Ctrl-C to stop)", err=True))
    except DigestError as exc:
        _fail(exc)
    except OSError as exc:
        click.echo(f"error: cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        sys.exit(EXIT_OK)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per article (JSON Lines), in input order.")
def analyse(paths, as_json) -> None:
    """Analyse article files or folders and print what was found.

    Reads the given paths (no project needed), prints actors, themes and figures per article,
    writes nothing. Exits 0, or 1 when some inputs were rejected (reported on stderr).
    """
    _setup_output(False)
    from generator import analyse as analyse_stage
    from generator.model import article_to_json

    try:
        result = analyse_stage.run(list(paths))
    except DigestError as exc:
        _fail(exc)
    import json

    for a in result.articles:
        if as_json:
            click.echo(json.dumps(article_to_json(a), ensure_ascii=False))
            continue
        art = a.article
        click.echo(f"{art.location}: {art.title}")
        click.echo(f"  date: {art.date or 'unknown'} ({art.date_source}) · source: {art.source or 'unknown'} · id: {art.id}")
        click.echo("  actors: " + (", ".join(f"{r.name} ({r.count})" for r in a.actors) or "none"))
        click.echo("  themes: " + (", ".join(f"{t.id} ({t.score:g})" for t in a.themes) or "none"))
        for f in a.figures:
            who = f" — {f.attribution}" if f.attribution else ""
            click.echo(f"  figure: {f.text} [{f.certainty}]{who}")
    _report(result.rejections, result.notices, warnings=[d for a in result.articles for d in a.article.dropped])
    sys.exit(EXIT_REJECTED if result.rejections else EXIT_OK)


@cli.command()
@click.argument("feeds", nargs=-1)
@click.option("-C", "--project", default=".", type=click.Path(file_okay=False), help="The digest project folder (with mkdocs.yml).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(min=0.1), help="Seconds to wait for a server.")
@click.option("--retries", default=3, show_default=True, type=click.IntRange(0, 10), help="Retries after a 429, a 5xx or a timeout.")
@click.option("--force", is_flag=True, help="Download every feed in full, ignoring ETag/Last-Modified.")
def fetch(feeds, project, timeout, retries, force) -> None:
    """Fetch RSS/Atom feeds (URLs or files) into the project's articles folder.

    Reads FEED... or, with none given, the 'feeds:' of digest.yml; writes one JSON file per
    entry under <articles>/feeds/ and the feeds' ETag/Last-Modified to
    <articles>/.fetch-state.json, so an unchanged feed is not downloaded again and 'digest
    build' works offline. Exits 0 when every feed was read, 1 when some failed or had bad
    entries (each named with the reason; the rest are stored), 2 on a usage or configuration
    error.
    """
    _setup_output(False)
    from generator.config import load_config
    from generator.fetch import FetchPolicy, run

    try:
        result = run(load_config(project), feeds, policy=FetchPolicy(timeout=timeout, retries=retries), force=force)
    except DigestError as exc:
        _fail(exc)
    _report(result.rejections, result.notices)
    click.echo(
        f"{result.feeds} feeds: {result.read} read, {result.not_modified} not modified, {result.failed} failed; "
        f"entries: {result.new} new, {result.updated} updated, {result.unchanged} unchanged; in {result.folder}"
    )
    sys.exit(EXIT_REJECTED if result.rejections else EXIT_OK)


@cli.command()
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--name", default=None, help="Site name (default: from the folder name).")
def init(directory, name) -> None:
    """Create a new digest project in DIRECTORY.

    Writes mkdocs.yml, digest.yml, docs/ (home, methodology and tags pages) and articles/ with
    one example article; 'digest build' in that folder then builds it. Refuses to overwrite an
    existing project (exit 2).
    """
    from generator.scaffold import create

    try:
        created = create(directory, name)
    except DigestError as exc:
        _fail(exc)
    for path in created:
        click.echo(f"created {path}")
    click.echo(f"next: cd {directory} && digest build")


def main() -> None:
    cli(prog_name="digest")
