"""The portfolio widget: reviewed agreements against key clauses, filters, search, opening.

The store is filled with reviews built by :func:`test_store_helpers.fake_review` (no model).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QApplication
from test_store_helpers import VENDOR_FINDINGS, VENDOR_TEXT, fake_review, write

from clause_library.decisions import Decision
from clause_library.store import ReviewStore
from desktop.portfolio import PortfolioWidget, Role, synchronous_runner
from desktop.worker import wait_for_background_work

NDA_TEXT = """MUTUAL NON-DISCLOSURE AGREEMENT

1. Confidentiality
Each party shall hold the other party's Confidential Information in strict confidence.

2. Governing Law
This Agreement is governed by the laws of England and Wales.
"""

CAPPED_TEXT = VENDOR_TEXT.replace(
    "Nothing limits liability for breach of confidentiality, which shall be unlimited.",
    "Supplier shall defend and indemnify Customer against third-party IP claims.",
)


@pytest.fixture
def qsettings(qapp: QApplication, tmp_path: Path) -> None:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ReviewStore]:
    """Three agreements: a vendor MSA with uncapped liability and no IP indemnity, a vendor
    MSA with an IP indemnity and a cap, and an NDA."""
    with ReviewStore(tmp_path / "reviews.sqlite3") as opened:
        opened.save_review(
            fake_review(write(tmp_path / "acme_msa.txt", VENDOR_TEXT), VENDOR_FINDINGS)
        )
        opened.save_review(
            fake_review(
                write(tmp_path / "beta_msa.txt", CAPPED_TEXT),
                [
                    VENDOR_FINDINGS[0],
                    VENDOR_FINDINGS[1],
                    (
                        "indemnification_ip",
                        "present",
                        "Supplier shall defend and indemnify Customer against third-party IP "
                        "claims.",
                    ),
                ],
            )
        )
        opened.save_review(
            fake_review(
                write(tmp_path / "gamma_nda.txt", NDA_TEXT),
                [
                    (
                        "governing_law",
                        "present",
                        "This Agreement is governed by the laws of England and Wales.",
                    )
                ],
                playbook="nda_mutual",
            )
        )
        yield opened


@pytest.fixture
def widget(qtbot: Any, qsettings: None, store: ReviewStore) -> PortfolioWidget:
    w = PortfolioWidget(store, runner=synchronous_runner)
    qtbot.addWidget(w)
    w.refresh()
    return w


def _names(w: PortfolioWidget) -> list[str]:
    proxy = w.proxy
    return [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())]


def test_rows_show_key_clause_statuses(widget: PortfolioWidget) -> None:
    assert _names(widget) == ["acme_msa.txt", "beta_msa.txt", "gamma_nda.txt"]
    model = widget.model
    acme = widget.proxy.index(0, model.column_of("uncapped_liability"))
    assert widget.proxy.data(acme) == "Red flag"
    assert widget.proxy.data(acme, Role.STATUS) == "red_flag"
    assert widget.proxy.data(acme, Qt.ItemDataRole.DecorationRole) is not None  # not colour only
    assert (
        widget.proxy.data(widget.proxy.index(0, model.column_of("indemnification_ip"))) == "Missing"
    )
    assert widget.proxy.data(widget.proxy.index(2, model.column_of("ip_assignment"))) == ""
    assert widget.proxy.data(widget.proxy.index(2, 1)) == "Nda"
    assert widget.count_label.text() == "3 agreements"


def test_sorting_by_a_count_or_a_status_sorts_by_value(widget: PortfolioWidget) -> None:
    red_flags = [c.header for c in widget.model.columns].index("Red flags")
    widget.view.sortByColumn(red_flags, Qt.SortOrder.DescendingOrder)
    assert _names(widget)[0] == "acme_msa.txt"
    widget.view.sortByColumn(
        widget.model.column_of("indemnification_ip"), Qt.SortOrder.AscendingOrder
    )
    assert _names(widget) == [
        "gamma_nda.txt",
        "beta_msa.txt",
        "acme_msa.txt",
    ]  # absent, present, missing


def test_kind_quick_and_name_filters(widget: PortfolioWidget) -> None:
    kinds = [widget.kind_box.itemData(i) for i in range(widget.kind_box.count())]
    assert kinds == [None, "nda", "vendor"]
    widget.kind_box.setCurrentIndex(kinds.index("vendor"))
    assert _names(widget) == ["acme_msa.txt", "beta_msa.txt"]
    widget.set_quick_filter("uncapped_or_no_ip_indemnity")
    assert _names(widget) == ["acme_msa.txt"]
    assert widget.count_label.text() == "1 of 3 agreements"
    widget.kind_box.setCurrentIndex(0)
    assert _names(widget) == ["acme_msa.txt", "gamma_nda.txt"]  # the NDA has no IP indemnity
    widget.set_quick_filter("all")
    widget.name_box.setText("BETA")
    assert _names(widget) == ["beta_msa.txt"]


def test_filters_survive_a_refresh(
    widget: PortfolioWidget, store: ReviewStore, tmp_path: Path
) -> None:
    widget.kind_box.setCurrentIndex(widget.kind_box.findData("vendor"))
    store.save_review(
        fake_review(write(tmp_path / "delta_msa.txt", VENDOR_TEXT + "\nAnnex.\n"), VENDOR_FINDINGS)
    )
    widget.refresh()
    assert widget.proxy.kind == "vendor"
    assert widget.kind_box.currentData() == "vendor"
    assert _names(widget) == ["acme_msa.txt", "beta_msa.txt", "delta_msa.txt"]


def test_open_issues_follow_decisions(widget: PortfolioWidget, store: ReviewStore) -> None:
    open_column = [c.header for c in widget.model.columns].index("Open")
    before = int(widget.proxy.data(widget.proxy.index(0, open_column)))
    row = widget.proxy.data(widget.proxy.index(0, 0), Role.ROW)
    liability = next(
        f for f in store.findings(row.review_id) if f.clause_id == "limitation_of_liability"
    )
    store.record_decision(row.sha256, Decision(liability.key, "accepted"))
    widget.refresh()
    assert int(widget.proxy.data(widget.proxy.index(0, open_column))) == before - 1


def test_activating_a_row_asks_to_open_its_file(
    qtbot: Any, widget: PortfolioWidget, tmp_path: Path
) -> None:
    index = widget.proxy.index(1, 3)
    with qtbot.waitSignal(widget.open_requested, timeout=1000) as blocker:
        widget.view.activated.emit(index)
    assert blocker.args == [str((tmp_path / "beta_msa.txt").resolve())]


def test_search_lists_hits_and_opens_them(
    qtbot: Any, widget: PortfolioWidget, tmp_path: Path
) -> None:
    widget.search.box.setText("Wales")
    qtbot.waitUntil(lambda: widget.search.model.rowCount() == 1, timeout=2000)
    model = widget.search.model
    assert [model.data(model.index(0, c)) for c in range(2)] == ["gamma_nda.txt", "Governing law"]
    assert "«Wales»" in model.data(model.index(0, 3))
    assert widget.search.status.text() == "1 clause in 1 agreement"
    widget.search.box.setText("indemn")  # as typed so far: a prefix
    qtbot.waitUntil(lambda: model.data(model.index(0, 0)) == "beta_msa.txt", timeout=2000)
    assert model.rowCount() == 1
    with qtbot.waitSignal(widget.location_requested, timeout=1000) as located:
        with qtbot.waitSignal(widget.open_requested, timeout=1000) as opened:
            widget.search.view.activated.emit(model.index(0, 0))
    path = str((tmp_path / "beta_msa.txt").resolve())
    assert opened.args == [path]
    assert located.args[0] == path and CAPPED_TEXT[located.args[1] : located.args[2]].startswith(
        "3."
    )
    widget.search.box.setText("zzzz nothing")
    qtbot.waitUntil(lambda: widget.search.status.text() == "No clause matches.", timeout=2000)


def test_the_default_runner_loads_off_the_gui_thread(
    qtbot: Any, qsettings: None, store: ReviewStore
) -> None:
    w = PortfolioWidget(store)
    qtbot.addWidget(w)
    w.show()  # the first show loads
    qtbot.waitUntil(lambda: w.model.rowCount() == 3, timeout=5000)
    assert w.count_label.text() == "3 agreements"
    w.hide()
    wait_for_background_work(5000)


def test_a_failed_load_is_shown_not_raised(qtbot: Any, qsettings: None, store: ReviewStore) -> None:
    w = PortfolioWidget(store, runner=synchronous_runner)
    qtbot.addWidget(w)
    store.close()
    w.refresh()
    assert w.count_label.text() == "Could not load the portfolio"
    assert w.refresh_button.isEnabled()


def test_the_loader_is_a_plain_callable(
    store: ReviewStore, qapp: QApplication, qsettings: None
) -> None:
    w = PortfolioWidget(store, runner=synchronous_runner)
    data = w.loader()()
    assert [r.name for r in data.rows] == ["acme_msa.txt", "beta_msa.txt", "gamma_nda.txt"]
    assert data.kinds == ("nda", "vendor")
    assert isinstance(w.model.index(0, 0), QModelIndex)
    w.deleteLater()
