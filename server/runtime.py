"""What the routes share at run time: settings, the serving state and the query engine.

Created by :func:`kyotei.server.app.create_app` (never at import time) and kept on
``app.state.runtime``; routes reach it with :func:`runtime`.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from fastapi import Request

from kyotei.graph.publish.edits import EditLog
from kyotei.server.engine.pool import QueryEngine
from kyotei.server.engine.remote import RemoteEngine
from kyotei.server.errors import ServiceUnavailableError
from kyotei.server.settings import ServerSettings
from kyotei.server.state import LoadedSnapshot, ServingState

logger = logging.getLogger(__name__)


class BuildOutcomeLike(Protocol):
    """What the server needs of ``kyotei.pipeline.BuildOutcome``."""

    @property
    def ok(self) -> bool: ...

    @property
    def message(self) -> str: ...

    @property
    def snapshot(self) -> Any: ...


Rebuild = Callable[[], BuildOutcomeLike]


@dataclass
class Runtime:
    settings: ServerSettings
    serving: ServingState
    engine: QueryEngine | RemoteEngine  # worker processes, or a remote store (--backend)
    rebuild: Rebuild | None = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    updates: int = 0
    edits: EditLog | None = None  # where updates are kept (None: updates are refused)
    refused: dict[str, str] = field(default_factory=dict)  # the last refused snapshot
    _scratch: Path | None = None

    def refuse(self, snapshot_id: str, reason: str) -> None:
        """Record a snapshot that was not served, and why (shown on /health)."""
        logger.error("snapshot %s refused (%s); still serving %s", snapshot_id, reason,
                     self.serving.current().id)
        self.refused = {"id": snapshot_id, "reason": reason}

    def install(self, new: LoadedSnapshot) -> LoadedSnapshot:
        """Start ``new``'s workers, swap it in, and retire the old pools; return the old."""
        if not self.engine.prepare(new):
            self.engine.retire_except(self.serving.current())  # stop retrying for ``new``
            raise ServiceUnavailableError(f"the workers for snapshot {new.id} did not start",
                                     retry_after_s=10)
        if self.refused and new.id >= self.refused["id"]:  # ids sort by build time
            self.refused = {}
        old = self.serving.swap(new)
        self.engine.retire_except(new)
        return old

    def scratch(self) -> Path:
        """A private directory for dumps made by updates (removed at shutdown)."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="kyotei-server-"))
        return self._scratch

    def close(self) -> None:
        self.engine.close()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None


def runtime(request: Request) -> Runtime:
    found: Runtime = request.app.state.runtime
    return found
