"""Clause Review desktop app (PySide6): a thin front end over ``clause_library``."""

from desktop._compat import make_singletons_immortal

# Must run before any PySide6 call: see desktop/_compat.py (PySide6 6.12.0 on Python 3.11).
make_singletons_immortal()
