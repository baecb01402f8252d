"""A worker process dies with the batch that started it.

A batch killed outright (``kill -9``, the OOM killer) runs no clean-up, so its
workers must end by themselves.  :func:`bind_to_parent`, called first thing in
a worker, does it three ways:

* on Linux, asks the kernel to send the worker SIGKILL when its parent ends
  (``prctl(PR_SET_PDEATHSIG)``);
* then checks that the parent is still the process that started it: a parent
  killed while the worker was starting up (before the death signal was set)
  has already handed the worker to another process, and the worker ends now;
* and watches, every half second, that its parent is still that process (on
  systems without ``prctl``).

The parent's pid is passed in by the parent: a worker that asked for its
parent's pid itself would learn the pid of whatever adopted it.
"""

from __future__ import annotations

import os
import sys
import threading
import time

#: prctl option: the signal the kernel sends this process when its parent ends
PR_SET_PDEATHSIG = 1
#: seconds between two checks of the parent
WATCH_INTERVAL = 0.5


def set_death_signal() -> bool:
    """Ask the kernel to SIGKILL this process when its parent ends; True when it could (Linux)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):  # no libc, or no prctl in it
        return False


def parent_alive(parent: int) -> bool:
    """True while ``parent`` is still this process's parent."""
    return os.getppid() == parent


def bind_to_parent(parent: int, on_orphan: object = None) -> None:
    """Make this process end when ``parent`` does (see the module's doc).

    ``on_orphan`` (a callable taking no argument) ends the process when the
    watcher finds the parent gone, e.g. after the file being written is
    whole; by default the process exits at once.
    """
    set_death_signal()
    if not parent_alive(parent):  # the parent died before the death signal was set
        os._exit(1)
    end = on_orphan if callable(on_orphan) else (lambda: os._exit(1))

    def watch() -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            if not parent_alive(parent):
                end()
                os._exit(1)

    threading.Thread(target=watch, name="budgetx-parent-watch", daemon=True).start()
