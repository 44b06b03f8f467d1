"""generator/searchtext.py: the search tokenizer, and its twin in templates/assets/search.js.

The index is written with the Python tokenizer and queried with the JavaScript one; a word
that the two split differently can never be found. The parity test runs the real search.js in
Node (the tokenizer part needs no DOM) on the same strings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from generator.searchtext import STOPWORDS, normalise, tokens
from tests.conftest import cannot_run

SEARCH_JS = Path(__file__).resolve().parent.parent / "generator" / "templates" / "assets" / "search.js"

PARITY = [
    # case, stopwords, one-letter words
    "North Korea", "NORTH KOREA", "The troops of a country", "I am A b C d", "x y z 1 2 3",
    "It is what it is, and that was that.",
    # accents and other marks
    "Türkiye", "Erdoğan", "São Paulo", "Ångström", "naïve café", "Zürich Straße", "Łódź",
    "Đà Nẵng", "Nguyễn Phú Trọng", "İstanbul", "ﬁnance ﬂows",  # ligatures fold (NFKD)
    # apostrophes and hyphens
    "Korea's", "Korea’s", "Pandora's box", "Kim Jong-un", "Joint Sword-2024B", "KN-23",
    "don't won’t", "rock 'n' roll", "US-China", "Lai Ching-te",
    # numbers
    "100,000", "up to 100,000 troops", "1,234,567", "12,34", "1,2345", "2.5bn", "$2.5 billion",
    "3.14.15", "v2.0", "1.", ".5", "version 10.2.3", "50%", "60 percent", "Nov. 5, 2024",
    "1,000.50", "2024-11-05",
    # dotted acronyms
    "U.S.", "the U.S. and the U.K.", "D.P.R.K.", "U.S.A", "e.g. i.e.", "a.b", "Ph.D.", "No. 10",
    "A.1.", "ü.s.", "U.N.-backed",
    # other scripts, right to left, emoji, oddities
    "Москва и Киев", "Владимир Путин", "北朝鲜 军队", "北", "조선민주주의인민공화국", "平壌",
    "東京 2024", "गुरुवार को", "हिन्दी", "القوات الكورية الشمالية", "שלום עולם",
    "كورس‌ك", "Ελλάδα ΟΔΟΣ", "ⅷ Ⅻ ① ²", "٣ ١٢٣", "🇰🇷 Korea 🚀 missiles 🙂", "1️⃣ keycap",
    "snake_case under_score", "tab\tnew\nline", "zero\u200bwidth", "\u00a0non\u00a0breaking ",
    "𝐁𝐨𝐥𝐝 math", "𠀀 𠀁𠀂", "", "   ", "...", "—",
]


def test_tokens_lowercase_and_drop_stopwords_and_single_letters():
    assert tokens("The North Korean troops AND a Tank") == ["north", "korean", "troops", "tank"]
    assert tokens("I x 7") == ["7"]  # a single digit stays
    assert tokens("the of and", keep_stopwords=True) == ["the", "of", "and"]
    assert "with" in STOPWORDS and "korea" not in STOPWORDS


def test_tokens_fold_accents():
    assert tokens("Türkiye Erdoğan São Paulo") == ["turkiye", "erdogan", "sao", "paulo"]
    assert normalise("Ångström") == "angstrom"


def test_tokens_split_on_apostrophes_and_hyphens():
    assert tokens("Korea's Kim Jong-un") == ["korea", "kim", "jong", "un"]
    assert tokens("Korea’s") == ["korea"]
    assert tokens("KN-23") == ["kn", "23"]


def test_tokens_keep_decimals_and_join_thousands():
    assert tokens("up to 100,000 troops and $2.5bn") == ["up", "100000", "troops", "2.5", "bn"]
    assert tokens("1,234,567 and 12,34") == ["1234567", "12", "34"]
    assert tokens("version 3.14.15.") == ["version", "3.14.15"]


def test_tokens_join_dotted_acronyms():
    assert tokens("The U.S. and the D.P.R.K.") == ["us", "dprk"]
    assert tokens("U.S.A") == ["usa"]
    assert tokens("Ph.D.") == ["ph"]  # "Ph." is not a one-letter step: no acronym


def test_tokens_of_other_scripts_and_symbols():
    assert tokens("Москва и Киев") == ["москва", "киев"]
    assert tokens("北朝鲜 军队") == ["北朝鲜", "军队"]
    assert tokens("🇰🇷 Korea 🚀") == ["korea"]
    assert tokens("snake_case") == ["snake", "case"]
    assert tokens("") == [] and tokens("...") == []


def _node_tokens(strings: list[str]) -> list[list[str]]:
    node = shutil.which("node")
    if not node:
        cannot_run("node is not installed (Debian's nodejs package)")
    script = (
        "require(process.argv[1]);"
        "const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(input.map(s => globalThis.__dsTokens(s))));"
    )
    out = subprocess.run(
        [node, "-e", script, str(SEARCH_JS)], input=json.dumps(strings), capture_output=True,
        text=True, check=True, timeout=60,
    )
    return json.loads(out.stdout)


def test_javascript_tokenizer_splits_every_string_as_python_does():
    assert len(PARITY) >= 60
    got = _node_tokens(PARITY)
    differ = [(s, py, js) for s, py, js in zip(PARITY, map(tokens, PARITY), got, strict=True) if py != js]
    assert not differ, "\n".join(f"{s!r}: python {py} javascript {js}" for s, py, js in differ)


def test_javascript_tokenizer_needs_no_dom():
    # search.js loads in Node with no window or document: the page part stays out of the way
    assert _node_tokens(["Search works"]) == [["search", "works"]]
