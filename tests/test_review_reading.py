"""How a review reads a contract: who is who (the names a contract defines for its parties, and
the side each is on), and what a clause is made subject to."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from clause_library.document import Document, DocumentBuilder
from clause_library.engine import Engine
from clause_library.library import Check, default_library
from clause_library.parties import Parties, defined_names, full_name, read_parties
from clause_library.playbooks import Playbook
from clause_library.review import CrossReferences, Definitions, check_holds, resolve_it
from clause_library.segment import Segment, segment

ONLINE_TERMS = (
    "NORTHSTAR API TERMS\n\n"
    'In these Terms, "Northstar," "we," "us" and "our" mean Northstar Labs, Inc., and '
    '"Customer," "you" and "your" mean the business that accepts these Terms.\n\n'
    "1. DEFINITIONS\n\n"
    '1.1 "Affiliate" means any entity that controls, or is controlled by, a party.\n'
)

TWO_COMPANIES = (
    "SUPPLY AGREEMENT\n\n"
    "This Supply Agreement (this \u201cAgreement\u201d) is made as of May 1, 2025 (the "
    "\u201cEffective Date\u201d) between Harbour Mills Ltd, a company registered in England "
    "(\u201cHarbour\u201d), and Brightline Foods, Inc., a Delaware corporation (the "
    "\u201cCustomer\u201d).\n\nRECITALS\n\n"
    "WHEREAS, Harbour makes flour (the \u201cProducts\u201d);\n"
)


def test_names_defined_together_belong_to_one_party() -> None:
    assert defined_names(ONLINE_TERMS) == [
        ("Northstar", "we", "us", "our"),
        ("Customer", "you", "your"),
    ]
    # the agreement, its date and the products are defined terms that name no party, and the
    # definitions after the preamble are not read
    assert defined_names(TWO_COMPANIES) == [("Harbour",), ("Customer",)]


def test_names_quoted_in_one_parenthesis_belong_to_one_party_however_they_are_joined() -> None:
    letter = (
        'Dear Ms. Ito:\n\nBrantley Tools Corp. ("Brantley" or "you") wishes to evaluate a '
        "possible transaction with Moravec Optics, Inc. (together with its subsidiaries, "
        '"Moravec" or the "Company", and in this letter also "we" or "us"). The Company will '
        'make available its Evaluation Material (as defined below, the "Material").\n\n1. Use.\n'
    )
    assert defined_names(letter) == [("Brantley", "you"), ("Moravec", "Company", "we", "us")]
    # names given to several parties at once are no one party's
    both = (
        'Arden Ltd and Birch LLC (each a "Party", and respectively the "Seller" and the '
        '"Buyer") agree as follows.\n\n1. Sale.\n'
    )
    assert ("Seller", "Buyer") not in defined_names(both)


def test_a_name_given_inside_a_definition_of_pronouns_is_the_same_partys() -> None:
    letter = (
        'Dear Ms Okafor,\n\nIn this letter "we", "us" and "our" mean Marchmont Row Books '
        "Limited, a company registered in England and Wales whose registered office is at 14 "
        'Calthorpe Yard, London ("Marchmont Row"), and "you" and "your" mean Adaeze Okafor of '
        'Leeds, who is engaged as a freelance literary translator (the "Translator").\n\n'
        "1. Words we use\n"
    )
    assert defined_names(letter) == [
        ("we", "us", "our", "Marchmont Row"),
        ("you", "your", "Translator"),
    ]
    parties = read_parties(letter, ("Company", "Publisher"), ("Contractor", "Translator"))
    assert "we" in parties.us and "you" in parties.them


def test_pronouns_that_refer_to_a_party_by_its_name_and_a_party_chosen_by_its_full_name() -> None:
    letter = (
        "Ostrander Digital Corporation\n1400 Fairview Avenue North\n\nDear Ms. Achterberg:\n\n"
        "In connection with your consideration of a possible transaction involving Brightwater "
        "Ledger Software, Inc., a Delaware corporation (together with its subsidiaries, the "
        '"Company"), Halloran Pierce & Co. LLC ("Halloran Pierce"), acting on behalf of the '
        "Company, is prepared to make available to Ostrander Digital Corporation, a Washington "
        'corporation ("you"), certain information. In this letter agreement, "we", "us" and '
        '"our" refer to the Company.\n\n1. DEFINITIONS\n'
    )
    assert defined_names(letter) == [
        ("Company", "we", "us", "our"),
        ("Halloran Pierce",),
        ("you",),
    ]
    # the buyer, named as the letter names it before calling it "you" (its first mention, in
    # the address, is followed by no definition)
    parties = read_parties(
        letter, ("Company", "Recipient"), ("Counterparty",), ours="Ostrander Digital Corporation"
    )
    assert parties.us == ("you", "your", "yours")
    assert {"Company", "we", "Halloran Pierce"} <= set(parties.them)
    assert full_name(letter, ("you",)) == "Ostrander Digital Corporation"
    assert full_name(letter, ("Halloran Pierce",)) == ""
    # a name the letter gives no party chooses none
    assert read_parties(letter, ("Company",), ("Counterparty",), ours="Piper Hollis") == (
        read_parties(letter, ("Company",), ("Counterparty",))
    )
    # a full name whose registered address stands long before the name the form defines for it
    form = (
        "CONFIDENTIALITY AGREEMENT\n\nThis Agreement is entered into by and between:\n\n"
        "Tamarisk Forge Co., Ltd., a corporation organized and existing under the laws of Japan, "
        "having its head office at 4-18, Higashi-Sakura 2-chome, Higashi-ku, Nagoya, Aichi "
        '461-0005, Japan (hereinafter referred to as the "Disclosing Party"); and\n\n'
        "Harrowgate Optics, Inc., a corporation organized and existing under the laws of the "
        "State of Delaware, U.S.A., having its principal office at 77 Riverfront Way, Suite 210, "
        'Pittsburgh, Pennsylvania 15222, U.S.A. (hereinafter referred to as the "Receiving '
        'Party").\n\n1. Purpose\n'
    )
    chosen = read_parties(form, ("Recipient",), ("Discloser",), ours="Harrowgate Optics")
    assert chosen.us == ("Receiving Party",)
    assert chosen.them == ("Disclosing Party",)


def test_the_sentence_that_names_the_parties_and_a_third_party_on_the_other_side() -> None:
    licence = (
        'DATASET LICENSE AGREEMENT\n\nDataset: Thoracic Collection, Release 3 ("CXR-QTA")\n\n'
        "This Agreement is made between QUARRINGTON UNIVERSITY, a Massachusetts corporation "
        '("University"), and VELTRANE HEALTH AI, INC., a Delaware corporation ("Licensee"). '
        'University and Licensee are each referred to below as a "party".\n\n1. DEFINITIONS\n'
    )
    # the dataset's name is no party's
    assert defined_names(licence) == [("University",), ("Licensee",)]
    voice = (
        'PARTIES\n\n(1) ROSALIND QUAYLE (the "Performer");\n\n(2) WRENFIELD VOICES LIMITED '
        '(the "Agency"), which signs as agent for the Performer;\n\n(3) BRACKENHURST SPEECH '
        'LIMITED ("Licensee").\n\nThe Performer, the Agency and Licensee are each a "party".\n\n'
        "BACKGROUND\n"
    )
    assert defined_names(voice) == [("Performer",), ("Agency",), ("Licensee",)]
    # only ours is named by the playbook: the performer and her agency are both the other side
    parties = read_parties(voice, ("Licensee", "Company"), ("Licensor", "Provider"))
    assert parties == Parties(us=("Licensee",), them=("Performer", "Agency"))


def test_a_role_that_closes_a_partys_paragraph_in_the_list_of_parties_names_it() -> None:
    deed = (
        "THIS DEED is dated 14 March 2025\n\nGIVEN BY:\n\n(1) HOLLINS RIDGE BIDCO LIMITED, a "
        'company incorporated in England (the "Recipient");\n\nIN FAVOUR OF:\n\n(2) CALDER '
        'VALE GROUP PLC, a public limited company (the "Company").\n\nBACKGROUND\n\n'
        '(A) Each party that receives information (the "Recipient") shall keep it secret.\n'
    )
    assert defined_names(deed) == [("Recipient",), ("Company",)]
    # a role given in passing, not to one party in the list, names no one
    mutual = (
        "This Agreement is between Arden Ltd and Birch LLC. Information that a party (the "
        '"Discloser") gives to the other (the "Recipient") is confidential.\n\n1. Use.\n'
    )
    assert defined_names(mutual) == []


def test_names_defined_without_parentheses_or_quotation_marks() -> None:
    text = (
        "SOFTWARE LICENCE\n\nThis licence is made between Tallow Systems GmbH (hereinafter "
        "referred to as Licensor), a company organised under the laws of Germany, and Quayside "
        "Analytics Ltd, hereinafter called the \u201cLicensee\u201d, on the terms of the "
        "Copyright Act (as amended).\n\n1. Grant\n"
    )
    assert defined_names(text) == [("Licensor",), ("Licensee",)]
    assert read_parties(text, us=("Licensee",), them=()) == Parties(
        us=("Licensee",), them=("Licensor",)
    )
    cover = "MAINTENANCE AGREEMENT\n\nbetween\n\nAERO LINHAS S/A (as Operator)\n\nand\n\n"
    cover += "ROTOR WORKS SAS (as Repairer)\n\n"
    assert defined_names(cover) == [("Operator",), ("Repairer",)]
    # in capitals after "hereinafter", as Colombian contracts define them
    capitals = (
        "LICENSE CONTRACT\n\nBetween the undersigned, on the one hand, ANA RUIZ, acting for "
        "REDES DEL SUR S.A., hereinafter THE LICENSOR; and, on the other hand, LUIS GIL, acting "
        "for TRAZA S.A.S., hereinafter THE LICENSEE, and jointly THE PARTIES, agree:\n\n"
        "FIRST CLAUSE – PURPOSE: THE LICENSOR grants a licence.\n"
    )
    assert defined_names(capitals) == [("Licensor",), ("Licensee",)]


def test_a_second_name_after_or_the_and_a_role_beside_a_party_label() -> None:
    text = (
        "CONTRACT No. 87/2025\n\nBETWEEN:\n\nFIRST OUTGRANTOR: MUNICIPALITY OF VILA NOVA, "
        "hereinafter referred to as the \"First Outgrantor\" or the \"Public Contracting "
        "Party\";\n\nAND\n\nSECOND OUTGRANTOR: VOZCLARA, S.A., hereinafter referred to as "
        "the \"Second Outgrantor\" or the \"Co-contractor\";\n\nWHEREAS:\n"
    )
    assert defined_names(text) == [
        ("First Outgrantor", "Public Contracting Party"),
        ("Second Outgrantor", "Co-contractor"),
    ]
    labelled = (
        "CONTRACT\n\nPARTY A (THE LICENSEE): TRUONG AN JOINT STOCK COMMERCIAL BANK\n"
        "Head office: 27 Ly Thuong Kiet Street, Hanoi\n"
        '(hereinafter referred to as "Party A" or the "Bank")\n\n'
        "PARTY B (THE LICENSOR): LAM VIEN AI TECHNOLOGY JOINT STOCK COMPANY\n"
        '(hereinafter referred to as "Party B" or "LAVI")\n\n'
        "Article 1. Definitions\n"
    )
    assert defined_names(labelled) == [
        ("Party A", "Bank", "Licensee"),
        ("Party B", "LAVI", "Licensor"),
    ]
    assert read_parties(labelled, us=("Licensee",), them=("Licensor",)).us[0] == "Party A"



def test_the_names_of_the_parties_end_with_their_chapter() -> None:
    # a Romanian contract's "CHAPTER I – THE CONTRACTING PARTIES": a name quoted in a later
    # chapter is not a third party's
    text = (
        "SERVICES AGREEMENT\n\nCHAPTER I – THE CONTRACTING PARTIES\n\n"
        "Art. 1. – (1) ORBITA PLATI DIGITALE S.R.L., with its registered office in Bucharest, "
        '(the "Beneficiary")\n\nand\n\n(2) MOCANU RADU PFA, with its professional seat in '
        'Cluj-Napoca (the "Service Provider"),\n\n'
        "CHAPTER II – DEFINITIONS\n\nArt. 2. – In this Contract, the Application is built on "
        'the Beneficiary\'s API platform (the "Orbita Core").\n'
    )
    assert defined_names(text) == [("Beneficiary",), ("Service Provider",)]


def test_a_party_the_playbook_names_brings_its_other_names_and_the_other_party_its_side() -> None:
    parties = read_parties(ONLINE_TERMS, us=("Customer",), them=("Provider", "Vendor"))
    assert parties == Parties(
        us=("Customer", "you", "your", "yours"), them=("Northstar", "we", "us", "our", "ours")
    )
    parties = read_parties(TWO_COMPANIES, us=("Customer", "Buyer"), them=("Supplier",))
    assert parties == Parties(us=("Customer",), them=("Harbour",))


MODEL_LICENSEE = ("Licensee", "Customer", "User", "Developer", "Company")


@pytest.mark.parametrize(
    ("text", "us", "them", "expected"),
    [
        # in a model licence "Developer" is usually the licensee building on the model; here
        # the developer licenses its model to a "Licensee", whose name settles the sides
        (
            "EVALUATION LICENCE\n\nThis Agreement is made between Wendel Voice GmbH (the "
            "\u201cDeveloper\u201d) and Calder Contact Ltd (the \u201cLicensee\u201d).\n",
            MODEL_LICENSEE,
            ("Licensor", "Provider"),
            Parties(us=("Licensee",), them=("Developer",)),
        ),
        # a staffing agency's form: of two parties named from our list beside one from theirs,
        # the earlier word of the list is ours (the client, not the agency)
        (
            "CONTRACTOR SERVICES AGREEMENT\n\n(1) KEEL TALENT LIMITED (the \u201cAgency\u201d);"
            "\n\n(2) HARBOUR BANK PLC (the \u201cClient\u201d); and\n\n"
            "(3) QUILL ANALYTICS LTD (the \u201cContractor\u201d).\n",
            ("Company", "Client", "Customer", "Studio", "Agency"),
            ("Contractor", "Consultant"),
            Parties(us=("Client",), them=("Agency", "Contractor")),
        ),
        # a clickwrap licence: the "Company" ("we") and the "Developer" ("you"), both names a
        # model licence reads as the licensee's; the one the form calls "you" is ours
        (
            "DEVELOPER SDK LICENSE AGREEMENT\n\nThis Agreement is between Sonor Labs, Inc. "
            "(\u201cCompany\u201d, \u201cwe\u201d or \u201cus\u201d) and the entity that accepts "
            "it (\u201cDeveloper\u201d or \u201cyou\u201d).\n",
            MODEL_LICENSEE,
            ("Licensor", "Provider"),
            Parties(
                us=("Developer", "you", "your", "yours"),
                them=("Company", "we", "us", "our", "ours"),
            ),
        ),
    ],
)
def test_parties_named_from_our_list_are_told_apart(
    text: str, us: tuple[str, ...], them: tuple[str, ...], expected: Parties
) -> None:
    assert read_parties(text, us=us, them=them) == expected


def test_sides_are_left_unread_when_the_names_do_not_settle_them() -> None:
    # both parties carry names of our side: no reading is safer than a wrong one
    text = TWO_COMPANIES.replace("(\u201cHarbour\u201d)", "(the \u201cBuyer\u201d)")
    assert not read_parties(text, us=("Customer", "Buyer"), them=("Supplier",))
    # neither party is named by the playbook (a mutual NDA between two companies)
    assert not read_parties(TWO_COMPANIES, us=("Recipient",), them=("Discloser",))
    # no preamble at all
    assert not read_parties("1. Services. Supplier shall supply the Products.", ("Customer",), ())


def test_parties_no_playbook_name_settles_are_told_apart_by_who_pays() -> None:
    text = (
        "HOSTING AGREEMENT\n\nThis Agreement is made between Orrery Intelligence, Inc. "
        "(\u201cOrrery\u201d) and Brightwater Appliances GmbH (\u201cBrightwater\u201d).\n\n"
        "1. Fees. Brightwater shall pay the Fees monthly. Orrery shall invoice the Fees in "
        "advance, and any shortfall is payable by Brightwater.\n"
    )
    us, them = ("Customer", "Licensee"), ("Provider", "Licensor")
    assert read_parties(text, us, them, payer_is_us=True) == Parties(
        us=("Brightwater",), them=("Orrery",)
    )
    # only where our side is the one that pays, and only when one clearly pays the other
    assert not read_parties(text, us, them)
    even = text.replace("Orrery shall invoice the Fees in advance", "Orrery shall pay the costs")
    assert not read_parties(
        even.replace(", and any shortfall is payable by Brightwater", ""),
        us,
        them,
        payer_is_us=True,
    )
    # an obligation to pay, or a failure to pay, is paying too
    owed = text.replace(
        "1. Fees. Brightwater shall pay the Fees monthly. Orrery shall invoice the Fees in "
        "advance, and any shortfall is payable by Brightwater.",
        "1. Fees. The cap does not apply to the obligation of Brightwater to pay the Fees. "
        "Orrery may suspend the service where Brightwater fails to pay.",
    )
    assert read_parties(owed, us, them, payer_is_us=True) == Parties(
        us=("Brightwater",), them=("Orrery",)
    )
    # ... and so are two parties both named as the other side may be, in an order that settles
    # nothing (a utility's "Company" that pays the "Contractor" supplying its service)
    both = text.replace("\u201cOrrery\u201d", "\u201cthe Contractor\u201d").replace(
        "\u201cBrightwater\u201d", "\u201cthe Company\u201d"
    )
    both = both.replace("Orrery shall", "The Contractor shall").replace(
        "Brightwater", "the Company"
    )
    assert read_parties(both, us, ("Provider", "Company", "Contractor"), payer_is_us=True) == (
        Parties(us=("Company",), them=("Contractor",))
    )


def test_names_at_the_end_of_a_list_of_parties_and_a_form_addressed_to_you() -> None:
    parties = (
        "CONTRACTOR AGREEMENT\n\nPARTIES\n\n"
        "1. AROHA WHITCOMBE, engineer, of 41 Scanlan Street, Auckland (the Contractor)\n\n"
        "2. KAURI FREIGHT SYSTEMS LIMITED, a company incorporated in New Zealand (Kauri)\n\n"
        "BACKGROUND\n"
    )
    assert defined_names(parties) == [("Contractor",), ("Kauri",)]
    assert read_parties(parties, us=("Company",), them=("Contractor",)) == Parties(
        us=("Kauri",), them=("Contractor",)
    )
    # a form the other side writes as "we" for us to read as "you"
    form = (
        "CONFIDENTIAL DISCLOSURE AGREEMENT\n\nThis Agreement is between Northwind Cloud "
        "Corporation (\u201cNorthwind\u201d, \u201cwe\u201d, \u201cus\u201d or \u201cour\u201d) and "
        "Lumen Diagnostics, Inc. (\u201cLumen\u201d, \u201cyou\u201d or \u201cyour\u201d).\n\n"
        "1. Definitions\n"
    )
    read = read_parties(form, us=("Recipient",), them=("Discloser",))
    assert read.us[:2] == ("Lumen", "you") and read.them[0] == "Northwind"


def test_parties_labelled_numbered_in_a_parties_clause_or_named_after_a_colon() -> None:
    # Chinese contracts label each party's lines "Party A:", "Party B:"
    labelled = (
        "MUTUAL CONFIDENTIALITY AGREEMENT\n\nParty A: Qiantang Cell Works Co., Ltd.\n"
        "Legal Representative: WANG Li\n\nParty B: Orrin Analytics Pte. Ltd.\n"
        "Position: Director\n\nWHEREAS:\n\n1. Party A makes cells;\n"
    )
    assert defined_names(labelled) == [("Party A",), ("Party B",)]
    # a parties clause numbered 1, its parties defined in it, and recitals numbered 2
    clause = (
        "AGREEMENT\nregarding a hosted service\n\nSupplier's agreement no. 41\n"
        "Customer's reference: KS 2024/9\n\n(English translation.)\n\n\n1. PARTIES\n\n"
        '1.1 Tolvmark AB, Storgatan 4, Uppsala (the "Supplier").\n\n'
        '1.2 Norrby kommun, Torget 1, Norrby (the "Customer").\n\n2. BACKGROUND\n\n'
        '2.1 The Customer has procured a service under the Public Procurement Act ("LOU").\n'
    )
    assert defined_names(clause) == [("Supplier",), ("Customer",)]
    # the first party numbered 1, and its name given after a colon
    undersigned = (
        "CONTRACT FOR SERVICES\n(overeenkomst van opdracht)\n\nconcerning the development of "
        "models for the detection of fraud in claims\n\nTHE UNDERSIGNED:\n\n"
        "1. Veldkamp Verzekeringen B.V., a private company with limited liability, having its "
        'registered office in Utrecht,\n\nhereinafter referred to as: "the Client";\n\nand\n\n'
        "2. Mr Daan Smit, a sole proprietor, having his place of business in Delft,\n\n"
        'hereinafter referred to as: "the Contractor";\n\nWHEREAS:\n'
    )
    assert defined_names(undersigned) == [("Client",), ("Contractor",)]
    # a law named in the recitals of a Spanish contract ("STATE") names no party
    spanish = (
        "LICENCE AGREEMENT\n\nIn Madrid, on 3 March 2025.\n\nAPPEAR\n\nMs. Ruiz, on behalf of "
        'ALBORADA, S.A. (hereinafter "ALBORADA" or the "LICENSOR"), and Mr. Pons, on behalf '
        'of CIRCELL, S.L. (hereinafter "CIRCELL" or the "LICENSEE").\n\nSTATE\n\nI.- That the '
        'Intellectual Property Law (hereinafter, "LPI") applies.\n'
    )
    assert defined_names(spanish) == [("ALBORADA", "LICENSOR"), ("CIRCELL", "LICENSEE")]
    # a title's bracketed words, a statute and a company named in lettered recitals name no
    # party; the name in the original language in brackets after the defined name is the same
    # party's; a "§ 2 Background" ends the opening
    indonesian = (
        "COOPERATION AGREEMENT\nON AN AI CUSTOMER SERVICE PLATFORM (VIRTUAL ASSISTANT)\n\n"
        'concluded pursuant to Section 1746(2) of the Civil Code (hereinafter the "Civil Code")'
        "\n\n1. PT BANK SERAYU Tbk, a public company, having its registered office in Jakarta, "
        'hereinafter referred to as the "FIRST PARTY";\n\n2. PT NALAR AI, a limited liability '
        'company, hereinafter referred to as the "SECOND PARTY" ("PIHAK KEDUA").\n\n'
        "The PARTIES first explain the following:\n\nA. Whereas the SECOND PARTY is a "
        'subsidiary of Nalar AI Pte. Ltd. (the "Parent Company");\n'
    )
    assert defined_names(indonesian) == [("FIRST PARTY",), ("SECOND PARTY", "PIHAK KEDUA")]
    # ... but a trade name in quotation marks is no defined name, so the name after it is a
    # party of its own
    trading = (
        'This Agreement is made by and between COBALT GAMES, INC., a Delaware corporation ("Cobalt"),'
        ' and TAMSIN ASHDOWN, an individual doing business as "Ashdown Atelier" ("Ashdown").\n'
    )
    assert defined_names(trading) == [("Cobalt",), ("Ashdown",)]
    danish = (
        "DATA LICENCE AGREEMENT\n\n§ 1 The parties\n\nSubsection 1. Hjortvang Apoteksanalyse "
        'A/S, CVR No. 41 22 87 19, Strandvejen 12, 2900 Hellerup, Denmark (hereinafter "the '
        'Licensor").\n\nSubsection 2. Prognos Health AB, Reg. No. 559301-4417, Drottninggatan '
        '5, 111 51 Stockholm, Sweden (hereinafter "the Licensee").\n\n§ 2 Background\n\n'
        'Subsection 1. The Licensor serves a group of pharmacies (hereinafter "the Pharmacy '
        'Partners").\n'
    )
    assert defined_names(danish) == [("Licensor",), ("Licensee",)]


def test_what_the_agreement_says_elsewhere_is_read_without_what_a_clause_sets_aside() -> None:
    text = (
        "6. DATA PROTECTION\n\n"
        "6.2 The Supplier shall process Personal Data only on the documented instructions of the "
        "Customer.\n\n"
        "6.4 Notwithstanding clause 6.2, the Supplier may process Customer Content, including "
        "Personal Data in it, to train its models.\n\n"
        "6.5 The Supplier shall keep Personal Data in the European Union.\n"
    )
    document = _document(text)
    segmentation = segment(document)
    references = CrossReferences(segmentation)
    overriding = next(c for c in segmentation.clauses if c.text.startswith("6.4"))
    read = references.overriding(overriding, document.text)
    assert "documented instructions" not in read and len(read) == len(document.text)
    assert "in the European Union" in read
    # a clause that prevails over nothing leaves the agreement as it is
    other = next(c for c in segmentation.clauses if c.text.startswith("6.5"))
    assert references.overriding(other, document.text) == document.text


def _document(text: str, name: str = "terms.txt") -> Document:
    builder = DocumentBuilder(Path(name), "txt")
    for paragraph in text.split("\n"):
        if paragraph.strip():
            start, end = builder.append(paragraph + "\n")
            builder.add_block("paragraph", start, end)
    return builder.build(sha256=name)


def _playbook(kind: str, *, us: str, them: str) -> Playbook:
    """A bare playbook of ``kind`` that names each side once."""
    return Playbook(
        id="t",
        title="t",
        kind=kind,
        side=us.lower(),
        description="",
        required=(),
        us=(us,),
        them=(them,),
    )


LIABILITY = (
    "9. CONFIDENTIALITY\n"
    "9.1 Each party shall keep the other party's Confidential Information secret.\n"
    "11. INDEMNIFICATION\n"
    "11.1 Supplier shall defend Customer against any claim that the Services infringe a "
    "third party's patent or copyright.\n"
    "12. LIMITATION OF LIABILITY\n"
    "12.1 Clause 12.2 does not apply to either party's liability for breach of clause 9 or "
    "to its obligations under clause 11.\n"
    "12.2 Subject to clause 12.1, each party's total liability under this Agreement shall not "
    "exceed the fees paid in the twelve months before the claim.\n"
)


def test_a_cap_made_subject_to_its_carve_outs_is_read_with_them() -> None:
    library = {t.id: t for t in default_library()}
    cap = library["limitation_of_liability"]
    checks = {c.id: c for c in cap.checks}
    playbook = _playbook("vendor", us="Customer", them="Supplier")
    segmentation = segment(_document(LIABILITY))
    clause = next(c for c in segmentation.clauses if c.label.rstrip(".") == "12.2")
    yields_to = CrossReferences(segmentation).yields_to(clause)
    # the carve-outs sit in 12.1, and "clause 11" is read with its title, Indemnification
    assert "Clause 12.2 does not apply" in yields_to and "clause 11 (INDEMNIFICATION)" in yields_to
    for check_id in ("lol_cap_no_confidentiality_carveout", "lol_cap_covers_indemnity"):
        when = checks[check_id].when
        present = {"indemnification_ip", "confidentiality"}
        assert check_holds(when, clause.text, cap, playbook, present, LIABILITY)
        assert not check_holds(when, clause.text, cap, playbook, present, LIABILITY, yields_to)
    # a cap that does not name its carve-outs is still read with the provision that names it
    # ("Clause 12.2 does not apply to ...")
    unnamed = segment(_document(LIABILITY.replace("Subject to clause 12.1, each", "Each")))
    clause = next(c for c in unnamed.clauses if c.label.rstrip(".") == "12.2")
    yields_to = CrossReferences(unnamed).yields_to(clause)
    assert "Clause 12.2 does not apply" in yields_to and "clause 9 (CONFIDENTIALITY)" in yields_to
    when = checks["lol_cap_no_confidentiality_carveout"].when
    assert not check_holds(when, clause.text, cap, playbook, {"confidentiality"}, "", yields_to)
    # ... unless it prevails over that provision; and a cap nothing refers to is read alone
    for text in (
        LIABILITY.replace("Subject to clause 12.1, each", "Notwithstanding clause 12.1, each"),
        LIABILITY.replace("Clause 12.2 does not apply", "The cap does not apply").replace(
            "Subject to clause 12.1, each", "Each"
        ),
    ):
        alone = segment(_document(text))
        clause = next(c for c in alone.clauses if c.label.rstrip(".") == "12.2")
        assert CrossReferences(alone).yields_to(clause) == ""


def _numbered_provisions(text: str) -> tuple[CrossReferences, dict[str, Segment]]:
    """The cross-references of ``text`` and its clauses by number."""
    segmentation = segment(_document(text))
    clauses = {c.label.rstrip("."): c for c in segmentation.clauses}
    return CrossReferences(segmentation), clauses


def test_a_provision_is_read_with_those_that_carve_out_of_it_or_that_it_is_used_under() -> None:
    text = (
        "13. TERMINATION\n"
        "13.2 Either party may terminate this Agreement if the other party materially breaches it "
        "and fails to cure the breach within thirty days after notice.\n"
        "13.3 Vendor may terminate the licences when it terminates under Section 13.2 because "
        "Customer failed to pay.\n"
        "19. NON-SOLICITATION\n"
        "19.1 Neither party shall solicit for employment any employee of the other party.\n"
        "19.2 Section 19.1 does not prohibit general advertisements not targeted at the other "
        "party's staff.\n"
        "19.3 Nothing in Section 19.1 prevents hiring a person who applies on his own initiative.\n"
        "21. NO HIRE\n"
        "21.1 Neither party shall hire any employee of the other party during the Term.\n"
        "21.2 A party shall not be in breach of Clause 21.1 by reason of placing a general "
        "advertisement for staff.\n"
        "22. NO POACHING\n"
        "22.1 Neither party shall entice away any employee of the other party.\n"
        "22.2 Hiring persons who respond to general job advertisements shall not breach this "
        "Clause.\n"
    )
    references, clause = _numbered_provisions(text)
    no_solicit = references.yields_to(clause["19.1"])
    assert "general advertisements" in no_solicit and "own initiative" in no_solicit
    assert "general advertisement for staff" in references.yields_to(clause["21.1"])
    assert "general job advertisements" in references.yields_to(clause["22.1"])
    assert "thirty days after notice" in references.yields_to(clause["13.3"])
    # the carve-outs are not read into the provisions that make them
    assert references.yields_to(clause["19.2"]) == ""
    # a provision that follows another's terms is read with them
    references, clause = _numbered_provisions(
        "12. SECURITY\n12.3 Supplier shall notify Customer of any Security Incident within 48 "
        "hours.\n20. DATA PROCESSING\n20.4 Supplier shall notify personal data breaches in "
        "accordance with Clause 12.3.\n"
    )
    assert "within 48 hours" in references.yields_to(clause["20.4"])


def test_a_cap_is_read_with_this_clauses_carve_outs_and_a_clause_named_by_ordinal() -> None:
    references, clause = _numbered_provisions(
        "14. INDEMNITY\n"
        "14.1 The Provider shall defend the Client against any third-party claim of "
        "infringement.\n"
        "14.2 The limitations set out in clauses 15.1 and 15.2 shall not apply to the obligations "
        "of the Provider under this Clause.\n"
        "15. LIMITATION OF LIABILITY\n"
        "15.1 Neither party is liable for indirect loss.\n"
        "15.2 The total liability of each party shall not exceed the fees paid in the three "
        "months before the claim.\n"
        "15.3 The exclusions and limitations of this Clause shall not apply to fraud. Nor shall "
        "they apply to the obligations of the Provider under the Fourteenth Clause.\n"
        "16. GENERAL\n"
        "16.1 Notices shall be in writing.\n"
    )
    cap = references.yields_to(clause["15.2"])
    # 14.2's "this Clause" is clause 14, titled as a reference to it is
    assert "of the Provider under Clause 14 (INDEMNITY)." in cap
    # "the exclusions and limitations of this Clause shall not apply" carves out of every
    # provision of clause 15; "the Fourteenth Clause" is clause 14
    assert "shall not apply to fraud" in cap
    assert cap.endswith("the obligations of the Provider under Clause 14 (INDEMNITY).")
    assert references.yields_to(clause["16.1"]) == ""


def test_a_provision_is_read_with_the_special_terms_that_amend_it() -> None:
    text = (
        "1. SPECIAL TERMS\n"
        '1.1 Liability. In Section 9.2, "three (3) months" is replaced by "twelve (12) '
        'months".\n'
        '1.2 Training. Section 5.3(b) is deleted and replaced with: "(b) Provider shall not use '
        'Customer Data to train any model."\n'
        '1.3 Exceptions. The following is added as a new clause (d) of Section 9.3: "(d) '
        "either party's breach of Section 7 (Confidentiality)\".\n"
        "5. DATA\n"
        "5.3 Provider may use Customer Data to improve its services.\n"
        "9. LIABILITY\n"
        "9.2 Each party's total liability shall not exceed the fees paid in three months.\n"
        "9.3 Section 9.2 does not apply to a party's indemnities.\n"
        "9.4 The fees are exclusive of taxes, as stated in Section 9.2.\n"
    )
    references, clause = _numbered_provisions(text)
    assert "twelve (12) months" in references.yields_to(clause["9.2"])
    assert "shall not use Customer Data to train" in references.yields_to(clause["5.3"])
    assert "breach of Section 7" in references.yields_to(clause["9.3"])
    # a mere mention amends nothing
    assert "exclusive of taxes" not in references.yields_to(clause["9.2"])


def test_a_provision_reads_as_the_provisions_that_amend_it_leave_it() -> None:
    text = (
        "1. SPECIAL TERMS\n"
        '1.1 Liability. In Section 9.2, "three (3) months" is replaced by "twelve (12) '
        'months".\n'
        "1.2 Training. Section 5.3(b) is deleted and replaced with: “(b) Provider shall not use "
        "Customer Data to train any model.”\n"
        '1.3 Exceptions. The following is added as a new clause (d) of Section 9.3: "(d) '
        "either party's breach of Section 7 (Confidentiality)\".\n"
        "1.4 Non-compete. Section 11.4 is deleted.\n"
        "5. DATA\n"
        "5.3 Customer Data. (a) Customer owns Customer Data. (b) Provider may use Customer Data "
        "to train its models. (c) Provider shall keep Customer Data in the United States.\n"
        "9. LIABILITY\n"
        "9.2 Each party's total liability shall not exceed the fees paid in THREE (3) MONTHS.\n"
        "9.3 Section 9.2 does not apply to: (a) a party's indemnities; (b) fraud.\n"
        "9.4 The fees are exclusive of taxes, as stated in Section 9.2.\n"
        "11. RESTRICTIONS\n"
        "11.4 Customer shall not build a competing model.\n"
    )
    references, clause = _numbered_provisions(text)
    cap = references.amended(clause["9.2"])
    assert "twelve (12) months" in cap and "THREE" not in cap
    data = references.amended(clause["5.3"])
    assert "(b) Provider shall not use Customer Data to train any model." in data
    assert "may use Customer Data to train" not in data
    assert "(a) Customer owns" in data and "(c) Provider shall keep" in data
    # a new item of a list is read under the list's lead-in
    assert "does not apply to: (d) either party's breach of Section 7" in references.amended(
        clause["9.3"]
    )
    assert references.amended(clause["11.4"]) == ""
    # the amending provision no longer says what it took out; a mere mention amends nothing
    assert "three (3) months" not in references.amended(clause["1.1"])
    assert references.amended(clause["9.4"]) == clause["9.4"].text
    assert references.amended_by[clause["9.2"].id] == [clause["1.1"]]
    # the wording an amendment deletes or replaces is no longer the agreement's
    old = text.index("(b) Provider may use")
    assert references.superseded(old, old + len("(b) Provider may use Customer Data"))
    assert not references.superseded(text.index("(a) Customer owns"), old)
    assert references.superseded(clause["11.4"].start, clause["11.4"].end)


def test_every_cap_of_an_article_is_read_with_the_provision_that_no_cap_limits_something() -> None:
    text = (
        "15. LIMITATION OF LIABILITY\n"
        "15.2 Each party's total liability shall not exceed the fees paid in the prior year.\n"
        "15.3 Each party's liability for a Security Incident shall not exceed five times the "
        "fees.\n"
        "15.4 Neither cap limits a party's obligations under Section 14.\n"
        "16. TERM\n"
        "16.1 This Agreement lasts three years.\n"
    )
    references, clause = _numbered_provisions(text)
    for cap in ("15.2", "15.3"):
        assert "Neither cap limits" in references.yields_to(clause[cap])
    assert "Neither cap limits" not in references.yields_to(clause["16.1"])


def test_an_article_headed_with_its_word_and_a_dash_is_titled_by_its_heading() -> None:
    # "ARTICLE 12 - CONFIDENTIALITY": a carve-out "for breach of Article 12" is read as one for
    # breach of confidentiality
    references, clause = _numbered_provisions(
        "ARTICLE 12 - CONFIDENTIALITY\n"
        "12.1 Each Party shall keep the other's Confidential Information secret.\n"
        "ARTICLE 15 - LIMITATION OF LIABILITY\n"
        "15.2 Cap. Each Party's total liability shall not exceed the amounts paid in the twelve "
        "months before the claim.\n"
        "15.3 Exceptions. Section 15.2 does not limit either Party's liability for breach of "
        "Article 12.\n"
    )
    cap = references.yields_to(clause["15.2"])
    assert "breach of Article 12 (CONFIDENTIALITY)" in cap


def test_an_article_whose_title_stands_on_the_next_line_is_titled_by_it() -> None:
    # "ARTICLE 9" then "CONFIDENTIALITY" on a line of its own; an untitled article followed by
    # a numbered clause takes no title from it
    references, clause = _numbered_provisions(
        "ARTICLE 9\n"
        "CONFIDENTIALITY\n"
        "9.1 Each Party shall keep the other's Confidential Information secret.\n"
        "ARTICLE 10\n"
        "10.1 Each Party shall comply with applicable law.\n"
        "ARTICLE 12\n"
        "LIMITATION OF LIABILITY\n"
        "12.2 Cap. Each Party's total liability shall not exceed the amounts paid in the twelve "
        "months before the claim.\n"
        "12.3 Exceptions. Section 12.2 does not limit a Party's breach of Article 9 or of "
        "Article 10.\n"
    )
    cap = references.yields_to(clause["12.2"])
    assert "breach of Article 9 (CONFIDENTIALITY)" in cap
    assert "Article 10 (" not in cap
    assert references.titles["12"] == "LIMITATION OF LIABILITY"


def test_a_clause_headed_with_its_word_is_titled_by_its_heading() -> None:
    # a Scots or English "Clause 12 Confidentiality"; a sentence that opens with the word
    # ("Clause 14 survives ...") is no heading
    references, clause = _numbered_provisions(
        "Clause 12 Confidentiality\n\n"
        "12.1 Each party shall keep the other's Confidential Information secret.\n\n"
        "Clause 15 Limitation of Liability\n\n"
        "15.2 Neither party shall be liable for any loss or corruption of data. The exclusion "
        "of loss or corruption of data does not apply to any breach of Clause 12.\n\n"
        "Clause 12 survives termination of this Agreement.\n"
    )
    assert "breach of Clause 12 (Confidentiality)" in references.yields_to(clause["15.2"])
    assert references.titles["15"] == "Limitation of Liability"
    assert "Clause 12" not in clause
    # each clause heads its own provisions, not the first one's
    assert clause["15.2"].heading_path == ("Clause 15 Limitation of Liability", "15.2")


@pytest.mark.parametrize(
    ("text", "carved", "carving"),
    [
        # a limit set "in place of" the cap
        (
            "16. LIMITATION OF LIABILITY\n"
            "16.2 Each Party's total liability is limited to the Fees paid in the twelve months "
            "preceding the claim.\n"
            "16.3 Each Party's total liability for breach of Article 17 (Confidentiality) is "
            "limited to three times those Fees, in place of the limit in Article 16.2.\n",
            "16.2",
            "in place of the limit in Article 16.2",
        ),
        # what "shall not constitute a breach of" a provision
        (
            "14. NON-SOLICITATION\n"
            "14.1 Neither Party shall solicit any employee of the other Party.\n"
            "14.2 The following shall not constitute a breach of Article 14.1: (a) job "
            "advertisements addressed to the public; (b) hiring persons who apply on their own "
            "initiative.\n",
            "14.1",
            "job advertisements",
        ),
    ],
)
def test_a_provision_that_carves_out_of_another_by_number_is_read_with_it(
    text: str, carved: str, carving: str
) -> None:
    references, clause = _numbered_provisions(text)
    assert carving in references.yields_to(clause[carved])


def test_a_carve_out_of_the_preceding_paragraph_is_read_with_it() -> None:
    # a paragraph with no number of its own, as Mexican and Japanese drafting refer to it
    segmentation = segment(
        _document(
            "FIFTEENTH.- LIMITATION OF LIABILITY.\n"
            "The total aggregate liability of each PARTY shall not exceed the fixed fees.\n"
            "The limit established in the preceding paragraph shall not apply to breach of the "
            "TWELFTH Clause (Confidentiality).\n"
            "Each PARTY shall mitigate its losses.\n"
        )
    )
    cap, carve_out, mitigation = segmentation.clauses[-3:]
    references = CrossReferences(segmentation)
    # ("the TWELFTH Clause" read as "Clause 12")
    assert "shall not apply to breach of Clause 12 (Confidentiality)." in references.yields_to(cap)
    assert carve_out.text.startswith("The limit established in the preceding paragraph")
    assert "mitigate" not in references.yields_to(cap)
    assert references.yields_to(mitigation) == ""


def test_a_carve_out_in_the_next_sentence_and_a_revocation_are_read_with_the_provision() -> None:
    references, clause = _numbered_provisions(
        "8. LICENCES\n"
        "8.1 Likeness Licence. Creator grants Company a licence to use the Creator's name and "
        "likeness in the Deliverables during the Usage Period.\n"
        "8.4 Revocation. Creator may revoke the license granted in Section 8.1, in whole or in "
        "part, at any time and for any reason on thirty days' notice.\n"
        "8.5 Credits. Creator may refer to Section 8.1 in its portfolio.\n"
        "14. LIABILITY\n"
        "14.3 Each Party's aggregate liability shall not exceed EUR 5,000,000.\n"
        "14.4 The limitations in Section 14.3 apply to all claims, including claims under "
        "Section 13.1. They shall not apply to liability for a breach of Article 10.\n"
        "14.6 The limitations in Section 14.3 apply to claims in tort. They are the Parties' "
        "agreed allocation of risk.\n"
    )
    licence = references.amended(clause["8.1"])
    assert "may revoke the license granted in Section 8.1" in licence
    assert "portfolio" not in licence
    assert references.read_with[clause["8.1"].id] == [clause["8.4"]]
    assert clause["8.1"].id not in references.amended_by
    cap = references.yields_to(clause["14.3"])
    assert "They shall not apply to liability for a breach of Article 10" in cap
    assert "agreed allocation of risk" not in cap


def test_how_long_an_articles_duties_last_and_a_consent_withdrawn_at_will() -> None:
    references, clause = _numbered_provisions(
        "3. LICENCE\n"
        "3.1 The Performer grants to Licensee a licence to use the Recordings.\n"
        "3.2 Licensee's Affiliates may exercise the rights granted in 3.1.\n"
        "5. CONSENT\n"
        "5.2 The Performer may withdraw the Consent at any time, for any reason. The withdrawal "
        "takes effect thirty days later, and on that date the licences granted in clause 3 "
        "shall end.\n"
        "9. CONFIDENTIALITY\n"
        "9.2 The Contractor shall keep the Confidential Information secret.\n"
        "9.5 The obligations under this Article 9 shall apply for the term of this Agreement "
        "and for two (2) years after its termination.\n"
        "10. GENERAL\n"
        "10.1 Notices shall be in writing.\n"
    )
    # clause 3 is an article that is only a heading: its provisions are read with 5.2
    assert "may withdraw the Consent at any time" in references.amended(clause["3.1"])
    assert references.read_with[clause["3.1"].id] == [clause["5.2"]]
    # every provision of article 9 is read with how long its duties last; article 10 is not
    assert "two (2) years after its termination" in references.amended(clause["9.2"])
    assert "two (2) years" not in references.amended(clause["10.1"])


def test_a_clause_that_excepts_a_defined_term_is_read_with_its_definition() -> None:
    text = (
        "11. LIMITATION OF LIABILITY\n"
        "11.2 Cap. EXCEPT WITH RESPECT TO EXCLUDED CLAIMS, EACH PARTY'S TOTAL LIABILITY SHALL "
        "NOT EXCEED THE FEES PAID IN THE THREE MONTHS BEFORE THE CLAIM.\n"
        '11.3 Excluded Claims. "Excluded Claims" means (a) liability of either party for breach '
        "of Article 8; and (b) liability of either party arising from its fraud.\n"
        "11.4 Other. Each party shall mitigate its Excluded Claims.\n"
    )
    segmentation = segment(_document(text))
    definitions = Definitions(segmentation, text)
    clause = {c.label.rstrip("."): c for c in segmentation.clauses}
    assert definitions.excepted(clause["11.2"]) == (
        "EXCEPT WITH RESPECT TO EXCLUDED CLAIMS ((a) liability of either party for breach of "
        "Article 8; and (b) liability of either party arising from its fraud)"
    )
    # a term used, not excepted, brings nothing
    assert definitions.excepted(clause["11.4"]) == ""


INDEMNITIES = (
    "14. INDEMNITIES\n"
    "14.1 Lumenvale shall defend the Customer against any claim that the Services infringe a "
    "third party's Intellectual Property Rights, and shall indemnify it against the losses.\n"
    "14.2 Product claims. The Customer shall defend Lumenvale against any claim that its "
    "Inputs infringe a third party's rights.\n"
    "15. LIMITATION OF LIABILITY\n"
    "15.1 Clause 15.2 does not apply to the Customer's liability under clause 14.2.\n"
    "15.2 Each party's total aggregate liability shall not exceed the Fees paid in the "
    "twelve months before the claim.\n"
)


def test_a_cap_carved_out_for_our_indemnity_alone_still_caps_theirs() -> None:
    library = {t.id: t for t in default_library()}
    cap = library["limitation_of_liability"]
    when = next(c for c in cap.checks if c.id == "lol_cap_covers_indemnity").when
    playbook = _playbook("model_licence", us="Customer", them="Lumenvale")
    present = {"indemnification_ip"}
    # an untitled provision that gives an indemnity is titled by who gives it, and a
    # carve-out of only ours leaves the other side's indemnity under the cap
    references, clause = _numbered_provisions(INDEMNITIES)
    assert references.titles["14.1"] == "indemnity by Lumenvale"
    # ... and so is one whose title does not say so
    titled, _ = _numbered_provisions(INDEMNITIES.replace("14.1 ", "14.1 By Lumenvale. "))
    assert titled.titles["14.1"] == "indemnity by Lumenvale"
    ours = references.yields_to(clause["15.2"])
    assert "clause 14.2 (indemnity by Customer)" in ours
    assert check_holds(when, clause["15.2"].text, cap, playbook, present, INDEMNITIES, ours)
    for carve_out in (
        "the Customer's liability under clause 14.2 or Lumenvale's liability under clause 14.1",
        "either party's indemnification obligations",
    ):
        text = INDEMNITIES.replace("the Customer's liability under clause 14.2", carve_out)
        references, clause = _numbered_provisions(text)
        theirs = references.yields_to(clause["15.2"])
        assert not check_holds(when, clause["15.2"].text, cap, playbook, present, text, theirs)
    # said in words rather than by reference
    text = INDEMNITIES.replace(
        "the Customer's liability under clause 14.2", "the Customer's indemnification obligations"
    )
    references, clause = _numbered_provisions(text)
    words = references.yields_to(clause["15.2"])
    assert check_holds(when, clause["15.2"].text, cap, playbook, present, text, words)


def test_a_sentence_that_opens_with_it_is_read_as_the_party_the_sentence_before_names() -> None:
    playbook = _playbook("vendor", us="Customer", them="Supplier")
    text = (
        "21.4 The Customer may terminate this Agreement for convenience on six months' notice. "
        "It shall then pay the Supplier, within thirty days, a fee equal to the Charges that "
        "would have been payable for the rest of the Initial Term, calculated at the average "
        "monthly Charges over the six months before notice (the \u201cTermination Fee\u201d)."
    )
    read = resolve_it(text, playbook)
    assert "notice. The Customer shall then pay the Supplier" in read
    library = {t.id: t for t in default_library()}
    fee = library["liquidated_damages"]
    when = next(c for c in fee.checks if c.id == "ld_payable_by_us").when
    assert check_holds(when, read, fee, playbook, set())
    assert not check_holds(when, text, fee, playbook, set())
    # "It" after a sentence whose subject is no party, or after a list, is left alone
    for other in (
        "This Agreement is governed by English law. It may be amended only in writing.",
        "Either party may terminate on notice. It shall then pay the other party's costs.",
    ):
        assert resolve_it(other, playbook) == other
    assert resolve_it(
        "Supplier shall invoice monthly; it will not charge for set-up.", playbook
    ) == ("Supplier shall invoice monthly; Supplier will not charge for set-up.")
    # ... and "it" in what a party agrees: "Party A agrees that, during the Term ..., it shall
    # not procure", as Taiwanese drafting in translation binds a party
    agreed = (
        "In consideration of the pricing, the Customer agrees that, during the Term and for one "
        "year after its expiry, it shall not procure any third party's product."
    )
    assert "its expiry, the Customer shall not procure" in resolve_it(agreed, playbook)


def test_lettered_provisions_are_numbered_through_their_section() -> None:
    # "Section 12(c)" is the lettered provision (c) of Section 12; "Section 13.2(a)" names an
    # item of 13.2 that is not a provision of its own, so it is read as 13.2
    references, clause = _numbered_provisions(
        "SECTION 11. INDEMNIFICATION\n"
        "(a) By Licensee. Licensee shall defend Licensor against any claim arising from its "
        "products.\n"
        "SECTION 12. LIMITATION OF LIABILITY\n"
        "(a) Exclusion. Subject to Section 12(c), neither party is liable for indirect damages.\n"
        "(b) Cap. Subject to Section 12(c), each party's total liability shall not exceed the "
        "fees paid in the twelve months before the claim.\n"
        "(c) Exceptions. Sections 12(a) and 12(b) do not apply to a party's obligations under "
        "Section 11.\n"
        "13. TERMINATION\n"
        "13.2 Either party may terminate this Agreement if the other (a) fails to cure a material "
        "breach within thirty days after notice, or (b) becomes insolvent.\n"
        "13.3 Licensor may terminate the licences when it terminates under Section 13.2(a).\n"
    )
    assert references.titles["12.c"] == "Exceptions"
    cap = references.yields_to(clause["(b)"])
    assert "Subject to Section 12(c) (Exceptions)" in cap
    assert "Section 11 (INDEMNIFICATION)" in cap
    assert "thirty days after notice" in references.yields_to(clause["13.3"])


def test_a_provision_that_says_it_is_subject_to_others_does_not_yield_to_them() -> None:
    # "remain subject to Sections 7 and 8" binds the retained copies; it carves nothing out of
    # the duty to delete the models
    references, clause = _numbered_provisions(
        "7. CONFIDENTIALITY\n7.1 Licensee need not delete anything it is required to keep.\n"
        "16. TERMINATION\n16.7 Licensee will delete every Trained Model. Backup copies remain "
        "subject to Section 7 until destroyed.\n"
    )
    assert "need not delete" not in references.yields_to(clause["16.7"])
    # "This clause does not restrict ..." carves out of every provision of its article
    references, clause = _numbered_provisions(
        "25. NON-SOLICITATION\n25.1 Neither party shall solicit any employee of the other.\n"
        "25.2 This clause does not restrict hiring anyone who answers a general advertisement.\n"
    )
    assert "general advertisement" in references.yields_to(clause["25.1"])


EVALUATION = (
    "MODEL EVALUATION LICENCE\n"
    'This licence is between Velder AI Ltd (the "Developer") and Ostrand Bank plc (the '
    '"Licensee").\n'
    "1. DEFINITIONS\n"
    '1.1 "Feedback" means any comments, evaluations and other information about the Model '
    "that the Licensee gives the Developer, including any Licensee Data attached to it.\n"
    '1.2 "Research Purpose" means internal, non-commercial research by the Licensee.\n'
    "2. LICENCE\n"
    "2.1 The Developer grants the Licensee a licence to use the Model solely for the Research "
    "Purpose.\n"
    "3. FEEDBACK\n"
    "3.1 The Developer may use Feedback to train and improve its machine learning models.\n"
    "3.2 The Developer may use anonymous usage statistics to train its machine learning "
    'models and send the Licensee a Statistics Report. "Statistics Report" means a monthly '
    "summary of request volumes.\n"
)


def test_checks_that_ask_for_it_read_a_clause_with_the_definitions_of_its_terms() -> None:
    library = {t.id: t for t in default_library()}
    training = library["ai_training_rights"]
    restrictions = library["use_restrictions"]
    trains_on_our_data = next(
        c for c in training.checks if c.id == "ai_training_vendor_trains_on_our_data"
    )
    noncommercial = next(
        c for c in restrictions.checks if c.id == "use_restrictions_noncommercial_only"
    )
    playbook = _playbook("model_licence", us="Licensee", them="Developer")
    segmentation = segment(_document(EVALUATION))
    definitions = Definitions(segmentation, EVALUATION)
    clause = {c.label.rstrip("."): c for c in segmentation.clauses}
    feedback = definitions.read_into(clause["3.1"])
    # the definition follows the term's first use, in brackets
    assert feedback.startswith("3.1 The Developer may use Feedback (any comments, evaluations")
    assert "including any Licensee Data attached to it)" in feedback
    # the parties named in the preamble are not definitions to read into a clause, and a
    # clause that uses no defined term has nothing to add
    assert definitions.read_into(clause["1.1"]) == ""
    # a term defined within the clause itself is already read there
    assert definitions.read_into(clause["3.2"]) == ""

    def holds(check: Check, number: str) -> bool:
        text = clause[number].text
        with_definitions = definitions.read_into(clause[number])
        return check_holds(
            check.when, text, training, playbook, set(), EVALUATION, "", with_definitions
        )

    # Feedback takes in the Licensee Data; anonymous statistics do not
    assert holds(trains_on_our_data, "3.1")
    assert not holds(trains_on_our_data, "3.2")
    assert not check_holds(
        trains_on_our_data.when, clause["3.1"].text, training, playbook, set(), EVALUATION
    )
    # the purpose the licence is limited to is defined as non-commercial research
    text = clause["2.1"].text
    assert check_holds(
        noncommercial.when,
        text,
        restrictions,
        playbook,
        set(),
        EVALUATION,
        "",
        definitions.read_into(clause["2.1"]),
    )
    assert not check_holds(noncommercial.when, text, restrictions, playbook, set(), EVALUATION)


def test_a_term_in_a_clauses_heading_is_defined_where_the_clause_first_uses_it() -> None:
    text = EVALUATION + "4. TOOLS\n4.1 Use of Feedback. The Developer keeps all Feedback.\n"
    segmentation = segment(_document(text))
    clause = {c.label.rstrip("."): c for c in segmentation.clauses}
    assert clause["4.1"].heading == "Use of Feedback"
    read = Definitions(segmentation, text).read_into(clause["4.1"])
    assert read.startswith("4.1 Use of Feedback. The Developer keeps all Feedback (any comments")


def test_a_term_defined_in_a_schedule_is_read_where_it_is_used_in_the_plural() -> None:
    text = (
        "SCHEDULE 1 AI FEATURES\n"
        'A1.3 "Suggestion" means any code or other output generated by the Service.\n'
        "A4.1 All right in Suggestions vests in the Provider.\n"
    )
    segmentation = segment(_document(text))
    clause = next(c for c in segmentation.clauses if c.text.startswith("A4.1"))
    read = Definitions(segmentation, text).read_into(clause)
    assert read == (
        "A4.1 All right in Suggestions (any code or other output generated by the Service) "
        "vests in the Provider."
    )


@pytest.mark.model
def test_checks_read_the_documents_own_names_for_the_sides() -> None:
    text = (
        ONLINE_TERMS + "\n5. USE OF CUSTOMER CONTENT\n\n"
        "5.1 You grant us a worldwide, royalty-free licence to use your Inputs and Output to "
        "train, fine-tune and improve our models, including models we offer to other customers.\n"
    )
    document = _document(text, "northstar_terms.txt")
    engine = Engine()
    result = engine.review(engine.analyze(document), "model_licence_licensee")
    assert result.parties.them == ("Northstar", "we", "us", "our", "ours")
    fired = {c.id for f in result.found("ai_training_rights") for c in f.checks}
    assert "ai_training_vendor_trains_on_our_data" in fired


EXIT_ARTICLE = (
    "MANAGED SERVICES AGREEMENT\n\n"
    'This Agreement is made between Arlow Systems Limited (the "Supplier") and Penhale '
    'Housing Trust (the "Customer").\n\n'
    "14. TERMINATION\n"
    "14.1 Either party may terminate this Agreement by written notice if the other party commits "
    "a material breach and fails to remedy it within thirty days after notice of the breach.\n"
    "14.2 In addition, the Supplier may terminate this Agreement on written notice if the "
    "Customer fails to pay any undisputed invoice within sixty days of its due date.\n\n"
    "15. EXIT\n"
    "15.1 On expiry or termination, and for up to six months afterwards if the Customer so "
    "requests, the Supplier shall provide exit assistance, including co-operation with any "
    "replacement supplier, data mapping and parallel running.\n"
    "{charges}"
    "15.3 Any dispute about the exit plan shall be referred to mediation under the CEDR Model "
    "Mediation Procedure, and the mediator's additional fees shall be shared equally.\n"
)


@pytest.mark.model
def test_a_types_checks_read_the_provisions_beside_its_places_that_read_most_like_it() -> None:
    engine = Engine()

    def exit_findings(charges: str) -> list[tuple[str, set[str], tuple[str, ...]]]:
        text = EXIT_ARTICLE.replace("{charges}", charges)
        result = engine.review(engine.analyze(_document(text, "msa.txt")), "vendor_customer")
        return [
            (f.text[:4], {c.id for c in f.checks}, f.reasons)
            for f in result.found("post_termination_services")
        ]

    # the charges for exit assistance, in a provision of their own that scores under the
    # type's threshold, are read beside the exit assistance found at 15.1
    charged = exit_findings(
        "15.2 The exit plan and all exit assistance shall be chargeable at the Supplier's "
        "standard day rates prevailing at the time the assistance is requested.\n"
    )
    assert [place for place, _, _ in charged] == ["15.1", "15.2"]
    assert charged[1][1] == {"post_termination_services_chargeable"}
    assert any(r.startswith("read in its article with “15.1 On expiry") for r in charged[1][2])
    # the mediator's "additional fees" beside it read as dispute resolution, not as exit help
    assert [place for place, _, _ in exit_findings("")] == ["15.1"]


@pytest.mark.model
def test_a_list_that_reads_as_the_type_is_read_beside_its_article_whatever_its_items() -> None:
    engine = Engine()
    text = (
        'SOFTWARE LICENCE AGREEMENT between Dauys Intelligence LLP (the "Licensor") and Saryarqa '
        'Retail Bank JSC (the "Licensee").\n\n'
        "3. SCOPE OF THE LICENCE\n\n"
        "3.1. The Licensor grants the Licensee a non-exclusive licence to use the Software in its"
        " own infrastructure for the Licence Term.\n\n"
        "3.3. The VoiceID Module may be used for not more than 1,500,000 voice templates. Where "
        "the Licensee intends to exceed this number, it shall obtain an additional licence, which"
        " the Licensor may grant or refuse at its own discretion.\n\n"
        "3.4. The Licensee shall not be entitled:\n\n"
        "3.4.1. to decompile or otherwise reverse engineer the Software;\n\n"
        "3.4.2. to grant sublicences to use the Software or make it available to third parties;\n\n"
        "3.4.3. to use the Software, the Adapted Models or the Recognition Results for the "
        "creation, training, testing or improvement of any other models of speech recognition, "
        "whoever creates them;\n\n"
        "3.4.4. to provide the functionality of the Software to other banks as a service.\n\n"
        "3.5. The Licensee shall use the Software in compliance with the Acceptable Use Rules. "
        "The Licensor shall be entitled to amend the Acceptable Use Rules by placing a new "
        "version on its website.\n\n"
    )
    analysis = engine.analyze(_document(text, "licence.txt"))
    result = engine.review(analysis, "model_licence_licensee")
    listed = [f for f in result.found("use_restrictions") if f.text.startswith("3.4.")]
    # the list of what the Licensee may not do reads as use restrictions as a whole, though its
    # item 3.4.3 reads as training rights: it is read beside the use restrictions of 3.5
    assert [{c.id for c in f.checks} for f in listed] == [{"use_restrictions_no_competing_models"}]
    assert any(r.startswith("read in its article with “3.5.") for r in listed[0].reasons)


@pytest.mark.model
def test_what_ending_the_agreement_under_a_provision_costs_is_read_with_it() -> None:
    engine = Engine()
    text = (
        "CONTRACT ON THE PROVISION OF SERVICES between Borys Tkachenko, an individual "
        'entrepreneur (the "Contractor"), and Lumivale LLC (the "Customer").\n\n'
        "11. TERM AND TERMINATION\n"
        "11.1 This Contract enters into force on signature and remains in force until 31 "
        "December 2026.\n"
        "11.2 Either Party may terminate this Contract if the other Party commits a material "
        "breach and fails to remedy it within fifteen days of notice.\n"
        "11.3 Each Party may terminate this Contract at any time without stating reasons, by "
        "written notice given no less than thirty calendar days in advance.\n"
        "11.4 If this Contract is terminated under clause 11.3 on the initiative of the "
        "Customer, the Customer shall, in addition to payment for the Services provided, pay "
        "the Contractor compensation in the amount of one monthly fee.\n"
    )
    result = engine.review(engine.analyze(_document(text, "services.txt")), "contractor_company")
    fee = [
        f
        for f in result.found("termination_for_convenience")
        if "termination_for_convenience_exit_fee" in {c.id for c in f.checks}
    ]
    assert [f.text[:4] for f in fee] == ["11.4"]
    assert any(r.startswith("read in its article with “11.3 Each Party") for r in fee[0].reasons)


@pytest.mark.model
def test_a_right_to_terminate_for_cause_beside_a_mutual_one_is_not_one_sided() -> None:
    text = EXIT_ARTICLE.replace("{charges}", "")
    engine = Engine()
    result = engine.review(engine.analyze(_document(text, "msa.txt")), "vendor_customer")
    fired = {c.id for f in result.found("termination_for_cause") for c in f.checks}
    assert "termination_for_cause_one_sided" not in fired
    one_sided = text.replace("14.1 Either party may", "14.1 The Supplier may").replace(
        "In addition, the Supplier", "The Supplier"
    )
    result = engine.review(engine.analyze(_document(one_sided, "msa.txt")), "vendor_customer")
    fired = {c.id for f in result.found("termination_for_cause") for c in f.checks}
    assert "termination_for_cause_one_sided" in fired


def test_a_party_defined_as_you_is_also_your_and_a_quoted_article_is_not_part_of_the_name() -> None:
    text = (
        "COMMUNITY LICENCE\n\nThis licence is between Orrery Labs, Inc. (\u201cOrrery\u201d) and the "
        "company that accepts it (\u201cLicensee\u201d or \u201cyou\u201d).\n\n1. Grant\n"
    )
    parties = read_parties(text, us=("Licensee",), them=("Licensor",))
    assert parties == Parties(us=("Licensee", "you", "your", "yours"), them=("Orrery",))
    studio = (
        "SERVICES AGREEMENT\n\n(1) PALEWORKS LIMITED, a company registered in England "
        '("the Studio"); and\n(2) ANA ROSS, a self-employed designer ("the Designer").\n\n'
        "AGREED TERMS\n"
    )
    assert defined_names(studio) == [("Studio",), ("Designer",)]
    assert read_parties(studio, us=("Company", "Studio"), them=("Designer",)) == Parties(
        us=("Studio",), them=("Designer",)
    )


@pytest.mark.model
def test_the_cli_reads_the_party_the_reviewer_names_as_ours(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from clause_library.cli import main

    letter = tmp_path / "letter.txt"
    letter.write_text(
        'Dear Ms. Ito:\n\nBrantley Tools Corp. ("Brantley" or "you") wishes to evaluate a '
        'possible transaction with Moravec Optics, Inc. ("Moravec" or the "Company"). The '
        "Company will make its Evaluation Material available to you.\n\n1. Confidentiality. You "
        "will keep the Evaluation Material confidential for two years.\n\n2. Indemnity. You will "
        "indemnify the Company against any loss arising from a breach of this letter by you.\n",
        encoding="utf-8",
    )
    assert main(["analyze", "--format", "json", "--our-party", "you", str(letter)]) == 0
    parties = json.loads(capsys.readouterr().out)["parties"]
    assert parties["chosen"] == "Brantley"
    assert parties["us"][:2] == ["Brantley", "you"] and "Moravec" in parties["them"]
    assert main(["analyze", "--format", "json", "--our-party", "Quill", str(letter)]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["parties"]["chosen"] is None
    assert "defines no party called “Quill”" in captured.err
    assert "Brantley / you; Moravec / Company" in captured.err


def test_our_own_models_are_not_models_we_own() -> None:
    # "to train and improve our own Models", in terms that call the licensor "we", "us" and
    # "our", grants a licence; it does not say the licensor owns anything
    library = {t.id: t for t in default_library()}
    ownership = library["model_ownership"]
    check = next(
        c for c in ownership.checks if c.id == "model_ownership_licensor_owns_trained_models"
    )
    playbook = replace(
        _playbook("data_licence", us="Licensee", them="Murmur"),
        us=("Licensee", "you", "your"),
        them=("Murmur", "we", "us", "our"),
    )
    licence = (
        "You hereby grant us a perpetual licence to use the Shared Improvements for any "
        "purpose, including to train and improve our own Models trained on Licensed Content."
    )
    owned = "We own all Models trained on Licensed Content, and all weights of those Models."
    assert not check_holds(check.when, licence, ownership, playbook, set(), licence)
    assert check_holds(check.when, owned, ownership, playbook, set(), owned)


def test_an_articles_paragraphs_are_numbered_within_it_and_named_by_para() -> None:
    # Swiss drafting in translation: paragraphs "1", "2" of "Art. 16", which "para. 2" names
    # from within the article and "Art. 16 para. 2" from anywhere
    text = (
        "Art. 11 Confidentiality\n"
        "1 Each Party shall keep the other's information confidential.\n"
        "2 The obligations under this Art. 11 shall continue to apply for two years.\n"
        "Art. 16 Liability\n"
        "1 The Parties are liable without limit for intent and gross negligence.\n"
        "2 For slight negligence, the aggregate liability of each Party is limited to the fees "
        "of three months.\n"
        "3 By way of derogation from para. 2, liability for a breach of Art. 11 is limited to "
        "CHF 2,000,000.\n"
    )
    segmentation = segment(_document(text))
    references = CrossReferences(segmentation)
    cap = next(c for c in segmentation.clauses if c.text.startswith("2 For slight"))
    assert "CHF 2,000,000" in references.yields_to(cap)
    duty = next(c for c in segmentation.clauses if c.text.startswith("1 Each Party"))
    assert [c.text[:1] for c in references.read_with.get(duty.id, [])] == ["2"]


def test_a_definition_of_an_unquoted_term_binds_no_one() -> None:
    from clause_library.segment import opens_with_definition

    assert opens_with_definition("Moral Rights has the meaning given in Part IX of the Act.")
    assert opens_with_definition("1.1 Competing Business means any business that sells images.")
    assert not opens_with_definition("The Licensee must not use the Licensed Content.")
    assert not opens_with_definition("Licensee shall keep records.")


GULF_ARTICLES = (
    "Article (13): Confidentiality\n\n"
    "(1) Each Party shall keep the other Party's Confidential Information secret.\n\n"
    "Article (16): Liability\n\n"
    "(1) Each Party's total liability shall not exceed the fees paid in the twelve months before "
    "the claim.\n\n"
    "(2) The limit in paragraph (1) of this Article does not apply to a breach of Article (13).\n"
)


def test_articles_numbered_in_brackets_head_their_paragraphs_and_are_referred_to() -> None:
    # "Article (16): Liability", as Gulf contracts in translation number their articles
    segmentation = segment(_document(GULF_ARTICLES))
    cap = next(c for c in segmentation.clauses if "total liability" in c.text)
    assert cap.heading_path[0] == "Article (16): Liability" and cap.label == "(1)"
    references = CrossReferences(segmentation)
    assert references.titles["16"] == "Liability"
    carve_out = next(c for c in segmentation.clauses if "does not apply" in c.text)
    assert "Article 13 (Confidentiality)" in references.titled(carve_out.text)


@pytest.mark.model
def test_the_paragraphs_under_one_heading_are_read_as_one_provision() -> None:
    text = (
        "SUBSCRIPTION AGREEMENT\n"
        "9. DURATION AND TERMINATION\n"
        "9.1 Duration\n"
        "The Agreement runs for a Fixed Period of three years from the Commencement Date.\n"
        "9.2 Termination by the Customer\n"
        "The Customer may terminate the Agreement in whole or in part with three months' "
        "written notice.\n"
        "If the termination takes effect before the end of the Fixed Period, the Customer shall "
        "pay the Supplier a termination compensation equal to the monthly fees that would have "
        "fallen due during the remainder of the Fixed Period.\n"
    )
    engine = Engine()
    result = engine.review(engine.analyze(_document(text, "msa.txt")), "vendor_customer")
    fired = {c.id for f in result.found("termination_for_convenience") for c in f.checks}
    assert "termination_for_convenience_exit_fee" in fired
    # the same two paragraphs under two headings are two provisions
    apart = text.replace("If the termination", "9.3 Compensation\nIf the termination")
    result = engine.review(engine.analyze(_document(apart, "msa.txt")), "vendor_customer")
    fired = {c.id for f in result.found("termination_for_convenience") for c in f.checks}
    assert "termination_for_convenience_exit_fee" not in fired


def test_an_unnumbered_paragraph_under_a_numbered_heading_is_that_provision() -> None:
    text = (
        "8.8 Limitation of liability\n"
        "Each Party's total liability under the Agreement shall not exceed the fees paid in the "
        "twelve months before the claim.\n"
        "8.9 Exceptions\n"
        "Point 8.8 does not apply to a breach of the duty of confidentiality.\n"
    )
    segmentation = segment(_document(text))
    cap = next(c for c in segmentation.clauses if "total liability" in c.text)
    assert "does not apply to a breach" in CrossReferences(segmentation).yields_to(cap)


def _loaded(tmp_path: Path, text: str) -> Document:
    from clause_library.ingest import load

    path = tmp_path / "contract.txt"
    path.write_text(text, encoding="utf-8")
    return load(path)


def test_paragraphs_of_a_clause_headed_with_its_title_in_brackets_are_its_own(
    tmp_path: Path,
) -> None:
    # "Clause 21 (Liability)" over "1 -", "3 -": paragraphs 21.1 and 21.3, and "paragraphs 3
    # to 5" in the first is a reference to them, as Portuguese drafting in translation writes
    text = (
        "CONTRACT No. 7/2025\n\n"
        "Clause 15\n(Confidentiality)\n\n"
        "1 - Each Outgrantor shall keep the other's information secret.\n\n"
        "Clause 21\n(Liability)\n\n"
        "1 - Without prejudice to paragraphs 3 to 4, the total liability of each Outgrantor "
        "shall not exceed the contract price.\n\n"
        "2 - Neither Outgrantor is liable for loss of profits.\n\n"
        "3 - In respect of breach of Clause 15, the limit set out in paragraph 1 shall be three "
        "times the contract price.\n\n"
        "4 - The limits in this Clause do not apply to wilful misconduct.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    cap = next(c for c in segmentation.clauses if "total liability" in c.text)
    assert cap.heading_path == ("Clause 21 Liability", "1")
    yields_to = CrossReferences(segmentation).yields_to(cap)
    assert "three times the contract price" in yields_to and "wilful misconduct" in yields_to
    library = {t.id: t for t in default_library()}
    check = next(
        c for c in library["limitation_of_liability"].checks
        if c.id == "lol_cap_no_confidentiality_carveout"
    )
    playbook = _playbook("vendor", us="Customer", them="Supplier")
    types = library["limitation_of_liability"]
    assert check_holds(check.when, cap.text, types, playbook, {"confidentiality"}, text)
    assert not check_holds(
        check.when, cap.text, types, playbook, {"confidentiality"}, text, yields_to
    )


def test_paragraphs_numbered_with_a_slash_and_references_to_them(tmp_path: Path) -> None:
    # "Clause Six (Sample Data)" over "6/1", "6/2", as Egyptian drafting in translation numbers
    text = (
        "AGREEMENT\n\n"
        "Clause Six\n(Sample Data)\n\n"
        "6/1 The Second Party shall provide the Sample Data.\n\n"
        "6/2 The First Party may use the Sample Data only for the Purpose.\n\n"
        "Clause Seven\n(Liability)\n\n"
        "7/1 Subject to Clause 6/2, each Party's liability is limited to EGP 1,000,000.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    use = next(c for c in segmentation.clauses if c.label == "6/2")
    assert use.heading_path == ("Clause Six Sample Data", "6/2")
    cap = next(c for c in segmentation.clauses if c.label == "7/1")
    assert "only for the Purpose" in CrossReferences(segmentation).yields_to(cap)


def test_a_paragraph_named_in_brackets_is_carved_out_of_by_its_sibling(tmp_path: Path) -> None:
    # "(2) The following shall not constitute a breach of para (1): ...", as Austrian drafting
    # in translation refers to a paragraph of the same section
    text = (
        "CONTRACT FOR WORK\n\n"
        "§ 16 Non-Solicitation\n\n"
        "(1) For twelve months after its end, neither Party shall solicit any employee of the "
        "other Party.\n\n"
        "(2) The following shall not constitute a breach of para (1): general job "
        "advertisements and hiring a person who applies on his or her own initiative.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    ban = next(c for c in segmentation.clauses if c.label == "(1)")
    assert "general job advertisements" in CrossReferences(segmentation).yields_to(ban)


def test_a_provision_of_a_statute_is_not_one_of_the_agreement(tmp_path: Path) -> None:
    # "Section 6:152 of the Civil Code", "Article 28(3) GDPR": the cap is not read with the
    # agreement's own Section 6, nor its Article 28
    text = (
        "CONFIDENTIALITY AGREEMENT\n\n"
        "6. EXCEPTIONS\n\n"
        "6.1 The obligations in Section 4 do not apply to information that is public.\n\n"
        "12. LIABILITY\n\n"
        "12.4 The liability of the Investor shall not exceed EUR 100,000. In accordance with "
        "Section 6:152 of the Civil Code, this limitation does not apply to damage caused "
        "intentionally.\n\n"
        "12.5 Article 28(3) GDPR and section 1542 of the California Civil Code apply. The "
        "limitation in Section 12.4 does not apply to claims under Section 6 of this Agreement.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    references = CrossReferences(segmentation)
    cap = next(c for c in segmentation.clauses if c.label == "12.4")
    assert "information that is public" not in references.yields_to(cap)
    # a provision of this agreement, named the same way, is still one
    titled = references.titled(segmentation.clauses[-1].text)
    assert "Section 6 (EXCEPTIONS) of this Agreement" in titled
    assert references.titled(cap.text) == cap.text
    assert "Article 28(3) GDPR" in titled and "section 1542 of the California" in titled


def test_a_provision_that_says_how_long_a_right_granted_in_another_lasts_is_read_with_it(
    tmp_path: Path,
) -> None:
    # "The right in para. (2) is granted for the duration of this Contract", as Romanian
    # drafting in translation limits a licence in the paragraph after it
    text = (
        "SERVICES AGREEMENT\n\n"
        "Art. 19. – Pre-existing Components\n"
        "(1) The Service Provider retains all rights over its Pre-existing Components.\n"
        "(2) The Service Provider grants the Beneficiary a non-exclusive right, free of charge, "
        "to use the Pre-existing Components as integrated into the Application.\n"
        "(3) The right in para. (2) is granted for the duration of this Contract.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    references = CrossReferences(segmentation)
    grant = next(c for c in segmentation.clauses if c.label == "(2)")
    lasts = next(c for c in segmentation.clauses if c.label == "(3)")
    assert references.read_with[grant.id] == [lasts]
    assert references.amended(grant).endswith("is granted for the duration of this Contract.")


def test_a_paragraph_of_another_article_named_by_both_numbers(tmp_path: Path) -> None:
    # "subject to paragraph 3 of Article 8", as Taiwanese drafting in translation cites: the
    # renewal is read with paragraph 8.3, not with Article 3
    text = (
        "LICENSING CONTRACT\n\n"
        "Article 3 (Licence)\n\n"
        "1. Party B grants Party A a licence to use the System.\n\n"
        "2. Party A shall not sublicense the System.\n\n"
        "Article 8 (Fees)\n\n"
        "1. Party A shall pay the annual fee in advance.\n\n"
        "2. Fees are exclusive of VAT.\n\n"
        "3. On renewal, fees may rise by no more than five per cent.\n\n"
        "Article 19 (Term)\n\n"
        "1. The initial term is three years.\n\n"
        "2. This Contract renews automatically for one year, subject to paragraph 3 of Article "
        "8, unless either party gives notice.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    renewal = next(c for c in segmentation.clauses if "renews automatically" in c.text)
    read = CrossReferences(segmentation).yields_to(renewal)
    assert "no more than five per cent" in read
    assert "licence to use the System" not in read


def test_lettered_paragraphs_named_as_such_and_the_period_of_the_clause_they_close(
    tmp_path: Path,
) -> None:
    # Chilean drafting in translation: "SIXTEENTH: LIMITATION OF LIABILITY." over "a)" to
    # "d)", whose later paragraphs carve out of "paragraph b)", and a last paragraph that says
    # how long "the obligations of this clause" last
    text = (
        "SERVICES AGREEMENT\n\n"
        "SIXTEENTH: LIMITATION OF LIABILITY.\n\n"
        "a) Neither Party shall be liable for loss of profits.\n\n"
        "b) The total liability of each Party is limited to the Fees paid in twelve months.\n\n"
        "c) For breaches of clause SEVENTEENTH, the limit in paragraph b) shall be three (3) "
        "times the amount indicated there.\n\n"
        "d) The limits in paragraphs b) and c) shall not apply to wilful misconduct.\n\n"
        "SEVENTEENTH: CONFIDENTIALITY.\n\n"
        "a) Each Party shall keep the other's Confidential Information secret.\n\n"
        "b) The obligations of this clause shall remain in force for two (2) years following "
        "termination.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    references = CrossReferences(segmentation)
    cap = next(c for c in segmentation.clauses if c.text.startswith("b) The total"))
    read = references.yields_to(cap)
    assert "three (3) times" in read and "shall not apply to wilful misconduct" in read
    secret = next(c for c in segmentation.clauses if c.text.startswith("a) Each Party"))
    assert references.amended(secret).endswith("for two (2) years following termination.")


def test_the_preceding_paragraph_that_shall_not_apply_to_an_indemnity_titled_by_its_claims(
    tmp_path: Path,
) -> None:
    # "The preceding paragraph shall not apply ... to Party B's obligations under Article 14",
    # an article titled by the claims it answers, whose first paragraph gives the indemnity
    text = (
        "LICENSING CONTRACT\n\n"
        "Article 14 (Third-Party Intellectual Property Claims)\n\n"
        "1. If any third party claims that the System infringes its rights, Party B shall, at "
        "its own cost, defend the claim and indemnify Party A.\n\n"
        "2. Party A shall notify Party B promptly of a claim.\n\n"
        "Article 16 (Limitation of Liability)\n\n"
        "1. Neither party is liable for indirect damages.\n\n"
        "2. The aggregate liability of Party B shall not exceed the fees paid in three months.\n\n"
        "3. The preceding paragraph shall not apply to Party B's obligations under Article 14.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    cap = next(c for c in segmentation.clauses if "aggregate liability" in c.text)
    read = CrossReferences(segmentation).yields_to(cap)
    assert "Article 14 (Third-Party Intellectual Property Claims; indemnity by Party B)" in read


def test_how_long_the_obligations_of_a_chapter_last_is_read_with_each_of_its_provisions(
    tmp_path: Path,
) -> None:
    # "Art. 25. – The obligations in this Chapter apply ... for 2 (two) years after its
    # termination", closing a Romanian chapter on confidentiality
    text = (
        "SERVICES AGREEMENT\n\n"
        "CHAPTER IX – CONFIDENTIALITY\n\n"
        "Art. 23. – (1) The Receiving Party shall keep the Confidential Information secret.\n"
        "(2) It shall use it only to perform the Contract.\n\n"
        "Art. 25. – The obligations in this Chapter apply during the Contract and for 2 (two) "
        "years after its termination, after which they cease.\n\n"
        "CHAPTER X – PERSONAL DATA\n\n"
        "Art. 28. – (1) Each Party shall comply with the GDPR.\n"
    )
    segmentation = segment(_loaded(tmp_path, text))
    references = CrossReferences(segmentation)
    secret, use, _, data = segmentation.clauses[-4:]
    assert "2 (two) years after its termination" in references.amended(secret)
    assert "2 (two) years after its termination" in references.amended(use)
    assert references.amended(data) == data.text
