"""Entry point of the bundled app (PyInstaller runs this file; see clause-review.spec)."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
