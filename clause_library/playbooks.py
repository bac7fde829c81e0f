"""Playbooks: a kind of agreement plus the side we are on, as data.

A playbook lists the clause types that are required, recommended, or red flags when present; it
may raise or lower the severity of checks; and it names the parties on each side so that checks
can tell "Customer shall indemnify" from "Supplier shall indemnify". Playbooks live in
``clause_library/data/playbooks/*.yaml``.

:func:`detect_kind` guesses the kind of agreement from its title, recitals and content.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from clause_library.errors import LibraryError
from clause_library.library import (
    KINDS,
    SEVERITIES,
    Library,
    Severity,
    _read_yaml,
    _Reader,
)
from clause_library.parties import defined_names


@dataclass(frozen=True)
class Playbook:
    """Positions for one kind of agreement and one side."""

    id: str
    title: str
    kind: str
    side: str
    description: str
    required: tuple[str, ...]
    recommended: tuple[str, ...] = ()
    red_flags: tuple[str, ...] = ()
    #: clause type -> clause types whose presence makes it required (e.g. a trade-secret notice
    #: once confidentiality binds an individual)
    required_if: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    severities: Mapping[str, Severity] = field(default_factory=dict)
    gap_severity: Mapping[str, Severity] = field(default_factory=dict)
    us: tuple[str, ...] = ()
    them: tuple[str, ...] = ()
    source: str = ""

    def severity_of(self, check_id: str, default: Severity) -> Severity:
        return self.severities.get(check_id, default)

    def party_pattern(self, side: str) -> str:
        """A regex for the names of a side: ``us``, ``them``, or ``only_us``, our names that
        are not also the other side's (a mutual NDA's "Recipient" is either party's), which
        matches nothing when there are none; ``only_them`` likewise."""
        if side in ("only_us", "only_them"):
            own, other = (self.us, self.them) if side == "only_us" else (self.them, self.us)
            names = tuple(n for n in own if n.lower() not in {m.lower() for m in other})
            if not names:
                return r"(?!)"
        else:
            names = self.us if side == "us" else self.them
        if not names:
            return r"(?:\w+(?:\s+\w+)?)"
        return (
            "(?:(?:the\\s+)?(?:"
            + "|".join(re.escape(n).replace("\\ ", "\\s+") for n in names)
            + "))"
        )


@dataclass(frozen=True)
class Playbooks:
    items: tuple[Playbook, ...]

    def __iter__(self) -> Iterator[Playbook]:
        return iter(self.items)

    def get(self, playbook_id: str) -> Playbook:
        for playbook in self.items:
            if playbook.id == playbook_id:
                return playbook
        known = ", ".join(p.id for p in self.items)
        raise LibraryError(
            "playbooks", None, f"there is no playbook '{playbook_id}' (known: {known})"
        )

    def for_kind(self, kind: str) -> Playbook:
        for playbook in self.items:
            if playbook.kind == kind:
                return playbook
        return self.items[0]


def _parse_playbook(text: str, source: str, library: Library) -> Playbook:
    data = _read_yaml(text, source)
    reader = _Reader(data, source, "a playbook", 1)
    reader.unknown(
        (
            "id",
            "title",
            "kind",
            "side",
            "description",
            "required",
            "recommended",
            "red_flags",
            "required_if",
            "severities",
            "gap_severity",
            "parties",
        )
    )
    playbook_id = reader.text("id")
    kind = reader.text("kind")
    if kind not in KINDS:
        raise reader.fail("kind", f"unknown kind '{kind}' (use one of {KINDS})")

    def ids(key: str) -> tuple[str, ...]:
        values = reader.texts(key)
        for value in values:
            if value not in library:
                raise reader.fail(
                    key, f"playbook '{playbook_id}' names unknown clause type '{value}'"
                )
        return values

    required_if: dict[str, tuple[str, ...]] = {}
    for key, value in reader.mapping("required_if").items():
        triggers = tuple(value) if isinstance(value, list) else (value,)
        for name in (key, *triggers):
            if name not in library:
                raise reader.fail("required_if", f"unknown clause type '{name}' in required_if")
        required_if[str(key)] = tuple(str(t) for t in triggers)
    severities: dict[str, Severity] = {}
    for key, value in reader.mapping("severities").items():
        if value not in SEVERITIES:
            raise reader.fail("severities", f"severity '{value}' must be one of {SEVERITIES}")
        try:
            library.check(str(key))
        except KeyError:
            raise reader.fail("severities", f"unknown check '{key}'") from None
        severities[str(key)] = value
    gap_severity: dict[str, Severity] = {}
    for key, value in reader.mapping("gap_severity").items():
        if value not in SEVERITIES or key not in library:
            raise reader.fail("gap_severity", f"bad gap severity '{key}: {value}'")
        gap_severity[str(key)] = value
    parties = _Reader(reader.mapping("parties"), source, "parties", reader.line_of("parties"))
    return Playbook(
        id=playbook_id,
        title=reader.text("title"),
        kind=kind,
        side=reader.text("side"),
        description=reader.text("description", required=False),
        required=ids("required"),
        recommended=ids("recommended"),
        red_flags=ids("red_flags"),
        required_if=required_if,
        severities=severities,
        gap_severity=gap_severity,
        us=parties.texts("us"),
        them=parties.texts("them"),
        source=source,
    )


def load_playbooks(library: Library, extra: Iterable[Path] = ()) -> Playbooks:
    folder = resources.files("clause_library") / "data" / "playbooks"
    sources = [
        (f"playbooks/{e.name}", e.read_text(encoding="utf-8"))
        for e in sorted(folder.iterdir(), key=lambda e: e.name)
        if e.name.endswith(".yaml")
    ]
    sources += [(str(p), Path(p).read_text(encoding="utf-8")) for p in extra]
    items: list[Playbook] = []
    seen: dict[str, str] = {}
    for name, text in sources:
        playbook = _parse_playbook(text, name, library)
        if playbook.id in seen:
            raise LibraryError(
                name, 1, f"playbook id '{playbook.id}' is already defined in {seen[playbook.id]}"
            )
        seen[playbook.id] = name
        items.append(playbook)
    order = {kind: i for i, kind in enumerate(KINDS)}
    return Playbooks(tuple(sorted(items, key=lambda p: order.get(p.kind, 99))))


# --- kind detection -------------------------------------------------------------------------

#: names that, given to a party in the opening (the "Consultant"), say what kind of agreement it
#: is, with their weight (read by :func:`~clause_library.parties.defined_names`)
_PARTY_NAMES: dict[str, tuple[frozenset[str], float]] = {
    "contractor": (
        frozenset(
            {
                "consultant",
                "contractor",
                "developer",
                "freelancer",
                "artist",
                "designer",
                "illustrator",
                "writer",
                "photographer",
                "creator",
                "translator",
                "advisor",
                "adviser",
            }
        ),
        2.0,
    ),
}
#: the kind a document with no evidence for any kind is taken for: the vendor playbook is the
#: general commercial review (a marketing or sponsorship agreement is better read for the
#: customer side of a supply than as a non-disclosure agreement)
DEFAULT_KIND = "vendor"

#: a party who is an individual ("an individual residing at ...")
_AN_INDIVIDUAL = (
    r"\ban\s+individual,?\s+(?:\w+\s+){0,2}?(?:residing|resident|domiciled|whose\s+address"
    r"|of\b|carrying\s+on|known\s+as|doing\s+business|trading)"
)
#: ... or one in business on their own account (a "natural person", the Latin American "persona
#: física", a French "entrepreneur individuel" under the micro-enterprise scheme, a Romanian
#: "persoană fizică autorizată", a PFA)
_A_SOLE_TRADER = (
    r"\bsole\s+trader\b|\bself-employed\b|\bon\s+(?:his|her|their)\s+own\s+account\b|"
    r"\bnatural\s+person\b|\bpersona\s+f[ií]sica\b|\bon\s+(?:his|her)\s+own\s+behalf\b|"
    r"\bpersoan[aă]\s+fizic[aă]\b|(?-i:\bPFA\b)|"
    r"\bmicro-?enterprise\b|\bauto-?entrepreneur\b|\bentrepreneur\s+individuel\b"
)
#: (a "Development Services Agreement" is for work made to order, a "Contractor Services
#: Agreement" places a contractor: both a contractor's; a "Professional Services Agreement" may
#: be either, and the parties decide)
_SERVICES_AGREEMENT = (
    r"master\s+services\s+agreement|"
    r"(?<!development\s)(?<!contractor\s)(?<!consultancy\s)(?<!professional\s)"
    r"services\s+agreement"
)
_SERVICES_AGREEMENT_WEIGHT = 2.0

#: Words that identify each kind, with weights; a hit in the title counts three times.
_KIND_CUES: dict[str, list[tuple[str, float]]] = {
    "nda": [
        (r"non[-\s]?disclosure", 3.0),
        # ("Confidentiality and Standstill Agreement", a buyer's letter before due diligence;
        # "Hackathon Participation and Confidentiality Terms", a confidentiality undertaking)
        (r"confidentiality\s+(?:and\s+\w+\s+)?(?:agreement|terms|undertaking)", 3.0),
        (r"\bEvaluation\s+Material\b|\bstandstill\b", 1.5),
        (r"confidential(?:ity)?\s+disclosure\s+agreement|secrecy\s+agreement", 3.0),
        (r"(?-i:\bNDA\b)", 2.0),
        (r"disclosing\s+party", 1.5),
        (r"receiving\s+party", 1.5),
        (r"\bRecipient\b", 0.5),
    ],
    "contractor": [
        (r"consult(?:ing|ancy|ant)\s+(?:services\s+)?agreement", 3.0),
        (r"independent\s+contractor\s+agreement", 3.0),
        # a start-up's advisor, paid in equity ("Advisor Agreement", "Advisory Board Agreement")
        (r"\badvis(?:or|er|ory)\s+(?:services\s+|board\s+)?agreement\b", 3.0),
        # an individual's own services ("Independent Artist Services Agreement")
        (r"independent\s+(?:\w+\s+){1,2}agreement", 2.0),
        (_AN_INDIVIDUAL, 1.5),
        # a named creative role ("Original Score Composer Agreement", "Illustrator Agreement")
        (
            r"\b(?:composer|illustrator|photographer|videographer|translator|copywriter|"
            r"voice[-\s]over|session\s+musician)\s+(?:services\s+)?agreement\b",
            2.0,
        ),
        # a sole trader's commission ("Photography and Video Commissioning Agreement")
        (r"\bcommission(?:ing|ed)?\s+(?:\w+\s+){0,2}?(?:agreement|terms|works?)\b", 2.0),
        (_A_SOLE_TRADER, 1.5),
        # an individual engaged as an independent professional, and no employment created
        (
            r"\bindependent\s+(?:specialist|professional|consultant|designer|developer)s?\b|"
            r"\brenders?\s+(?:professional\s+)?services\s+independently\b|"
            r"\b(?:no|not\s+an?)\s+(?:employment|labou?r|employer-employee)\s+relationship\b",
            1.5,
        ),
        # "Contractor Services Agreement", an agency's form for a contractor placed with a client
        (r"contractor\s+(?:services\s+)?agreement", 3.0),
        # the Argentine "contrato de locación de servicios" with a self-employed professional
        # registered for the "Monotributo", "of legal age", "acting in his own name"
        (r"\blocaci[oó]n\s+de\s+servicios\b", 3.0),
        (
            r"\bmonotribut\w*|\bof\s+legal\s+age\b|\bin\s+(?:his|her)\s+own\s+name\b",
            1.5,
        ),
        # an employee's invention assignment ("Proprietary Information and Inventions Agreement",
        # "Confidential Information and Invention Assignment Agreement"), signed "as a condition
        # of my employment"
        (
            r"\binventions?\s+(?:assignment\s+)?agreement\b|"
            r"\bproprietary\s+information\s+and\s+inventions?\b",
            3.0,
        ),
        (r"\bcondition\s+of\s+(?:my|your|(?:the\s+)?Employee(?:'|’)s)\s+employment\b", 1.5),
        (r"freelance", 2.0),
        (r"\bContractor\b", 1.0),
        (r"\bConsultant\b", 1.0),
        (r"development\s+(?:services\s+)?agreement", 2.0),
        (r"work\s+made\s+for\s+hire", 1.0),
        (r"statement\s+of\s+work", 0.5),
    ],
    "data_licence": [
        # "Data Licence", "Data Access and Licence Terms"
        (r"data(?:set)?\s+(?:access\s+(?:and\s+)?)?licen[cs]e", 3.0),
        (r"(?:content|archive)\s+licen[cs]e", 0.5),
        # "Corpus Licence Contract (Licence to Use the Gulf Dialects Corpus ...)"
        (
            r"\bcorpus\s+licen[cs]e|"
            r"\blicen[cs]e\s+to\s+use\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:corpus|data\s?sets?)\b",
            3.0,
        ),
        # "Licence Agreement for the Use of a Corpus of Call Recordings"
        (
            r"licen[cs]e\s+(?:agreement\s+)?(?:for|of)\s+(?:the\s+use\s+of\s+)?(?:an?\s+|the\s+)?"
            r"(?:corpus|data\s?sets?|collection\s+of\s+(?:data|recordings|images))\b",
            3.0,
        ),
        # a music or image library licensed for training ("Catalogue Licence Agreement")
        (r"\bcatalog(?:ue)?\s+licen[cs]e", 1.5),
        # "Data Provision Agreement", the Japanese model contract for providing data
        (
            r"\bdata\s+provision\s+agreement\b|"
            r"\bprovision\s+of\s+(?:the\s+)?(?:provided\s+)?data\b",
            3.0,
        ),
        # a publisher's corpus licensed for mining and training ("Text and Data Mining and AI
        # Training Licence")
        (r"\btext\s+and\s+data\s+mining\b|(?-i:\bTDM\b)|\btraining\s+licen[cs]e\b", 2.0),
        # "Data Sharing Agreement", "Data Sharing and Licence Agreement"
        (r"data\s+(?:sharing|supply)\s+(?:and\s+(?:licen[cs]e|access|use)\s+)?agreement", 2.5),
        (r"\bDataset\b", 1.5),
        (r"training\s+data", 1.5),
        (r"\bLicensed\s+(?:Data|Corpus|Archive)\b", 2.0),
        # content licensed to train models ("a licence to use Publisher's archive and current
        # content to train its models")
        (
            r"\b(?:content|archive|corpus|articles|works|catalog(?:ue)?|recordings|images|footage)"
            r"\b[^.]{0,60}?\bto\s+train\b|"
            r"\btrain(?:ing)?\b[^.]{0,40}\bon\s+(?:the\s+)?(?:Licensed\s+)?(?:Content|Archive)\b",
            2.0,
        ),
        (r"\btrain(?:s|ed|ing)?\b[^.]{0,60}\b(?:models?|AI|machine\s+learning)\b", 1.0),
        (r"machine\s+learning|artificial\s+intelligence|(?-i:\bAI\b)", 0.5),
    ],
    "model_licence": [
        # ("Large Language Model Licensing and Service Contract")
        (r"model\s+licen[cs](?:e|ing)", 3.0),
        # an AI system under the EU AI Act, licensed to its "deployer"
        (r"\bAI\s+system\s+licen[cs]e\b|\blicen[cs]e\s+(?:of|for)\s+(?:the\s+)?AI\s+system\b", 3.0),
        (r"\bdeployers?\b|\bhigh-risk\s+AI\s+systems?\b", 1.0),
        # "Licence Agreement for Pre-Trained Models", "Licence and Services Agreement relating
        # to the Reynaert fraud scoring model"
        (
            r"licen[cs]e\s+(?:and\s+\w+\s+)?(?:agreement\s+)?"
            r"(?:for|of|relating\s+to|in\s+respect\s+of|concerning|regarding)\s+"
            r"(?:the\s+use\s+of\s+)?(?:(?!data\b)\w+\s+){0,4}models?\b",
            3.0,
        ),
        (r"\bpre-?trained\s+(?:\w+\s+)?models?\b", 1.5),
        (r"(?-i:\bAPI\b).{0,40}terms", 2.0),
        # a model served through an API ("Speech Recognition API Service", "Inference API")
        (
            r"\b(?:AI|inference|model|embeddings?|completions?|speech[-\s]recognition|"
            r"speech[-\s]to[-\s]text|transcription|translation|vision)\s+(?-i:API)s?\b",
            2.0,
        ),
        (r"model\s+weights|\bweights\b", 1.5),
        # models shipped in a software development kit ("Voice SDK, including the Aria
        # On-Device Models"), under an "SDK License Agreement"
        (
            r"\b(?:SDK|software\s+development\s+kit)\b[^.]{0,80}?\bmodels?\b|"
            r"\bmodels?\b[^.]{0,80}?\b(?:SDK|software\s+development\s+kit)\b",
            0.8,
        ),
        (r"\bSDK\s+licen[cs]e\b", 1.0),
        (r"fine[-\s]?tun", 1.5),
        (r"acceptable\s+use\s+policy", 0.5),
        (r"\bOutputs?\b", 0.7),
        (r"artificial\s+intelligence|machine\s+learning", 0.5),
    ],
    "vendor": [
        (r"(?:subscription|SaaS|software\s+as\s+a\s+service)", 2.5),
        (_SERVICES_AGREEMENT, _SERVICES_AGREEMENT_WEIGHT),
        (r"\bCustomer\b", 1.0),
        (r"\bVendor\b|\bSupplier\b|\bProvider\b", 1.0),
        (r"service\s+levels?|uptime", 1.0),
        (r"purchase|supply\s+agreement|license\s+agreement", 0.8),
        # a service the supplier runs for us ("a hosted web application", "a cloud-hosted
        # electronic document and records management service")
        (
            r"\b(?:hosted|cloud[\s-]+based)\s+(?:[\w-]+\s+){0,5}?"
            r"(?:application|service|solution|system|platform)s?\b",
            1.5,
        ),
        # a public body buying through a tender ("Request for Proposals No. 24-117", a
        # political subdivision, non-appropriation of funds)
        (
            r"\brequest\s+for\s+(?:proposals?|tenders?|quotations?)\b|(?-i:\bRFP\b)|"
            r"\bnon-?appropriation\b|\bpolitical\s+subdivision\b|\bpublic\s+records\s+act\b|"
            r"\bprocurement\s+(?:exercise|process|procedure)\b|"
            # ("invited proposals vide Tender No. ...", "By its Letter of Award")
            r"\btender\s+(?:no\b|number\b|ref)|\bletter\s+of\s+award\b",
            2.5,
        ),
    ],
}


@dataclass(frozen=True)
class KindGuess:
    kind: str
    confidence: float
    scores: Mapping[str, float]


def _with_subtitle(title: str, head: str) -> str:
    """The title with the line in brackets under it, if there is one: a translation's original
    title ("SERVICES AGREEMENT" over "(CONTRATO DE LOCACIÓN DE SERVICIOS)") or what the
    agreement is for."""
    at = head.find(title) if title else -1
    if at < 0:
        return title
    m = re.match(r"[ \t]*\r?\n\s*(\([^()\n]{3,160}\))[ \t]*(?:\r?\n|$)", head[at + len(title) :])
    return f"{title} {m.group(1)}" if m else title


def detect_kind(title: str, text: str) -> KindGuess:
    """Guess the kind of agreement from its title and its first pages.

    The confidence is the share of the evidence that points to the winning kind (a softmax over
    the weighted cue counts), so 0.9 means the document speaks almost only of that kind.
    """
    head = text[:6000]
    title = _with_subtitle(title, head)
    parties = [{n.lower() for n in names} for names in defined_names(text)]
    scores: dict[str, float] = {}
    for kind, cues in _KIND_CUES.items():
        score = 0.0
        for pattern, weight in cues:
            regex = re.compile(pattern, re.IGNORECASE)
            if regex.search(title):
                score += 3 * weight
            hits = len(regex.findall(head))
            score += weight * math.log1p(hits)
        names, weight = _PARTY_NAMES.get(kind, (frozenset(), 0.0))
        score += weight * math.log1p(sum(1 for party in parties if party & names))
        scores[kind] = score
    if re.search(_SERVICES_AGREEMENT, title, re.IGNORECASE) and any(
        re.search(p, head, re.IGNORECASE) for p in (_AN_INDIVIDUAL, _A_SOLE_TRADER)
    ):
        # a services agreement with an individual, a sole trader or a Romanian PFA, is a
        # contractor's: its title counts for that kind
        scores["vendor"] -= 3 * _SERVICES_AGREEMENT_WEIGHT
        scores["contractor"] += 3 * _SERVICES_AGREEMENT_WEIGHT
    exp = {k: math.exp(v - max(scores.values())) for k, v in scores.items()}
    total = sum(exp.values())
    kind = max(scores, key=lambda k: (scores[k], k == DEFAULT_KIND))
    return KindGuess(kind, exp[kind] / total, scores)
