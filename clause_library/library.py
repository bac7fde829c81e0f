"""The clause library: clause types with exemplars, cues and checks, loaded from YAML.

The format is described in ``docs/clause-library-format.md``. Loading validates every file and
reports problems as :class:`~clause_library.errors.LibraryError` naming the file and line; an id
defined twice names both places.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from clause_library.errors import LibraryError

Status = Literal["present", "weak", "red_flag", "missing"]
Severity = Literal["low", "medium", "high", "critical"]
SEVERITIES: tuple[Severity, ...] = ("low", "medium", "high", "critical")
CHECK_STATUSES = ("weak", "red_flag")
KINDS = ("vendor", "contractor", "data_licence", "model_licence", "nda")


@dataclass(frozen=True)
class Fix:
    """A word-level tracked-change suggestion: replace the first match of ``replace``."""

    replace: str
    with_: str


@dataclass(frozen=True)
class Condition:
    """When a check holds. Entries are cue names of the clause type or regexes; see the format."""

    any: tuple[str, ...] = ()
    any_with_definitions: tuple[str, ...] = ()
    all: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    #: wording that ``none`` reads as blank: what looks like the carve-out a check asks for but
    #: serves only our side ("except Customer's indemnification obligations", when the check
    #: asks whether the other side's indemnity is carved out of a cap)
    none_ignores: tuple[str, ...] = ()
    document_has: tuple[str, ...] = ()
    document_has_any: tuple[str, ...] = ()
    document_lacks: tuple[str, ...] = ()
    document_any: tuple[str, ...] = ()
    document_none: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    #: whether ``document_any`` and ``document_none`` read the agreement without the provisions
    #: the clause sets aside ("Notwithstanding clause 6.2, the Supplier may process ..."): the
    #: limit in 6.2 answers no check on what 6.4 allows despite it
    without_set_aside: bool = False


@dataclass(frozen=True)
class Check:
    id: str
    clause_id: str
    status: Literal["weak", "red_flag"]
    severity: Severity
    title: str
    explanation: str
    when: Condition
    recommendation: str = ""
    fix: Fix | None = None


@dataclass(frozen=True)
class ClauseType:
    id: str
    title: str
    family: str
    description: str
    exemplars: tuple[str, ...]
    counter_exemplars: tuple[str, ...] = ()
    cues: Mapping[str, str] = field(default_factory=dict)
    required_cues: tuple[str, ...] = ()
    #: cues marking wording of another kind (a disclaimer where the type is a warranty): a unit
    #: that matches one is not taken for this type, and they do not count among its cues
    excluding_cues: tuple[str, ...] = ()
    #: a unit with none of the required cues is not taken for this type at all (it is held as
    #: one that matches an excluding cue), rather than only scored lower
    strict_required: bool = False
    #: the type reads one aspect of clauses another type holds (price changes within price
    #: restrictions): it is left out when the other types' lead over their rivals is measured
    overlapping: bool = False
    heading_cues: tuple[str, ...] = ()
    checks: tuple[Check, ...] = ()
    preferred: str = ""
    fallback: str = ""
    cuad_category: str | None = None
    source: str = ""

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Family:
    id: str
    title: str
    source: str


@dataclass(frozen=True)
class Library:
    """All clause types, by id, in the order they were defined."""

    families: tuple[Family, ...]
    types: tuple[ClauseType, ...]
    version: str

    def __iter__(self) -> Iterator[ClauseType]:
        return iter(self.types)

    def __len__(self) -> int:
        return len(self.types)

    def __contains__(self, clause_id: object) -> bool:
        return any(t.id == clause_id for t in self.types)

    def get(self, clause_id: str) -> ClauseType:
        for clause_type in self.types:
            if clause_type.id == clause_id:
                return clause_type
        raise KeyError(clause_id)

    def family(self, family_id: str) -> Family:
        for family in self.families:
            if family.id == family_id:
                return family
        raise KeyError(family_id)

    def check(self, check_id: str) -> Check:
        for clause_type in self.types:
            for check in clause_type.checks:
                if check.id == check_id:
                    return check
        raise KeyError(check_id)

    def by_cuad_category(self) -> dict[str, list[ClauseType]]:
        out: dict[str, list[ClauseType]] = {}
        for clause_type in self.types:
            if clause_type.cuad_category:
                out.setdefault(clause_type.cuad_category, []).append(clause_type)
        return out


# --- YAML with line numbers ---------------------------------------------------------------------


class _Node(dict[str, Any]):
    """A mapping that remembers the line each key was written on."""

    lines: dict[str, int]
    line: int


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The safe loader, parsing in libyaml's C code where PyYAML has it (several times faster)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _Node:
    mapping = _Node()
    mapping.lines = {}
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise LibraryError(
                loader.name, key_node.start_mark.line + 1, f"key '{key}' appears twice"
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


def _read_yaml(text: str, source: str) -> Any:
    loader = _LineLoader(text)
    loader.name = source
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise LibraryError(source, line, f"not valid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise LibraryError(source, None, f"not valid YAML: {exc}") from exc
    finally:
        loader.dispose()


# --- validation -----------------------------------------------------------------------------


class _Reader:
    """Typed access to one YAML mapping with errors that point at the file and line."""

    def __init__(self, node: Any, source: str, what: str, line: int | None = None) -> None:
        if not isinstance(node, dict):
            raise LibraryError(source, line, f"{what} must be a mapping")
        self.node = node
        self.source = source
        self.what = what
        self.line = getattr(node, "line", line)

    def line_of(self, key: str) -> int | None:
        lines: dict[str, int] = getattr(self.node, "lines", {})
        return lines.get(key, self.line)

    def fail(self, key: str | None, message: str) -> LibraryError:
        return LibraryError(self.source, self.line_of(key) if key else self.line, message)

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self.node.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"{self.what} has no '{key}'")
            return default
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.fail(key, f"'{key}' of {self.what} must be text")
        return " ".join(str(value).split()) if key not in ("replace",) else str(value)

    def texts(self, key: str, *, minimum: int = 0) -> tuple[str, ...]:
        value = self.node.get(key, [])
        if value is None:
            value = []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(key, f"'{key}' of {self.what} must be a list of text")
        if len(value) < minimum:
            raise self.fail(
                key if key in self.node else None,
                f"{self.what} needs at least {minimum} '{key}' (has {len(value)})",
            )
        return tuple(" ".join(v.split()) for v in value)

    def mapping(self, key: str) -> dict[str, Any]:
        value = self.node.get(key, {})
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise self.fail(key, f"'{key}' of {self.what} must be a mapping")
        return value

    def unknown(self, allowed: Iterable[str]) -> None:
        extra = set(self.node) - set(allowed)
        if extra:
            key = sorted(extra)[0]
            raise self.fail(key, f"unknown key '{key}' in {self.what}")


_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_CLAUSE_KEYS = (
    "id",
    "title",
    "cuad_category",
    "description",
    "cues",
    "required_cues",
    "excluding_cues",
    "strict_required",
    "overlapping",
    "heading_cues",
    "exemplars",
    "counter_exemplars",
    "checks",
    "preferred",
    "fallback",
)
_CHECK_KEYS = (
    "id",
    "status",
    "severity",
    "title",
    "explanation",
    "when",
    "fix",
    "recommendation",
)
_WHEN_KEYS = (
    "any",
    "any_with_definitions",
    "all",
    "none",
    "none_ignores",
    "document_has",
    "document_has_any",
    "document_lacks",
    "document_any",
    "document_none",
    "kinds",
    "without_set_aside",
)

#: Party placeholders a check regex may use; matched against any party name when validating.
PLACEHOLDER = re.compile(r"\{(us|them|only_us|only_them)\}")


@functools.cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a library regex (placeholders replaced by a neutral party pattern), once per
    process: the library holds more patterns than ``re``'s own cache keeps."""
    return re.compile(PLACEHOLDER.sub(r"(?:\\w+(?:\\s+\\w+)?)", pattern), re.IGNORECASE)


def _regex(reader: _Reader, key: str, pattern: str) -> None:
    try:
        compile_pattern(pattern)
    except re.error as exc:
        raise reader.fail(
            key, f"regex in '{key}' of {reader.what} does not compile: {exc}"
        ) from exc


def _parse_check(raw: Any, clause_id: str, cues: Mapping[str, str], src: str, line: int) -> Check:
    reader = _Reader(raw, src, f"a check of '{clause_id}'", line)
    reader.unknown(_CHECK_KEYS)
    check_id = reader.text("id")
    reader.what = f"check '{check_id}'"
    if not _ID.match(check_id):
        raise reader.fail("id", f"check id '{check_id}' must be snake_case")
    status = reader.text("status")
    if status not in CHECK_STATUSES:
        raise reader.fail("status", f"status of {reader.what} must be weak or red_flag")
    severity = reader.text("severity")
    if severity not in SEVERITIES:
        raise reader.fail("severity", f"severity of {reader.what} must be one of {SEVERITIES}")
    when_raw = reader.mapping("when")
    when = _Reader(when_raw, src, f"'when' of {reader.what}", reader.line_of("when"))
    when.unknown(_WHEN_KEYS)
    parts: dict[str, tuple[str, ...]] = {
        k: when.texts(k) for k in _WHEN_KEYS if k != "without_set_aside"
    }
    without_set_aside = when.node.get("without_set_aside", False)
    if not isinstance(without_set_aside, bool):
        raise when.fail(
            "without_set_aside", f"'without_set_aside' of {reader.what} must be true or false"
        )
    for key in (
        "any",
        "any_with_definitions",
        "all",
        "none",
        "none_ignores",
        "document_any",
        "document_none",
    ):
        for entry in parts[key]:
            if entry not in cues:
                if _ID.match(entry):
                    raise when.fail(key, f"{reader.what} names cue '{entry}', which is not defined")
                _regex(when, key, entry)
    for kind in parts["kinds"]:
        if kind not in KINDS:
            raise when.fail("kinds", f"unknown agreement kind '{kind}' (use one of {KINDS})")
    if not (
        parts["any"]
        or parts["any_with_definitions"]
        or parts["all"]
        or parts["none"]
        or parts["document_lacks"]
    ):
        raise reader.fail("when", f"{reader.what} has no condition")
    fix = None
    if "fix" in reader.node and reader.node["fix"] is not None:
        fix_reader = _Reader(
            reader.node["fix"], src, f"'fix' of {reader.what}", reader.line_of("fix")
        )
        fix_reader.unknown(("replace", "with"))
        fix = Fix(fix_reader.text("replace"), fix_reader.text("with", required=False))
        _regex(fix_reader, "replace", fix.replace)
    return Check(
        id=check_id,
        clause_id=clause_id,
        status=status,  # type: ignore[arg-type]
        severity=severity,
        title=reader.text("title"),
        explanation=reader.text("explanation"),
        when=Condition(**parts, without_set_aside=without_set_aside),
        recommendation=reader.text("recommendation", required=False),
        fix=fix,
    )


#: a cue written as ``{same_as: clause_id.cue_name}``: the same regex as that cue of another type
_SAME_AS = re.compile(r"^([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*)$")


def _own_cues(raw: Any) -> dict[str, str]:
    """``{"clause_id.cue_name": regex}`` of the cues a raw clause type writes out itself (not
    those it takes from another type), for other types to refer to; nothing is validated here."""
    if not isinstance(raw, dict) or not isinstance(raw.get("cues"), dict):
        return {}
    return {
        f"{raw.get('id')}.{name}": pattern
        for name, pattern in raw["cues"].items()
        if isinstance(pattern, str)
    }


def _parse_clause(
    raw: Any, family: str, src: str, line: int, shared: Mapping[str, str]
) -> tuple[ClauseType, int]:
    reader = _Reader(raw, src, "a clause type", line)
    reader.unknown(_CLAUSE_KEYS)
    clause_id = reader.text("id")
    reader.what = f"clause type '{clause_id}'"
    if not _ID.match(clause_id):
        raise reader.fail("id", f"clause id '{clause_id}' must be snake_case")
    cues_raw = reader.mapping("cues")
    cues: dict[str, str] = {}
    cue_reader = _Reader(cues_raw, src, f"cues of '{clause_id}'", reader.line_of("cues"))
    for name, value in cues_raw.items():
        pattern = (
            _same_as(value, str(name), cue_reader, shared) if isinstance(value, dict) else value
        )
        if not isinstance(pattern, str):
            raise cue_reader.fail(
                str(name), f"cue '{name}' must be a regex string or {{same_as: type.cue}}"
            )
        _regex(cue_reader, str(name), pattern)
        cues[str(name)] = pattern
    required = reader.texts("required_cues")
    for name in required:
        if name not in cues:
            raise reader.fail("required_cues", f"required cue '{name}' is not defined in cues")
    excluding = reader.texts("excluding_cues")
    for name in excluding:
        if name not in cues:
            raise reader.fail("excluding_cues", f"excluding cue '{name}' is not defined in cues")
        if name in required:
            raise reader.fail("excluding_cues", f"cue '{name}' cannot be required and excluding")
    strict = reader.node.get("strict_required", False)
    if not isinstance(strict, bool):
        raise reader.fail(
            "strict_required", f"strict_required of {reader.what} must be true or false"
        )
    if strict and not required:
        raise reader.fail(
            "strict_required", f"{reader.what} has strict_required but no required_cues"
        )
    overlapping = reader.node.get("overlapping", False)
    if not isinstance(overlapping, bool):
        raise reader.fail("overlapping", f"overlapping of {reader.what} must be true or false")
    headings = reader.texts("heading_cues")
    for pattern in headings:
        _regex(reader, "heading_cues", pattern)
    checks_raw = reader.node.get("checks") or []
    if not isinstance(checks_raw, list):
        raise reader.fail("checks", f"'checks' of {reader.what} must be a list")
    checks = tuple(
        _parse_check(c, clause_id, cues, src, getattr(c, "line", reader.line_of("checks")) or 0)
        for c in checks_raw
    )
    exemplars = reader.texts("exemplars", minimum=6)
    for name in excluding:
        regex = compile_pattern(cues[name])
        for number, exemplar in enumerate(exemplars, 1):
            if regex.search(exemplar):
                raise reader.fail(
                    "exemplars",
                    f"exemplar {number} of {reader.what} matches its excluding cue '{name}'",
                )
    if strict:
        patterns = [compile_pattern(cues[name]) for name in required]
        for number, exemplar in enumerate(exemplars, 1):
            if not any(p.search(exemplar) for p in patterns):
                raise reader.fail(
                    "exemplars",
                    f"exemplar {number} of {reader.what} matches none of its strict required cues",
                )
    clause_type = ClauseType(
        id=clause_id,
        title=reader.text("title"),
        family=family,
        description=reader.text("description"),
        exemplars=exemplars,
        counter_exemplars=reader.texts("counter_exemplars"),
        cues=cues,
        required_cues=required,
        excluding_cues=excluding,
        strict_required=strict,
        overlapping=overlapping,
        heading_cues=headings,
        checks=checks,
        preferred=reader.text("preferred", required=False),
        fallback=reader.text("fallback", required=False),
        cuad_category=reader.text("cuad_category", required=False) or None,
        source=f"{src}:{reader.line}",
    )
    return clause_type, reader.line or 0


def _same_as(node: Any, name: str, cues: _Reader, shared: Mapping[str, str]) -> str:
    """The regex a ``{same_as: clause_id.cue_name}`` cue refers to."""
    reference = _Reader(node, cues.source, f"cue '{name}' of {cues.what}", cues.line_of(name))
    reference.unknown(("same_as",))
    target = reference.text("same_as")
    if not _SAME_AS.match(target):
        raise reference.fail("same_as", f"same_as of cue '{name}' must be clause_id.cue_name")
    if target not in shared:
        raise reference.fail(
            "same_as",
            f"cue '{name}' refers to '{target}', which is no cue written out in the library",
        )
    return shared[target]


def _parse_family(
    data: Any, source: str, shared: Mapping[str, str]
) -> tuple[Family, list[ClauseType]]:
    """One family file, read as YAML; ``shared`` holds the cues every file writes out (see
    :func:`_own_cues`) that its ``same_as`` cues may name."""
    reader = _Reader(data, source, "a clause family file", 1)
    reader.unknown(("family", "title", "clauses"))
    family_id = reader.text("family")
    family = Family(family_id, reader.text("title"), source)
    clauses_raw = data.get("clauses")
    if not isinstance(clauses_raw, list) or not clauses_raw:
        raise reader.fail("clauses", "'clauses' must be a non-empty list")
    types = [
        _parse_clause(raw, family_id, source, getattr(raw, "line", 0), shared)[0]
        for raw in clauses_raw
    ]
    return family, types


def builtin_sources() -> list[tuple[str, str]]:
    """(name, text) of the library files shipped with the engine, in name order."""
    folder = resources.files("clause_library") / "data" / "clauses"
    out = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            out.append((f"clauses/{entry.name}", entry.read_text(encoding="utf-8")))
    return out


def load_library(extra: Iterable[Path] = (), *, builtin: bool = True) -> Library:
    """Load the built-in library plus ``extra`` family files (a user's own)."""
    sources = builtin_sources() if builtin else []
    sources += [(str(p), Path(p).read_text(encoding="utf-8")) for p in extra]
    return build_library(sources)


def build_library(sources: Iterable[tuple[str, str]]) -> Library:
    families: list[Family] = []
    types: list[ClauseType] = []
    seen_types: dict[str, str] = {}
    seen_checks: dict[str, str] = {}
    seen_families: dict[str, str] = {}
    digest = hashlib.sha256()
    documents = []
    shared: dict[str, str] = {}
    for name, text in sources:
        digest.update(name.encode() + b"\0" + text.encode("utf-8") + b"\0")
        data = _read_yaml(text, name)
        documents.append((name, data))
        clauses = data.get("clauses") if isinstance(data, dict) else None
        for raw in clauses if isinstance(clauses, list) else []:
            shared.update(_own_cues(raw))
    for name, data in documents:
        family, family_types = _parse_family(data, name, shared)
        if family.id in seen_families:
            raise LibraryError(
                name, 1, f"family '{family.id}' is already defined in {seen_families[family.id]}"
            )
        seen_families[family.id] = name
        families.append(family)
        for clause_type in family_types:
            if clause_type.id in seen_types:
                raise _error_at(
                    clause_type,
                    f"clause id '{clause_type.id}' is already defined at "
                    f"{seen_types[clause_type.id]}",
                )
            seen_types[clause_type.id] = clause_type.source
            for check in clause_type.checks:
                if check.id in seen_checks:
                    raise _error_at(
                        clause_type,
                        f"check id '{check.id}' (in '{clause_type.id}') is already defined in "
                        f"'{seen_checks[check.id]}'",
                    )
                seen_checks[check.id] = clause_type.id
            types.append(clause_type)
    known = set(seen_types)
    for clause_type in types:
        for check in clause_type.checks:
            when = check.when
            for ref in (*when.document_has, *when.document_has_any, *when.document_lacks):
                if ref not in known:
                    raise _error_at(
                        clause_type, f"check '{check.id}' refers to unknown clause type '{ref}'"
                    )
    return Library(tuple(families), tuple(types), digest.hexdigest()[:12])


def _error_at(clause_type: ClauseType, message: str) -> LibraryError:
    """A library error located where ``clause_type`` is defined (its ``source``, file:line)."""
    path, _, line = clause_type.source.rpartition(":")
    return LibraryError(path, int(line) if line.isdigit() else None, message)


_cached: Library | None = None


def default_library() -> Library:
    """The built-in library, loaded once per process."""
    global _cached
    if _cached is None:
        _cached = load_library()
    return _cached
