"""Work around a reference-count leak in PySide6 6.12.0 on Python 3.11.

In PySide6 6.12.0 every call of a Qt method that returns ``void`` gives Python back a ``None``
it did not add a reference for, and every ``Signal.emit`` does the same with ``True``/``False``.
From Python 3.12 on these objects are immortal (PEP 683) and the leak is harmless. On 3.11 their
reference counts fall with each call until the interpreter aborts with "Fatal Python error:
none_dealloc" — after a minute or so of painting and animation in this app.

Until the dependency is pinned to a fixed PySide6 (or Python 3.12 is required), we do what 3.12
does: give the three singletons a reference count that can never reach zero. They are never
deallocated in a healthy interpreter anyway, so this changes nothing else.
"""

from __future__ import annotations

import ctypes
import platform
import sys

#: far more references than any session can leak (a leak of a million per second would need
#: more than a week to use them up)
_MARGIN = 1 << 40

_done = False


def make_singletons_immortal() -> bool:
    """Raise the reference counts of None, True and False out of reach; True if applied."""
    global _done
    if _done or sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build of CPython
        ctypes.c_ssize_t.from_address(id(obj)).value += _MARGIN
    _done = True
    return True
