"""generator/pagememory.py: MkDocs holds the generated pages' HTML compressed until it writes
them, and drops their Markdown and HTML afterwards; the site is the same byte for byte.

A real ``mkdocs build`` with Material (and its tags plugin, which fills a hand-written page in
between the two steps) of a small project, with and without the plugin."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.pagememory import lean_plugin

MKDOCS = """site_name: Lean test
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - tags
"""


def project(where: Path) -> Path:
    (where / "docs" / "articles").mkdir(parents=True)
    (where / "mkdocs.yml").write_text(MKDOCS)
    (where / "docs" / "index.md").write_text("# Home\n\nSee [an article](articles/a.md).\n")
    (where / "docs" / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n")
    for name, words in (("a", "Kursk troops"), ("b", "sanctions — “quoted” ✓")):
        (where / "docs" / "articles" / f"{name}.md").write_text(
            f"---\ntags: [{name}]\n---\n\n# Article {name}\n\n<p><span id=\"s-{name}-1\">{words}</span></p>\n\n## Facts\n\ntext\n")
    return where


def built(where: Path, lean: bool) -> tuple[dict[str, bytes], object, list]:
    cfg = load_config(str(project(where) / "mkdocs.yml"))
    plugin, written = None, []
    if lean:
        plugin = cfg.plugins["digest-lean"] = lean_plugin(("articles",))
        post_page = plugin.on_post_page

        def spy(output, /, *, page, config):
            written.append(page)
            return post_page(output, page=page, config=config)

        plugin.on_post_page = spy
        cfg.plugins.events["post_page"] = [spy if getattr(m, "__self__", None) is plugin else m
                                           for m in cfg.plugins.events["post_page"]]
    mkdocs_build(cfg)
    site = where / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
             if p.is_file() and p.name != "sitemap.xml.gz"}  # the gzip header holds the time
    return files, plugin, written


def test_the_site_is_the_same_byte_for_byte_and_the_pages_let_go_of_their_text(tmp_path):
    plain, _, _ = built(tmp_path / "plain", lean=False)
    lean, plugin, written = built(tmp_path / "lean", lean=True)
    assert lean.keys() == plain.keys() and "articles/a.html" in lean
    for name in plain:
        assert lean[name] == plain[name], name
    assert "Kursk troops" in lean["articles/a.html"].decode() and "“quoted” ✓" in lean["articles/b.html"].decode()
    assert 'href="#tag:a"' in lean["tags.html"].decode() or "articles/a.html" in lean["tags.html"].decode()
    assert plugin.packed == {}  # every page it packed was put back and written
    ours = {p.file.src_uri: p for p in written if p.file.src_uri.startswith("articles/")}
    assert sorted(ours) == ["articles/a.md", "articles/b.md"]
    assert all(p.markdown == "" and p.content == "" for p in ours.values())
    tags = next(p for p in written if p.file.src_uri == "tags.md")
    assert tags.content  # a hand-written page keeps its HTML (the tags plugin fills it in)
