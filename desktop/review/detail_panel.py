"""The detail panel: everything about one finding or gap, and the reviewer's decision on it.

For a finding it answers, in the order a lawyer asks: what does the clause say, why was it
flagged and what should change, what does the library's example look like, and how does the
preferred wording differ word by word. For a missing clause it says why the clause matters and
what to add. Below sit the decision buttons and the note, and a footer saying plainly that this
is not legal advice.
"""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from clause_library.decisions import DECISION_LABELS
from desktop.review.decisions import DECISIONS, Decision, DecisionRecord
from desktop.review.diff import DELETE_STYLE, INSERT_STYLE, diff_html, similarity
from desktop.review.model import Item, place_path, where_label
from desktop.review.status import STYLES, status_icon, status_summary

if TYPE_CHECKING:
    from clause_library.review import Finding, Gap, Review

DECISION_TIPS = {
    "accepted": "The clause is acceptable as it stands (Ctrl+1)",
    "needs_change": "The clause must be negotiated or redrafted (Ctrl+2)",
    "not_applicable": "The point does not apply to this deal (Ctrl+3)",
}

CSS = """
h3 { font-size: 10pt; color: #333333; margin-top: 14px; margin-bottom: 4px; }
p { margin-top: 2px; margin-bottom: 6px; }
.quote { font-family: Georgia, 'Liberation Serif', 'DejaVu Serif', serif; font-size: 10.5pt;
         background-color: #f6f6f4; }
.muted { color: #5b5b5b; }
.check { margin-bottom: 8px; }
.rec { color: #1f1f1f; }
"""


def _p(text: str, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return f"<p{klass}>{html.escape(text)}</p>"


def _quote(text: str) -> str:
    body = html.escape(" ".join(text.split()))
    return (
        '<table width="100%" cellpadding="8" cellspacing="0" style="margin: 2px 0 6px 0;">'
        f'<tr><td class="quote" style="border-left: 3px solid #b9b9b9;">{body}</td></tr></table>'
    )


class DetailPanel(QWidget):
    """Explains the selected finding or gap and records the reviewer's decision and note."""

    #: key, decision (or None), note — the reviewer changed the decision or the note
    decisionEdited = Signal(str, object, str)
    #: a short message for the status bar
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self._item: Item | None = None
        self._review: Review | None = None
        self._copy: dict[str, str] = {}
        self._loading = False

        self.icon = QLabel(self)
        self.icon.setFixedSize(QSize(28, 28))
        self.title = QLabel(self)
        self.title.setObjectName("detailTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("detailSubtitle")
        self.subtitle.setWordWrap(True)
        head_text = QVBoxLayout()
        head_text.setSpacing(1)
        head_text.addWidget(self.title)
        head_text.addWidget(self.subtitle)
        head = QHBoxLayout()
        head.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        head.addLayout(head_text, 1)

        self.body = QTextBrowser(self)
        self.body.setObjectName("detailBody")
        self.body.setOpenLinks(False)
        self.body.document().setDefaultStyleSheet(CSS)
        self.body.anchorClicked.connect(self._anchor)
        self.body.setFrameShape(QFrame.Shape.NoFrame)

        self.decision_box = QWidget(self)
        self.decision_box.setObjectName("decisionBox")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        row.setSpacing(4)
        label = QLabel("Your decision", self.decision_box)
        label.setObjectName("decisionLabel")
        for decision in DECISIONS:
            button = QPushButton(DECISION_LABELS[decision], self.decision_box)
            button.setObjectName(f"decision_{decision}")
            button.setCheckable(True)
            button.setToolTip(DECISION_TIPS[decision])
            button.clicked.connect(lambda checked, d=decision: self._decision_clicked(d, checked))
            self.buttons[decision] = button
            row.addWidget(button)
        row.addStretch(1)
        self.note = QPlainTextEdit(self.decision_box)
        self.note.setObjectName("decisionNote")
        self.note.setPlaceholderText("Note for this point (goes into exports as your comment)")
        self.note.setFixedHeight(72)
        self.note.textChanged.connect(self._note_changed)
        self.decided_by = QLabel(self.decision_box)
        self.decided_by.setObjectName("decidedBy")
        box = QVBoxLayout(self.decision_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(label)
        box.addLayout(row)
        box.addWidget(self.note)
        box.addWidget(self.decided_by)

        from clause_library.review import NOT_LEGAL_ADVICE

        self.footer = QLabel(NOT_LEGAL_ADVICE, self)
        self.footer.setObjectName("notLegalAdvice")
        self.footer.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.decision_box)
        layout.addWidget(self.footer)
        self.show_overview(None)

    # --- what is shown ------------------------------------------------------------------------

    @property
    def item(self) -> Item | None:
        return self._item

    def show_overview(
        self, review: Review | None, *, state: str = "", explanation: str = ""
    ) -> None:
        """Nothing selected: the review at a glance, or (no review yet) what the app is doing."""
        self._item = None
        self._review = review
        self.icon.clear()
        self.decision_box.setEnabled(False)
        self._set_record(None)
        if review is None:
            self.title.setText(state or "No document")
            self.subtitle.setText("")
            self.body.setHtml(_p(explanation or "Open an agreement to review it.", "muted"))
            return
        counts = review.counts()
        self.title.setText(review.document.title or review.document.name)
        self.subtitle.setText(f"Reviewed under the {review.playbook.title} playbook")
        rows = "".join(
            f"<tr><td>{STYLES[s].label}</td><td align='right'><b>{counts[s]}</b></td>"
            f"<td class='muted'>&nbsp;&nbsp;{html.escape(STYLES[s].description)}</td></tr>"
            for s in ("red_flag", "weak", "missing", "present")
        )
        self.body.setHtml(
            f"<table cellpadding='3'>{rows}</table>"
            + _p("Select a finding on the left, or press F8 to go to the next open issue "
                 "(Shift+F8 for the previous one).", "muted")
            + _p(f"Playbook: {review.playbook.title}. {review.playbook.description}", "muted")
            + _p(f"Clause library {review.library_version} · model {review.model_id}", "muted")
        )

    def show_item(self, item: Item | None, review: Review, record: DecisionRecord | None) -> None:
        """Show ``item`` (a Finding or a Gap) of ``review`` with the reviewer's ``record``."""
        if item is None:
            self.show_overview(review)
            return
        self._item = item
        self._review = review
        self.icon.setPixmap(status_icon(item.status).pixmap(QSize(28, 28)))
        self.title.setText(item.title)
        self.decision_box.setEnabled(True)
        self._copy = {}
        if item.status == "missing":
            self._show_gap(item, review)
        else:
            self._show_finding(item, review)
        self._set_record(record)
        self.body.verticalScrollBar().setValue(0)

    def _show_finding(self, finding: Finding, review: Review) -> None:
        where = " › ".join(place_path(finding)) or "Preamble"
        page = f" · page {finding.page}" if finding.page else ""
        self.subtitle.setText(f"{status_summary(finding.status, finding.severity)} — {where}{page}")
        parts: list[str] = ["<h3>Clause text</h3>", _quote(finding.text)]
        if finding.clause_end - finding.clause_start > len(finding.text) + 20:
            parts.append(_p(f"Part of the clause at {where_label(finding)}; the highlighted "
                            "sentences are the ones that matched.", "muted"))
        if finding.checks:
            parts.append("<h3>Why it was flagged</h3>")
            for check in finding.checks:
                label = status_summary(check.status, check.severity)
                parts.append(
                    f"<p class='check'><b>{html.escape(check.title)}</b> "
                    f"<span class='muted'>({label})</span><br>{html.escape(check.explanation)}</p>"
                )
                if check.recommendation:
                    parts.append(
                        f"<p class='rec'><i>What to do:</i> {html.escape(check.recommendation)}</p>"
                    )
                if check.replacement and check.fix_start is not None and check.fix_end is not None:
                    words = review.document.text[check.fix_start : check.fix_end]
                    parts.append(
                        f"<p class='muted'>Suggested edit: replace “{html.escape(words)}” with "
                        f"“{html.escape(check.replacement)}”.</p>"
                    )
        elif finding.status == "red_flag":
            parts.append("<h3>Why it was flagged</h3>")
            parts.append(_p(f"The {review.playbook.title} playbook treats any "
                            f"{finding.title.lower()} clause as a red flag for our side."))
        heading = "Why the tool matched this clause" if finding.checks else "Why it was recognised"
        parts.append(f"<h3>{heading}</h3><ul>")
        parts += [f"<li>{html.escape(r)}</li>" for r in finding.reasons]
        score = f"Match score {finding.score:.2f}."
        if finding.possible:
            score += (
                " A possible match: the score is low, so confirm that this passage is a "
                f"{finding.title.lower()} clause."
            )
        parts.append(f"</ul>{_p(score, 'muted')}")
        if finding.nearest_exemplar:
            parts.append(
                "<h3>Nearest library example "
                f"<span class='muted'>(similarity {finding.exemplar_similarity:.2f})</span></h3>"
            )
            parts.append(_quote(finding.nearest_exemplar))
        preferred = self._preferred(review, finding.clause_id)
        if preferred:
            self._copy["preferred"] = preferred
            parts.append("<h3>Preferred language <a href='copy:preferred'>Copy</a></h3>")
            parts.append(_quote(preferred))
            parts.append(
                "<h3>Word-by-word comparison "
                f"<span class='muted'>({similarity(finding.text, preferred):.0%} "
                "of the words in common)</span></h3>"
            )
            parts.append(
                f"<p class='muted'><span style='{DELETE_STYLE}'>struck through</span>: only in "
                f"the agreement · <span style='{INSERT_STYLE}'>underlined</span>: only in the "
                "preferred language</p>"
            )
            parts.append(f"<p class='quote'>{diff_html(finding.text, preferred)}</p>")
        self.body.setHtml("".join(parts))

    def _show_gap(self, gap: Gap, review: Review) -> None:
        need = "Required" if gap.required else "Recommended"
        self.subtitle.setText(
            f"Missing · {gap.severity} severity — {need} by the {review.playbook.title} playbook"
        )
        parts: list[str] = []
        if gap.trigger:
            try:
                trigger = review.analysis.library.get(gap.trigger).title
            except KeyError:
                trigger = gap.trigger
            parts.append(_p(f"Required because the agreement contains: {trigger}.", "muted"))
        parts.append("<h3>Why it matters</h3>")
        parts.append(_p(gap.description))
        if gap.recommendation:
            self._copy["recommendation"] = gap.recommendation
            parts.append("<h3>Language to add <a href='copy:recommendation'>Copy</a></h3>")
            parts.append(_quote(gap.recommendation))
        if gap.fallback:
            self._copy["fallback"] = gap.fallback
            parts.append("<h3>Fallback if the other side refuses "
                         "<a href='copy:fallback'>Copy</a></h3>")
            parts.append(_quote(gap.fallback))
        self.body.setHtml("".join(parts))

    @staticmethod
    def _preferred(review: Review, clause_id: str) -> str:
        try:
            return review.analysis.library.get(clause_id).preferred
        except KeyError:
            return ""

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() == "copy":
            text = self._copy.get(url.path(), "")
            if text:
                QGuiApplication.clipboard().setText(text)
                self.message.emit("Copied to the clipboard.")

    # --- the decision -------------------------------------------------------------------------

    def decision(self) -> Decision | None:
        for decision, button in self.buttons.items():
            if button.isChecked():
                return cast("Decision", decision)
        return None

    def _set_record(self, record: DecisionRecord | None) -> None:
        self._loading = True
        try:
            for decision, button in self.buttons.items():
                button.setChecked(record is not None and record.decision == decision)
            self.note.setPlainText(record.note if record else "")
            self._show_decided_by(record)
        finally:
            self._loading = False

    def _show_decided_by(self, record: DecisionRecord | None) -> None:
        if record is None or record.is_empty:
            self.decided_by.setText("")
            return
        when = ""
        if record.updated:
            try:
                stamp = datetime.fromisoformat(record.updated).astimezone()
                when = f" · {stamp:%d %b %Y %H:%M}"
            except ValueError:
                when = ""
        who = record.author or "(no reviewer name — set it in Preferences)"
        self.decided_by.setText(f"By {who}{when}")

    def set_decision(self, decision: Decision | None) -> None:
        """Choose ``decision`` (None clears it), as if its button were clicked."""
        if self._item is None:
            return
        for d, button in self.buttons.items():
            button.setChecked(d == decision)
        self._emit()

    def toggle_decision(self, decision: Decision) -> None:
        self.set_decision(None if self.decision() == decision else decision)

    def _decision_clicked(self, decision: str, checked: bool) -> None:
        self.set_decision(cast("Decision", decision) if checked else None)

    def _note_changed(self) -> None:
        if not self._loading:
            self._emit()

    def _emit(self) -> None:
        if self._item is not None and not self._loading:
            self.decisionEdited.emit(self._item.key, self.decision(), self.note.toPlainText())

    def record_saved(self, record: DecisionRecord | None) -> None:
        """The store accepted the edit: show who decided and when."""
        self._show_decided_by(record)
