"""Render the main window for each sample agreement into docs/screenshots/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR] [FILE...]

One engine serves every picture (the model loads once). Each sample is opened in a fresh window
of a fixed size, analysed, its first open issue selected, and the window saved as
``<sample stem>.png``; the welcome screen is saved as ``welcome.png``. The user's own settings
are not read or written.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--size", default="1600x1000", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.size.lower().split("x"))

    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from clause_library.engine import Engine
    from desktop.app import Screenshot, configure_application
    from desktop.main_window import MainWindow
    from desktop.resources import samples
    from desktop.settings import Settings
    from desktop.worker import wait_for_background_work

    app = QApplication([sys.argv[0]])
    configure_application(app)
    scratch = Path(tempfile.mkdtemp(prefix="clause-review-shots-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(scratch))
    files = args.files or samples()
    args.out.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    engine = Engine()
    engine.embedder.warm_up()
    print(f"engine ready in {time.perf_counter() - started:.1f} s")

    def settings() -> Settings:
        return Settings(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))

    welcome = MainWindow(engine=engine, settings=settings())
    welcome.resize(width, height)
    welcome.show()
    loop = QEventLoop()
    QTimer.singleShot(600, loop.quit)
    loop.exec()
    welcome.grab().save(str(args.out / "welcome.png"))
    welcome.close()

    failures = 0
    for path in files:
        window = MainWindow(engine=engine, settings=settings())
        window.resize(width, height)
        window.show()
        target = args.out / f"{path.stem}.png"
        shot = Screenshot(window, target, args.timeout, quit_app=False)
        t0 = time.perf_counter()
        window.open_file(path)
        while not shot.saved:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
        status = "ok" if shot.ok else "FAILED"
        print(f"{path.name}: {status} in {time.perf_counter() - t0:.1f} s -> {target}")
        failures += not shot.ok
        window.close()
        wait_for_background_work(30000)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
