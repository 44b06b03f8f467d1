"""Progress of the build's long loops: reading, analysing, rendering, the site build.

The stages report to a ``Progress`` (``task(name, total)``, then ``advance`` or ``update``
and ``close``); they never print. The CLI picks how it is shown (``for_stream``):

- on a terminal, a tqdm bar per stage on stderr: done/total, rate, time left;
- elsewhere (CI, cron, a pipe), plain lines on stderr every 10% or every 30 seconds, with the
  same numbers, so a log shows the build moving without a line per article;
- ``--quiet``: nothing (errors are still printed by the CLI).

The base class shows nothing, so library callers (tests, benchmarks) need not care.
"""

from __future__ import annotations

import time
from typing import TextIO

STEPS = 10  # plain lines: each time another tenth of the work is done...
LOG_SECONDS = 30.0  # ...or this often, whichever comes first
LABELS = {"read": "reading", "analyse": "analysing", "render": "rendering", "site": "building the site"}


class Task:
    """One stage's counter. The base class records the count and shows nothing."""

    def __init__(self, name: str, total: int):
        self.name, self.total, self.done = name, total, 0

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)

    def update(self, done: int) -> None:
        self.done = done

    def close(self) -> None:
        pass


class Progress:
    """Where stages report; shows nothing (see ``for_stream`` for what the CLI uses)."""

    def task(self, name: str, total: int) -> Task:
        return Task(name, total)


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


class _LogTask(Task):
    def __init__(self, name: str, total: int, stream: TextIO):
        super().__init__(name, total)
        self.stream = stream
        self.start = self.last_time = time.monotonic()
        self.last_done = 0

    def update(self, done: int) -> None:
        super().update(done)
        now = time.monotonic()
        tenth = (lambda n: int(n * STEPS // self.total)) if self.total else (lambda n: 0)
        if done < self.total and (tenth(done) > tenth(self.last_done) or now - self.last_time >= LOG_SECONDS):
            self._line(now)

    def _line(self, now: float, final: bool = False) -> None:
        self.last_done, self.last_time = self.done, now
        elapsed = now - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        label = LABELS.get(self.name, self.name)
        pct = f" ({100 * self.done // self.total}%)" if self.total else ""
        if final:
            text = f"{label}: {self.done:,}/{self.total:,} done in {_clock(elapsed)} ({rate:,.1f}/s)"
        else:
            left = _clock((self.total - self.done) / rate) if rate > 0 else "?"
            text = f"{label}: {self.done:,}/{self.total:,}{pct}, {rate:,.1f}/s, {left} left"
        print(text, file=self.stream, flush=True)

    def close(self) -> None:
        self._line(time.monotonic(), final=True)


class LogProgress(Progress):
    """Plain lines, for output that is not a terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def task(self, name: str, total: int) -> Task:
        return _LogTask(name, total, self.stream)


class _BarTask(Task):
    def __init__(self, name: str, total: int, stream: TextIO):
        from tqdm import tqdm

        super().__init__(name, total)
        self.bar = tqdm(total=total, desc=LABELS.get(name, name), unit="", file=stream, dynamic_ncols=True,
                        mininterval=0.2, leave=True)

    def update(self, done: int) -> None:
        if done > self.done:
            self.bar.update(done - self.done)
        super().update(done)

    def close(self) -> None:
        self.bar.close()


class BarProgress(Progress):
    """tqdm bars, for a terminal."""

    def __init__(self, stream: TextIO):
        self.stream = stream

    def task(self, name: str, total: int) -> Task:
        return _BarTask(name, total, self.stream)


def for_stream(stream: TextIO, quiet: bool = False) -> Progress:
    """Bars on a terminal, plain lines elsewhere, nothing when ``quiet``."""
    if quiet:
        return Progress()
    isatty = getattr(stream, "isatty", None)
    return BarProgress(stream) if isatty is not None and isatty() else LogProgress(stream)
