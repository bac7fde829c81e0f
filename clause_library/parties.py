"""Who is who in a document: the names its parties go by, and which side each is on.

Checks read direction ("the vendor may train on our data", "only we indemnify"), and a playbook
names the sides in general terms (Customer, Provider). A contract calls its parties what it
likes: "Corvane", "we", "us" and "our" for the provider and "Customer", "you" and "your" for
the customer, or "Sablewood" and "Ferncliff". The opening of a contract defines those names,
one party at a time: in parentheses after the party ("... Delaware corporation (the
"Company")", "(hereinafter referred to as Party A)", "(as Repairer)"), after "hereinafter"
(", hereinafter called the "Seller"") or in a sentence of their own (""Corvane," "we" and "us"
mean Corvane Labs, Inc."). The names defined together belong to one party, so a party with one
name the playbook knows brings its other names to the same side, and in a two-party contract
the other party is on the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: of two parties named from one side's list, one named by the list's first word takes the side
#: only from one named this far down it or further (a fallback, not a synonym)
FALLBACK_RANK = 3
#: how far into a document the parties are defined (the preamble and the parties clause)
PREAMBLE_CHARS = 4000
#: how far a definition of pronouns runs (""we" and "us" mean Marchmont Row Books Limited, a
#: company registered ... ("Marchmont Row")") for a name in it to be the same party's
DEFINITION_CHARS = 400

_QUOTED = r"[\"“”]([^\"“”\n]{1,40}?)[,;.]?[\"“”]"
#: an article before a capitalised name inside the quotation marks ("the Studio")
_ARTICLE = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+(?=[A-Z])")
_JOIN = r"(?:\s*[,;]?\s*(?:and/or|and|or)?\s*(?:the\s+)?)"
_GROUP = re.compile(rf"{_QUOTED}(?:{_JOIN}{_QUOTED})*")
#: what introduces a defined name: "(the", "(hereinafter referred to as", "(hereinafter called
#: as the", or without the parenthesis ", hereinafter referred to as"
_CALLED = r"(?:(?:referred\s+to\s+as|called(?:\s+as)?|known\s+as)\s*:?\s+)"
_HEREINAFTER = r"(?:hereinafter|hereafter|herein)\s*[,:]?\s+"
#: a party defined with its group: "(together with its subsidiaries, the "Company")"
_WITH_GROUP = r"(?:together\s+with\s+its\s+[^()\"“”,]{1,40},\s*)"
_OPENING = re.compile(
    rf"(?:\(\s*(?:{_HEREINAFTER}|{_WITH_GROUP})?|\b{_HEREINAFTER}){_CALLED}?(?:the\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
#: a name defined without quotation marks, in parentheses: "(hereinafter referred to as Party
#: A)", "(as Company)"; capitalised words only, so "(as amended)" names nobody
_BARE_NAME = r"((?:[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2})"
_UNQUOTED = re.compile(
    rf"\(\s*(?:(?i:{_HEREINAFTER}){_CALLED}?|(?i:{_HEREINAFTER})?(?i:as)\s+)"
    rf"(?:(?i:the)\s+)?{_BARE_NAME}\s*\)"
)
#: ... or, at the end of a party's paragraph in a list of the parties, in parentheses alone:
#: "1. AROHA WHITCOMBE, of 41 Scanlan Street, Auckland (the Contractor)"
_AT_LINE_END = re.compile(
    rf"(?<=,)[^\n]*?\(\s*(?:(?i:the)\s+)?{_BARE_NAME}\s*\)[ \t]*[;,.]?[ \t]*(?:(?i:and))?[ \t]*$",
    re.MULTILINE,
)
#: ... or as the label of a party's lines in the list of parties, as Chinese contracts name them:
#: "Party A: Ningbo Hengxin New Energy Technology Co., Ltd."
_LABELLED = re.compile(r"^[ \t]*(Party\s+(?:[A-D]|One|Two|Three))[ \t]*[:：][ \t]*\S", re.MULTILINE)
#: ... with its role in brackets, as Vietnamese contracts set them: "PARTY A (THE LICENSEE):
#: TRUONG AN JOINT STOCK COMMERCIAL BANK"; the role is one more name of that party
_LABELLED_ROLE = re.compile(
    r"^[ \t]*(Party\s+(?:[A-D]|One|Two|Three))[ \t]*\((?:the\s+)?([A-Za-z][A-Za-z -]{2,30})\)"
    r"[ \t]*[:：][ \t]*\S",
    re.MULTILINE | re.IGNORECASE,
)
#: a name defined in capitals without quotation marks, as Latin American contracts define
#: them: "..., hereinafter THE LICENSOR; and ..."
_HEREINAFTER_CAPITALS = re.compile(
    r"\b(?i:hereinafter)\s+(?:(?i:referred\s+to\s+as|called)\s+)?THE\s+([A-Z]{3,}(?:\s+[A-Z]{3,}){0,2})\b"
)
#: a quoted name in brackets right after another: the same name in the original language
_TRANSLATED = re.compile(r"[\"“](?P<name>[^\"“”\n]{1,40})[\"”]\s*\(\s*$")
#: a parenthesis in the opening, and wording in one that names more than one party
_PARENTHESIS = re.compile(r"\(([^()]{1,250})\)")
_SEVERAL_PARTIES = re.compile(r"\b(?:each|respectively|collectively|together\s+the)\b", re.I)
_DEFINING = r"(?i:means?|refers?\s+to|shall\s+mean|are\s+references\s+to)"
_MEANS = re.compile(rf"^\s*{_DEFINING}\b")
#: the name a definition of pronouns refers them to: "refer to the Company"
_REFERS_TO = re.compile(rf"\s*{_DEFINING}\s+(?:the\s+)?([A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){{0,3}})")
#: the sentence that names the parties: "University and Licensee are each referred to below as a
#: "party"", "The Performer, the Agency and Licensee are each a "party""
_NAME = r"(?:[Tt]he\s+)?[A-Z][\w&'-]*(?:\s+[A-Z][\w&'-]*){0,3}"
_EACH_A_PARTY = re.compile(
    rf"(?P<names>(?:{_NAME}(?:\s*,\s*(?:and\s+)?|\s+and\s+)){{1,5}}{_NAME})\s+"
    r"(?:are|shall\s+be)\s+(?:each|individually|hereinafter\s+each|each\s+hereinafter)\b"
    r"[^.\n]{0,60}?[\"“]part(?:y|ies)[\"”]"
)
#: the names a contract may give a party that are pronouns, not its name
PRONOUNS = frozenset({"we", "us", "our", "ours", "you", "your", "yours"})
#: the other forms of a pronoun a contract defines as a party's name
_FORMS = {"you": ("your", "yours"), "we": ("us", "our", "ours")}
#: defined terms that name no party
_NOT_A_PARTY = {
    "agreement",
    "terms",
    "terms of service",
    "effective date",
    "commencement date",
    "party",
    "parties",
    "purpose",
    "services",
    "service",
    "order form",
    "contract",
    "term",
    "schedule",
    "exhibit",
    "territory",
    "products",
    "product",
    "software",
    "data",
    "platform",
    "deed",
    "confidential information",
    "disclosing party",
    "receiving party",
    "recipient",
    "discloser",
    "business day",
    "affiliate",
    "affiliates",
    "group",
    "project",
    "transaction",
    "plan",
    "representatives",
    "representative",
    "personnel",
    "users",
    "user",
    "end users",
}

#: roles that name a party only when the list of parties gives them to one
_ROLES = {"recipient", "discloser", "disclosing party", "receiving party"}
#: the end of a party's paragraph in the list of parties, after its defined name
_CLOSES_PARTY = re.compile(
    # ("... (hereinafter referred to as "the Recipient"), of the other part.")
    r"\s*\)\s*(?:,?\s*of\s+the\s+(?:one|other|first|second)\s+part\s*)?[;,.]?[ \t]*(?:and)?[ \t]*$",
    re.MULTILINE,
)

#: the last word of a defined term that names a date, a document or a thing, not a party
_NOT_A_PARTY_ENDING = {
    "date",
    "agreement",
    "agreements",
    "term",
    "act",
    "amendment",
    "period",
    "fee",
    "fees",
    "products",
    "services",
    "site",
    "criteria",
    "business",
    "information",
    "materials",
    # a statute the opening defines ("the Civil Code")
    "code",
}
#: a line that introduces a party: a company form and where it is registered or lives
_PARTY_LINE = (
    r"(?=[^\n]{0,200}\b(?:B\.V\.|N\.V\.|Ltd|Limited|Inc|LLC|GmbH|S\.[AL]\.|AB|Pty|plc|"
    r"corporation|company|sole\s+proprietor|Mr|Ms|Mrs|soci[ée]t[ée]\s+anonyme)\b)"
    r"(?=[^\n]{0,400}\b(?:registered|incorporated|residing|resident|domiciled|having\s+(?:its|his|her)))"
)
#: where the preamble ends: the recitals, the operative words or the first numbered clause
_PREAMBLE_ENDS = re.compile(
    r"^\s*(?:(?:(?:§[ \t]*)?\d{1,2}\.?[ \t]+)?(?:recitals|background)|(?:[A-Z][.)][ \t]+)?whereas|"
    r"witnesseth|now,?\s+therefore|the\s+parties\s+first\s+explain|"
    r"agreed\s+terms|(?:article\s+)?(?:1|i)\.?\s+(?:definitions|interpretation)|"
    # ("CHAPTER II – DEFINITIONS", after a chapter of the contracting parties)
    r"chapter\s+(?:ii|2)\b|"
    # the first numbered clause, unless it is the parties clause or the first party itself
    # ("1. Domvast Insurtech B.V., ..., having its registered office in Utrecht")
    rf"1\.\s(?!\s*parties\b)(?!{_PARTY_LINE})|"
    # the recitals of a Spanish contract ("EXPONEN", in translation "STATE")
    r"state[ \t]*:?[ \t]*$)",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Parties:
    """The names a document's parties go by, split by side (empty when the document does not
    say, or says it in a way that cannot be read with confidence)."""

    us: tuple[str, ...] = ()
    them: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.us or self.them)


def _names_a_party(name: str) -> bool:
    lowered = name.lower()
    return lowered not in _NOT_A_PARTY and lowered.split()[-1] not in _NOT_A_PARTY_ENDING


def defined_names(text: str) -> list[tuple[str, ...]]:
    """The groups of names the opening of ``text`` defines for its parties, one group per party,
    in order: from the start to the recitals or the first clause, within ``PREAMBLE_CHARS``."""
    head = text[:PREAMBLE_CHARS]
    end = _PREAMBLE_ENDS.search(head, 200)
    if end:
        head = head[: end.start()]
    found: list[tuple[int, tuple[str, ...]]] = []
    pronoun_definitions: list[tuple[int, int]] = []
    for match in _GROUP.finditer(head):
        quoted = re.findall(_QUOTED, match.group(0))
        # "the Studio" in the quotation marks is the Studio
        names = tuple(
            dict.fromkeys(_ARTICLE.sub("", n.strip().strip(",;.").strip()) for n in quoted)
        )
        names = tuple(n for n in names if any(c.isalpha() for c in n))
        before = head[max(0, match.start() - 60) : match.start()]
        introduced = bool(_OPENING.search(before))
        # a role closing a party's paragraph in the list of parties is that party's name: "(1)
        # HOLLINS RIDGE BIDCO LIMITED, ... (the "Recipient");"
        if introduced and _CLOSES_PARTY.match(head, match.end()):
            role = [n for n in names if n.lower() in _ROLES]
            if role and len(names) == 1:
                found.append((match.start(), tuple(role)))
                continue
        if not names or not any(_names_a_party(n) for n in names):
            continue
        # the name in the original language, in brackets right after the defined name:
        # (hereinafter referred to as the "Employer" ("İş Sahibi"))
        translated = _TRANSLATED.search(before)
        if found and translated and _ARTICLE.sub("", translated["name"].strip()) in found[-1][1]:
            at, group = found[-1]
            found[-1] = (at, group + tuple(n for n in names if n not in group))
            continue
        defines = bool(_MEANS.match(head[match.end() : match.end() + 30]))
        has_pronoun = any(n.lower() in PRONOUNS for n in names)
        if introduced or (defines and has_pronoun):
            found.append((match.start(), tuple(n for n in names if _names_a_party(n))))
        if defines and has_pronoun:
            pronoun_definitions.append((match.start(), match.end()))
    # names quoted together in one parenthesis after a party are that party's, however they
    # are joined: (together with its subsidiaries, "Larkspur" or the "Company", and in this
    # letter also "we" or "us")
    for match in _PARENTHESIS.finditer(head):
        inside = match.group(1)
        first = re.search(_QUOTED, inside)
        if not first or first.start() > 60 or _SEVERAL_PARTIES.search(inside):
            continue
        names = tuple(
            dict.fromkeys(
                _ARTICLE.sub("", n.strip().strip(",;.").strip())
                for n in re.findall(_QUOTED, inside)
            )
        )
        names = tuple(n for n in names if any(c.isalpha() for c in n) and _names_a_party(n))
        if len(names) > 1:
            found = [(at, group) for at, group in found if not set(group) < set(names)]
            found.append((match.start(), names))
    unquoted = (_UNQUOTED, _AT_LINE_END, _LABELLED, _HEREINAFTER_CAPITALS)
    for match in [m for pattern in unquoted for m in pattern.finditer(head)]:
        name = " ".join(match.group(1).split())
        if match.re is _HEREINAFTER_CAPITALS:
            name = name.title()
        if _names_a_party(name):
            found.append((match.start(), (name,)))
    # a name given in parentheses inside a definition of pronouns is the same party's: ""we",
    # "us" and "our" mean Marchmont Row Books Limited, ... ("Marchmont Row"), and "you" ..."
    found.sort()
    for opens, closes in pronoun_definitions:
        upto = min([s for s, _ in pronoun_definitions if s > opens] + [closes + DEFINITION_CHARS])
        at = next((i for i, (s, _) in enumerate(found) if s == opens), -1)
        if at < 0:
            continue
        inside = [
            i
            for i, (s, names) in enumerate(found)
            if closes <= s < upto and not any(n.lower() in PRONOUNS for n in names)
        ]
        if len(inside) == 1:
            merged = found[at][1] + tuple(n for n in found[inside[0]][1] if n not in found[at][1])
            found[at] = (opens, merged)
            del found[inside[0]]
            continue
        # ... and pronouns that refer to a party by the name defined for it before: ""we",
        # "us" and "our" refer to the Company"
        named = _REFERS_TO.match(head, closes)
        if named:
            party = next(
                (i for i, (s, names) in enumerate(found) if s < opens and named.group(1) in names),
                -1,
            )
            if party >= 0:
                pronouns = found[at][1]
                found[party] = (found[party][0], found[party][1] + pronouns)
                del found[at]
    groups: list[tuple[str, ...]] = []
    for _, names in found:
        if names not in groups:
            groups.append(names)
    for match in _LABELLED_ROLE.finditer(head):
        label = " ".join(match.group(1).split()).title()
        named_for = " ".join(match.group(2).split()).title()
        if not _names_a_party(named_for):
            continue
        held = party_named(groups, label)
        if held is None:
            groups.append((label, named_for))
        elif named_for.lower() not in {n.lower() for n in groups[held]}:
            groups[held] = (*groups[held], named_for)
    # where the opening says who the parties are ("University and Licensee are each referred to
    # below as a "party""), a name it defines for something else (the dataset, "CXR-QTA") is
    # no party's
    each = _EACH_A_PARTY.search(head)
    if each:
        listed = {
            _ARTICLE.sub("", n.strip()).lower()
            for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", each.group("names"))
        }
        parties = [g for g in groups if any(n.lower() in listed for n in g)]
        if len(parties) >= 2:
            groups = parties
    return groups


#: how much more often one of two parties must be the one that pays ("Brightwater shall pay the
#: Fees", "payable by Brightwater", "Orrery shall invoice") before it is taken for the payer
PAYER_LEAD = 2


def _pays(text: str, names: tuple[str, ...], others: tuple[str, ...]) -> int:
    """How often ``text`` makes the party called ``names`` pay the party called ``others``."""

    def alternatives(group: tuple[str, ...]) -> str:
        words = [n for n in group if n.lower() not in PRONOUNS]
        return "|".join(re.escape(n).replace("\\ ", "\\s+") for n in words)

    payer, payee = alternatives(names), alternatives(others)
    if not payer or not payee:
        return 0
    patterns = (
        rf"\b(?:{payer})\s+(?:shall|will|must|agrees\s+to|undertakes\s+to)\s+(?:\w+\s+){{0,2}}?pay\b",
        rf"\b(?:payable|paid|due)\s+by\s+(?:the\s+)?(?:{payer})\b",
        rf"\b(?:{payee})\s+(?:shall|will|may)\s+(?:\w+\s+)?invoice\b",
        rf"\binvoice[sd]?\s+(?:to\s+)?(?:the\s+)?(?:{payer})\b",
        # "the obligation of the First Outgrantor to pay", "Party A's obligation to pay",
        # "where Party A fails to pay"
        rf"\bobligation\s+of\s+(?:the\s+)?(?:{payer})\s+to\s+pay\b",
        rf"\b(?:{payer})(?:'|’)s\s+obligations?\s+to\s+pay\b",
        rf"\b(?:{payer})\s+fails\s+to\s+pay\b",
    )
    return sum(len(re.findall(p, text)) for p in patterns)


def _with_forms(names: list[str]) -> tuple[str, ...]:
    """``names`` with the other forms of any pronoun among them ("you" brings "your")."""
    out = list(dict.fromkeys(names))
    for pronoun in [n.lower() for n in out if n.lower() in _FORMS]:
        have = {n.lower() for n in out}
        out += [form for form in _FORMS[pronoun] if form not in have]
    return tuple(out)


def party_named(groups: list[tuple[str, ...]], name: str) -> int | None:
    """The index of the group of names in ``groups`` that holds ``name`` (any case), if any."""
    wanted = name.strip().lower()
    for index, names in enumerate(groups):
        if wanted in {n.lower() for n in names}:
            return index
    return None


def party_chosen(text: str, groups: list[tuple[str, ...]], name: str) -> int | None:
    """The index of the party the reviewer names ``name``: by a name the document defines for
    it ("Ostrander", "you") or by its full name, written before that definition ("Ostrander
    Digital Corporation, a Washington corporation ("you")")."""
    chosen = party_named(groups, name)
    return chosen if chosen is not None else _defined_after(text, groups, name)


#: a party's full name as the opening writes it before the name it defines for it:
#: "Ostrander Digital Corporation, a Washington corporation ("
_FULL_NAME = re.compile(
    r"(?P<name>[A-Z][\w&'.-]*(?:[ \t]+(?:[A-Z][\w&'.-]*|&|of|and))*),?[ \t]+(?:an?|the)[ \t]"
    r"[^()\"“”\n]{0,160}\(\s*(?:the\s+)?$"
)


def full_name(text: str, names: tuple[str, ...]) -> str:
    """The full name ``text`` gives the party it calls ``names`` (its first name's definition,
    in the opening), or "": "Ostrander Digital Corporation" for ("you",)."""
    head = text[:PREAMBLE_CHARS]
    for m in re.finditer(rf"[\"“]{re.escape(names[0])}[\"”]", head):
        before = _FULL_NAME.search(head[max(0, m.start() - 240) : m.start()])
        if before:
            return " ".join(before.group("name").split())
    return ""


#: how far after a party's full name its defined name may be given ("Ostrander Digital
#: Corporation, a Washington corporation ("you")"), past a registered address, within its paragraph
FULL_NAME_CHARS = 400


def _defined_after(text: str, groups: list[tuple[str, ...]], full_name: str) -> int | None:
    """The index of the group whose first name is defined soonest after ``full_name`` in the
    opening of ``text``, within ``FULL_NAME_CHARS``: the party the reviewer names by its full
    name rather than by the name the document defines for it."""
    head = text[:PREAMBLE_CHARS]
    name = r"\s+".join(re.escape(w) for w in full_name.split())
    # the first mention followed by a definition (not the address block of a letter)
    for mention in re.finditer(name, head, re.IGNORECASE):
        # within the mention's own paragraph: an address block's name defines nothing
        after = head[mention.end() : mention.end() + FULL_NAME_CHARS].split("\n\n")[0]
        best: tuple[int, int] | None = None
        for index, names in enumerate(groups):
            m = re.search(rf"[\"“]{re.escape(names[0])}[\"”]", after)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), index)
        if best:
            return best[1]
    return None


def read_parties(
    text: str,
    us: tuple[str, ...],
    them: tuple[str, ...],
    *,
    payer_is_us: bool = False,
    ours: str = "",
) -> Parties:
    """The names of ``text``'s parties by side, given the names a playbook knows for each side
    (``us`` and ``them``, the playbook's own word for the side first): a party with a name from
    one list is on that side, with all its names; in a contract of two parties, a party neither
    list names is on the other side from the one that is named, and of two parties named from
    one list, one named by its first word takes that side from one named by a fallback (in a
    model licence between a "Developer" and a "Licensee", the licensee is us). A party named in
    both lists, or two parties named from one list by words near its top ("Customer" and
    "Buyer"), leave the sides unread. Of two parties that no name on either list settles, one
    defined as "you" is us (the form is written by the other side for us to read); failing
    that, with ``payer_is_us`` (our side pays under the playbook), the two ("Orrery" and
    "Brightwater") are told apart by who pays the other, when one clearly does, and so are two
    named from one list that its order does not settle. Of three or more
    parties, two named from our list beside one from theirs are told apart by the list's order.

    ``ours`` is a name the reviewer says is our party's ("Osterfeld", the buyer reading the
    target's confidentiality letter): the party defined with that name is us and every other
    party is them, whatever the playbook's lists say."""
    groups = defined_names(text)
    chosen = party_chosen(text, groups, ours) if ours else None
    if chosen is not None:
        others = [n for i, names in enumerate(groups) if i != chosen for n in names]
        return Parties(us=_with_forms(list(groups[chosen])), them=_with_forms(others))
    known = {"us": {n.lower() for n in us}, "them": {n.lower() for n in them}}
    sides: list[str | None] = []
    for names in groups:
        lowered = {n.lower() for n in names}
        hits = [side for side in ("us", "them") if lowered & known[side]]
        sides.append(hits[0] if len(hits) == 1 else None)
    # a form written as "we" for the reader as "you" is read by the party it calls "you"
    addressed = ["you" in {n.lower() for n in names} for names in groups]
    if len(groups) == 2 and sides == [None, None] and sum(addressed) == 1:
        sides = ["us", "them"] if addressed[0] else ["them", "us"]
    # ... and so is one where both parties carry names of our side (a "Company" and the
    # "Developer" it calls "you", in a model licence)
    if len(groups) == 2 and sides == ["us", "us"] and sum(addressed) == 1:
        sides = ["us", "them"] if addressed[0] else ["them", "us"]
    if len(groups) == 2 and payer_is_us and sides == [None, None]:
        lead = _pays(text, groups[0], groups[1]) - _pays(text, groups[1], groups[0])
        if abs(lead) >= PAYER_LEAD:
            sides = ["us", "them"] if lead > 0 else ["them", "us"]
    if len(groups) == 2:
        a, b = sides
        if a and not b:
            sides[1] = "them" if a == "us" else "us"
        elif b and not a:
            sides[0] = "them" if b == "us" else "us"
        elif a and a == b:
            order = [n.lower() for n in (us if a == "us" else them)]
            rank = [min(order.index(n.lower()) for n in g if n.lower() in order) for g in groups]
            if min(rank) == 0 and max(rank) >= FALLBACK_RANK:
                other = "them" if a == "us" else "us"
                sides = [a, other] if rank[0] < rank[1] else [other, a]
            else:
                # ... or, failing that, by who pays the other (a utility's "Company" that pays
                # the "Contractor" supplying its service, both names a vendor may go by)
                lead = (
                    _pays(text, groups[0], groups[1]) - _pays(text, groups[1], groups[0])
                    if payer_is_us
                    else 0
                )
                if abs(lead) < PAYER_LEAD:
                    return Parties()
                sides = ["us", "them"] if lead > 0 else ["them", "us"]
    # of three or more parties, when only ours is named, every other party is the other side
    # (a performer and her agency against the licensee), and when only theirs is, the one left
    # is ours
    if len(groups) > 2 and "us" in sides and "them" not in sides:
        sides = [side or "them" for side in sides]
    elif len(groups) > 2 and "them" in sides and "us" not in sides and sides.count(None) == 1:
        sides = [side or "us" for side in sides]
    elif len(groups) > 2 and "them" in sides and sides.count("us") == 2:
        # two parties named from our list beside the other side: the one named by the list's
        # earlier word is us (the "Client" a staffing "Agency" supplies a "Contractor" to)
        order = [n.lower() for n in us]
        ranked = [
            (min(order.index(n.lower()) for n in g if n.lower() in order), i)
            for i, (g, side) in enumerate(zip(groups, sides, strict=True))
            if side == "us"
        ]
        (first, _), (second, later) = sorted(ranked)
        if first < second:
            sides[later] = "them"
    out: dict[str, list[str]] = {"us": [], "them": []}
    for names, side in zip(groups, sides, strict=True):
        if side:
            out[side] += [n for n in names if n not in out[side]]
    # "you" defined alone still stands for "your" and "yours" (and "we" for "us" and "our")
    ours_read, theirs_read = _with_forms(out["us"]), _with_forms(out["them"])
    if set(ours_read) & set(theirs_read):
        return Parties()
    return Parties(us=ours_read, them=theirs_read)
