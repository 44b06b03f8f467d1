"""Text hygiene shared by ingest and render: control characters never reach a page.

C0/C1 control characters (Python-Markdown uses STX/ETX as its own placeholders) and the
bidirectional override/isolate characters (which make text display differently from how it
reads) are dropped; tabs and newlines are kept.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    return _CONTROLS.sub("", text)
