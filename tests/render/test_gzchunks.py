"""gzchunks: a gzip file made of chunks compressed one by one reads as one text, and a file
made with chunks copied from the last one is the file made whole."""

from __future__ import annotations

import gzip
import random
import zlib

from generator.render.gzchunks import chunked_gz, crc32_combine
from tests.conftest import cannot_run


def _texts(seed: int, n: int = 12) -> list[str]:
    r = random.Random(seed)
    return ["".join(r.choice("ab,é\"\n 1") for _ in range(r.randint(0, 3000))) for _ in range(n)]


def test_crc32_combine_is_the_crc_of_both_texts():
    r = random.Random(3)
    for _ in range(50):
        a, b = r.randbytes(r.randint(0, 500)), r.randbytes(r.randint(0, 500))
        assert crc32_combine(zlib.crc32(a), zlib.crc32(b), len(b)) == zlib.crc32(a + b)


def test_chunks_read_as_one_text_and_copied_chunks_give_the_same_bytes():
    texts = _texts(1)
    first, index = chunked_gz([(f"k{i}", lambda t=t: t) for i, t in enumerate(texts)])
    assert gzip.decompress(first).decode() == "".join(texts)
    d = zlib.decompressobj(wbits=31)  # one gzip member, nothing after it
    assert d.decompress(first).decode() == "".join(texts) and d.eof and not d.unused_data
    # one chunk changed, one removed, one added: only those made, the rest copied from the last file
    changed = [*texts[:3], "a changed chunk\n", *texts[5:], "one more\n"]
    keys = [*(f"k{i}" for i in range(3)), "new", *(f"k{i}" for i in range(5, len(texts))), "added"]
    made = []

    def maker(key, text):
        def make():
            made.append(key)
            return text
        return make

    warm, _ = chunked_gz([(k, maker(k, t)) for k, t in zip(keys, changed, strict=True)], index, first)
    cold, _ = chunked_gz([(k, lambda t=t: t) for k, t in zip(keys, changed, strict=True)])
    assert made == ["new", "added"]
    assert warm == cold and gzip.decompress(warm).decode() == "".join(changed)


def test_a_file_that_is_not_the_indexed_one_is_made_whole():
    texts = _texts(2, 4)
    chunks = [(f"k{i}", lambda t=t: t) for i, t in enumerate(texts)]
    data, index = chunked_gz(chunks)
    for old in (data[:-1], gzip.compress(b"other"), b""):
        made = []
        again, _ = chunked_gz([(k, lambda k=k, m=m, made=made: made.append(k) or m()) for k, m in chunks], index, old)
        assert again == data and len(made) == len(texts)


def test_duckdb_reads_a_chunked_csv_as_one_table(tmp_path):
    try:
        import duckdb
    except ImportError:
        cannot_run("duckdb is not installed (pip install -e '.[test]')")
    rows = [f"{i},name {i}\n" for i in range(3000)]
    chunks = [("header", lambda: "id,name\n"), *((f"c{i}", lambda i=i: "".join(rows[i:i + 700])) for i in range(0, 3000, 700))]
    data, _ = chunked_gz(chunks)
    (tmp_path / "t.csv.gz").write_bytes(data)
    con = duckdb.connect()
    assert con.execute(f"SELECT count(*), sum(id) FROM read_csv('{tmp_path / 't.csv.gz'}')").fetchone() == (3000, sum(range(3000)))
