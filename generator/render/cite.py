"""Citable evidence: the stable anchor of every sentence of an article, and the links to it.

A sentence's anchor is made from its article's id and its index in the article
(``s-<article id>-<index>``), never from its place on a page, so a link copied today still
points at the same sentence after any rebuild (a new article, another theme, a reordered
page). A figure's anchor adds its place among the sentence's figures (``f-<id>-<index>-<n>``)
and a quotation's among its quotations (``q-<id>-<index>-<n>``). The article page gives each
of them an ``id`` and a visible "link"; briefs, theme, actor and watchlist pages, feeds and
search results link to them.
"""

from __future__ import annotations

from generator.model import AnalysedArticle, ArticleEntry
from generator.render.common import ARTICLES


def sentence_anchor(article_id: str, index: int) -> str:
    return f"s-{article_id}-{index}"


def figure_anchor(article_id: str, index: int, n: int) -> str:
    return f"f-{article_id}-{index}-{n}"


def quote_anchor(article_id: str, index: int, n: int) -> str:
    return f"q-{article_id}-{index}-{n}"


def sentence_url(entry: ArticleEntry, index: int, root: str) -> str:
    """The address of sentence ``index`` of an article, from a page ``root`` away from the top."""
    return f"{root}{ARTICLES}/{entry.slug}.html#{sentence_anchor(entry.article.id, index)}"


def cite(href: str) -> str:
    """The visible "link" beside a sentence, figure or quotation: its permanent address. (No
    ``title``: the same words on every one of them were a tenth of an article page.)"""
    return f' <a class="digest-cite" href="{href}">link</a>'


def sentence_spans(a: AnalysedArticle) -> list[tuple[int, int]]:
    """(start, end) of each sentence in the analysed text (-1, -1 where it cannot be found).

    The pipeline keeps sentences as text; they appear in order in ``analysed_text``."""
    text = a.article.analysed_text()
    spans, cursor = [], 0
    for s in a.sentences:
        start = text.find(s, cursor) if s else -1
        if start < 0:
            spans.append((-1, -1))
            continue
        spans.append((start, start + len(s)))
        cursor = start + len(s)
    return spans


def sentence_index(a: AnalysedArticle, sentence: str) -> int | None:
    """The index of a sentence given as text (figures keep their sentence so)."""
    try:
        return a.sentences.index(sentence)
    except ValueError:
        return None
