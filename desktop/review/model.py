"""The findings tree: a Qt model adapting the engine's :class:`~clause_library.review.Review`.

Rows are grouped by clause family (IP, confidentiality, risk …); under each family come its
findings in document order, then the clause types the playbook expects but the document lacks
(gaps). Families with the worst issues come first. The model holds no state of its own beyond the
review and the reviewer's decisions; views ask for data through the roles below.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import TYPE_CHECKING, Any, Union

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from clause_library.decisions import DECISION_LABELS
from clause_library.segment import (
    ARTICLE_HEADING,
    CIRCLED_NUMBER,
    CLAUSE_HEADING,
    PARAGRAPH_OF_PROVISION,
    is_part_heading,
    word_heading,
)
from desktop.review.decisions import DecisionRecord
from desktop.review.status import (
    SEVERITY_RANK,
    STATUS_RANK,
    STATUSES,
    STYLES,
    status_icon,
    status_summary,
)

if TYPE_CHECKING:
    from clause_library.review import Finding, Gap, Review

Item = Union["Finding", "Gap"]
AnyIndex = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom data roles of :class:`FindingsModel`."""

    #: the engine's Finding or Gap (None on family rows)
    ITEM = Qt.ItemDataRole.UserRole + 1
    #: Finding.key / Gap.key; "family:<id>" on family rows
    KEY = Qt.ItemDataRole.UserRole + 2
    #: "present", "weak", "red_flag" or "missing" ("" on family rows)
    STATUS = Qt.ItemDataRole.UserRole + 3
    #: "info", "low", "medium", "high" or "critical"
    SEVERITY = Qt.ItemDataRole.UserRole + 4
    #: family id
    FAMILY = Qt.ItemDataRole.UserRole + 5
    #: "family" or "item"
    NODE = Qt.ItemDataRole.UserRole + 6
    #: the reviewer's DecisionRecord, or None
    DECISION = Qt.ItemDataRole.UserRole + 7
    #: lower-case text the filter box searches
    SEARCH = Qt.ItemDataRole.UserRole + 8
    #: position in document order (gaps after every finding)
    ORDER = Qt.ItemDataRole.UserRole + 9


COLUMNS = ("Clause", "Where", "")
#: compact marks for the decision column (the words are in the tooltip and the detail panel)
DECISION_MARKS = {"accepted": "✓", "needs_change": "✎", "not_applicable": "–"}
CLAUSE_COLUMN, WHERE_COLUMN, DECISION_COLUMN = range(3)


def where_label(item: Item) -> str:
    """Where a finding is, the way a reader cites it: "5.1", "p. 3 · 4.2", or "Required"."""
    if item.status == "missing":
        return "Required" if getattr(item, "required", False) else "Recommended"
    path = place_path(item)
    appendix = ""
    if path and is_part_heading(path[0]):
        # "App. 3 · 4": item 4 of an appendix that numbers afresh, not the agreement's clause 4
        appendix, path = short_part(path[0]), path[1:]
    label = ""
    article = ARTICLE_HEADING.match(path[-2]) if len(path) > 1 else None
    clause = CLAUSE_HEADING.match(path[-2]) if len(path) > 1 else None
    worded = word_heading(path[-2])[0] if len(path) > 1 else ""
    if worded and PARAGRAPH_OF_PROVISION.match(path[-1]):
        # "PARAGRAPH TWO" standing apart from "SEVENTEENTH CLAUSE – CONFIDENTIALITY"
        paragraph = re.sub(r"(?i)\bparagraph\b", "Para.", path[-1].title())
        label = f"Cl. {worded}, {paragraph}"
    elif worded and re.fullmatch(r"[0-9]+\.?", path[-1].strip()):
        # item "3." of "FIFTEENTH CLAUSE – PROTECTION OF PERSONAL DATA", standing apart from it
        label = f"Clause {worded}({path[-1].strip().rstrip('.')})"
    elif article and re.fullmatch(r"[0-9]+\.?", path[-1].strip()):
        # a paragraph "2" of "Art. 16 Liability" is cited as Swiss and German drafting cite it
        label = f"Art. {article.group(1)} para. {path[-1].strip().rstrip('.')}"
    elif clause and re.fullmatch(r"[0-9]+\.?", path[-1].strip()):
        # paragraph "1" of "Clause 21 Liability" is 21(1)
        label = f"{clause.group(1)}({path[-1].strip().rstrip('.')})"
    elif path:
        # a bare sub-item label ("d)", "(ii)") is cited with its numbered parent: "8.1(d)"
        subs: list[str] = []
        parents = [*path[-2::-1], ""]
        for part, parent in zip(reversed(path), parents, strict=True):
            first = part.split()[0] if part.split() else ""
            bare = len(part.split()) == 1
            if bare and re.fullmatch(CIRCLED_NUMBER, first):
                # a paragraph ① of an article is cited with the article: "Art. 9 ①"
                subs.insert(0, " " + first)
                continue
            titled_article = re.match(r"(?i)^(?:art(?:icle|\.)|§)\s*([0-9]+)\b", parent)
            if bare and re.fullmatch(r"\([0-9]{1,2}\)", first) and titled_article:
                # paragraph "(1)" of "Art. 33." or "§ 9 Pre-existing Rights": "Art. 33(1)"
                mark = "§ " if parent.startswith("§") else "Art. "
                label = f"{mark}{titled_article.group(1)}{first}" + "".join(subs)
                break
            if any(ch.isdigit() for ch in first):
                label = first.rstrip(".") + "".join(subs)
                break
            if bare and re.fullmatch(r"\(?[A-Za-z]{1,2}\)|\(?[ivxlcIVXLC]{1,6}\)", first):
                subs.insert(0, "(" + first.strip("()") + ")")
                continue
            article = re.match(r"(?i)^(?:article|art\.)\s+([0-9]+|[IVXLC]+)\b", part)
            if article and subs:
                label = f"Art. {article.group(1)}" + "".join(subs)
                break
            # a clause numbered in words ("TWENTY-SECOND.- SURVIVAL") is cited by its number
            worded = word_heading(part)[0]
            label = (f"Clause {worded}" if worded else part) + "".join(subs)
            break
        else:
            label = "".join(subs)
        if len(label) > 18:
            label = label[:17] + "…"
    if appendix:
        return f"{appendix} · {label}" if label else appendix
    page = getattr(item, "page", None)
    if not label and page:
        return f"p. {page}"
    return label or "Preamble"


def place_path(item: Item) -> tuple[str, ...]:
    """The headings a place is cited by, its schedule or appendix first (see
    :attr:`clause_library.review.Finding.place_path`)."""
    path = getattr(item, "place_path", None)
    return path if path is not None else getattr(item, "heading_path", ())


_PART_ABBREVIATIONS = {
    "schedule": "Sch.",
    "appendix": "App.",
    "exhibit": "Ex.",
    "attachment": "Att.",
}


def short_part(heading: str) -> str:
    """A schedule's or appendix's heading as a short citation: "APPENDIX 3 SERVICE LEVELS" is
    "App. 3", "ANNEX A – DATA" is "Annex A"."""
    words = heading.replace("—", " ").replace("–", " ").replace(":", " ").split()
    word = words[0].lower()
    short = _PART_ABBREVIATIONS.get(word, word.title())
    number = words[1].strip('".') if len(words) > 1 else ""
    if re.fullmatch(r"[0-9][0-9.()A-Za-z]{0,7}|[A-Za-z]|[IVXL]{1,5}", number):
        return f"{short} {number}"
    return short


def item_tooltip(item: Item) -> str:
    summary = status_summary(item.status, item.severity)
    if item.status == "missing":
        need = "Required" if getattr(item, "required", False) else "Recommended"
        return f"{item.title}\nMissing · {need} by the playbook · {item.severity} severity"
    path = " › ".join(place_path(item)) or "Preamble"
    page = getattr(item, "page", None)
    tip = f"{item.title}\n{summary}\n{path}" + (f", page {page}" if page else "")
    if getattr(item, "possible", False):
        tip += f"\nPossible match (score {item.score:.2f}): confirm this is the clause"
    return tip


@dataclass(eq=False)
class _Node:
    kind: str  # "root", "family", "item"
    family: str = ""
    title: str = ""
    item: Item | None = None
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)
    row: int = 0
    order: int = 0


class FindingsModel(QAbstractItemModel):
    """Families → findings and gaps of one review, plus the reviewer's decisions."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._root = _Node("root")
        self._by_key: dict[str, _Node] = {}
        self._decisions: dict[str, DecisionRecord] = {}
        self._review: Review | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        #: findings that are only possible matches are set in italics
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- loading ------------------------------------------------------------------------------

    @property
    def review(self) -> Review | None:
        return self._review

    def set_review(
        self, review: Review | None, decisions: Mapping[str, DecisionRecord] | None = None
    ) -> None:
        """Show ``review`` (None to clear) with the reviewer's ``decisions`` by key."""
        self.beginResetModel()
        self._review = review
        self._decisions = dict(decisions or {})
        self._root = _Node("root")
        self._by_key = {}
        if review is not None:
            self._build(review)
        self.endResetModel()

    def _build(self, review: Review) -> None:
        library = review.analysis.library
        families: dict[str, _Node] = {}

        def family_node(family_id: str) -> _Node:
            if family_id not in families:
                try:
                    title = library.family(family_id).title
                except KeyError:
                    title = family_id.replace("_", " ").capitalize()
                families[family_id] = _Node("family", family=family_id, title=title,
                                            parent=self._root, order=len(families))
            return families[family_id]

        items: list[Item] = [*review.findings, *review.gaps]
        for order, item in enumerate(items):
            parent = family_node(item.family)
            node = _Node("item", family=item.family, title=item.title, item=item, parent=parent,
                         order=order)
            parent.children.append(node)
            self._by_key[item.key] = node

        def family_rank(node: _Node) -> tuple[int, int]:
            worst = max((STATUS_RANK[c.item.status] for c in node.children if c.item), default=0)
            return (-worst, node.order)

        self._root.children = sorted(families.values(), key=family_rank)
        for row, node in enumerate(self._root.children):
            node.row = row
            for child_row, child in enumerate(node.children):
                child.row = child_row

    def update_decision(self, key: str, record: DecisionRecord | None) -> None:
        """The reviewer decided (or wrote a note on) the item ``key``."""
        if record is None or record.is_empty:
            self._decisions.pop(key, None)
        else:
            self._decisions[key] = record
        node = self._by_key.get(key)
        if node is None:
            return
        left = self.createIndex(node.row, 0, node)
        right = self.createIndex(node.row, len(COLUMNS) - 1, node)
        self.dataChanged.emit(left, right)

    def decision(self, key: str) -> DecisionRecord | None:
        return self._decisions.get(key)

    # --- lookups ------------------------------------------------------------------------------

    def index_for_key(self, key: str, column: int = 0) -> QModelIndex:
        node = self._by_key.get(key)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node)

    def item_for_key(self, key: str) -> Item | None:
        node = self._by_key.get(key)
        return node.item if node else None

    def items(self) -> list[Item]:
        """Findings then gaps, in document order."""
        nodes = sorted(self._by_key.values(), key=lambda n: n.order)
        return [n.item for n in nodes if n.item is not None]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for node in self._by_key.values():
            if node.item is not None:
                out[node.item.status] += 1
        return out

    # --- QAbstractItemModel -------------------------------------------------------------------

    def _node(self, index: AnyIndex) -> _Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, _Node)
            return node
        return self._root

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        node = self._node(parent)
        if row >= len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        node = self._node(index)
        if node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == DECISION_COLUMN:
            return "Your decision: ✓ accepted, ✎ needs change, – not applicable; * has a note"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        if node.kind == "family":
            return self._family_data(node, index.column(), role)
        assert node.item is not None
        return self._item_data(node, node.item, index.column(), role)

    def _family_data(self, node: _Node, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == CLAUSE_COLUMN:
            return f"{node.title}  ·  {self._family_counts(node)}"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.title}: {self._family_counts(node)}"
        if role == Role.KEY:
            return f"family:{node.family}"
        if role == Role.NODE:
            return "family"
        if role == Role.FAMILY:
            return node.family
        if role == Role.STATUS:
            return ""
        if role == Role.SEARCH:
            return node.title.lower()
        if role == Role.ORDER:
            return node.order
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{node.title}, {self._family_counts(node)}"
        return None

    def _family_counts(self, node: _Node) -> str:
        counts = dict.fromkeys(STATUSES, 0)
        for child in node.children:
            if child.item is not None:
                counts[child.item.status] += 1
        parts = [
            f"{n} {STYLES[s].plural if n != 1 else STYLES[s].label.lower()}"
            for s, n in counts.items() if n
        ]
        return ", ".join(parts)

    def _item_data(self, node: _Node, item: Item, column: int, role: int) -> Any:
        record = self._decisions.get(item.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == CLAUSE_COLUMN:
                return item.title
            if column == WHERE_COLUMN:
                return where_label(item)
            if column == DECISION_COLUMN:
                if record is None:
                    return ""
                mark = DECISION_MARKS.get(record.decision or "", "")
                return mark + ("*" if record.note.strip() else "")
            return None
        if role == Qt.ItemDataRole.DecorationRole and column == CLAUSE_COLUMN:
            return status_icon(item.status)
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = item_tooltip(item)
            if record is not None and record.decision:
                tip += f"\nDecision: {DECISION_LABELS[record.decision]}"
            if record is not None and record.note.strip():
                tip += f"\nNote: {record.note.strip()}"
            return tip
        possible = getattr(item, "possible", False)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            summary = status_summary(item.status, item.severity)
            return f"{item.title}, {summary}" + (", possible match" if possible else "")
        if role == Qt.ItemDataRole.FontRole and possible and column == CLAUSE_COLUMN:
            return self._italic
        if role == Qt.ItemDataRole.ForegroundRole and (column != CLAUSE_COLUMN or possible):
            return QColor("#555555")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == DECISION_COLUMN:
            return Qt.AlignmentFlag.AlignCenter
        if role == Role.ITEM:
            return item
        if role == Role.KEY:
            return item.key
        if role == Role.STATUS:
            return item.status
        if role == Role.SEVERITY:
            return item.severity
        if role == Role.FAMILY:
            return item.family
        if role == Role.NODE:
            return "item"
        if role == Role.DECISION:
            return record
        if role == Role.ORDER:
            return node.order
        if role == Role.SEARCH:
            text = getattr(item, "text", "") or getattr(item, "description", "")
            path = " ".join(place_path(item))
            parent_title = node.parent.title if node.parent else ""
            return " ".join(
                (item.title, item.clause_id, parent_title, path, text, STYLES[item.status].label)
            ).lower()
        return None


class FindingsFilter(QSortFilterProxyModel):
    """Shows the findings whose status, severity and text match; a family shows while any of
    its items does."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses: set[str] = set(STATUSES)
        self._min_severity = 0
        self._words: list[str] = []
        self.setRecursiveFilteringEnabled(True)

    @property
    def statuses(self) -> frozenset[str]:
        return frozenset(self._statuses)

    def set_statuses(self, statuses: Sequence[str] | set[str]) -> None:
        self.beginFilterChange()
        self._statuses = set(statuses)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_min_severity(self, severity: str) -> None:
        """Hide items below ``severity`` ("info" shows everything)."""
        self.beginFilterChange()
        self._min_severity = SEVERITY_RANK.get(severity, 0)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = text.lower().split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, item: Item, search: str) -> bool:
        if item.status not in self._statuses:
            return False
        if SEVERITY_RANK.get(item.severity, 0) < self._min_severity:
            return False
        return all(word in search for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if index.data(Role.NODE) != "item":
            return False  # a family shows only through its items (recursive filtering)
        item = index.data(Role.ITEM)
        return self.accepts(item, index.data(Role.SEARCH) or "")
