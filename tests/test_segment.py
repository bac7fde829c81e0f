from __future__ import annotations

from pathlib import Path

import pytest

from clause_library.ingest import load
from clause_library.segment import (
    continues_definition,
    definition_body,
    opens_with_definition,
    run_in_heading,
    segment,
    sentence_spans,
    split_label,
    word_heading,
)


def _doc(tmp_path: Path, text: str):
    path = tmp_path / "agreement.txt"
    path.write_text(text, encoding="utf-8")
    return load(path)


AGREEMENT = """CONSULTING AGREEMENT

This Consulting Agreement is made between Acme Holdings, Inc. ("Company") and Jo Smith ("Contractor").

ARTICLE I
DEFINITIONS

1.1 "Work Product" means all deliverables prepared by Contractor under this Agreement.

1.2 "Confidential Information" shall have the meaning given in Section 5.2.

ARTICLE II
INTELLECTUAL PROPERTY

2.1 Work Product. Contractor hereby assigns to Company all right, title and interest in the Work Product. Contractor shall sign any document reasonably requested.

2.2 Restrictions. Contractor shall not:

(a) use any open-source code; or

(b) disclose the Work Product, e.g. to a competitor, under 35 U.S.C. No. 12 or otherwise.

2.3 Moral Rights. Contractor waives all moral rights.

SECTION 3. GOVERNING LAW

This Agreement is governed by the laws of the State of New York.
"""


def test_sections_follow_articles_and_numbers(tmp_path: Path) -> None:
    seg = segment(_doc(tmp_path, AGREEMENT))
    paths = [s.path for s in seg.sections]
    assert "ARTICLE II INTELLECTUAL PROPERTY" not in paths  # heading lines stay separate
    headings = [(s.label, s.heading) for s in seg.sections]
    assert ("ARTICLE II", "") in headings or any(h[0] == "ARTICLE II" for h in headings)
    work_product = next(c for c in seg.clauses if c.text.startswith("2.1"))
    assert work_product.heading == "Work Product"
    assert work_product.path.endswith("2.1 Work Product")
    assert "INTELLECTUAL PROPERTY" in work_product.path


def test_lead_in_keeps_its_sub_items(tmp_path: Path) -> None:
    seg = segment(_doc(tmp_path, AGREEMENT))
    restrictions = next(c for c in seg.clauses if c.text.startswith("2.2"))
    assert "(a) use any open-source code" in restrictions.text
    assert "(b) disclose" in restrictions.text
    assert not any(c.text.startswith("(a)") for c in seg.clauses)


def test_a_lead_in_without_a_colon_keeps_its_sub_items(tmp_path: Path) -> None:
    text = (
        "§ 13 Term and Termination\n\n"
        "(4) Good cause for the Institute exists in particular if\n\n"
        "a) the Licensee uses the Models outside the Field;\n\n"
        "b) the Licensee fails to pay.\n\n"
        "(5) The Licensee shall not, and shall not permit third parties to,\n\n"
        "a) publish the weights; or\n\n"
        "b) remove notices.\n\n"
        "(6) Each party shall pay its own costs.\n\n"
        "a) Costs of counsel are included.\n"
    )
    seg = segment(_doc(tmp_path, text))
    by_label = {c.text[:3]: c.text for c in seg.clauses}
    assert "b) the Licensee fails to pay." in by_label["(4)"]
    assert "b) remove notices." in by_label["(5)"]
    # a clause that ends its sentence keeps its items apart
    assert "Costs of counsel" not in by_label["(6)"]


@pytest.mark.parametrize(
    ("text", "opener", "inside", "outside"),
    [
        # a lead-in that ends in an en dash, South African style
        (
            "17. INSURANCE\n\n"
            "17.1 The Contractor shall, for the duration of this Agreement, maintain \u2013\n\n"
            "17.1.1 professional indemnity insurance of not less than R5 000 000 per claim; and\n\n"
            "17.1.2 cyber liability insurance of not less than R2 000 000 per claim.\n\n"
            "17.2 The Contractor shall produce certificates on request.\n",
            "17.1 ",
            ("R5 000 000", "R2 000 000"),
            "certificates",
        ),
        # items numbered in words, as Scots deeds number them, under a "Clause" heading
        (
            "Clause 16 Termination\n\n"
            "16.1 Either party may terminate this Agreement by written notice if the other "
            "party:\n\n"
            "(One) commits a material breach which is not remedied within thirty days; or\n\n"
            "(Two) grants a trust deed for its creditors.\n\n"
            "16.2 The Association may terminate if the Regulator so requires.\n",
            "16.1",
            ("(One) commits", "(Two) grants"),
            "Regulator",
        ),
        # a lead-in that ends its sentence on the items it announces, Japanese style
        (
            "Article 6 (Restrictions and Prohibited Acts)\n\n"
            "1. The Recipient shall not perform any of the following acts.\n\n"
            "(1) Disclosing the Provided Data to any third party.\n\n"
            "(2) Using the Provided Data to identify individuals.\n\n"
            "2. The Recipient shall keep records of its use.\n",
            "1. ",
            ("(1) Disclosing", "(2) Using"),
            "records",
        ),
    ],
)
def test_a_lead_in_keeps_its_items_however_it_ends_and_they_are_numbered(
    tmp_path: Path, text: str, opener: str, inside: tuple[str, ...], outside: str
) -> None:
    seg = segment(_doc(tmp_path, text))
    lead_in = next(c for c in seg.clauses if c.text.startswith(opener))
    assert all(item in lead_in.text for item in inside)
    assert outside not in lead_in.text
    # ... and sits under its own heading, not a first "Clause 1"
    assert lead_in.heading_path[0].endswith(
        ("INSURANCE", "Clause 16 Termination", "Article 6 Restrictions and Prohibited Acts")
    )


def test_offsets_round_trip(tmp_path: Path) -> None:
    document = _doc(tmp_path, AGREEMENT)
    seg = segment(document)
    for s in (*seg.sections, *seg.clauses, *seg.sentences):
        assert document.text[s.start : s.end] == s.text


def test_sentences_do_not_break_on_legal_abbreviations(tmp_path: Path) -> None:
    seg = segment(_doc(tmp_path, AGREEMENT))
    texts = [s.text for s in seg.sentences]
    assert any("Acme Holdings, Inc. (\"Company\") and Jo Smith" in t for t in texts)
    assert any("e.g. to a competitor, under 35 U.S.C. No. 12 or otherwise." in t for t in texts)
    work = [t for t in texts if "hereby assigns" in t]
    assert len(work) == 1 and "Contractor shall sign" not in work[0]


def test_glossary_collects_defined_terms(tmp_path: Path) -> None:
    seg = segment(_doc(tmp_path, AGREEMENT))
    terms = {t.term for t in seg.glossary}
    assert {"Work Product", "Confidential Information", "Company", "Contractor"} <= terms


def test_unnumbered_all_caps_heading_opens_a_section(tmp_path: Path) -> None:
    seg = segment(_doc(tmp_path, AGREEMENT))
    law = next(c for c in seg.clauses if "State of New York" in c.text)
    assert "GOVERNING LAW" in law.path


@pytest.mark.parametrize(
    ("text", "label", "rest"),
    [
        ("5.2 The Vendor shall", "5.2", "The Vendor shall"),
        ("(iv) any loss", "(iv)", "any loss"),
        ("ARTICLE IV MISCELLANEOUS", "ARTICLE IV", "MISCELLANEOUS"),
        ("Section 12.3. Notices", "Section 12.3.", "Notices"),
        ("a. first item", "a.", "first item"),
        ("The Vendor shall", "", "The Vendor shall"),
        ("2026 was a year", "", "2026 was a year"),
    ],
)
def test_split_label(text: str, label: str, rest: str) -> None:
    assert split_label(text) == (label, rest)


@pytest.mark.parametrize(
    ("body", "heading"),
    [
        ("Work Product.  Contractor agrees to assign", "Work Product"),
        ("LIMITATION OF LIABILITY. In no event", "LIMITATION OF LIABILITY"),
        ("Term and Termination: This Agreement", "Term and Termination"),
        ("The Vendor shall. Then", ""),
        ("Acme Holdings, Inc. Is a party", ""),
        ("Each party shall keep it confidential.", ""),
    ],
)
def test_run_in_heading(body: str, heading: str) -> None:
    assert run_in_heading(body) == heading


def test_sentence_spans_handle_initials_and_numbers() -> None:
    text = "Payment is due in 30 days. See Sec. 4.2 for details. Mr. J. Smith signs. Done."
    spans = [text[s:e] for s, e in sentence_spans(text, 0, len(text))]
    assert spans == [
        "Payment is due in 30 days.",
        "See Sec. 4.2 for details.",
        "Mr. J. Smith signs.",
        "Done.",
    ]


def test_a_letter_is_titled_by_its_subject_line_not_its_letterhead(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "HALLORAN PIERCE & CO. LLC\n620 Lexington Avenue\n\nMarch 4, 2025\n\n"
        "Re: Project Larkspur - Confidentiality Agreement\n\nDear Ms. Achterberg:\n\n"
        "In connection with your consideration of a possible transaction, you agree as "
        "follows.\n\n1. Re: this paragraph is not a subject line.\n",
        encoding="utf-8",
    )
    assert load(letter).title == "Project Larkspur - Confidentiality Agreement"
    # an agreement that is not a letter keeps its first line
    deed = tmp_path / "deed.txt"
    deed.write_text("CONFIDENTIALITY DEED\n\nRe: the sale of the Target.\n", encoding="utf-8")
    assert load(deed).title == "CONFIDENTIALITY DEED"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "AEMSTEL ACADEMIC PRESS B.V.\n\nTEXT AND DATA MINING LICENCE\n\n"
            "Licence Reference: TDM/2025/017\n\n1. The Publisher grants a licence.\n",
            "TEXT AND DATA MINING LICENCE",
        ),
        # a sentence or a labelled line naming an agreement is no title
        (
            "PROJECT KESTREL\n\nTHIS DEED is dated 14 March 2025\n\n"
            "MSA Reference: Master Services Agreement of 2 May 2024\n\n1. Definitions.\n",
            "PROJECT KESTREL",
        ),
        # a draft's legend, the parties' names between rules and "- and -" come before it
        (
            "SELLER'S SOLICITORS' DRAFT: 3 MARCH 2025\nSUBJECT TO CONTRACT\n\n"
            "DATED THE ....... DAY OF ........ 2025\n\nHALVARD MILLS LIMITED\n\n- and -\n\n"
            "ROSA ADEYEMI\n\n__________________\n\nDEVELOPMENT AGREEMENT\n\n"
            "__________________\n\n1. Definitions.\n",
            "DEVELOPMENT AGREEMENT",
        ),
        ("DRAFT MASTER SERVICES AGREEMENT\n\n1. Services.\n", "DRAFT MASTER SERVICES AGREEMENT"),
        # a translator's note in square brackets is no title; a title in brackets is
        (
            "[Unofficial English translation. The Spanish text prevails.]\n\n"
            "LICENSE CONTRACT FOR THE USE OF MOBILITY DATA\n\nBetween the undersigned.\n",
            "LICENSE CONTRACT FOR THE USE OF MOBILITY DATA",
        ),
        ("[MASTER SERVICES AGREEMENT]\n\n1. Services.\n", "[MASTER SERVICES AGREEMENT]"),
        # the instrument alone, its subject on the next line
        (
            "SOCIALIST REPUBLIC OF VIETNAM\n\nCONTRACT\nFOR THE LICENSING OF THE MODEL "
            "LAVISIGHT-ID\n(On-premise deployment with fine-tuning rights)\n\n"
            "- Pursuant to the Civil Code;\n",
            "CONTRACT FOR THE LICENSING OF THE MODEL LAVISIGHT-ID",
        ),
        # the instrument and its number, what it is for on the line under it
        (
            "[Translation from Russian. The Russian original prevails.]\n\n"
            "LICENCE AGREEMENT No. DL-2025/4\nfor the right to use the VOXA software\n\n"
            "Almaty city      14 October 2025\n\n1. TERMS AND DEFINITIONS\n",
            "LICENCE AGREEMENT No. DL-2025/4 for the right to use the VOXA software",
        ),
        (
            "SERVICES AGREEMENT No. 7\nSigned in Kyiv on 3 March 2025 by the parties below\n\n"
            "1. SUBJECT\n",
            "SERVICES AGREEMENT No. 7",
        ),
    ],
)
def test_a_title_under_a_letterhead_is_the_line_that_names_the_instrument(
    tmp_path: Path, text: str, title: str
) -> None:
    path = tmp_path / "agreement.txt"
    path.write_text(text, encoding="utf-8")
    assert load(path).title == title


def test_a_sentence_that_goes_on_defining_the_term_of_its_definition() -> None:
    definition = (
        '"Research Purpose" means the research and testing of Models. The Research Purpose '
        "does not include the sale of any Model."
    )
    assert continues_definition(definition, "The Research Purpose does not include the sale.")
    assert continues_definition(definition, "Research Purposes also include validation.")
    assert not continues_definition(definition, "Licensee may use Models for any purpose.")
    assert not continues_definition("Licensee may use the Data.", "The Data includes images.")


def test_a_term_defined_after_a_colon_as_civil_law_drafting_in_translation_does(
    tmp_path: Path,
) -> None:
    text = (
        "SECOND.- DEFINITIONS\n\n"
        '2.1 "Purpose": the research and internal validation of Models by the Licensee, '
        "excluding in all cases Commercial Exploitation.\n\n"
        '2.2 "Commercial Exploitation": the use of any Model in a production environment.\n\n'
        "THIRD.- LICENCE\n\n"
        '3.1 The Licensor grants a licence to use the Corpus for the Purpose. Note: "Corpus" '
        "is described in Annex I.\n"
    )
    terms = {t.term for t in segment(_doc(tmp_path, text)).glossary}
    assert {"Purpose", "Commercial Exploitation"} <= terms
    assert "Corpus" not in terms
    definition = '2.1 "Purpose": the research and internal validation of Models.'
    assert opens_with_definition(definition)
    assert definition_body(definition) == "the research and internal validation of Models."
    # a quotation followed by a colon and a capitalised sentence defines nothing
    assert not opens_with_definition('"Notice": The Supplier shall give notice in writing.')


def test_provisions_quoted_over_several_paragraphs_are_one_clause(tmp_path: Path) -> None:
    # an amendment that inserts new sections, quoted: the quoted "9.4 Excluded Damages." is no
    # heading of the agreement, and the next amendment is not read as part of it
    text = (
        "AMENDMENTS\n\n"
        "G.3 Liability. The following new Sections 9.3 and 9.4 are added:\n\n"
        '"9.3 Cap. Each party\'s total liability will not exceed US$25,000.\n\n'
        '9.4 Excluded Damages. Neither party will be liable for indirect damages."\n\n'
        'G.4 Non-solicitation. In Section 10.1, "six (6) months" is replaced with "twelve (12) '
        'months".\n\n'
        '"Zebra" and the "Distributor" are referred to as the \'Parties" below.\n\n'
        "WHEREAS the Parties entered into a distribution agreement.\n\n"
        'The Distributor agrees as follows."\n'
    )
    clauses = segment(_doc(tmp_path, text)).clauses
    quoted = next(c for c in clauses if c.text.startswith('"9.3'))
    assert quoted.text.endswith('indirect damages."')
    after = next(c for c in clauses if c.text.startswith("G.4"))
    assert not any("9.4" in part for part in after.heading_path)
    # a paragraph that opens with a quoted name opens no quotation, whatever its quotes
    assert any(c.text.startswith("WHEREAS") for c in clauses)


def test_cover_page_items_nest_and_a_quoted_article_keeps_the_outline(tmp_path: Path) -> None:
    # a cover page: lettered items whose heading stands on its own line, items "G.1" of
    # item G, and an amendment quoting a whole new article, after which the cover page resumes
    text = (
        "COVER PAGE\n\n"
        "F. Jurisdiction\n   The courts of New Castle County, Delaware.\n\n"
        "G. Changes to Standard Terms\n   The Standard Terms are changed as follows.\n\n"
        '   G.1 Term. In Section 5.2, the words "three years" are replaced with "two years".\n\n'
        "   G.2 Pilot Materials. The following new Section 13 is added:\n\n"
        '      "13. PILOT MATERIALS\n\n'
        "      13.1 Licence. The Customer grants the Provider a licence to use Pilot Materials.\n\n"
        '      13.2 Retention. The Provider may keep any model trained on Pilot Materials."\n\n'
        "H. Notice Addresses\n   Provider: legal@example.com.\n\n"
        "1. DEFINITIONS\n\n"
        "1.1 Affiliate. An entity that controls a party.\n"
    )
    clauses = {c.text.split()[0].strip('"'): c for c in segment(_doc(tmp_path, text)).clauses}
    assert clauses["F."].heading_path == ("F. Jurisdiction",)
    assert clauses["G.1"].heading_path == ("G. Changes to Standard Terms", "G.1 Term")
    assert clauses["13.2"].heading_path == (
        "G. Changes to Standard Terms",
        "G.2 Pilot Materials",
        "13 PILOT MATERIALS",
        "13.2 Retention",
    )
    assert clauses["H."].heading_path == ("H. Notice Addresses",)
    assert clauses["1.1"].heading_path == ("1 DEFINITIONS", "1.1 Affiliate")


def test_circled_paragraphs_hold_their_numbered_items(tmp_path: Path) -> None:
    # Korean and Japanese drafting in translation: an article's paragraphs ① ②, each with items
    # "1.", "2." numbered afresh, and the paragraphs on consecutive lines of a text file
    text = (
        "Article 6 (Restrictions on Use)\n\n"
        "① The Customer shall not:\n"
        "1. reverse engineer the Service;\n"
        "2. use the Results to train a competing speech model; or\n"
        "3. use the Service for credit assessment.\n"
        "② The Customer shall comply with the Acceptable Use Policy.\n"
        "③ The Customer may use the Results for any purpose.\n\n"
        "Article 7 (Fees)\n\n"
        "1. The Customer shall pay the Fees.\n"
        "2. The Provider may not change the Fees.\n"
    )
    clauses = segment(_doc(tmp_path, text)).clauses
    first = next(c for c in clauses if c.text.startswith("①"))
    assert "competing speech model" in first.text and "credit assessment" in first.text
    assert first.heading_path == ("Article 6 Restrictions on Use", "①")
    assert [c.text[0] for c in clauses if c.heading_path[0].startswith("Article 6")] == [
        "①",
        "②",
        "③",
    ]
    # items of an article with no circled paragraphs stay provisions of their own
    fees = [c for c in clauses if c.heading_path[0].startswith("Article 7")]
    assert [c.label for c in fees] == ["1.", "2."]


def test_a_section_sign_heading_with_a_compound_word_and_items_on_consecutive_lines(
    tmp_path: Path,
) -> None:
    # German drafting in translation: "§ 9 Pre-existing Rights", paragraphs "(1)", and items
    # "a)", "b)" each on a line of its own
    text = (
        "§ 9 Pre-existing Rights\n\n"
        "(1) The Freelancer retains his Pre-existing Rights.\n\n"
        "§ 11 Confidentiality\n\n"
        "(3) The obligations under paragraph (2) do not apply to information which the "
        "Freelancer can prove\n"
        "a) was publicly known at the time of disclosure;\n"
        "b) was lawfully known to him before disclosure;\n"
        "c) has been developed by him independently.\n"
    )
    clauses = segment(_doc(tmp_path, text)).clauses
    assert clauses[0].heading_path == ("§ 9 Pre-existing Rights", "(1)")
    # each item a provision of its own, not the first run into the line before it
    assert [c.label for c in clauses[1:]] == ["(3)", "a)", "b)", "c)"]


def test_a_paragraph_of_a_provision_is_read_with_it(tmp_path: Path) -> None:
    # Brazilian drafting in translation: "Paragraph One." and "Sole Paragraph." belong to the
    # provision before them
    text = (
        "CLAUSE EIGHT – INTELLECTUAL PROPERTY\n\n"
        "8.7. The Developer authorises the Company to make the corrections it needs.\n\n"
        "Paragraph One. In all other respects, the Developer reserves his moral rights.\n\n"
        "8.8. The Developer shall sign the documents the Company reasonably requests.\n\n"
        "Sole Paragraph. The Company bears the official fees.\n\n"
        "Paragraph headings do not affect interpretation.\n"
    )
    seg = segment(_doc(tmp_path, text))
    by_label = {c.label: c.text for c in seg.clauses}
    assert "reserves his moral rights" in by_label["8.7."]
    assert "official fees" in by_label["8.8."]
    assert "headings" not in by_label["8.8."]


def test_an_abbreviated_article_heads_its_paragraphs_and_its_title_loses_its_brackets(
    tmp_path: Path,
) -> None:
    # Italian and Swiss drafting in translation: "Art. 13 (Non-Competition)", "Art. 16 Liability"
    text = (
        "Art. 13 (Non-Competition)\n\n"
        "13.1 The Developer undertakes not to supply the Platform to any Restricted House.\n\n"
        "Art. 16 Liability\n\n"
        "1 Liability for slight negligence is limited to the fees of three months.\n\n"
        "2 Para. 1 does not apply to breaches of confidentiality.\n"
    )
    seg = segment(_doc(tmp_path, text))
    by_start = {c.text[:4]: c for c in seg.clauses}
    assert by_start["13.1"].heading_path[0] == "Art. 13 Non-Competition"
    assert by_start["2 Pa"].heading_path[0] == "Art. 16 Liability"
    assert [s.heading for s in seg.sections] == ["Non-Competition", "Liability"]


def test_items_complete_an_unnumbered_lead_in_under_a_heading(tmp_path: Path) -> None:
    # Australian drafting: "12.2 Restraint" on a line of its own, then "The Licensee must not
    # ...:" and its items "(a)", "(b)"
    text = (
        "12 RESTRAINT\n\n"
        "12.2 Restraint\n\n"
        "The Licensee must not, during the Restraint Period, directly or indirectly:\n"
        "(a) carry on a Competing Business; or\n"
        "(b) supply Outputs to a Competing Business.\n\n"
        "12.3 Severance\n\n"
        "Each restraint is separate.\n"
    )
    seg = segment(_doc(tmp_path, text))
    lead_in = next(c for c in seg.clauses if c.text.startswith("The Licensee must not"))
    assert "carry on a Competing Business" in lead_in.text
    assert "supply Outputs" in lead_in.text
    assert "separate" not in lead_in.text


def test_a_numbered_heading_in_sentence_case_heads_its_paragraphs(tmp_path: Path) -> None:
    text = (
        "CHAPTER 8 BREACH OF CONTRACT\n\n"
        "8.4 Daily fines for delay\n\n"
        "If the start date is delayed, the Supplier shall pay daily fines.\n\n"
        "Daily fines do not exclude other remedies.\n\n"
        "8.5 The Supplier shall keep records\n\n"
        "of all delays.\n\n"
        "8.6 Governing law\n\n"
        "The Agreement is subject to Norwegian law.\n"
    )
    seg = segment(_doc(tmp_path, text))
    fines = [c for c in seg.clauses if "daily fines" in c.text.lower() and "8.4" not in c.text]
    assert fines and all(c.path.endswith("8.4 Daily fines for delay") for c in fines)
    law = next(c for c in seg.clauses if "Norwegian" in c.text)
    assert law.path.endswith("8.6 Governing law")
    # a numbered line with a verb is a provision, not a heading
    assert not any(s.heading.startswith("The Supplier") for s in seg.sections)


def test_an_appendix_that_numbers_afresh_names_the_part_its_items_sit_in(tmp_path: Path) -> None:
    body = "".join(
        f"{n}. PROVISION {n}\n\n{n}.1 The Supplier shall perform obligation number {n} "
        "with reasonable skill and care at all times during the term.\n\n"
        for n in range(1, 9)
    )
    text = (
        "SERVICES AGREEMENT\n\n"
        + body
        + "APPENDIX 3 SERVICE LEVELS\n\n"
        "1. Availability. 99.7 per cent in each calendar month.\n\n"
        "2. Service credits. Two per cent of the monthly fee for each hour below target.\n\n"
        "The Supplier shall report the service levels achieved each month.\n\n"
        "APPENDIX 4 PRICES\n\n"
        "1. Fixed fee. EUR 1,000 a month.\n"
    )
    seg = segment(_doc(tmp_path, text))
    for words in ("99.7 per cent", "Two per cent", "service levels achieved"):
        item = next(c for c in seg.clauses if words in c.text)
        assert item.part == "APPENDIX 3 SERVICE LEVELS", words
    fee = next(c for c in seg.clauses if "Fixed fee" in c.text)
    assert fee.part == "APPENDIX 4 PRICES"
    assert not any(c.part for c in seg.clauses if "obligation number" in c.text)
    assert all(s.part == "APPENDIX 4 PRICES" for s in seg.sentences if "EUR 1,000" in s.text)


def test_a_schedule_heading_inside_the_body_opens_no_part(tmp_path: Path) -> None:
    # a page header "Schedule C" between 9.2 and 10: the body's numbering goes on, so no part
    text = "".join(
        f"{n}. PROVISION {n}\n\n{n}.1 Each Party shall perform obligation number {n} "
        "with reasonable skill and care at all times during the term.\n\n"
        + ("Schedule C\n\n" if n == 9 else "")
        for n in range(1, 13)
    )
    seg = segment(_doc(tmp_path, text))
    assert not any(c.part for c in seg.clauses if "number 10" in c.text or "number 12" in c.text)


def test_a_section_sign_heading_with_the_original_term_in_brackets(tmp_path: Path) -> None:
    text = (
        "CONTRACT FOR WORK\n\nPREAMBLE\n\nA. The Client develops an app.\n\n"
        "B. The Designer is a freelance designer.\n\n"
        "§ 7 Rights of Use (Werknutzungsrechte)\n\n"
        "(1) Upon payment of the fee, the Designer shall grant the Client the exclusive right "
        "of use.\n\n"
        "(2) The right of use extends to all known types of use.\n"
    )
    seg = segment(_doc(tmp_path, text))
    grant = next(c for c in seg.clauses if "exclusive right" in c.text)
    assert grant.heading_path == ("§ 7 Rights of Use (Werknutzungsrechte)", "(1)")


def test_a_clause_numbered_as_an_ordinal_word_keeps_its_items_and_paragraphs(
    tmp_path: Path,
) -> None:
    # "SIXTH CLAUSE – RESTRICTIONS ON USE: ... undertakes not to:" then "1.", "2." and
    # "PARAGRAPH ONE:", as Colombian drafting in translation sets them out
    text = (
        "LICENSE CONTRACT\n\n"
        "SIXTH CLAUSE – RESTRICTIONS ON USE: THE LICENSEE undertakes not to:\n\n"
        "1. Attempt to re-identify any person.\n\n"
        "2. Use the Licensed Data for electoral profiling.\n\n"
        "PARAGRAPH ONE: THE LICENSOR may update the Acceptable Use Policy on notice.\n\n"
        "SEVENTH CLAUSE – DERIVED MODELS: The Derived Models belong to THE LICENSEE.\n"
    )
    seg = segment(_doc(tmp_path, text))
    restrictions = next(c for c in seg.clauses if "SIXTH CLAUSE" in c.text)
    assert "electoral profiling" in restrictions.text
    assert "update the Acceptable Use Policy" in restrictions.text
    assert word_heading("SIXTH CLAUSE – RESTRICTIONS ON USE") == ("6", "RESTRICTIONS ON USE")


def test_a_paragraph_past_the_length_of_a_clause_is_cited_under_its_clause(
    tmp_path: Path,
) -> None:
    # a clause numbered as an ordinal word is headed by its title, and a "PARAGRAPH TWO" too
    # long to read with it stands apart but under it
    long_paragraph = "THE LICENSEE may use the Licensed Data in its own analytics products. " * 25
    text = (
        "LICENSE CONTRACT\n\n"
        "SEVENTEENTH CLAUSE – CONFIDENTIALITY: Each PARTY shall keep the other's secrets.\n\n"
        f"PARAGRAPH ONE: {long_paragraph}\n\n"
        "PARAGRAPH TWO: The receiving PARTY may disclose what a court orders it to disclose.\n\n"
        "EIGHTEENTH CLAUSE – INTELLECTUAL PROPERTY: The Derived Models belong to THE LICENSEE.\n"
    )
    seg = segment(_doc(tmp_path, text))
    confidentiality, first, second, ip = seg.clauses
    assert confidentiality.heading_path[-1] == "SEVENTEENTH CLAUSE – CONFIDENTIALITY"
    assert "analytics" in first.text and "analytics" not in confidentiality.text
    assert first.heading_path[-2:] == ("SEVENTEENTH CLAUSE – CONFIDENTIALITY", "PARAGRAPH ONE")
    assert second.heading_path[-2:] == ("SEVENTEENTH CLAUSE – CONFIDENTIALITY", "PARAGRAPH TWO")
    assert ip.heading_path[-1] == "EIGHTEENTH CLAUSE – INTELLECTUAL PROPERTY"



def test_the_items_of_a_long_clause_numbered_in_words_are_cited_under_it(tmp_path: Path) -> None:
    item = "THE LICENSEE shall keep Product C on servers located in Colombia at all times. " * 8
    text = (
        "LICENSE CONTRACT\n\n"
        "FIFTEENTH CLAUSE – PROTECTION OF PERSONAL DATA: THE PARTIES shall comply with the law:\n\n"
        f"1. {item}\n\n2. {item}\n\n3. {item}\n\n4. {item}\n\n"
        "SIXTEENTH CLAUSE – INFORMATION SECURITY: THE LICENSEE shall encrypt the data at rest.\n"
    )
    seg = segment(_doc(tmp_path, text))
    paths = [c.heading_path[-2:] for c in seg.clauses if c.label]
    # the first items are read with the clause; those past its length stand apart, under it
    assert paths and all(p == ("FIFTEENTH CLAUSE – PROTECTION OF PERSONAL DATA", p[1]) for p in paths)
    assert [c.label for c in seg.clauses if c.label][-1] == "4."
    assert seg.clauses[-1].heading_path[-1] == "SIXTEENTH CLAUSE – INFORMATION SECURITY"


def test_the_lettered_paragraphs_of_a_clause_numbered_in_words_sit_under_it(tmp_path: Path) -> None:
    # "SIXTEENTH: LIMITATION OF LIABILITY." over "a)", "b)", as Chilean drafting in translation
    # sets them out, with lettered definitions before it
    text = (
        "SERVICES AGREEMENT\n\n"
        "SECOND: DEFINITIONS.\n\n"
        'a) "Fees": the amounts payable under Annex B.\n\n'
        'b) "Platform": the forecasting platform.\n\n'
        "FOURTH: RIGHT OF USE OF THE PLATFORM.\n\n"
        "a) The Provider grants the Client a right to use the Platform.\n\n"
        "SIXTEENTH: LIMITATION OF LIABILITY.\n\n"
        "a) Neither Party shall be liable for loss of profits.\n\n"
        "b) The total liability of each Party is limited to the Fees paid in twelve months, "
        "except for:\n\n"
        "(i) wilful misconduct; or\n\n"
        "(ii) gross negligence.\n\n"
        "SEVENTEENTH: CONFIDENTIALITY.\n\n"
        "a) Each Party shall keep the other's information secret.\n"
    )
    seg = segment(_doc(tmp_path, text))
    paths = {c.text[:12]: c.heading_path for c in seg.clauses}
    assert paths["a) Neither P"] == ("SIXTEENTH: LIMITATION OF LIABILITY", "a)")
    assert paths["b) The total"][0] == "SIXTEENTH: LIMITATION OF LIABILITY"
    assert paths["a) Each Part"] == ("SEVENTEENTH: CONFIDENTIALITY", "a)")
    assert paths['b) "Platform'] == ("SECOND: DEFINITIONS", "b)")
    # (a heading of seven words, closed by a full stop)
    assert paths["a) The Provi"] == ("FOURTH: RIGHT OF USE OF THE PLATFORM", "a)")


def test_articles_sit_under_their_chapter_and_a_first_paragraph_run_into_its_article(
    tmp_path: Path,
) -> None:
    # Romanian drafting in translation: "CHAPTER XI – WARRANTIES" over "(CAPITOLUL XI –
    # GARANȚII)", the heading in the original language, and "Art. 33. – (1) ...", an article
    # with no title whose first paragraph follows on the same line
    text = (
        "SERVICES AGREEMENT\n\n"
        "CHAPTER XI – WARRANTIES\n(CAPITOLUL XI – GARANȚII)\n\n"
        "Art. 33. – (1) The Service Provider guarantees each Deliverable for 30 (thirty) days.\n"
        "(2) During that period it shall remedy the defects notified in writing.\n\n"
        "Art. 34. – Exclusion of other warranties\n"
        "(1) The Service Provider gives no other warranty.\n\n"
        "CHAPTER XII – LIABILITY\n(CAPITOLUL XII – RĂSPUNDEREA)\n\n"
        "Art. 37. – (1) The total liability of each Party is limited to the Price.\n"
    )
    seg = segment(_doc(tmp_path, text))
    paths = {c.text[:20]: c.heading_path for c in seg.clauses}
    assert paths["Art. 33. – (1) The S"] == ("CHAPTER XI – WARRANTIES", "Art. 33.", "(1)")
    assert paths["(2) During that peri"] == ("CHAPTER XI – WARRANTIES", "Art. 33.", "(2)")
    assert paths["(1) The Service Prov"] == (
        "CHAPTER XI – WARRANTIES",
        "Art. 34. – Exclusion of other warranties",
        "(1)",
    )
    assert paths["Art. 37. – (1) The t"] == ("CHAPTER XII – LIABILITY", "Art. 37.", "(1)")
    assert not any("CAPITOLUL" in s.heading for s in seg.sections)
