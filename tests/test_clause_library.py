"""The clause library: it loads, it is complete, and every type is found on held-out wording.

Each family has held-out cases in tests/data/clause_cases/<family>.yaml, written apart from the
library's exemplars: clauses that must be found as the type, near misses that must not, and for
every check, wording on which it fires and strong wording on which it stays quiet.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from clause_library.errors import LibraryError
from clause_library.library import build_library, compile_pattern, default_library
from clause_library.parties import read_parties
from clause_library.playbooks import DEFAULT_KIND, Playbook, detect_kind, load_playbooks
from clause_library.review import check_holds, resolve_it

CASES = Path(__file__).parent / "data" / "clause_cases"

REQUIRED_IDS = """ip_assignment work_made_for_hire moral_rights_waiver background_ip further_assurances
improvements_feedback joint_ip_ownership license_grant license_non_transferable
license_irrevocable_perpetual license_affiliate_licensee license_affiliate_licensor
license_unlimited covenant_not_to_sue source_code_escrow open_source_use non_infringement_warranty
indemnification_ip indemnification_general limitation_of_liability uncapped_liability
consequential_damages_exclusion insurance liquidated_damages warranty_duration warranty_disclaimer
confidentiality trade_secret_notice residuals data_protection data_security data_return_deletion
ai_training_rights output_ownership model_ownership data_provenance_warranty use_restrictions
attribution share_alike audit_rights term_renewal notice_to_terminate_renewal
termination_for_convenience termination_for_cause post_termination_services survival
anti_assignment change_of_control governing_law dispute_resolution independent_contractor
non_compete exclusivity no_solicit_customers no_solicit_employees non_disparagement
competitive_restriction_exception rofr_rofo_rofn most_favored_nation revenue_profit_sharing
price_restrictions minimum_commitment volume_restriction third_party_beneficiary""".split()

CUAD_YES_NO = {
    "Affiliate License-Licensee", "Affiliate License-Licensor", "Anti-Assignment", "Audit Rights",
    "Cap On Liability", "Change Of Control", "Competitive Restriction Exception",
    "Covenant Not To Sue", "Exclusivity", "Insurance", "Ip Ownership Assignment",
    "Irrevocable Or Perpetual License", "Joint Ip Ownership", "License Grant",
    "Liquidated Damages", "Minimum Commitment", "Most Favored Nation", "No-Solicit Of Customers",
    "No-Solicit Of Employees", "Non-Compete", "Non-Disparagement", "Non-Transferable License",
    "Post-Termination Services", "Price Restrictions", "Revenue/Profit Sharing", "Rofr/Rofo/Rofn",
    "Source Code Escrow", "Termination For Convenience", "Third Party Beneficiary",
    "Uncapped Liability", "Unlimited/All-You-Can-Eat-License", "Volume Restriction",
    "Warranty Duration",
}


def _cases() -> dict[str, dict]:
    out: dict[str, dict] = {}
    for path in sorted(CASES.glob("*.yaml")):
        out.update(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def test_library_has_every_required_type() -> None:
    library = default_library()
    missing = [i for i in REQUIRED_IDS if i not in library]
    assert not missing


def test_every_cuad_yes_no_category_is_mapped() -> None:
    mapped = {t.cuad_category for t in default_library()}
    assert CUAD_YES_NO <= mapped


def test_every_type_has_its_own_exemplars_and_held_out_cases() -> None:
    library = default_library()
    cases = _cases()
    for clause_type in library:
        assert len(clause_type.exemplars) >= 6, clause_type.id
        assert len(set(clause_type.exemplars)) == len(clause_type.exemplars), clause_type.id
        assert clause_type.id in cases, f"no held-out cases for {clause_type.id}"
        case = cases[clause_type.id]
        assert case.get("positive") and case.get("negative"), clause_type.id
        for text in case["positive"]:
            assert text not in clause_type.exemplars, clause_type.id


def test_playbooks_load_and_name_known_types() -> None:
    library = default_library()
    playbooks = load_playbooks(library)
    assert {p.kind for p in playbooks} == {"vendor", "contractor", "data_licence", "model_licence", "nda"}


#: The party names the held-out check cases are written with.
US = ("Customer", "Client", "Company", "Licensee", "Subscriber", "Buyer", "Recipient")
THEM = ("Vendor", "Supplier", "Provider", "Contractor", "Consultant", "Licensor",
        "Service Provider", "Discloser")


def _playbook_for(kinds: tuple[str, ...]) -> Playbook:
    kind = kinds[0] if kinds else "vendor"
    return Playbook(id="test", title="test", kind=kind, side="us", description="",
                    required=(), us=US, them=THEM)


#: what the checks that read the rest of the document (``document_any``) look for there: an
#: indemnity from the other side that protects people besides the parties
OTHER_SIDE_INDEMNIFIES = (
    "The Provider shall indemnify the Customer, its Affiliates and their officers and employees "
    "against third-party claims."
)


def test_every_check_fires_on_weak_wording_and_stays_quiet_on_strong() -> None:
    library = default_library()
    cases = _cases()
    failures = []
    for clause_type in library:
        for check in clause_type.checks:
            case = cases.get(clause_type.id, {}).get("checks", {}).get(check.id)
            assert case, f"no fires/quiet cases for check {check.id}"
            playbook = _playbook_for(check.when.kinds)
            # document-level conditions: the test document has exactly what the check needs
            present = set(check.when.document_has) | set(check.when.document_has_any[:1])
            elsewhere = OTHER_SIDE_INDEMNIFIES if check.when.document_any else None
            for expected, entries in ((True, case["fires"]), (False, case["quiet"])):
                for entry in entries:
                    # an entry is the clause, or the clause with what the rest of the document says
                    text, rest = (
                        (entry["clause"], entry["elsewhere"])
                        if isinstance(entry, dict)
                        else (entry, elsewhere)
                    )
                    document = f"{text} {rest}" if rest else ""
                    # (read as the review reads a clause: "it" as the party it stands for)
                    read = resolve_it(text, playbook)
                    holds = check_holds(check.when, read, clause_type, playbook, present, document)
                    if holds != expected:
                        verb = "fire on" if expected else "stay quiet on"
                        failures.append(f"{check.id} should {verb}: {text[:90]} {rest or ''}"[:200])
    assert not failures, "\n".join(failures)


def test_a_cap_is_flagged_for_covering_indemnities_only_where_the_other_side_gives_one() -> None:
    library = default_library()
    cap = library.get("limitation_of_liability")
    check = next(c for c in cap.checks if c.id == "lol_cap_covers_indemnity")
    playbook = _playbook_for(check.when.kinds)
    text = (
        "Each party's total liability under this Agreement shall not exceed the fees paid in the "
        "twelve months before the claim."
    )
    theirs = f"{text} {OTHER_SIDE_INDEMNIFIES}"
    assert check_holds(check.when, text, cap, playbook, {"indemnification_ip"}, theirs)
    assert check_holds(check.when, text, cap, playbook, {"indemnification_general"}, theirs)
    assert not check_holds(check.when, text, cap, playbook, {"confidentiality"}, theirs)
    # the only indemnity is ours, which a cap on the other side's liability does not limit
    ours = f"{text} The Customer shall indemnify the Provider against third-party claims."
    assert not check_holds(check.when, text, cap, playbook, {"indemnification_general"}, ours)
    # ... and a duty to help defend our rights is no indemnity of us
    rights = f"{ours} The Provider shall sign all documents needed to defend Customer's rights."
    assert not check_holds(check.when, text, cap, playbook, {"indemnification_general"}, rights)


def test_further_assurances_are_answered_by_a_power_of_attorney_anywhere_in_the_agreement() -> None:
    assurances, check = _check("further_assurances", "ip_further_assurances_no_power_of_attorney")
    playbook = _playbook_for(check.when.kinds)
    text = "Contractor shall execute and deliver an instrument of assignment on Company's request."
    attorney = "Contractor hereby irrevocably appoints Company as its attorney-in-fact to sign it."
    assert check_holds(check.when, text, assurances, playbook, set(), text)
    assert not check_holds(check.when, text, assurances, playbook, set(), f"{text} {attorney}")


def test_work_made_for_hire_is_backed_only_by_an_assignment_of_that_work() -> None:
    wmfh, check = _check("work_made_for_hire", "ip_wmfh_without_backup_assignment")
    playbook = _playbook_for(check.when.kinds)
    text = "All Work Product is a work made for hire, and Company is its author."

    def holds(elsewhere: str) -> bool:
        return check_holds(check.when, text, wmfh, playbook, set(), f"{text} {elsewhere}")

    assert holds("")
    # an assignment of other things is no backup
    assert holds("Contractor hereby assigns to Company all Inventions, excluding the Work Product.")
    assert holds("Contractor hereby assigns to Company all right in each 3D Asset.")
    # a backup, or an assignment of the work itself, is
    assert not holds(
        "To the extent any Work Product is not a work made for hire, Contractor hereby assigns "
        "it to Company."
    )
    assert not holds("Contractor hereby assigns to Company all right in the Deliverables.")


def test_the_freedom_to_subcontract_is_read_in_a_clause_of_its_own() -> None:
    status, check = _check("independent_contractor", "indep_contractor_free_to_subcontract")
    playbook = _playbook_for(check.when.kinds)
    text = "Contractor is an independent contractor and not an employee of Company."
    free = (
        "4.3 Assistants. Contractor may, at its own expense, engage assistants and "
        "subcontractors for any part of the Services, without notice to or approval of Company."
    )
    bound = "4.3 Assistants. Contractor may engage subcontractors only with Company's consent."
    assert check_holds(check.when, text, status, playbook, set(), f"{text} {free}")
    assert not check_holds(check.when, text, status, playbook, set(), f"{text} {bound}")
    # the place is the contractor's status, not any clause that mentions subcontractors
    assert not check_holds(check.when, free, status, playbook, set(), free.replace("4.3", ""))


def test_a_disclaimed_non_infringement_is_answered_only_by_the_other_sides_ip_indemnity() -> None:
    library = default_library()
    disclaimer = library.get("warranty_disclaimer")
    check = next(
        c for c in disclaimer.checks if c.id == "wdisc_noninfringement_without_indemnity"
    )
    playbook = _playbook_for(check.when.kinds)
    text = "THE SERVICE IS PROVIDED AS IS. PROVIDER DISCLAIMS ALL WARRANTIES OF NON-INFRINGEMENT."
    present = {"indemnification_ip"}
    ours = f"{text} Customer shall defend Provider against any claim that Customer Data infringes."
    assert check_holds(check.when, text, disclaimer, playbook, present, ours)
    for theirs in (
        "Provider shall, at its expense, defend Customer against any claim that the Service "
        "infringes a third party's patent.",
        "Customer will be defended and indemnified by Provider against claims that the Service "
        "infringes intellectual property rights.",
    ):
        assert not check_holds(check.when, text, disclaimer, playbook, present, f"{ours} {theirs}")


def test_duplicate_clause_id_names_both_places() -> None:
    family = """family: {f}
title: T
clauses:
  - id: dup
    title: Dup
    description: d
    exemplars: [a one, a two, a three, a four, a five, a six]
"""
    with pytest.raises(LibraryError) as info:
        build_library([("one.yaml", family.format(f="one")), ("two.yaml", family.format(f="two"))])
    message = str(info.value)
    assert "two.yaml:4" in message and "one.yaml:4" in message


def _thing(cue: str, rest: str = "") -> str:
    """A library file of one type, "thing", with the cue ``cue`` and then ``rest``."""
    head = "family: x\ntitle: X\nclauses:\n  - id: thing\n    title: Thing\n    description: d\n"
    exemplars = "    exemplars: [a one, a two, a three, a four, a five, a six]\n"
    return f"{head}    cues:\n      {cue}\n{exemplars}{rest}"


def test_bad_regex_reports_file_and_line() -> None:
    with pytest.raises(LibraryError, match=r"x\.yaml:8: .*does not compile"):
        build_library([("x.yaml", _thing("broken: '(unclosed'"))])


def test_a_check_reads_the_agreement_without_what_the_clause_sets_aside_only_if_told() -> None:
    check = """    checks:
      - id: thing_check
        status: weak
        severity: low
        title: T
        explanation: e
        when:
          any: [word]
          document_none: ['\\binstructions\\b']
          without_set_aside: FLAG
"""
    cue = "word: '\\bthing\\b'"
    library = build_library([("x.yaml", _thing(cue, check.replace("FLAG", "true")))])
    assert library.check("thing_check").when.without_set_aside
    assert not default_library().check("drd_no_certification").when.without_set_aside
    with pytest.raises(LibraryError, match=r"x\.yaml:19: 'without_set_aside' of check .* true or"):
        build_library([("x.yaml", _thing(cue, check.replace("FLAG", "'yes'")))])


_EXCLUDING = """family: x
title: X
clauses:
  - id: warranty
    title: Warranty
    description: d
    cues:
      promise: '\\bwarrants?\\b'
      disclaimer: '\\bdisclaims?\\b'
    required_cues: [promise]
    excluding_cues: [{excluding}]
    exemplars:
      - Seller warrants the goods.
      - Seller warrants the title.
      - Seller warrants the quality.
      - Seller warrants the fitness.
      - Seller warrants the delivery.
      - {sixth}
"""


def test_excluding_cues_are_named_cues_and_not_required_ones() -> None:
    fine = build_library(
        [("x.yaml", _EXCLUDING.format(excluding="disclaimer", sixth="Seller warrants the code."))]
    )
    assert fine.get("warranty").excluding_cues == ("disclaimer",)
    with pytest.raises(LibraryError, match=r"x\.yaml:11: excluding cue 'absent' is not defined"):
        build_library([("x.yaml", _EXCLUDING.format(excluding="absent", sixth="Seller warrants."))])
    with pytest.raises(LibraryError, match=r"x\.yaml:11: cue 'promise' cannot be required and"):
        build_library(
            [("x.yaml", _EXCLUDING.format(excluding="promise", sixth="Seller warrants."))]
        )


def test_an_exemplar_matching_its_types_excluding_cue_is_an_error() -> None:
    text = _EXCLUDING.format(excluding="disclaimer", sixth="Seller disclaims all warranties.")
    with pytest.raises(
        LibraryError, match=r"x\.yaml:12: exemplar 6 of .* matches its excluding cue 'disclaimer'"
    ):
        build_library([("x.yaml", text)])


_SAME_AS = """family: FAMILY
title: Y
clauses:
  - id: TYPE
    title: Provenance
    description: d
    cues:
      source: '\\bsourced\\b'
      disclaimer: {same_as: TARGET}
    excluding_cues: [disclaimer]
    exemplars: [a one, a two, a three, a four, a five, SIXTH]
"""
_WARRANTY = ("x.yaml", _EXCLUDING.format(excluding="disclaimer", sixth="Seller warrants."))


def _same_as(target: str, sixth: str = "a six", type_id: str = "provenance", family: str = "y"):  # type: ignore[no-untyped-def]
    text = _SAME_AS.replace("TARGET", target).replace("SIXTH", sixth)
    return f"{family}.yaml", text.replace("TYPE", type_id).replace("FAMILY", family)


def test_a_cue_can_be_the_same_as_another_types_cue_in_another_file() -> None:
    # the referring file may come first: every file's own cues are known before any is read
    library = build_library([_same_as("warranty.disclaimer"), _WARRANTY])
    assert library.get("provenance").cues["disclaimer"] == "\\bdisclaims?\\b"
    # what the cue stands for is checked as if written out: an exemplar may not match it
    with pytest.raises(LibraryError, match=r"y\.yaml:11: exemplar 6 .* excluding cue 'disclaimer'"):
        build_library([_WARRANTY, _same_as("warranty.disclaimer", sixth="Seller disclaims it.")])


def test_a_same_as_cue_must_name_a_written_out_cue() -> None:
    for target, message in [
        ("warranty.absent", r"y\.yaml:9: cue 'disclaimer' refers to 'warranty\.absent', which is no"),
        ("no_such_type.disclaimer", r"y\.yaml:9: .* 'no_such_type\.disclaimer', which is no cue"),
        ("warranty", r"y\.yaml:9: same_as of cue 'disclaimer' must be clause_id\.cue_name"),
    ]:
        with pytest.raises(LibraryError, match=message):
            build_library([_WARRANTY, _same_as(target)])
    # a reference to a reference is not followed
    chained = _same_as("provenance.disclaimer", type_id="other", family="z")
    with pytest.raises(LibraryError, match=r"z\.yaml:9: .* 'provenance\.disclaimer', which is no cue"):
        build_library([_same_as("warranty.disclaimer"), chained, _WARRANTY])


def test_strict_required_cues_need_required_cues_that_every_exemplar_matches() -> None:
    strict = _EXCLUDING.format(excluding="disclaimer", sixth="Seller warrants the code.").replace(
        "    required_cues: [promise]\n", "    required_cues: [promise]\n    strict_required: true\n"
    )
    assert build_library([("x.yaml", strict)]).get("warranty").strict_required
    with pytest.raises(LibraryError, match=r"x\.yaml:13: exemplar 6 .* none of its strict required"):
        build_library([("x.yaml", strict.replace("Seller warrants the code.", "Seller promises it."))])
    with pytest.raises(LibraryError, match=r"x\.yaml:10: .* has strict_required but no required_cues"):
        build_library([("x.yaml", strict.replace("    required_cues: [promise]\n", ""))])
    with pytest.raises(LibraryError, match=r"x\.yaml:11: strict_required of .* must be true or false"):
        build_library([("x.yaml", strict.replace("strict_required: true", "strict_required: sometimes"))])


def test_an_overlapping_type_says_so_with_true_or_false() -> None:
    plain = _EXCLUDING.format(excluding="disclaimer", sixth="Seller warrants the code.")
    assert not build_library([("x.yaml", plain)]).get("warranty").overlapping
    overlapping = plain.replace(
        "    required_cues: [promise]\n", "    required_cues: [promise]\n    overlapping: true\n"
    )
    assert build_library([("x.yaml", overlapping)]).get("warranty").overlapping
    with pytest.raises(LibraryError, match=r"x\.yaml:11: overlapping of .* must be true or false"):
        build_library([("x.yaml", overlapping.replace("overlapping: true", "overlapping: often"))])


def test_too_few_exemplars_is_an_error() -> None:
    text = """family: x
title: X
clauses:
  - id: thing
    title: Thing
    description: d
    exemplars: [only one]
"""
    with pytest.raises(LibraryError, match="at least 6"):
        build_library([("x.yaml", text)])


def _check(clause_id: str, check_id: str):  # type: ignore[no-untyped-def]
    clause_type = default_library().get(clause_id)
    return clause_type, next(c for c in clause_type.checks if c.id == check_id)


def test_an_indemnity_from_the_other_side_elsewhere_makes_ours_two_way() -> None:
    clause_type, check = _check("indemnification_general", "indem_gen_one_sided_against_us")
    playbook = _playbook_for(check.when.kinds)
    ours = (
        "Customer shall indemnify and hold harmless Supplier from all losses arising from Customer's "
        "breach of this Agreement."
    )
    theirs_general = (
        "Supplier shall indemnify Customer against all claims caused by Supplier's negligence or wilful "
        "misconduct."
    )
    theirs_ip_only = "Supplier shall defend Customer against any claim that the Services infringe a patent."
    assert check_holds(check.when, ours, clause_type, playbook, set(), ours)
    assert not check_holds(
        check.when, ours, clause_type, playbook, set(), f"{ours}\n(b) {theirs_general}"
    )
    # an infringement-only indemnity from them leaves our general one one-way
    assert check_holds(check.when, ours, clause_type, playbook, set(), f"{ours}\n{theirs_ip_only}")

    clause_type, check = _check("indemnification_ip", "indem_ip_one_sided_against_us")
    ours_ip = "Customer shall defend Supplier against any claim that Customer Content infringes a copyright."
    assert check_holds(check.when, ours_ip, clause_type, playbook, set(), ours_ip)
    assert not check_holds(
        check.when, ours_ip, clause_type, playbook, set(), f"{ours_ip}\n{theirs_ip_only}"
    )
    # a one-way indemnity that says nothing of infringement is not an IP indemnity
    assert not check_holds(check.when, ours, clause_type, playbook, set(), ours)


def test_arbitration_with_an_equitable_relief_clause_elsewhere_is_not_flagged() -> None:
    clause_type, check = _check("dispute_resolution", "dispute_arbitration_no_interim_relief")
    playbook = _playbook_for(check.when.kinds)
    clause = "Any dispute shall be finally settled by binding arbitration in Denver, Colorado."
    relief = (
        "14.6 Equitable Relief. Each party may seek an injunction from any competent court to "
        "prevent a breach of Section 9."
    )
    assert check_holds(check.when, clause, clause_type, playbook, set(), clause)
    assert not check_holds(check.when, clause, clause_type, playbook, set(), f"{clause}\n{relief}")


def test_a_denial_of_third_party_rights_is_flagged_only_where_others_are_indemnified() -> None:
    library = default_library()
    denial = library.get("no_third_party_beneficiaries")
    check = next(c for c in denial.checks if c.id == "ntpb_shuts_out_protected_persons")
    playbook = _playbook_for(check.when.kinds)
    text = "This Agreement is for the sole benefit of the parties and gives no one else any right."
    present = {"indemnification_general"}
    others = f"{text} {OTHER_SIDE_INDEMNIFIES}"
    assert check_holds(check.when, text, denial, playbook, present, others)
    parties_only = f"{text} The Provider shall defend and indemnify the Customer against claims."
    assert not check_holds(check.when, text, denial, playbook, present, parties_only)


#: agreements by title and opening words, each with the kind it is (and why, in its comment)
KIND_CASES = [
    # a commissioned build, though called a services agreement, is a contractor agreement
    (
        "Machine Learning Development Services Agreement",
        (
            'This Agreement is made between Northwind Mutual (the "Company") and Fernhill '
            'Labs Inc. (the "Consultant"). The Consultant shall build the model described '
            "in each SOW."
        ),
        "contractor",
    ),
    # ... but the same opening with a provider and a customer is a vendor's
    (
        "Software Services Agreement",
        (
            'This Agreement is made between Northwind Mutual (the "Customer") and Fernhill '
            'Labs Inc. (the "Provider"). The Provider shall build the model described in '
            "each SOW."
        ),
        "vendor",
    ),
    # ... and so is a "Development Services Agreement" with a "Service Provider" and a "Client"
    (
        "Software Development Services Agreement",
        (
            'This Agreement is made between Kestrel Code Pvt Ltd (the "Service Provider") '
            'and Orla Finance Pte Ltd (the "Client"). The Service Provider shall develop '
            "the App under each Statement of Work."
        ),
        "contractor",
    ),
    # a licence of an archive for training models is a data licence
    (
        "Archive Content Licence Agreement",
        (
            "The Licensee may use the Archive as training data for its models."
        ),
        "data_licence",
    ),
    # an individual's own services, though the title reads "Services Agreement"
    (
        "Independent Artist Services Agreement",
        (
            'This Agreement is made between Fernhill Games, Inc. ("Fernhill") and Ada '
            'Moreau, an individual residing in Portland, Oregon ("Moreau"), who will '
            "create concept art."
        ),
        "contractor",
    ),
    # a buyer's confidentiality letter before due diligence, whose title is the letterhead
    (
        "HALDEN PUMPS, INC. 14 Mill Road",
        (
            "Re: Confidentiality and Standstill Agreement. You wish to evaluate a possible "
            "transaction, and the Company will furnish you Evaluation Material."
        ),
        "nda",
    ),
    # a licence of pre-trained models, though it speaks of their training data
    (
        "Licence Agreement for Pre-Trained Models",
        (
            "The Institute has pre-trained a family of vision-language models on training "
            "data collected for research, and licenses them to the Licensee for "
            "fine-tuning."
        ),
        "model_licence",
    ),
    # a platform's terms for access to its posts through an API, to train models on them
    (
        "Murmur Data Access and Licence Terms",
        (
            "Firehose API Terms for Enterprise Data Customers. You may fine-tune models on "
            "the posts and use their Outputs in your products."
        ),
        "data_licence",
    ),
    # a newspaper's archive licensed to train models, under a title that names only content
    (
        "CONTENT LICENSE AGREEMENT",
        (
            "Licensee wishes to obtain a licence to use Publisher's archive and current "
            "content to train its models. Licensee shall pay the Annual License Fee."
        ),
        "data_licence",
    ),
    # a county's tender for a hosted application, whose supplier it calls the CONTRACTOR
    (
        "CONTRACT FOR PROFESSIONAL SERVICES",
        (
            "TILLICUM COUNTY, a political subdivision of the State of Washington "
            '("COUNTY"), and QUILLMARK CIVIC SYSTEMS, INC. ("CONTRACTOR"). COUNTY issued '
            "Request for Proposals No. 24-117 for a hosted web application. CONTRACTOR "
            "shall provide the Hosting Services as a hosted service."
        ),
        "vendor",
    ),
    # an agency's form placing a contractor with a client, though it reads "Services Agreement"
    (
        "CONTRACTOR SERVICES AGREEMENT",
        (
            'Between Tollbridge Talent Ltd (the "Agency"), Marrow Bank plc (the "Client") '
            'and Fen Data Ltd (the "Contractor"). The Agency supplies the Contractor\'s '
            "services."
        ),
        "contractor",
    ),
    # an employee's inventions agreement, though it speaks of models and their weights
    (
        "Proprietary Information and Inventions Agreement",
        (
            "As a condition of my employment, I agree with the Company as follows. I will "
            "assign to the Company my Inventions, including model weights and fine-tuning "
            "methods."
        ),
        "contractor",
    ),
    # a music catalogue licensed to train models, though it speaks of outputs and weights
    (
        "Catalogue Licence Agreement",
        (
            "Licensee wishes to license Licensor's catalogue to train its models. Outputs "
            "and model weights belong to Licensee; fine-tuned models are licensed back."
        ),
        "data_licence",
    ),
    # a model served through an API, under a service agreement's name
    (
        "Service Use Agreement (Speech Recognition API Service)",
        (
            'Between Sori AI Co., Ltd. (the "Provider") and Veld B.V. (the "Customer"), '
            "for the Customer's use of the Provider's service."
        ),
        "model_licence",
    ),
    # models shipped in a software development kit, under a licence agreement's name
    (
        "DEVELOPER SDK LICENSE AGREEMENT",
        (
            "This Agreement is between Sonor Labs, Inc. and the developer that accepts it. "
            "Sonor makes its speech-synthesis models available to game developers through a "
            "software development kit."
        ),
        "model_licence",
    ),
    # a publisher's corpus licensed for text and data mining and training
    (
        "TEXT AND DATA MINING AND AI TRAINING LICENCE",
        (
            "The Publisher grants the Licensee a licence to use the Licensed Content for the "
            "Permitted Purposes. The Licensee may fine-tune its models and owns its Outputs."
        ),
        "data_licence",
    ),
    # a records service bought after a public procurement, titled only "Minute of Agreement"
    (
        "MINUTE OF AGREEMENT",
        (
            "The Supplier provides a cloud-hosted electronic document and records management "
            "service. Following a procurement exercise, the Association has selected the "
            "Supplier. The classifier's models, weights and Outputs remain the Supplier's."
        ),
        "vendor",
    ),
    # a bank's terms for a hackathon, accepted by each start-up: confidentiality terms
    (
        "HACKATHON PARTICIPATION AND CONFIDENTIALITY TERMS",
        (
            "The Bank will give participants access to synthetic customer data for training "
            "data experiments. The Participant brings its own AI models and weights."
        ),
        "nda",
    ),
    # the Japanese model contract for providing data to train perception models
    (
        "DATA PROVISION AGREEMENT",
        (
            "The Provider shall provide the Provided Data to the Recipient, which may fine-tune "
            "its perception models on it. The Provider warrants the quality of the data."
        ),
        "data_licence",
    ),
    # an AI system under the EU AI Act, licensed to its deployer with services
    (
        "AI SYSTEM LICENCE AND SERVICES AGREEMENT",
        (
            "The Provider licenses the high-risk AI system to the Deployer, which may fine-tune "
            "it on its hiring data."
        ),
        "model_licence",
    ),
    # a model served to a customer with services, named in the title's "relating to"
    (
        "LICENCE AND SERVICES AGREEMENT relating to the KESTREL claims triage model",
        (
            "The Licensor provides the Service to the Customer through its hosted API and grants "
            "the Customer a licence of the Model. Service levels are set out in Annex 3."
        ),
        "model_licence",
    ),
    # a services agreement in translation whose original title names a contract with a
    # self-employed professional
    (
        "SERVICES AGREEMENT",
        (
            "SERVICES AGREEMENT\n(CONTRATO DE LOCACIÓN DE SERVICIOS)\n\nBetween Ceibo Pagos S.A. "
            '("THE COMPANY") and Mr. Tomás Ibarra, of legal age ("THE PROVIDER"), who renders '
            "services to the Customer's data team."
        ),
        "contractor",
    ),
    # a professional services agreement with an individual who works on his own behalf
    (
        "PROFESSIONAL SERVICES AGREEMENT",
        (
            'Agreement between Forjas del Norte S.A. ("THE CLIENT") and Mr. Mauricio Elizondo, on '
            'his own behalf ("THE PROVIDER"), a natural person who renders professional services '
            "independently; no employment relationship arises."
        ),
        "contractor",
    ),
    # a services agreement with a Romanian authorised natural person (PFA), a developer
    (
        "SERVICES AGREEMENT",
        (
            "SERVICES AGREEMENT\n\n(1) ORBITA PLATI DIGITALE S.R.L., the Beneficiary, and (2) "
            "MOCANU RADU PERSOANĂ FIZICĂ AUTORIZATĂ, the Service Provider, registered with the "
            "Trade Register. The Service Provider designs and develops the Application for the "
            "Beneficiary, a provider of payment services to its customers."
        ),
        "contractor",
    ),
    # a licence of a language model, with services
    (
        "CLINICAL NOTE LARGE LANGUAGE MODEL LICENSING AND SERVICE CONTRACT",
        (
            "Party B grants Party A a licence to use the Licensed Model through its API Service. "
            'The "Training Dataset" means the clinical notes from which the Dedicated Model is '
            "produced by fine-tuning; the training data stays with Party A."
        ),
        "model_licence",
    ),
]


@pytest.mark.parametrize(("title", "opening", "kind"), KIND_CASES)
def test_the_kind_of_agreement_from_its_title_and_opening(
    title: str, opening: str, kind: str
) -> None:
    assert detect_kind(title, opening).kind == kind


def test_with_no_evidence_for_any_kind_the_general_commercial_review_as_a_guess() -> None:
    nothing = detect_kind("Sponsorship Agreement", "The Sponsor shall pay the Team the Fee.")
    assert nothing.kind == DEFAULT_KIND == "vendor"
    assert nothing.confidence < 0.5


def test_a_licence_in_an_agreement_we_may_assign_to_a_buyer_is_not_flagged_non_transferable() -> None:
    licence, check = _check("license_non_transferable", "lic_nontransferable_without_exceptions")
    playbook = _playbook_for(check.when.kinds)
    text = "Licensor grants Licensee a non-exclusive, non-transferable licence to use the Marks."
    assignment = (
        "Neither party may assign this Agreement without consent. However, either party may, on "
        "written notice, assign this Agreement as a whole to an Affiliate or to a successor in "
        "a merger or a sale of substantially all of its assets."
    )
    assert check_holds(check.when, text, licence, playbook, set(), text)
    assert not check_holds(check.when, text, licence, playbook, set(), f"{text} {assignment}")
    # ... but it is when only the other side may
    theirs = assignment.replace("either party may", "Licensor may")
    assert check_holds(check.when, text, licence, playbook, set(), f"{text} {theirs}")


def test_a_vague_security_promise_is_answered_by_named_standards_not_by_any_schedule() -> None:
    security, check = _check("data_security", "ds_vague_security_standard")
    playbook = _playbook_for(check.when.kinds)
    text = "Supplier shall maintain industry-standard measures to protect Customer Data."
    processing = "Schedule 2 (Data Processing) sets out the subject matter of the processing."
    named = "Supplier shall encrypt Customer Data at rest using AES-256 and hold ISO 27001."
    assert check_holds(check.when, text, security, playbook, set(), f"{text} {processing}")
    assert not check_holds(check.when, text, security, playbook, set(), f"{text} {named}")


def test_a_disclaimer_by_none_of_a_party_and_its_representatives_is_a_disclaimer() -> None:
    disclaim = compile_pattern(default_library().get("warranty_disclaimer").cues["disclaim"])
    assert disclaim.search(
        "None of the Company or any of its Representatives makes any representation or warranty "
        "as to the accuracy of the Evaluation Material."
    )
    assert not disclaim.search("None of the Company's employees may be solicited for a year.")


def test_an_ip_indemnity_protecting_officers_and_employees_is_not_a_general_one() -> None:
    # the people an indemnity protects are no ground of claim; claims by employees are
    general = default_library().get("indemnification_general")
    infringement_only = compile_pattern(general.cues["infringement_only"])
    assert infringement_only.search(
        "Supplier shall defend Customer and its officers and employees against any claim that "
        "the Software infringes a third party's Intellectual Property Rights."
    )
    assert not infringement_only.search(
        "Supplier shall indemnify Customer against claims by Supplier's employees and against "
        "any claim that the Software infringes a third party's Intellectual Property Rights."
    )


def test_a_longer_duty_for_the_other_sides_information_alone_leaves_ours_short() -> None:
    # in a mutual NDA both sides are "Disclosing Party": a longer duty for it protects us too,
    # while one for the Lab's own information does not
    library = default_library()
    confidentiality = library.get("confidentiality")
    check = next(c for c in confidentiality.checks if c.id == "conf_short_survival")
    names = ("Disclosing Party", "Receiving Party", "Recipient")
    playbook = Playbook(id="test", title="test", kind="nda", side="either", description="",
                        required=(), us=("Evaluator", *names), them=("Lab", *names))
    lab_only = (
        "The Receiving Party's obligations continue after the Term: (i) for Lab Model "
        "Information, for as long as it remains confidential; and (ii) for all other Confidential "
        "Information, until two (2) years after the date on which it was disclosed."
    )
    either = lab_only.replace("for Lab Model Information", "for the Disclosing Party's trade secrets")
    assert check_holds(check.when, lab_only, confidentiality, playbook, set())
    assert not check_holds(check.when, either, confidentiality, playbook, set())


def test_service_credits_are_no_credit_line() -> None:
    attribution = default_library().get("attribution")
    cue = compile_pattern(attribution.cues["attribution_word"])
    assert cue.search("Licensee shall credit the Licensor in any publication of the results.")
    assert not cue.search("Credits are not Licensee's exclusive remedy for a missed target.")
    assert not cue.search("Any credits shall be applied against the next invoice.")


def test_scotlands_third_party_rights_act_is_named_as_englands_is() -> None:
    denial = default_library().get("no_third_party_beneficiaries")
    act = compile_pattern(denial.cues["rights_of_third_parties_act"])
    assert act.search("any right under the Contract (Third Party Rights) (Scotland) Act 2017")
    assert act.search("under the Contracts (Rights of Third Parties) Act 1999")
    assert not act.search("any right under the Late Payment of Commercial Debts Act 1998")


def test_a_brazilian_contract_names_its_sides_contracting_and_contracted_party() -> None:
    preamble = (
        'LOJAS PAINEIRA S.A., a corporation with its head office in São Paulo, hereinafter '
        'referred to as the "CONTRACTING PARTY"; and TAVARES LABS LTDA., a limited liability '
        'company with its head office in Campinas, hereinafter referred to as the "CONTRACTED '
        'PARTY"; the CONTRACTING PARTY and the CONTRACTED PARTY being jointly the "PARTIES".'
    )
    playbooks = {p.kind: p for p in load_playbooks(default_library()).items}
    for kind in ("contractor", "vendor"):
        parties = read_parties(preamble, playbooks[kind].us, playbooks[kind].them)
        assert "CONTRACTING PARTY" in parties.us and "CONTRACTED PARTY" in parties.them
