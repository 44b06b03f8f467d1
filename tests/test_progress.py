"""generator/progress.py: bars on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import io
import re

from generator.progress import BarProgress, LogProgress, Progress, for_stream


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_come_every_tenth_with_count_rate_and_time_left():
    out = io.StringIO()
    task = LogProgress(out).task("analyse", 200)
    for _ in range(200):
        task.advance()
    task.close()
    lines = out.getvalue().splitlines()
    assert len(lines) == 10  # 20, 40, ... 180, then the closing line
    assert re.fullmatch(r"analysing: 20/200 \(10%\), [\d,.]+/s, \d+:\d\d:\d\d left", lines[0]), lines[0]
    assert re.fullmatch(r"analysing: 200/200 done in \d+:\d\d:\d\d \([\d,.]+/s\)", lines[-1]), lines[-1]


def test_the_stream_decides_the_display():
    assert isinstance(for_stream(io.StringIO()), LogProgress)
    assert isinstance(for_stream(Terminal()), BarProgress)
    assert type(for_stream(Terminal(), quiet=True)) is Progress


def test_a_terminal_gets_a_tqdm_bar_with_total_and_rate():
    out = Terminal()
    task = for_stream(out).task("render", 50)
    for _ in range(50):
        task.advance()
    task.close()
    text = out.getvalue()
    assert "rendering" in text and "50/50" in text and "/s]" in text


def test_quiet_progress_shows_nothing_but_counts():
    task = Progress().task("read", 3)
    task.advance(3)
    assert task.done == 3
