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


def point(name: str) -> None:
    """A moment where the process may be killed; does nothing unless ``DIGEST_FAULT_POINT`` names it."""
    spec = os.environ.get(ENV)
    if spec and spec.split(":", 1)[0] == name:
        _strike(name, spec)


def _strike(name: str, spec: str) -> None:
    parts = spec.split(":")
    count = int(parts[1]) if len(parts) > 1 and parts[1] else 1
    action = parts[2] if len(parts) > 2 else "kill"
    _calls[name] = seen = _calls.get(name, 0) + 1
    if seen != count:
        return
    if action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    if action == "stop":
        os.kill(os.getpid(), signal.SIGSTOP)
        return
    os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))
