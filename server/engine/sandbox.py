"""The query worker's confinement, installed in the kernel before the worker reads any data.

pyoxigraph really opens connections for ``SERVICE`` and ``LOAD``; the query screen refuses
both, but a screen is text analysis and can be wrong. So each worker process is also made
*unable* to reach the network, in the kernel:

1. **seccomp** (through libseccomp, by the ``pyseccomp`` binding): ``socket()`` for
   ``AF_INET``/``AF_INET6`` (and ``io_uring_setup``, whose socket operation would go around
   that rule) fails with ``EACCES``. It needs no privilege (libseccomp sets
   ``no_new_privs``), and Unix sockets (the worker's pipe) keep working. The error is the
   same whatever the address, so a refused ``SERVICE`` cannot tell an open port from a
   closed one.
2. Otherwise, a **new network namespace** (``unshare(CLONE_NEWNET)``; needs root): the
   worker sees only a loopback interface of its own, which is down.

The first that installs and then passes a self-test (an ``AF_INET`` socket is refused) is
used, and one log line names it. If none can be installed the worker refuses to start
(fail closed) unless ``allow_unsandboxed_workers`` is set.

The same hook sets the worker's resource limits: a memory ceiling (``RLIMIT_DATA``: the heap
and private mappings, so that the read-only on-disk store's file mappings do not count) and a
larger main-thread stack (``RLIMIT_STACK``: Linux grows the main thread's stack up to the
current soft limit, within the gap reserved below it at exec).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import resource
import socket
from dataclasses import dataclass
from multiprocessing.connection import Connection

CLONE_NEWNET = 0x40000000
# The main thread's stack may grow into the gap the kernel reserves below it at exec, at
# least 128 MiB whatever the limit was then; stay inside it.
MAX_MAIN_STACK_BYTES = 120 * 1024 * 1024


class SandboxError(RuntimeError):
    """No kernel guard could be installed and unsandboxed workers are not allowed."""


@dataclass(frozen=True, slots=True)
class WorkerLimits:
    """What the server tells a new worker before it loads anything (its first message)."""

    memory_bytes: int | None = None  # RLIMIT_DATA; None: no ceiling
    stack_bytes: int = 0  # RLIMIT_STACK soft limit to raise to; 0: leave it
    allow_unsandboxed: bool = False


def _seccomp() -> None:
    import pyseccomp as seccomp

    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    rules.set_attr(seccomp.Attr.CTL_TSYNC, 1)  # every thread of the process, not only this one
    for family in (socket.AF_INET, socket.AF_INET6):
        rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
    rules.add_rule(seccomp.ERRNO(errno.EPERM), "io_uring_setup")
    rules.load()


def _network_namespace() -> None:
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    if libc.unshare(CLONE_NEWNET) != 0:
        code = ctypes.get_errno()
        raise OSError(code, f"unshare(CLONE_NEWNET): {errno.errorcode.get(code, code)}")


def _network_namespace_holds() -> bool:
    """In an empty namespace an internet socket opens but reaches nothing: connecting to
    127.0.0.1 fails at once, the loopback interface being down."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(("127.0.0.1", 9))
        except OSError as error:
            return error.errno in (errno.ENETUNREACH, errno.EADDRNOTAVAIL)
    return False


def _internet_sockets_refused() -> bool:
    for family in (socket.AF_INET, socket.AF_INET6):
        try:
            socket.socket(family, socket.SOCK_STREAM).close()
        except OSError:
            continue
        return False
    return True


MECHANISMS = (
    ("seccomp filter on socket(AF_INET, AF_INET6)", _seccomp, _internet_sockets_refused),
    ("network namespace without interfaces", _network_namespace, _network_namespace_holds),
)


def deny_network() -> str:
    """Install the first kernel guard that works here; return its name.

    Raises :class:`SandboxError` when none could be installed and verified."""
    failures: list[str] = []
    for name, install, holds in MECHANISMS:
        try:
            install()
        except (ImportError, OSError, RuntimeError, ValueError) as error:
            failures.append(f"{name}: {error}")
            continue
        if holds():
            return name
        failures.append(f"{name}: installed, but a test socket still got through")
    raise SandboxError("no kernel guard against outbound connections could be installed ("
                       + "; ".join(failures) + ")")


def set_limits(limits: WorkerLimits) -> None:
    if limits.memory_bytes is not None:
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        ceiling = limits.memory_bytes if hard == resource.RLIM_INFINITY else min(
            hard, limits.memory_bytes)
        resource.setrlimit(resource.RLIMIT_DATA, (ceiling, hard))
    if limits.stack_bytes:
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        wanted = min(limits.stack_bytes, MAX_MAIN_STACK_BYTES)
        if hard != resource.RLIM_INFINITY:
            wanted = min(wanted, hard)
        if soft == resource.RLIM_INFINITY or soft < wanted:
            resource.setrlimit(resource.RLIMIT_STACK, (wanted, hard))


def confine_worker(conn: Connection) -> WorkerLimits:
    """The first thing a worker does: read its :class:`WorkerLimits` from the pipe, set
    them, and shut itself off from the network (or refuse to start). It tells the server
    which guard is active (``("sandbox", name)``) or why it refuses
    (``("sandbox-refused", reason)``); the server logs it (a worker's own logging goes
    nowhere). Returns the limits (the stack also sizes the worker's query threads)."""
    try:
        limits = conn.recv()
    except EOFError:  # the server gave up on this worker before it started
        raise SystemExit(0) from None
    if not isinstance(limits, WorkerLimits):
        raise SandboxError(f"a worker expected its limits first, got {type(limits).__name__}")
    set_limits(limits)
    try:
        name = deny_network()
    except SandboxError as error:
        if not limits.allow_unsandboxed:
            conn.send(("sandbox-refused", f"{error}. Install libseccomp (Debian: libseccomp2) "
                       "and pyseccomp, or set KYOTEI_ALLOW_UNSANDBOXED_WORKERS=true to run "
                       "without a guard"))
            raise
        conn.send(("sandbox", f"NONE, unsandboxed as allowed by the settings ({error})"))
        return limits
    conn.send(("sandbox", name))
    return limits
