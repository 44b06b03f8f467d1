"""Hostile and broken input end to end: nothing injected, nothing lost, clear messages.

Builds real sites (spaCy + MkDocs) from articles that try to inject markup, scripts, links,
template syntax and file includes, and checks the built HTML; then breaks the build, runs two
at once and corrupts the cache.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import analysispack
from generator.build import project_lock, run
from generator.cli import cli
from generator.config import load_config
from generator.errors import BuildError
from tests.conftest import FIXTURES, make_project

pytestmark = pytest.mark.slow


class Page(HTMLParser):
    """Every element and attribute of a page, and its visible text."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._skip = 0
        self.feed(text)

    # inline elements do not separate words: "<span>a</span><span>b</span>" reads "ab", as in a browser
    INLINE = frozenset({"a", "span", "strong", "em", "code", "sup", "sub", "mark", "abbr", "b", "i", "small"})

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._skip += 1
        if tag not in self.INLINE:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        if tag not in self.INLINE:
            self.text.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join("".join(self.text).split())


def tree(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, analyser):
    project = make_project(tmp_path_factory.mktemp("hostile"), sorted((FIXTURES / "hostile").iterdir()))
    result = run(load_config(project), analyser=analyser)
    assert result.built == len(list((FIXTURES / "hostile").iterdir())) and not result.rejections
    return project


def article_pages(project: Path) -> list[Path]:
    return [p for p in (project / "site" / "articles").glob("*.html") if p.name != "index.html"]


def test_no_element_attribute_or_link_from_the_input(hostile_site):
    reference = Page((hostile_site / "site" / "methodology.html").read_text())
    inline_scripts = sum(1 for t, a in reference.tags if t == "script" and not a.get("src"))
    for page in hostile_site.joinpath("site").rglob("*.html"):
        parsed = Page(page.read_text())
        for tag, attrs in parsed.tags:
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            assert tag not in ("iframe", "img", "object", "embed"), (page, tag)
            for key in ("href", "src", "action"):
                value = (attrs.get(key) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (page, tag, attrs)
            if tag == "svg":
                assert "onload" not in attrs
            if tag == "div":
                assert "admonition" not in (attrs.get("class") or ""), page
            if tag == "a" and (attrs.get("href") or "").startswith("http"):
                # the only outside links are the articles' own http(s) URLs
                assert attrs["href"].startswith(
                    ("https://evil.example/a", "https://json.example/", "https://squidfunk.github.io/mkdocs-material/",
                     "https://www.wikidata.org/wiki/Q")  # the knowledge base's links to actors
                ), attrs
        scripts = [a for t, a in parsed.tags if t == "script"]
        for a in scripts:
            if page.name != "404.html":  # the 404 page uses site_url's path, by design
                assert not a.get("src") or re.match(r"^(\.\./)*(assets|search)/", a["src"]), (page, a)
        if page.name != "404.html":
            assert sum(1 for a in scripts if not a.get("src")) == inline_scripts, page


def test_hostile_text_is_visible_as_typed(hostile_site):
    pages = {p.name: Page(p.read_text()).visible for p in article_pages(hostile_site)}
    everything = " ".join(pages.values())
    for typed in (
        "<script>alert('summary')</script> [link](javascript:alert('summary-link'))",
        '<div class="admonition" onclick="alert(\'div\')">raw div</div>',
        '!!! danger "Admonition injected"',
        '--8<-- "mkdocs.yml"',
        "{{ config.site_name }}",
        "{% include 'base.html' %}",
        "<a href=\"javascript:alert('a')\">click me</a>",
        "# Heading injected",
        "| injected | table |",
        "1. Not a list item.",
        "> Not a quote.",
        "<img src=x onerror=alert('source')>",
    ):
        assert typed in everything, typed
    # the snippet was not included: the config file's content is nowhere in the pages
    assert "site_name:" not in everything and "markdown_extensions" not in everything


def test_title_cannot_break_out_of_the_title_element(hostile_site):
    for page in article_pages(hostile_site):
        text = page.read_text()
        title = re.search(r"<title>(.*?)</title>", text, re.DOTALL).group(1)
        assert "<" not in title and ">" not in title and "&lt;" not in html.unescape(title)
        assert text.count("<title>") == 1


def test_front_matter_cannot_set_other_keys(hostile_site):
    md = next((hostile_site / "docs" / "articles").glob("title-script*.md")).read_text()
    front = md.split("---", 2)[1]
    assert "layout" not in front and "merged" not in front


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def test_csv_cells_a_spreadsheet_would_run_are_neutralised_in_every_download(hostile_site):
    """csv-formulas.md puts =, +, - and @ at the start of its title, source, sentences and a
    quotation: every CSV download holds them with an apostrophe first; the JSON Lines files,
    which no spreadsheet runs, hold them as they are, and the CSV holds the same rows."""
    import csv
    import json

    downloads = hostile_site / "site" / "downloads"
    neutralised: dict[str, int] = {}
    for path in sorted(downloads.rglob("*.csv.gz")):
        with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
            header, *rows = list(csv.reader(f))
        stem = path.name.removesuffix(".csv.gz")
        lines = path.with_name(f"{stem}.jsonl.gz")
        if not lines.exists():  # a CSV-only table (story-figures.csv.gz): no cell may run
            for row in rows:
                for cell in row:
                    if cell.startswith(FORMULA_STARTS):
                        float(cell)  # only a number (-3.5) may start so
            continue
        records = [json.loads(x) for x in gzip.decompress(lines.read_bytes()).decode("utf-8").splitlines()]
        assert len(rows) == len(records), path
        for row, record in zip(rows, records, strict=True):
            for column, cell in zip(header, row, strict=True):
                value = record[column]
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    assert cell == "'" + value, (path, column, cell)
                    neutralised[stem] = neutralised.get(stem, 0) + 1
                elif isinstance(value, str):
                    assert cell == value, (path, column, cell)
                if isinstance(value, str):  # numbers (-3.5) are numbers, not formulas
                    assert not cell.startswith(FORMULA_STARTS), (path, column, cell)
    # the hostile values did reach each kind of table, so the loop above checked something
    assert {"articles", "themes", "figures", "quotes"} <= set(neutralised), neutralised
    articles = gzip.decompress((downloads / "articles.csv.gz").read_bytes()).decode("utf-8")
    assert "'=HYPERLINK" in articles and "'@SUM(1+1)" in articles


def test_hostile_actor_names_stay_inside_and_never_share_a_page(tmp_path, analyser):
    names = ["../../etc/passwd", "con", "Index", "Côte Ivoire Group", "Cote Ivoire Group",
             "COTE IVOIRE GROUP", "A" * 300, "دمشق للأبحاث", "🙂 Smile Front", "Tags", "..", "<b>Bold</b> Org"]
    gazetteer = tmp_path / "actors.yml"
    lines = ["actors:"]
    for i, name in enumerate(names):
        lines += [f"  - name: {name!r}", "    type: organisation", f"    aliases: ['Hostile Org {i}']"]
    gazetteer.write_text("\n".join(lines) + "\n", encoding="utf-8")
    body = " ".join(f"Hostile Org {i} met officials." for i in range(len(names)))
    article = tmp_path / "names.txt"
    article.write_text(f"{body}\nSecond paragraph about Hostile Org 1.\nOriginal Source: x.example\n", encoding="utf-8")
    project = make_project(tmp_path, [article])
    (project / "digest.yml").write_text(f"articles: [articles]\ngazetteer: [{gazetteer}]\n")
    result = run(load_config(project))  # its own analyser: the gazetteer is part of the pipeline
    assert result.built == 1
    docs = (project / "docs").resolve()
    pages = [p for p in (docs / "actors").glob("*.md") if p.name != "index.md"]
    assert len(pages) == len(names)  # every actor has its own page: no overwrite
    for p in docs.rglob("*"):
        assert p.resolve().is_relative_to(docs)
    for p in [*(docs / "actors").iterdir(), *(docs / "articles").iterdir()]:
        assert re.fullmatch(r"[a-z0-9-]{1,60}\.md", p.name), p.name
    assert not (tmp_path / "etc").exists()


def test_broken_inputs_each_get_one_message_and_the_rest_build(tmp_path):
    good = FIXTURES / "front_matter.md"
    broken = [FIXTURES / n for n in ("empty.txt", "binary.txt", "bad_date.md", "bad_yaml.md",
                                     "unclosed_front_matter.md", "bad_line_2.jsonl", "javascript_url.md")]
    project = make_project(tmp_path, [good, FIXTURES / "windows_1252.txt", FIXTURES / "bom.txt", *broken])
    big = project / "articles" / "huge.txt"
    with big.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # 50 MB of NUL bytes
    absurd = project / "articles" / "absurd.md"
    absurd.write_text("---\ntitle: Far future\ndate: 9999-01-01\n---\nText of an article from the far future.\n")
    result = CliRunner().invoke(cli, ["build", "-C", str(project)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("rejected: ")]
    expected = {  # no text to read: rejected
        "empty.txt": "empty file",
        "binary.txt": "binary file",
        "unclosed_front_matter.md:1": "not closed",
        "bad_line_2.jsonl:2": "not valid JSON",
        "huge.txt": "file is too large: 52.4 MB",
    }
    assert len(errors) == len(expected), errors
    for name, reason in expected.items():
        assert any(f"{name}: " in e and reason in e for e in errors), (name, errors)
    warnings = sorted(line for line in result.stderr.splitlines() if line.startswith("warning: "))
    dropped = {  # text fine, one field bad: built without it
        "absurd.md:3": "date dropped: out of range (1900-2100): 9999-01-01",
        "bad_date.md:3": "date dropped: not a date",
        "bad_yaml.md:3": "front matter dropped: not valid YAML",
        "javascript_url.md:3": "url dropped: not an http(s) URL",
    }
    assert len(warnings) == len(dropped), warnings
    for (name, reason), line in zip(dropped.items(), warnings, strict=True):
        assert f"/{name}: {reason}" in line, (name, line)
    summary = result.stdout.strip().splitlines()[-1]
    assert re.match(r"14 read, 9 built, 5 rejected, \d+ undated, 4 fields dropped \(listed in ", summary), summary
    articles = project / "site" / "articles"
    headings = {}
    for page in articles.glob("*.html"):
        if m := re.search(r'<h1 id="[^"]*">([^<]*)<', page.read_text()):
            headings[m.group(1)] = page.read_text()
    for title in ("Far future", "Bad date", "Evil", "Troops on the move", "Body", "Line one", "Line three"):
        assert title in headings, (title, sorted(headings))
    assert 'href="javascript:' not in headings["Evil"] and "Original:" not in headings["Evil"]
    assert "Original:" in headings["Troops on the move"]  # the check above can fail

    import json

    rows = [json.loads(line) for line in (project / "rejected.jsonl").read_text().splitlines()]
    assert [r["kind"] for r in rows] == ["rejected"] * 5 + ["warning"] * 4
    for row, (name, reason) in zip(rows[5:], dropped.items(), strict=True):
        assert f"{row['path']}:{row['line']}".endswith(name) and row["reason"].startswith(reason)
    assert rows[-1]["value"] == "javascript:alert(1)"
    located = [(f"{r['path']}:{r['line']}" if r["line"] else r["path"], r["reason"]) for r in rows[:5]]
    for name, reason in expected.items():
        assert any(where.endswith(f"/{name}") and reason in why for where, why in located), (name, located)
    downloads = project / "site" / "downloads" / "articles.jsonl.gz"
    evil_rows = [json.loads(x) for x in gzip.decompress(downloads.read_bytes()).decode().splitlines() if '"Evil"' in x]
    assert [r["url"] for r in evil_rows] == [None]


def test_a_failed_site_build_leaves_docs_and_site_as_they_were(tmp_path, analyser):
    project = make_project(tmp_path, [FIXTURES / "front_matter.md"])
    config = load_config(project)
    run(config, analyser=analyser)
    docs_before, site_before = tree(project / "docs"), tree(project / "site")
    (project / "articles" / "second.md").write_text("---\ntitle: Second\n---\nRussia sent troops.\n")
    (project / "docs" / "methodology.md").write_text("# Methodology\n\n[broken](nowhere.md)\n")
    docs_before["methodology.md"] = tree(project / "docs")["methodology.md"]
    with pytest.raises(BuildError, match="mkdocs build failed"):
        run(config, analyser=analyser)
    assert tree(project / "docs") == docs_before
    assert tree(project / "site") == site_before
    assert not any(p.name.startswith(".site") for p in project.iterdir())


def test_hand_written_pages_are_never_touched(tmp_path, analyser):
    project = make_project(tmp_path, [FIXTURES / "front_matter.md"])
    (project / "docs" / "notes.md").write_text("# My notes\n")
    mine = {n: (project / "docs" / n).read_bytes() for n in ("index.md", "methodology.md", "tags.md", "notes.md")}
    run(load_config(project), analyser=analyser)
    assert {n: (project / "docs" / n).read_bytes() for n in mine} == mine


def test_a_second_build_at_once_refuses_clearly(tmp_path, analyser):
    project = make_project(tmp_path, [FIXTURES / "front_matter.md"])
    with project_lock(project), pytest.raises(BuildError, match="another 'digest build' is running"):
        run(load_config(project), analyser=analyser)
    run(load_config(project), analyser=analyser)  # free again afterwards


def test_corrupt_or_stale_cache_is_rebuilt_not_trusted(tmp_path, analyser):
    project = make_project(tmp_path, [FIXTURES / "front_matter.md", FIXTURES / "plain_single_newlines.txt"])
    (project / "digest.yml").write_text("articles: [articles]\ncache_dir: cache\n")
    config = load_config(project)
    first = run(config, analyser=analyser)
    assert first.analysed == 2
    entries = sorted((project / "cache").rglob("*.json"))
    # the entries as the build reads them without the pack (generator.analysispack), which holds
    # the same records under a checksum of its own (a damaged pack: tests/test_analysispack.py)
    for pack in (project / "cache" / "analysis").glob(f"*/{analysispack.FOLDER}"):
        shutil.rmtree(pack)
    entries[0].write_text("{ not json")
    data = entries[1].read_text().replace("Troops on the move", "Tampered title").replace(
        "North Korea has moved troops", "Tampered text"
    )
    entries[1].write_text(data)
    again = run(config, analyser=analyser)
    assert again.analysed == 2 and again.cached == 0
    assert "Tampered" not in "".join(p.read_text() for p in (project / "docs" / "articles").glob("*.md"))


def test_same_input_gives_byte_identical_output_in_fresh_folders(tmp_path, analyser):
    trees = []
    for name in ("one", "two"):
        project = make_project(tmp_path / name, settings="articles: [articles]\ncache_dir: null\n")
        run(load_config(project), analyser=analyser)
        trees.append((tree(project / "docs"), tree(project / "site")))
    assert trees[0] == trees[1]
