"""Loader errors: the only things a loader raises (everything else is a Finding)."""

from __future__ import annotations

__all__ = ["LoaderError", "ManifestError", "SourceFileError"]


class LoaderError(Exception):
    """A file cannot be read as expected. The message is ``FILE:LINE: reason``.

    ``line`` is 1-based, or None when the problem is the file as a whole.
    """

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        where = f"{file}:{line}" if line is not None else file
        super().__init__(f"{where}: {reason}")


class ManifestError(LoaderError):
    """The sources manifest is malformed or names something that is not there."""


class SourceFileError(LoaderError):
    """A source file is missing, unreadable or not UTF-8 text."""
