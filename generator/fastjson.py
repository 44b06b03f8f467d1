"""JSON reading for the caches a warm build loads (analysis records, read cache, search terms,
page keys): orjson, a dependency, decodes it about three times faster than the standard
library; the values are the same. Where orjson cannot be imported (an unusual platform),
the standard library reads the same files. Writing stays with ``json`` everywhere: the
output's bytes must not depend on which is installed.
"""

from __future__ import annotations

try:
    from orjson import loads
except ImportError:  # pragma: no cover - orjson is a dependency; this keeps odd platforms working
    from json import loads

__all__ = ["loads"]
