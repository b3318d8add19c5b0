"""The child process that drafts: the language pipeline loaded once, one article at a time.

A runner keeps one :class:`DraftingProcess` and sends it job after job. The child loads spaCy
and the fitted models when it starts (``generation.warm_up``), not per job: loading is about
five seconds and 300 MB, drafting a short article about one second, so a job pays only for its
own article, and its time limit measures the article alone. The price is a loaded child per
runner while idle; a runner is one slot of a small pool, so that is one or two of them.

Each job runs under two limits. Its memory: the child lowers its own address-space limit
(``RLIMIT_AS``) to the job's megabytes before drafting and raises it after, so the kernel refuses
the allocation that would pass it and the child answers with a MemoryError rather than taking the
machine's memory (the address space, not the resident size, because the kernel enforces it at
once; the loaded pipeline's address space is only about 150 MB above its resident size). Its
time: the runner waits for the answer until the deadline and then kills the child. A child that
passed a limit, or died, is replaced by a fresh one. The child is started with ``spawn``, never
``fork``: the web process it may come from has threads and open database connections. It runs
at a lower CPU priority (``nice``): on a two-core machine a draft takes a whole core, and the
students' requests must win it when they want it; an idle machine drafts as fast as before.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from quizapp.errors import QuizappError
from quizapp.generator import ArticleText, DraftOptions
from quizapp.services import generation

try:
    import resource
except ImportError:  # not POSIX: the time limit still holds, the memory limit cannot be set
    resource = None  # type: ignore[assignment]

MEGABYTE = 1024 * 1024
# How often the waiting runner looks at its job (the lease, a stop); and the child at its parent.
TICK_SECONDS = 0.1
PARENT_CHECK_SECONDS = 2.0
# The child's niceness: drafting yields the CPU to the web workers whenever they want it.
NICENESS = 10
# Loading the pipeline on a busy two-core machine can take a while; past this it is broken.
READY_SECONDS = 300.0


def too_slow(seconds: int) -> str:
    return f"The article took longer than {seconds} s to draft; try a shorter part of it."


def too_big(memory_mb: int) -> str:
    return f"The article needed more than {memory_mb} MB to draft; try a shorter part of it."


def stopped(memory_mb: int) -> str:
    return (
        f"Drafting stopped before the article was done (it may have needed more than "
        f"{memory_mb} MB); try a shorter part of it."
    )


UNEXPECTED = "Drafting failed on an error in quizapp itself; the operator's log has the details."


@dataclass(frozen=True)
class Outcome:
    """How a job ended: its draft, or a failure message for the teacher (exactly one is set)."""

    result_yaml: str | None = None
    failure: str | None = None


class DraftingProcess:
    """One child process with the language pipeline loaded, drafting an article at a time."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self._connection, child_end = context.Pipe()
        self._process = context.Process(
            target=_child_main, args=(child_end,), name="quizapp-drafting", daemon=True
        )
        self._process.start()
        child_end.close()
        self.ready = False
        self.broken = ""  # why the child could not load the pipeline, if it could not
        self.ready_memory_mb = 0

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def usable(self) -> bool:
        return self.ready and self._process.is_alive()

    def wait_ready(self, keep_waiting: Callable[[], bool] = lambda: True) -> bool:
        """Wait until the child has loaded the pipeline (True), failed to (``broken``), or
        ``keep_waiting`` says to give up (False)."""
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline and keep_waiting():
            if self._connection.poll(TICK_SECONDS):
                try:
                    kind, payload = self._connection.recv()
                except EOFError:
                    break
                if kind == "ready":
                    self.ready, self.ready_memory_mb = True, int(payload)
                else:
                    self.broken = str(payload)
                return self.ready
            if not self._process.is_alive():
                break
        if keep_waiting() and not self.broken:
            self.broken = "the drafting process stopped while loading the language pipeline."
        return False

    def draft(
        self,
        article: ArticleText,
        options: DraftOptions,
        *,
        seconds: int,
        memory_mb: int,
        keep_going: Callable[[], bool] = lambda: True,
    ) -> Outcome | None:
        """Draft ``article`` within the limits; None when ``keep_going`` turned False first (the
        child is then killed and the job left to the caller)."""
        try:
            self._connection.send((article, options, memory_mb))
        except OSError:  # the child died since it was last seen ready
            self.kill()
            return Outcome(failure=stopped(memory_mb))
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                return Outcome(failure=too_slow(seconds))
            if self._connection.poll(min(remaining, TICK_SECONDS)):
                try:
                    kind, payload = self._connection.recv()
                except EOFError:
                    self.kill()
                    return Outcome(failure=stopped(memory_mb))
                if kind == "done":
                    return Outcome(result_yaml=str(payload))
                if kind == "memory":
                    self.kill()  # a fresh child, not one whose heap was just exhausted
                    return Outcome(failure=too_big(memory_mb))
                return Outcome(failure=str(payload))
            if not self._process.is_alive():
                self.kill()
                return Outcome(failure=stopped(memory_mb))
            if not keep_going():
                self.kill()
                return None

    def kill(self) -> None:
        self.ready = False
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=10)
        self._connection.close()

    def stop(self) -> None:
        """End the child; it is idle, so asking is enough, and killing is the fallback."""
        if self._process.is_alive() and not self._connection.closed:
            with contextlib.suppress(OSError):
                self._connection.send(None)
            self._process.join(timeout=5)
        self.kill()


def _child_main(connection: Connection) -> None:
    """The child: load the pipeline, say so, then answer each job until told to stop."""
    parent = os.getppid()
    with contextlib.suppress(OSError, AttributeError):  # no nice() off POSIX: full priority
        os.nice(NICENESS)
    try:
        generation.warm_up()
    except (QuizappError, MemoryError, OSError) as error:
        connection.send(("broken", str(error) or type(error).__name__))
        return
    connection.send(("ready", _address_space_mb()))
    while True:
        if not connection.poll(PARENT_CHECK_SECONDS):
            if os.getppid() != parent:  # the runner is gone; nobody will read an answer
                return
            continue
        try:
            request = connection.recv()
        except EOFError:
            return
        if request is None:
            return
        article, options, memory_mb = request
        connection.send(_draft_within(article, options, memory_mb))


def _draft_within(article: ArticleText, options: DraftOptions, memory_mb: int) -> tuple[str, str]:
    previous = _limit_address_space(memory_mb)
    try:
        return "done", generation.draft_article(article, options).yaml_text
    except MemoryError:
        return "memory", ""
    except QuizappError as error:
        return "failed", str(error)
    except Exception:  # a bug must cost one job, not the runner; the log keeps the trace
        traceback.print_exc()
        return "failed", UNEXPECTED
    finally:
        _restore_address_space(previous)


def _limit_address_space(memory_mb: int) -> tuple[int, int] | None:
    if resource is None:
        return None
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = memory_mb * MEGABYTE
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return soft, hard


def _restore_address_space(previous: tuple[int, int] | None) -> None:
    if resource is not None and previous is not None:
        resource.setrlimit(resource.RLIMIT_AS, previous)


def _address_space_mb() -> int:
    """The child's address space now, in MB (from /proc where there is one)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[0])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE") // MEGABYTE
