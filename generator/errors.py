"""Our exceptions. Each message names the file (and line) and the problem, so a user can fix
the input without reading our code: ``path[:line]: where: what is wrong[: offending value]``.
"""

from __future__ import annotations


def located(path: str, message: str, line: int | None = None) -> str:
    """Format ``path[:line]: message``."""
    return f"{path}:{line}: {message}" if line else f"{path}: {message}"


class DigestError(Exception):
    """Base class for errors the CLI turns into a message and an exit code."""


class InputError(DigestError):
    """One article (or one line of a JSON Lines file) cannot be read."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        super().__init__(located(path, reason, line))
        self.path = path
        self.reason = reason
        self.line = line


class ConfigError(DigestError):
    """A configuration or data file is wrong: the run stops before any work (exit 2).

    ``problems`` lists every problem found, each already located.
    """

    def __init__(self, problems: list[str] | str):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class BuildError(DigestError):
    """The site could not be built (MkDocs failed, output folder locked, ...)."""
