"""Named points in the flow where a test can kill, stop or fail the process: fault injection.

A build, a fetch and the files they write call ``point("stage:what")`` at the moments where a
crash would leave something behind (a temporary file written but not yet renamed, one of two
caches saved, the site swapped but the old one not yet removed). With ``DIGEST_FAULT_POINT``
unset (always, outside the tests) ``point`` is one dictionary look-up. Set to
``NAME[:COUNT[:ACTION]]``, the COUNT-th call of ``point(NAME)`` in this process (default the
first) does ACTION:

- ``kill`` (default): SIGKILL, as a power cut or the OOM killer would end the process: no
  ``finally``, no ``atexit``, no buffered write flushed;
- ``stop``: SIGSTOP, so that a test can run something else at exactly that moment, then
  SIGCONT;
- ``enospc``: raise ``OSError(ENOSPC)``, as a write to a full disk does.

``tests/test_faults.py`` kills builds at every point and checks what survived.
"""

from __future__ import annotations

import errno
import os
import signal

ENV = "DIGEST_FAULT_POINT"
_calls: dict[str, int] = {}
if hasattr(os, "register_at_fork"):  # "in this process": a forked worker counts from zero
    os.register_at_fork(after_in_child=_calls.clear)


ACTIONS = ("kill", "stop", "enospc")


def point(name: str) -> None:
    """A moment where the process may be killed; does nothing unless ``DIGEST_FAULT_POINT`` names it."""
    spec = os.environ.get(ENV)
    if spec and spec.startswith(name):
        _strike(name, spec)


def parse(spec: str) -> tuple[str, int, str]:
    """``"pages:put:120:stop"`` -> ("pages:put", 120, "stop"): names have colons too (and never
    end in a number or an action)."""
    parts = spec.split(":")
    action = parts.pop() if len(parts) > 1 and parts[-1] in ACTIONS else "kill"
    count = int(parts.pop()) if len(parts) > 1 and parts[-1].isdigit() else 1
    return ":".join(parts), count, action


def _strike(name: str, spec: str) -> None:
    want, count, action = parse(spec)
    if want != name:
        return
    _calls[name] = seen = _calls.get(name, 0) + 1
    if seen != count:
        return
    if action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if action == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
        return
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
