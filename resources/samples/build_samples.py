"""Build the sample agreements shipped with the contract reviewer.

The four agreements below are fictional and were written for this project. Each carries
deliberate weak, red-flag and missing clauses (see README.md in this folder for the answer key),
so that the app opens on something meaningful and tests have known answers. Nothing here is
legal advice.

Usage::

    python resources/samples/build_samples.py            # rebuild all four samples here
    python resources/samples/build_samples.py --no-pdf   # skip the PDF (no LibreOffice needed)
    python resources/samples/build_samples.py --outdir /tmp/samples

The .docx files are built with python-docx and have real Word structure: a Title paragraph,
"Heading 1" / "Heading 2" headings, a multi-level numbering definition ("1.", "1.1", "(a)") in
the numbering part, tables, a page-number footer (PAGE field) and a signature block at the end.
The PDF is built the same way as a .docx and converted with LibreOffice
(``soffice --headless --convert-to pdf``). Output .docx files are byte-for-byte reproducible
(fixed core properties and zip timestamps); the PDF embeds LibreOffice's own timestamps.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FIXED_TIME = dt.datetime(2025, 3, 1, 9, 0, 0)
ZIP_TIME = (2025, 3, 1, 9, 0, 0)

# --------------------------------------------------------------------------------------------
# Document model used by the texts below
#
# Each agreement is a list of blocks:
#   ("title", text)                 Title paragraph
#   ("center", text)                centred paragraph under the title (e.g. date line)
#   ("p", text)                     body paragraph, unnumbered
#   ("h1", text)                    Heading 1; numbered "1." when the document uses auto-numbering
#   ("h1u", text)                   Heading 1, never numbered (recitals, schedules, exhibits)
#   ("h2", text)                    Heading 2, unnumbered
#   ("c", text)                     clause: auto-numbered "1.1" (level 1 of the list)
#   ("sub", text)                   sub-clause: auto-numbered "(a)" (level 2 of the list)
#   ("mc", number, text)            manually numbered clause ("3.2<tab>text", hanging indent)
#   ("msub", label, text)           manually numbered sub-clause ("(a)<tab>text")
#   ("table", rows, widths_cm)      a table with a header row (rows[0]) and grid borders
#   ("sig", intro, parties)         signature block; parties = [(party, signatory, title)]
#   ("pagebreak",)
# In any text, **bold** marks a bold run (used for clause captions and defined terms).
# --------------------------------------------------------------------------------------------


# ============================================================================================
# 1. Consulting Services Agreement (company side) -- contractor playbook
# ============================================================================================

CONTRACTOR = {
    "file": "contractor_agreement.docx",
    "pages": 5,  # as laid out by LibreOffice 7.4; recorded in docProps/app.xml
    "auto_numbering": True,
    "footer": "Consulting Services Agreement — Northwind / Brightline — Page ",
    "title_prop": "Consulting Services Agreement",
    "blocks": [
        ("title", "CONSULTING SERVICES AGREEMENT"),
        (
            "p",
            "This Consulting Services Agreement (this “**Agreement**”) is entered into as of March 3, 2025 "
            "(the “**Effective Date**”) by and between **Northwind Analytics, Inc.**, a Delaware "
            "corporation with its principal place of business at 410 Harbor Street, Suite 900, Seattle, "
            "Washington 98101 (the “**Company**”), and **Dana R. Whitfield**, an individual doing business "
            "as Brightline Consulting, residing at 77 Alder Lane, Tacoma, Washington 98402 "
            "(“**Contractor**”). The Company and Contractor are each a “**Party**” and together the "
            "“**Parties**”.",
        ),
        ("h1u", "Recitals"),
        (
            "p",
            "A.  The Company develops data analytics software and machine-learning services for retail "
            "and logistics customers.",
        ),
        (
            "p",
            "B.  Contractor has expertise in data engineering and in the design of machine-learning "
            "training pipelines.",
        ),
        (
            "p",
            "C.  The Company wishes to engage Contractor to perform certain services, and Contractor "
            "wishes to perform them, on the terms of this Agreement.",
        ),
        (
            "p",
            "NOW, THEREFORE, in consideration of the mutual promises set out below and other good and "
            "valuable consideration, the receipt and sufficiency of which are acknowledged, the Parties "
            "agree as follows:",
        ),
        # 1
        ("h1", "Definitions"),
        (
            "c",
            "“**Background IP**” means all software, libraries, tools, templates, methods and other "
            "materials that Contractor owned before the Effective Date or develops independently of the "
            "Services and without use of the Company’s Confidential Information, and all Intellectual "
            "Property Rights in them.",
        ),
        (
            "c",
            "“**Confidential Information**” means all non-public information disclosed by or on behalf "
            "of the Company to Contractor, or learned by Contractor in performing the Services, in any "
            "form, including source code, model architectures, training data, data-selection methods, "
            "hyperparameters, product plans, customer lists, pricing and other business information, "
            "and all Work Product.",
        ),
        (
            "c",
            "“**Deliverables**” means the items that Contractor is to deliver under a Statement of Work, "
            "including software, source code, documentation, reports, data pipelines, trained models "
            "and model weights.",
        ),
        (
            "c",
            "“**Intellectual Property Rights**” means all patents, copyrights, trade secrets, database "
            "rights, rights in software, trademarks and all other intellectual property rights anywhere "
            "in the world, whether registered or unregistered, and all applications for them.",
        ),
        (
            "c",
            "“**Statement of Work**” or “**SOW**” means a statement of work signed by both Parties that "
            "refers to this Agreement. The first Statement of Work is attached as Exhibit A.",
        ),
        (
            "c",
            "“**Work Product**” means all Deliverables and all other inventions, works of authorship, "
            "software, data, designs, improvements and know-how that Contractor makes, conceives or "
            "reduces to practice, alone or with others, in performing the Services, and all "
            "Intellectual Property Rights in them.",
        ),
        # 2
        ("h1", "Services"),
        (
            "c",
            "**Performance.** Contractor shall perform the services described in each Statement of Work "
            "(the “**Services**”) diligently, in a professional and workmanlike manner, in accordance "
            "with generally accepted industry standards and the Company’s reasonable instructions as to "
            "scope and timing.",
        ),
        (
            "c",
            "**Statements of Work.** Each Statement of Work will describe the Services, the "
            "Deliverables, any milestones and the fees. If a Statement of Work conflicts with this "
            "Agreement, this Agreement controls unless the Statement of Work expressly states that it "
            "overrides a named section of this Agreement.",
        ),
        (
            "c",
            "**Third-Party and Open-Source Materials.** Contractor shall not incorporate into any "
            "Deliverable any third-party software, data or content, or any open-source software "
            "licensed under terms that require the disclosure, licensing or free redistribution of "
            "source code (including the GNU General Public License and the GNU Affero General Public "
            "License), without the Company’s prior written approval, and shall list in each delivery "
            "all open-source components used and their licenses.",
        ),
        (
            "c",
            "**Subcontracting.** Contractor shall not subcontract or delegate any part of the Services "
            "without the Company’s prior written consent.",
        ),
        # 3
        ("h1", "Fees and Expenses"),
        (
            "c",
            "**Fees.** The Company shall pay Contractor the fees set out in the applicable Statement of "
            "Work. Unless the Statement of Work states otherwise, Contractor shall invoice the Company "
            "monthly in arrears, and the Company shall pay each undisputed invoice within thirty (30) "
            "days after receipt.",
        ),
        (
            "c",
            "**Expenses.** The Company shall reimburse Contractor for reasonable travel and "
            "out-of-pocket expenses that the Company has approved in writing in advance, against "
            "receipts.",
        ),
        # 4
        ("h1", "Independent Contractor"),
        (
            "c",
            "**Relationship.** Contractor is an independent contractor and not an employee, partner, "
            "agent or joint venturer of the Company. Contractor controls the manner and means of "
            "performing the Services, supplies Contractor’s own equipment, and is solely responsible "
            "for all income and self-employment taxes, withholdings, insurance and benefits relating to "
            "Contractor and Contractor’s personnel. Contractor is not eligible to participate in any "
            "Company employee benefit plan and has no authority to bind the Company.",
        ),
        # 5
        ("h1", "Intellectual Property"),
        (
            "c",
            "**Ownership of Work Product.** All Work Product shall be the sole and exclusive property of "
            "the Company. Contractor agrees to assign to the Company, upon the Company’s written "
            "request, all of Contractor’s right, title and interest in and to the Work Product, "
            "including all Intellectual Property Rights in it.",
        ),
        (
            "c",
            "**Work Made for Hire.** The Parties intend that all Work Product that is copyrightable "
            "subject matter shall be a “work made for hire” as defined in the United States Copyright "
            "Act, 17 U.S.C. § 101, and that the Company shall be deemed its sole author for all "
            "purposes.",
        ),
        (
            "c",
            "**Background IP.** Contractor retains all right, title and interest in and to the "
            "Background IP, including any Background IP that Contractor incorporates into a "
            "Deliverable. Nothing in this Agreement transfers ownership of, or grants the Company any "
            "right or license in, the Background IP. Contractor shall identify in writing any "
            "Background IP contained in a Deliverable at the time of delivery.",
        ),
        (
            "c",
            "**Disclosure and Records.** Contractor shall promptly disclose to the Company in writing "
            "all Work Product and shall keep complete and accurate written records of its development, "
            "which records are the property of the Company.",
        ),
        # 6
        ("h1", "Confidentiality"),
        (
            "c",
            "**Obligations.** Contractor shall hold all Confidential Information in strict confidence, "
            "shall use it only to perform the Services, and shall not disclose it to any person other "
            "than Contractor’s approved personnel who need to know it for the Services and are bound "
            "by written confidentiality obligations at least as protective as this Section 6. "
            "Contractor shall protect the Confidential Information with at least reasonable care and "
            "shall notify the Company promptly of any unauthorized use or disclosure of it.",
        ),
        (
            "c",
            "**Exclusions.** Section 6.1 does not apply to information that Contractor can show by "
            "contemporaneous written records:",
        ),
        ("sub", "is or becomes generally available to the public through no act or omission of Contractor;"),
        ("sub", "was lawfully known to Contractor, without restriction, before the Company disclosed it; or"),
        (
            "sub",
            "is lawfully received by Contractor from a third party that is not under a duty of "
            "confidentiality to the Company.",
        ),
        (
            "c",
            "**Compelled Disclosure.** Contractor may disclose Confidential Information to the extent "
            "required by law or by order of a court, provided that Contractor gives the Company prompt "
            "prior notice where lawful and reasonably cooperates with any effort by the Company to "
            "obtain a protective order.",
        ),
        (
            "c",
            "**Duration.** Contractor’s obligations under this Section 6 continue during the term of "
            "this Agreement and for five (5) years after it ends, and, for any Confidential Information "
            "that is a trade secret, for so long as it remains a trade secret under applicable law.",
        ),
        (
            "c",
            "**Return of Materials.** On termination of this Agreement, or earlier on the Company’s "
            "request, Contractor shall promptly return to the Company or destroy all Confidential "
            "Information and Work Product in Contractor’s possession or control, including all copies "
            "held on personal devices and cloud accounts, and shall certify in writing that it has "
            "done so.",
        ),
        # 7
        ("h1", "Term and Termination"),
        (
            "c",
            "**Term.** This Agreement begins on the Effective Date and continues until terminated in "
            "accordance with this Section 7.",
        ),
        (
            "c",
            "**Termination for Convenience.** The Company may terminate this Agreement or any Statement "
            "of Work, in whole or in part, for convenience at any time on ten (10) days’ prior written "
            "notice to Contractor. Contractor may terminate this Agreement for convenience on thirty "
            "(30) days’ prior written notice, but only when no Statement of Work is in progress.",
        ),
        (
            "c",
            "**Termination for Cause.** Either Party may terminate this Agreement immediately by "
            "written notice if the other Party materially breaches it and fails to cure the breach "
            "within ten (10) days after receiving written notice describing it.",
        ),
        (
            "c",
            "**Effect of Termination.** On termination, the Company shall pay Contractor for Services "
            "performed and accepted up to the effective date of termination, and Contractor shall "
            "deliver to the Company all Work Product, whether complete or in progress.",
        ),
        (
            "c",
            "**Survival.** Sections 5, 6, 7.4, 7.5, 8 and 9 survive any termination or expiry of this "
            "Agreement.",
        ),
        # 8
        ("h1", "Non-Solicitation"),
        (
            "c",
            "**Employees.** During the term of this Agreement and for twelve (12) months after it ends, "
            "Contractor shall not, directly or indirectly, solicit for employment or engagement, or "
            "induce to leave the Company, any employee or individual contractor of the Company with "
            "whom Contractor worked in performing the Services. General advertisements not targeted "
            "at Company personnel do not breach this Section 8.1.",
        ),
        # 9
        ("h1", "General"),
        (
            "c",
            "**Governing Law and Venue.** This Agreement is governed by the laws of the State of "
            "Washington, without regard to its conflict-of-laws rules. The state and federal courts "
            "located in King County, Washington have exclusive jurisdiction over any dispute arising "
            "out of or relating to this Agreement, and each Party submits to their jurisdiction.",
        ),
        (
            "c",
            "**Assignment.** Contractor may not assign or transfer this Agreement, or any right or "
            "obligation under it, without the Company’s prior written consent, and any attempt to do "
            "so without consent is void. The Company may transfer this Agreement to an affiliate or to "
            "a successor to all or substantially all of its business.",
        ),
        (
            "c",
            "**Notices.** Notices under this Agreement must be in writing and delivered by hand, by "
            "recognized overnight courier or by email with confirmation of receipt, to the address of "
            "the receiving Party set out above or to another address that Party designates by notice.",
        ),
        (
            "c",
            "**Entire Agreement; Amendment.** This Agreement, together with each Statement of Work, is "
            "the entire agreement between the Parties on its subject matter and supersedes all prior "
            "discussions and agreements on it. It may be amended only in a writing signed by both "
            "Parties.",
        ),
        (
            "c",
            "**Severability; Counterparts.** If any provision of this Agreement is held unenforceable, "
            "the remaining provisions remain in full force. This Agreement may be signed in "
            "counterparts, including by electronic signature, each of which is an original.",
        ),
        (
            "sig",
            "IN WITNESS WHEREOF, the Parties have executed this Agreement as of the Effective Date.",
            [
                ("NORTHWIND ANALYTICS, INC.", "Priya Raman", "Chief Technology Officer"),
                ("CONTRACTOR", "Dana R. Whitfield", "d/b/a Brightline Consulting"),
            ],
        ),
        ("pagebreak",),
        ("h1u", "Exhibit A — Statement of Work No. 1"),
        (
            "p",
            "This Statement of Work No. 1 is entered into under the Consulting Services Agreement "
            "between Northwind Analytics, Inc. and Dana R. Whitfield d/b/a Brightline Consulting dated "
            "March 3, 2025. Capitalized terms have the meanings given in that Agreement.",
        ),
        ("h2", "A.  Services"),
        (
            "p",
            "Contractor will design and build a feature-store ingestion pipeline and a training "
            "pipeline for the Company’s demand-forecasting model, train an initial production model on "
            "Company data in the Company’s cloud environment, and hand the work over to the Company’s "
            "machine-learning team.",
        ),
        ("h2", "B.  Deliverables, Milestones and Fees"),
        (
            "table",
            [
                ["Milestone", "Deliverable", "Target date", "Fee (USD)"],
                ["1", "Data-pipeline assessment report", "April 4, 2025", "12,000"],
                ["2", "Feature-store ingestion pipeline (source code, tests and runbook)", "May 16, 2025", "28,000"],
                [
                    "3",
                    "Demand-forecasting training pipeline, trained model weights and model card",
                    "June 27, 2025",
                    "35,000",
                ],
                ["4", "Handover workshop and knowledge transfer (two days on site)", "July 11, 2025", "5,000"],
                ["", "Total fixed fees", "", "80,000"],
            ],
            [2.2, 8.3, 3.2, 2.6],
        ),
        ("h2", "C.  Additional Terms"),
        (
            "p",
            "Services outside the milestones above, if requested in writing by the Company, are billed "
            "at USD 175 per hour, up to 40 hours per month unless the Company approves more in writing. "
            "Contractor expects to use its proprietary “Brightline FeatureKit” Python libraries, which "
            "are Background IP, in Milestones 2 and 3.",
        ),
        (
            "p",
            "Company contact: Priya Raman, Chief Technology Officer (priya.raman@northwind.example). "
            "Contractor contact: Dana R. Whitfield (dana@brightline.example).",
        ),
        (
            "sig",
            "Agreed and accepted by the Parties as of March 3, 2025.",
            [
                ("NORTHWIND ANALYTICS, INC.", "Priya Raman", "Chief Technology Officer"),
                ("CONTRACTOR", "Dana R. Whitfield", "d/b/a Brightline Consulting"),
            ],
        ),
    ],
}


# ============================================================================================
# 2. SaaS Subscription Agreement on the vendor's paper (customer side) -- vendor playbook
# ============================================================================================

SAAS = {
    "file": "saas_vendor_agreement.docx",
    "pages": 5,  # as laid out by LibreOffice 7.4; recorded in docProps/app.xml
    "auto_numbering": True,
    "footer": "Copperleaf Cloud Systems — Subscription Agreement (Form CL-SA 2025.1) — Page ",
    "title_prop": "Software-as-a-Service Subscription Agreement",
    "blocks": [
        ("title", "SOFTWARE-AS-A-SERVICE SUBSCRIPTION AGREEMENT"),
        (
            "p",
            "This Software-as-a-Service Subscription Agreement (this “**Agreement**”) is made as of "
            "April 1, 2025 (the “**Effective Date**”) between **Copperleaf Cloud Systems, Inc.**, a "
            "Delaware corporation (“**Provider**”), and **Harbor & Pine Outfitters, Inc.**, a Maine "
            "corporation (“**Customer**”). Provider and Customer are each a “**Party**”.",
        ),
        ("h1u", "Order Form"),
        (
            "p",
            "The following key terms form part of this Agreement. If they conflict with the body of "
            "this Agreement, the body of this Agreement prevails.",
        ),
        (
            "table",
            [
                ["Term", "Details"],
                ["Provider", "Copperleaf Cloud Systems, Inc., 1200 Market Street, Suite 400, San Francisco, CA 94103"],
                ["Customer", "Harbor & Pine Outfitters, Inc., 88 Wharf Road, Portland, ME 04101"],
                [
                    "Service",
                    "Copperleaf Insight, Enterprise plan: spend analytics, AI invoice classification "
                    "and supplier risk scoring",
                ],
                ["Initial Subscription Term", "24 months from the Effective Date"],
                ["Authorized Users", "Up to 150 named users"],
                ["Subscription Fee", "USD 96,000 per year, invoiced annually in advance"],
                ["Implementation Fee", "USD 15,000, one-time, invoiced on the Effective Date"],
                ["Renewal", "Automatic renewal for 12-month terms (see Sections 10.1 and 10.2)"],
            ],
            [4.5, 11.8],
        ),
        ("p", "The Parties agree as follows:"),
        # 1
        ("h1", "Definitions"),
        (
            "c",
            "“**Authorized User**” means an employee or individual contractor of Customer whom Customer "
            "authorizes to use the Service, up to the number stated in the Order Form.",
        ),
        (
            "c",
            "“**Customer Data**” means all data, files and information submitted to the Service by or "
            "for Customer or its Authorized Users, including invoices, supplier records and any "
            "personal data contained in them, and the outputs the Service generates from that data.",
        ),
        (
            "c",
            "“**Documentation**” means Provider’s user guides and technical specifications for the "
            "Service, as updated by Provider from time to time.",
        ),
        (
            "c",
            "“**Feedback**” means any suggestion, comment, idea, enhancement request or other feedback "
            "about the Service provided by Customer or its Authorized Users.",
        ),
        (
            "c",
            "“**Service**” means Provider’s hosted Copperleaf Insight platform identified in the Order "
            "Form, including its machine-learning features, application programming interfaces and "
            "Documentation.",
        ),
        (
            "c",
            "“**Subscription Term**” means the initial subscription term stated in the Order Form and "
            "each renewal term under Section 10.",
        ),
        # 2
        ("h1", "Access and Use"),
        (
            "c",
            "**Right to Use.** Subject to this Agreement and payment of the fees, Provider grants "
            "Customer a non-exclusive, non-transferable and non-sublicensable right during the "
            "Subscription Term for its Authorized Users to access and use the Service for Customer’s "
            "internal business purposes in accordance with the Documentation.",
        ),
        ("c", "**Restrictions.** Customer shall not, and shall not permit any person to:"),
        ("sub", "copy, modify, reverse engineer, decompile or create derivative works of the Service;"),
        (
            "sub",
            "sell, resell, sublicense or otherwise make the Service available to any third party, or "
            "use it to operate a service bureau;",
        ),
        (
            "sub",
            "use the Service to build a competing product, or to access it for benchmarking intended "
            "for publication; or",
        ),
        (
            "sub",
            "upload to the Service any content that is unlawful or infringes the rights of any third "
            "party.",
        ),
        (
            "c",
            "**Users.** Customer is responsible for its Authorized Users’ compliance with this Agreement "
            "and for keeping their login credentials confidential.",
        ),
        # 3
        ("h1", "Customer Data"),
        (
            "c",
            "**Ownership.** As between the Parties, Customer owns the Customer Data, subject to the "
            "rights granted to Provider in this Agreement.",
        ),
        (
            "c",
            "**Provider’s Use of Customer Data.** Customer grants Provider a worldwide, royalty-free, "
            "perpetual and irrevocable license to use, copy, store, modify and create derivative works "
            "of Customer Data (i) to provide and support the Service for Customer and (ii) to train, "
            "fine-tune, develop and improve Provider’s artificial-intelligence and machine-learning "
            "models and its other products and services, including products and services provided to "
            "other customers. Provider may retain and continue to use any model trained or fine-tuned "
            "on Customer Data after this Agreement ends.",
        ),
        (
            "c",
            "**Data Security.** Provider shall maintain administrative, physical and technical "
            "safeguards designed to protect the security, confidentiality and integrity of Customer "
            "Data, consistent with ISO/IEC 27001 or SOC 2 Type II, including encryption of Customer "
            "Data in transit and at rest, role-based access controls, multi-factor authentication for "
            "administrative access and audit logging. Provider shall notify Customer without undue "
            "delay, and in any event within seventy-two (72) hours, after becoming aware of any "
            "unauthorized access to or disclosure of Customer Data, and shall provide the information "
            "and cooperation Customer reasonably requests.",
        ),
        (
            "c",
            "**Personal Data.** Each Party shall comply with the data protection laws that apply to it. "
            "Provider’s Data Processing Addendum, published at copperleaf.example/legal/dpa, governs "
            "Provider’s processing of personal data contained in Customer Data.",
        ),
        # 4
        ("h1", "Intellectual Property"),
        (
            "c",
            "**Provider Property.** Except for the limited rights expressly granted in Section 2.1, "
            "Provider reserves all right, title and interest in and to the Service, and no other right "
            "is granted to Customer by implication, estoppel or otherwise.",
        ),
        (
            "c",
            "**Feedback and Improvements.** Provider shall own all right, title and interest in and to "
            "all Feedback and all improvements, enhancements, modifications and derivative works of "
            "the Service, including those based on or derived from Customer Data, Feedback, or "
            "Customer’s configurations, workflows, classification rules and other materials "
            "(“**Improvements**”), and Customer hereby assigns to Provider all right, title and "
            "interest it may have in Feedback and Improvements, without any obligation of attribution "
            "or compensation.",
        ),
        # 5
        ("h1", "Fees and Payment"),
        (
            "c",
            "**Fees.** Customer shall pay the fees stated in the Order Form. Provider will invoice "
            "subscription fees annually in advance, and Customer shall pay each invoice within thirty "
            "(30) days after the invoice date. Fees are non-cancellable and non-refundable except as "
            "expressly stated in this Agreement.",
        ),
        (
            "c",
            "**Late Payment.** Overdue amounts bear interest at the lesser of 1.5% per month and the "
            "maximum rate permitted by law. If any amount is more than thirty (30) days overdue, "
            "Provider may suspend the Service on ten (10) days’ written notice until it is paid.",
        ),
        (
            "c",
            "**Taxes.** Fees exclude taxes. Customer shall pay all sales, use, value-added and similar "
            "taxes on the fees, other than taxes on Provider’s income.",
        ),
        # 6
        ("h1", "Confidentiality"),
        (
            "c",
            "**Definition.** “**Confidential Information**” means all non-public information disclosed "
            "by a Party (the “**Discloser**”) to the other Party (the “**Recipient**”) that is marked "
            "confidential or that a reasonable person would understand to be confidential. Customer "
            "Data is Customer’s Confidential Information, subject to Provider’s rights under Section "
            "3.2. Confidential Information does not include information that is or becomes public "
            "through no fault of the Recipient, was known to the Recipient without restriction before "
            "disclosure, or is independently developed or lawfully received from a third party without "
            "restriction.",
        ),
        (
            "c",
            "**Obligations.** The Recipient shall use the Discloser’s Confidential Information only to "
            "perform its obligations or exercise its rights under this Agreement, shall protect it with "
            "at least the care it uses for its own similar information and no less than reasonable "
            "care, and shall disclose it only to its employees, contractors and advisers who need to "
            "know it and are bound by confidentiality obligations at least as protective as this "
            "Section 6. These obligations continue for three (3) years after this Agreement ends.",
        ),
        # 7
        ("h1", "Warranties and Disclaimer"),
        (
            "c",
            "**Performance Warranty.** Provider warrants that during the Subscription Term the Service "
            "will perform materially in accordance with the Documentation. As Customer’s exclusive "
            "remedy for breach of this warranty, Provider will use commercially reasonable efforts to "
            "correct the non-conformity, and if it cannot do so within thirty (30) days, either Party "
            "may terminate the affected subscription and Provider will refund any prepaid fees for the "
            "remainder of the Subscription Term.",
        ),
        (
            "c",
            "**Disclaimer.** EXCEPT AS EXPRESSLY PROVIDED IN SECTION 7.1, THE SERVICE AND ALL OUTPUTS "
            "ARE PROVIDED “AS IS” AND “AS AVAILABLE”, AND PROVIDER DISCLAIMS ALL OTHER WARRANTIES, "
            "EXPRESS OR IMPLIED, INCLUDING ANY IMPLIED WARRANTIES OF MERCHANTABILITY, FITNESS FOR A "
            "PARTICULAR PURPOSE, TITLE AND NON-INFRINGEMENT. PROVIDER DOES NOT WARRANT THAT THE "
            "SERVICE WILL BE UNINTERRUPTED OR ERROR-FREE OR THAT ANY OUTPUT GENERATED BY ITS "
            "MACHINE-LEARNING FEATURES WILL BE ACCURATE.",
        ),
        # 8
        ("h1", "Indemnification"),
        (
            "c",
            "**By Customer.** Customer shall defend, indemnify and hold harmless Provider and its "
            "affiliates, officers, directors, employees and agents from and against any and all "
            "claims, damages, losses, liabilities, costs and expenses (including reasonable attorneys’ "
            "fees) arising out of or relating to (a) Customer Data, including any claim that Customer "
            "Data or its use with the Service infringes or misappropriates a third party’s "
            "intellectual property or privacy rights; (b) the use of the Service by Customer or its "
            "Authorized Users; or (c) Customer’s breach of this Agreement.",
        ),
        (
            "c",
            "**Procedure.** Provider shall give Customer prompt written notice of any claim for which "
            "it seeks indemnification, and Customer shall control the defense and settlement of the "
            "claim, except that Customer may not settle any claim in a way that imposes any obligation "
            "or admission on Provider without Provider’s prior written consent. Provider may "
            "participate in the defense with counsel of its own choosing at its own expense.",
        ),
        # 9
        ("h1", "Limitation of Liability"),
        (
            "c",
            "**Exclusion of Indirect Damages.** IN NO EVENT WILL EITHER PARTY BE LIABLE TO THE OTHER "
            "FOR ANY INDIRECT, INCIDENTAL, SPECIAL, CONSEQUENTIAL, EXEMPLARY OR PUNITIVE DAMAGES, OR "
            "FOR ANY LOSS OF PROFITS, REVENUE, BUSINESS, GOODWILL OR DATA, ARISING OUT OF OR RELATING "
            "TO THIS AGREEMENT, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGES.",
        ),
        (
            "c",
            "**Cap on Liability.** IN NO EVENT WILL EITHER PARTY’S TOTAL AGGREGATE LIABILITY ARISING "
            "OUT OF OR RELATING TO THIS AGREEMENT, WHETHER IN CONTRACT, TORT (INCLUDING NEGLIGENCE) OR "
            "ANY OTHER THEORY, EXCEED THE FEES PAID BY CUSTOMER TO PROVIDER UNDER THIS AGREEMENT IN "
            "THE THREE (3) MONTHS IMMEDIATELY PRECEDING THE EVENT GIVING RISE TO THE CLAIM. THIS "
            "LIMITATION APPLIES TO ALL CLAIMS, INCLUDING CLAIMS FOR INDEMNIFICATION, BREACH OF "
            "SECTION 6 (CONFIDENTIALITY) AND ANY UNAUTHORIZED ACCESS TO CUSTOMER DATA.",
        ),
        # 10
        ("h1", "Term and Termination"),
        (
            "c",
            "**Term.** This Agreement begins on the Effective Date and continues until every "
            "Subscription Term has expired or been terminated. The initial Subscription Term is stated "
            "in the Order Form and automatically renews at its end for successive renewal terms of "
            "twelve (12) months each, unless either Party gives notice of non-renewal under "
            "Section 10.2.",
        ),
        (
            "c",
            "**Notice of Non-Renewal.** A Party that does not wish a Subscription Term to renew must "
            "give the other Party written notice of non-renewal at least ninety (90) days before the "
            "end of the then-current Subscription Term. Provider may change its fees for any renewal "
            "term by notice given at least thirty (30) days before the renewal.",
        ),
        (
            "c",
            "**Termination for Cause.** Either Party may terminate this Agreement by written notice if "
            "the other Party (a) materially breaches this Agreement and does not cure the breach "
            "within thirty (30) days after receiving written notice describing it, or (b) becomes "
            "insolvent or the subject of bankruptcy or similar proceedings that are not dismissed "
            "within sixty (60) days.",
        ),
        (
            "c",
            "**Effect of Termination.** When this Agreement ends, Customer’s right to use the Service "
            "ends and Customer shall pay all fees accrued up to the date of termination. If Customer "
            "terminates for Provider’s uncured breach, Provider will refund any prepaid fees for the "
            "remainder of the Subscription Term.",
        ),
        (
            "c",
            "**Return and Deletion of Customer Data.** For thirty (30) days after this Agreement ends, "
            "Provider shall make Customer Data available to Customer for export in CSV or JSON format "
            "through the Service. Provider shall then delete Customer Data from its production systems "
            "within sixty (60) days, and from its backups in the ordinary course of its backup "
            "rotation, and shall certify the deletion in writing on Customer’s request.",
        ),
        (
            "c",
            "**Survival.** Sections 3.2, 4, 6, 7.2, 8, 9, 10.4, 10.5, 10.6 and 11, and any obligation "
            "to pay fees accrued before termination, survive the end of this Agreement.",
        ),
        # 11
        ("h1", "General"),
        (
            "c",
            "**Governing Law and Jurisdiction.** This Agreement is governed by the laws of the State of "
            "New York, without regard to its conflict-of-laws principles. The United Nations "
            "Convention on Contracts for the International Sale of Goods does not apply. Each Party "
            "submits to the exclusive jurisdiction of the state and federal courts located in New York "
            "County, New York for any dispute arising out of or relating to this Agreement.",
        ),
        (
            "c",
            "**Assignment.** Neither Party may assign this Agreement without the other Party’s prior "
            "written consent, except that either Party may assign it without consent to a successor in "
            "a merger, acquisition or sale of all or substantially all of its assets or business to "
            "which this Agreement relates.",
        ),
        (
            "c",
            "**Force Majeure.** Neither Party is liable for any delay or failure to perform (other than "
            "a payment obligation) caused by events beyond its reasonable control, including natural "
            "disasters, war, terrorism, labor disputes, internet or utility failures and acts of "
            "government.",
        ),
        (
            "c",
            "**Entire Agreement.** This Agreement, including the Order Form and the documents it "
            "references, is the entire agreement between the Parties on its subject matter and "
            "supersedes any purchase order or other terms proposed by Customer. Any amendment must be "
            "in writing and signed by both Parties.",
        ),
        (
            "sig",
            "IN WITNESS WHEREOF, the Parties have caused this Agreement to be executed by their duly "
            "authorized representatives as of the Effective Date.",
            [
                ("COPPERLEAF CLOUD SYSTEMS, INC.", "Marcus Ellery", "VP, Sales"),
                ("HARBOR & PINE OUTFITTERS, INC.", "Joanna Whitcombe", "Chief Financial Officer"),
            ],
        ),
    ],
}


# ============================================================================================
# 3. Data Licence Agreement for AI training (licensee side) -- data_licence playbook, PDF
# ============================================================================================

DATA_LICENCE = {
    "file": "data_licence_ai_training.pdf",
    "pages": 4,  # as laid out by LibreOffice 7.4; recorded in docProps/app.xml
    "auto_numbering": False,
    "footer": "Data Licence Agreement — Page ",
    "title_prop": "Data Licence Agreement",
    "blocks": [
        ("title", "DATA LICENCE AGREEMENT"),
        ("center", "Larkspur Conversational Corpus v3.0"),
        (
            "p",
            "**THIS AGREEMENT** is dated 14 April 2025 (the “**Effective Date**”) and is made "
            "**BETWEEN:**",
        ),
        (
            "msub",
            "(1)",
            "**LARKSPUR MEDIA ARCHIVE LIMITED**, a company incorporated in England and Wales with "
            "company number 09876543, whose registered office is at 21 Canal Wharf, Leeds LS11 5PS, "
            "United Kingdom (the “**Licensor**”); and",
        ),
        (
            "msub",
            "(2)",
            "**NORTHWIND ANALYTICS, INC.**, a Delaware corporation whose principal office is at "
            "410 Harbor Street, Suite 900, Seattle, Washington 98101, USA (the “**Licensee**”).",
        ),
        ("h1u", "BACKGROUND"),
        (
            "msub",
            "(A)",
            "The Licensor has compiled a corpus of customer-service conversations and product reviews, "
            "described in Schedule 1.",
        ),
        (
            "msub",
            "(B)",
            "The Licensee develops machine-learning models for retail and logistics customers and "
            "wishes to obtain a licence of the corpus on the terms of this Agreement.",
        ),
        ("h1u", "AGREED TERMS"),
        ("h1", "1.  DEFINITIONS"),
        ("mc", "1.1", "In this Agreement the following definitions apply:"),
        (
            "msub",
            "(a)",
            "“**Dataset**” means the collection of data described in Schedule 1, including all "
            "records, annotations, metadata and documentation, and any update to it delivered by the "
            "Licensor under this Agreement.",
        ),
        (
            "msub",
            "(b)",
            "“**Derived Data**” means any data, dataset, annotation, label, embedding, translation, "
            "extract, filtered or cleaned version or other material created by or for the Licensee "
            "from, or with the use of, the Dataset or any part of it.",
        ),
        (
            "msub",
            "(c)",
            "“**Model**” means any machine-learning or artificial-intelligence model, including its "
            "weights, parameters and checkpoints, that is trained, fine-tuned or evaluated using the "
            "Dataset or any Derived Data.",
        ),
        ("msub", "(d)", "“**Output**” means any content generated by a Model."),
        (
            "msub",
            "(e)",
            "“**Intellectual Property Rights**” means copyright, database rights, patents, rights in "
            "confidential information and all other intellectual property rights, in each case "
            "whether registered or unregistered and wherever in the world.",
        ),
        ("h1", "2.  LICENCE"),
        (
            "mc",
            "2.1",
            "**Grant.** Subject to the terms of this Agreement and payment of the Fees, the Licensor "
            "grants to the Licensee a non-exclusive, non-transferable, non-sublicensable licence during "
            "the Term to access, copy and use the Dataset for internal research purposes.",
        ),
        (
            "mc",
            "2.2",
            "**Training.** Within the research purposes permitted by clause 2.1, the Licensee may use "
            "the Dataset to train, fine-tune and evaluate Models. No right is granted to use the "
            "Dataset or any Model for any commercial purpose, including to offer any Model, or any "
            "Output, as or within a product or service made available to third parties.",
        ),
        (
            "mc",
            "2.3",
            "**Restrictions.** The Licensee shall not (a) sell, sublicense, publish or otherwise make "
            "the Dataset available to any third party; (b) attempt to re-identify any individual whose "
            "data is contained in the Dataset; or (c) use the Dataset in breach of any applicable law.",
        ),
        ("h1", "3.  DERIVED DATA"),
        (
            "mc",
            "3.1",
            "**Contribution of Derived Data.** The Licensee shall make all Derived Data, and any "
            "modifications, corrections or enrichments of the Dataset, available to the Licensor free "
            "of charge within thirty (30) days after their creation, and grants the Licensor and its "
            "other licensees a perpetual, irrevocable, worldwide, royalty-free licence to use, copy, "
            "modify and distribute them. Any dataset that contains or is derived from the Dataset may "
            "be distributed only under the terms of this Agreement.",
        ),
        ("h1", "4.  OWNERSHIP"),
        (
            "mc",
            "4.1",
            "**Dataset.** As between the parties, the Licensor owns all right, title and interest, "
            "including all Intellectual Property Rights, in the Dataset.",
        ),
        (
            "mc",
            "4.2",
            "**Models.** All Models, and all Intellectual Property Rights in them, shall vest in and "
            "belong to the Licensor on creation, and the Licensee hereby assigns to the Licensor all "
            "right, title and interest in each Model. The Licensor grants the Licensee a non-exclusive "
            "licence to use those Models during the Term solely for the purposes permitted by "
            "clause 2.",
        ),
        (
            "mc",
            "4.3",
            "**Outputs.** The Licensee may use Outputs only for the research purposes permitted by "
            "clause 2.1 and shall not publish or distribute any Output without the Licensor’s prior "
            "written consent. No other right in Outputs is granted to or vests in the Licensee.",
        ),
        ("h1", "5.  FEES"),
        (
            "mc",
            "5.1",
            "The Licensee shall pay the fees set out in Schedule 2 (the “**Fees**”) within thirty (30) "
            "days after the date of each invoice. Fees are exclusive of VAT and any other applicable "
            "taxes, which the Licensee shall pay in addition.",
        ),
        ("h1", "6.  CONFIDENTIALITY"),
        (
            "mc",
            "6.1",
            "**Obligations.** Each party shall keep confidential all information of a confidential "
            "nature disclosed to it by the other party in connection with this Agreement, including, "
            "in the Licensor’s case, the Dataset (“**Confidential Information**”), shall use it only "
            "to perform its obligations or exercise its rights under this Agreement, and shall not "
            "disclose it except to its employees, contractors and professional advisers who need to "
            "know it and are bound by equivalent duties of confidence, or as required by law. These "
            "obligations continue for five (5) years after termination of this Agreement.",
        ),
        (
            "mc",
            "6.2",
            "Clause 6.1 does not apply to information that is or becomes publicly available other "
            "than through a breach of this Agreement, or that the receiving party can show it held "
            "before disclosure or developed independently.",
        ),
        ("h1", "7.  ATTRIBUTION"),
        (
            "mc",
            "7.1",
            "The Licensee shall include the following attribution in every publication, paper, "
            "presentation and model card that describes work using the Dataset: “This work uses the "
            "Larkspur Conversational Corpus v3.0, © Larkspur Media Archive Limited, used under "
            "licence.”",
        ),
        ("h1", "8.  WARRANTIES"),
        (
            "mc",
            "8.1",
            "Each party warrants that it has full power and authority to enter into and perform this "
            "Agreement.",
        ),
        (
            "mc",
            "8.2",
            "The Licensee warrants that it will use the Dataset in accordance with this Agreement and "
            "all applicable laws, including data protection laws.",
        ),
        (
            "mc",
            "8.3",
            "**Disclaimer.** Except as expressly set out in clause 8.1, the Dataset is provided “as "
            "is” and the Licensor gives no warranty, representation or undertaking of any kind, "
            "whether express or implied, including as to its accuracy, completeness, quality, "
            "fitness for a particular purpose or non-infringement, and all such warranties are "
            "excluded to the fullest extent permitted by law.",
        ),
        ("h1", "9.  LIMITATION OF LIABILITY"),
        (
            "mc",
            "9.1",
            "Nothing in this Agreement limits or excludes either party’s liability for death or "
            "personal injury caused by its negligence, for fraud or fraudulent misrepresentation, or "
            "for any other liability that cannot be limited or excluded by law.",
        ),
        (
            "mc",
            "9.2",
            "Subject to clause 9.1, neither party shall be liable for any loss of profits, loss of "
            "business or any indirect or consequential loss arising under or in connection with this "
            "Agreement, and each party’s total liability arising under or in connection with this "
            "Agreement shall not exceed the Fees paid in the twelve (12) months preceding the event "
            "giving rise to the claim.",
        ),
        ("h1", "10.  TERM AND TERMINATION"),
        (
            "mc",
            "10.1",
            "**Term.** This Agreement commences on the Effective Date and continues for two (2) years "
            "(the “**Term**”), unless terminated earlier in accordance with this clause 10. The "
            "parties may extend the Term only by written agreement.",
        ),
        (
            "mc",
            "10.2",
            "**Termination for Breach.** Either party may terminate this Agreement with immediate "
            "effect by written notice if the other party commits a material breach of it which is "
            "irremediable or, if remediable, is not remedied within thirty (30) days after receipt of "
            "a written notice requiring it to be remedied.",
        ),
        (
            "mc",
            "10.3",
            "**Consequences of Termination.** On expiry or termination of this Agreement for any "
            "reason, the Licensee shall within thirty (30) days (a) cease all use of the Dataset and "
            "all Derived Data; (b) permanently delete all copies of the Dataset and the Derived Data "
            "in its possession or control; and (c) permanently delete and destroy all Models, "
            "including all weights, parameters and checkpoints, and deliver to the Licensor a "
            "certificate of destruction signed by an officer of the Licensee.",
        ),
        (
            "mc",
            "10.4",
            "Clauses 3, 4, 6, 9, 10.3, 10.4 and 11 survive expiry or termination of this Agreement.",
        ),
        ("h1", "11.  GENERAL"),
        (
            "mc",
            "11.1",
            "**Assignment.** The Licensee shall not assign, transfer or subcontract any of its rights "
            "or obligations under this Agreement without the prior written consent of the Licensor.",
        ),
        (
            "mc",
            "11.2",
            "**Entire Agreement.** This Agreement, including its Schedules, constitutes the entire "
            "agreement between the parties and supersedes all previous agreements between them "
            "relating to its subject matter.",
        ),
        (
            "mc",
            "11.3",
            "**Governing Law and Jurisdiction.** This Agreement and any dispute or claim arising out "
            "of or in connection with it or its subject matter (including non-contractual disputes "
            "or claims) shall be governed by and construed in accordance with the law of England and "
            "Wales, and each party irrevocably agrees that the courts of England and Wales shall have "
            "exclusive jurisdiction to settle any such dispute or claim.",
        ),
        ("pagebreak",),
        ("h1u", "SCHEDULE 1 — THE DATASET"),
        (
            "table",
            [
                ["Item", "Description"],
                ["Name and version", "Larkspur Conversational Corpus, version 3.0"],
                [
                    "Content",
                    "Approximately 4.2 million English-language customer-service chat transcripts "
                    "(2016–2023) collected from the support channels of the Licensor’s retail clients, "
                    "and approximately 1.1 million product reviews",
                ],
                ["Format", "JSON Lines, UTF-8; approximately 310 GB uncompressed"],
                [
                    "Personal data",
                    "Transcripts are pseudonymised by the Licensor; free-text fields may contain "
                    "residual names, addresses, order numbers and other personal data",
                ],
                ["Delivery", "Secure SFTP within ten (10) business days after the Effective Date"],
                ["Updates", "Quarterly incremental releases during the Term"],
            ],
            [4.5, 11.8],
        ),
        ("h1u", "SCHEDULE 2 — FEES"),
        (
            "table",
            [
                ["Item", "Amount", "Invoiced"],
                ["Licence fee, year 1", "GBP 120,000", "On the Effective Date"],
                ["Licence fee, year 2", "GBP 120,000", "On the first anniversary of the Effective Date"],
                ["Quarterly Dataset updates", "Included", "—"],
                ["Technical support beyond 5 days per year", "GBP 1,200 per day", "Monthly in arrears"],
            ],
            [6.5, 3.8, 6.0],
        ),
        (
            "sig",
            "This Agreement has been entered into on the date stated at the beginning of it.",
            [
                ("Signed for and on behalf of LARKSPUR MEDIA ARCHIVE LIMITED", "Eleanor Marsh", "Director"),
                ("Signed for and on behalf of NORTHWIND ANALYTICS, INC.", "Priya Raman", "Chief Technology Officer"),
            ],
        ),
    ],
}


# ============================================================================================
# 4. Mutual Non-Disclosure Agreement (either side) -- nda playbook
# ============================================================================================

NDA = {
    "file": "mutual_nda.docx",
    "pages": 2,  # as laid out by LibreOffice 7.4; recorded in docProps/app.xml
    "auto_numbering": False,
    "footer": "Mutual Non-Disclosure Agreement — Page ",
    "title_prop": "Mutual Non-Disclosure Agreement",
    "blocks": [
        ("title", "MUTUAL NON-DISCLOSURE AGREEMENT"),
        (
            "p",
            "This Mutual Non-Disclosure Agreement (this “**Agreement**”) is entered into as of "
            "February 10, 2025 (the “**Effective Date**”) by and between **Northwind Analytics, "
            "Inc.**, a Delaware corporation with offices at 410 Harbor Street, Suite 900, Seattle, "
            "Washington 98101 (“**Northwind**”), and **Tidewater Freight Solutions, Inc.**, a Texas "
            "corporation with offices at 2300 Channel Drive, Houston, Texas 77029 (“**Tidewater**”). "
            "Each of Northwind and Tidewater is a “**Party**”.",
        ),
        ("h1", "Background"),
        (
            "p",
            "The Parties wish to evaluate a possible arrangement under which Tidewater would license "
            "shipment and logistics data to Northwind for use in demand-forecasting models (the "
            "“**Purpose**”), and in doing so each Party may disclose Confidential Information to the "
            "other. The Parties therefore agree as follows:",
        ),
        ("h1", "Agreed Terms"),
        ("h2", "1.  Confidential Information"),
        (
            "mc",
            "1.1",
            "“**Confidential Information**” means all non-public business, technical and financial "
            "information disclosed by or for a Party (the “**Disclosing Party**”) to the other Party "
            "(the “**Receiving Party**”) in connection with the Purpose, whether oral, written, "
            "electronic or visual, that is marked or identified as confidential or that a reasonable "
            "person would understand to be confidential, including data samples, data schemas, "
            "pricing, customer information, software and the existence and terms of the Parties’ "
            "discussions.",
        ),
        (
            "mc",
            "1.2",
            "Confidential Information does not include information that the Receiving Party can "
            "show (a) is or becomes publicly available through no breach of this Agreement; (b) was "
            "known to it without restriction before receipt from the Disclosing Party; (c) is "
            "received from a third party without breach of any duty of confidentiality; or (d) is "
            "independently developed by it without use of the Disclosing Party’s Confidential "
            "Information.",
        ),
        ("h2", "2.  Obligations of the Receiving Party"),
        (
            "mc",
            "2.1",
            "The Receiving Party shall (a) use the Disclosing Party’s Confidential Information only "
            "for the Purpose; (b) not disclose it to any person other than its and its affiliates’ "
            "employees, officers and professional advisers who need to know it for the Purpose and "
            "are bound by confidentiality obligations no less protective than this Agreement "
            "(“**Representatives**”); and (c) protect it with at least the degree of care it uses "
            "for its own confidential information of a similar nature, and no less than reasonable "
            "care. The Receiving Party is responsible for any breach of this Agreement by its "
            "Representatives.",
        ),
        (
            "mc",
            "2.2",
            "If the Receiving Party is required by law, regulation or court order to disclose any "
            "Confidential Information, it may do so to the extent required, provided that it gives "
            "the Disclosing Party prompt prior written notice where legally permitted and cooperates "
            "reasonably with any effort to obtain a protective order.",
        ),
        ("h2", "3.  Residuals"),
        (
            "mc",
            "3.1",
            "Notwithstanding anything to the contrary in this Agreement, each Party may use for any "
            "purpose the Residuals resulting from access to or work with the other Party’s "
            "Confidential Information. “**Residuals**” means information in intangible form, "
            "including ideas, concepts, know-how and techniques, that is retained in the unaided "
            "memory of the Receiving Party’s Representatives who had access to the Confidential "
            "Information. The Receiving Party has no obligation to pay royalties for any use of "
            "Residuals or to limit the work assignments of its Representatives.",
        ),
        ("h2", "4.  Term"),
        (
            "mc",
            "4.1",
            "This Agreement applies to Confidential Information disclosed during the one (1) year "
            "following the Effective Date. The Receiving Party’s obligations under this Agreement in "
            "respect of any item of Confidential Information expire one (1) year after the date on "
            "which that item was disclosed.",
        ),
        ("h2", "5.  Return or Destruction"),
        (
            "mc",
            "5.1",
            "Within fifteen (15) days after the Disclosing Party’s written request, the Receiving "
            "Party shall return or destroy all Confidential Information of the Disclosing Party in "
            "its possession or control, including all copies, notes and extracts, and shall confirm "
            "in writing that it has done so, except that it may retain copies held in automatic "
            "electronic backup systems or required to be kept by law, which remain subject to this "
            "Agreement for as long as they are held.",
        ),
        ("h2", "6.  No License; No Warranty"),
        (
            "mc",
            "6.1",
            "All Confidential Information remains the property of the Disclosing Party. Nothing in "
            "this Agreement grants the Receiving Party any license or other right in or to the "
            "Disclosing Party’s Confidential Information, patents, copyrights, trade secrets or other "
            "intellectual property, except the limited right to use Confidential Information for the "
            "Purpose.",
        ),
        (
            "mc",
            "6.2",
            "All Confidential Information is provided “as is”, without any warranty as to its "
            "accuracy or completeness. Neither Party is obliged by this Agreement to enter into any "
            "further agreement or transaction.",
        ),
        ("h2", "7.  Non-Solicitation"),
        (
            "mc",
            "7.1",
            "For twelve (12) months after the Effective Date, neither Party shall directly or "
            "indirectly solicit for employment any employee of the other Party with whom it first had "
            "contact in connection with the Purpose. General job advertisements not specifically "
            "directed at the other Party’s employees, and hiring anyone who responds to them, do not "
            "breach this clause.",
        ),
        ("h2", "8.  General"),
        (
            "mc",
            "8.1",
            "**Governing Law.** This Agreement is governed by the laws of the State of Delaware, "
            "without regard to its conflict-of-laws rules, and the Parties submit to the exclusive "
            "jurisdiction of the state and federal courts located in Wilmington, Delaware.",
        ),
        (
            "mc",
            "8.2",
            "**Equitable Relief.** Each Party acknowledges that a breach of this Agreement may cause "
            "the other Party irreparable harm for which damages would not be an adequate remedy, and "
            "that the other Party may seek injunctive relief in addition to any other remedy.",
        ),
        (
            "mc",
            "8.3",
            "**Miscellaneous.** This Agreement is the entire agreement between the Parties on its "
            "subject matter, may be amended only in a writing signed by both Parties, and may be "
            "signed in counterparts, including electronically.",
        ),
        (
            "sig",
            "IN WITNESS WHEREOF, the Parties have executed this Agreement as of the Effective Date.",
            [
                ("NORTHWIND ANALYTICS, INC.", "Priya Raman", "Chief Technology Officer"),
                ("TIDEWATER FREIGHT SOLUTIONS, INC.", "Carlos Benavides", "General Counsel"),
            ],
        ),
    ],
}

SAMPLES = [CONTRACTOR, SAAS, DATA_LICENCE, NDA]


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------

_BOLD = re.compile(r"\*\*(.+?)\*\*")
BODY_FONT = "Times New Roman"


def _add_runs(paragraph, text: str, bold: bool = False) -> None:
    """Add ``text`` to ``paragraph``, making ``**...**`` stretches bold."""
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            paragraph.add_run(text[pos : m.start()]).bold = bold or None
        paragraph.add_run(m.group(1)).bold = True
        pos = m.end()
    if pos < len(text):
        paragraph.add_run(text[pos:]).bold = bold or None


def _style_document(doc) -> None:
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(11)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = parse_xml(f"<w:rFonts {nsdecls('w')}/>")
        rpr.insert(0, rfonts)  # rFonts is the first child of rPr in the schema
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), BODY_FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(attr), None)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(5)
    pf.line_spacing = 1.0

    for name, size, before, after in (("Title", 15, 0, 14), ("Heading 1", 11, 12, 6), ("Heading 2", 11, 10, 4)):
        st = styles[name]
        st.font.name = BODY_FONT
        st.font.size = Pt(size)
        st.font.bold = True
        st.font.italic = False
        st.font.color.rgb = RGBColor(0, 0, 0)
        rpr = st.element.get_or_add_rPr()
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None:
            for attr in list(rfonts.attrib):
                rfonts.attrib.pop(attr)
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                rfonts.set(qn(attr), BODY_FONT)
        for tag in ("w:spacing",):
            el = rpr.find(qn(tag))
            if el is not None:
                rpr.remove(el)
        ppr = st.element.get_or_add_pPr()
        bdr = ppr.find(qn("w:pBdr"))
        if bdr is not None:
            ppr.remove(bdr)
        st.paragraph_format.space_before = Pt(before)
        st.paragraph_format.space_after = Pt(after)
        st.paragraph_format.keep_with_next = True
    styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    styles["Heading 1"].font.all_caps = False

    section = doc.sections[0]
    section.page_height = Cm(27.94)
    section.page_width = Cm(21.59)
    section.top_margin = Cm(2.54)
    section.bottom_margin = Cm(2.3)
    section.left_margin = Cm(2.54)
    section.right_margin = Cm(2.54)


def _add_numbering(doc) -> int:
    """Add a three-level legal numbering definition ("1.", "1.1", "(a)") and return its numId."""
    numbering = doc.part.numbering_part.element
    abstract = numbering.findall(qn("w:abstractNum"))
    nums = numbering.findall(qn("w:num"))
    aid = max((int(a.get(qn("w:abstractNumId"))) for a in abstract), default=-1) + 1
    nid = max((int(n.get(qn("w:numId"))) for n in nums), default=0) + 1
    levels = [
        ("decimal", "%1.", 567, 567),
        ("decimal", "%1.%2", 567, 567),
        ("lowerLetter", "(%3)", 1134, 567),
        ("lowerRoman", "(%4)", 1701, 567),
        ("upperLetter", "(%5)", 2268, 567),
        ("decimal", "(%6)", 2835, 567),
        ("lowerLetter", "%7.", 3402, 567),
        ("lowerRoman", "%8.", 3969, 567),
        ("decimal", "%9.", 4536, 567),
    ]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:tabs><w:tab w:val="num" w:pos="{left}"/></w:tabs>'
        f'<w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        for i, (fmt, text, left, hang) in enumerate(levels)
    )
    abstract_el = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}">'
        f'<w:nsid w:val="4C3A1D{aid:02X}"/><w:multiLevelType w:val="multilevel"/>'
        f'<w:name w:val="Legal Clauses"/>{lvls}</w:abstractNum>'
    )
    if abstract:
        abstract[-1].addnext(abstract_el)
    elif nums:
        nums[0].addprevious(abstract_el)
    else:
        numbering.append(abstract_el)
    num_el = parse_xml(f'<w:num {nsdecls("w")} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/></w:num>')
    last_num = numbering.findall(qn("w:num"))
    if last_num:
        last_num[-1].addnext(num_el)
    else:
        abstract_el.addnext(num_el)
    return nid


def _set_num(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    # numPr comes right after pStyle / keepNext etc.; inserting after pStyle keeps schema order.
    pstyle = ppr.find(qn("w:pStyle"))
    if pstyle is not None:
        pstyle.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _add_footer(doc, text: str) -> None:
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.font.size = Pt(9)
    r_begin = p.add_run()
    r_begin.font.size = Pt(9)
    r_begin._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="begin"/>'))
    r_instr = p.add_run()
    r_instr.font.size = Pt(9)
    r_instr._r.append(parse_xml(f'<w:instrText {nsdecls("w")} xml:space="preserve"> PAGE </w:instrText>'))
    r_sep = p.add_run()
    r_sep._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="separate"/>'))
    r_val = p.add_run("1")
    r_val.font.size = Pt(9)
    r_end = p.add_run()
    r_end._r.append(parse_xml(f'<w:fldChar {nsdecls("w")} w:fldCharType="end"/>'))


_TBLPR_ORDER = [
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
    "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar",
    "tblLook", "tblCaption", "tblDescription",
]


def _sort_tblpr(table) -> None:
    """Put w:tblPr children in schema order (Word rejects out-of-order table properties)."""
    tbl_pr = table._tbl.tblPr
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_TBLPR_ORDER)}
    children = sorted(tbl_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        tbl_pr.append(el)


def _set_cell_margins_and_borders(table, borders: bool) -> None:
    tbl_pr = table._tbl.tblPr
    if borders:
        tbl_pr.append(
            parse_xml(
                f'<w:tblBorders {nsdecls("w")}>'
                + "".join(
                    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for side in ("top", "left", "bottom", "right", "insideH", "insideV")
                )
                + "</w:tblBorders>"
            )
        )
    tbl_pr.append(
        parse_xml(
            f'<w:tblCellMar {nsdecls("w")}><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
            f'<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar>'
        )
    )


def _set_column_widths(table, widths_cm: list[float]) -> None:
    """Fixed layout with explicit grid widths (Word and LibreOffice both honour w:gridCol)."""
    twips = [int(w / 2.54 * 1440) for w in widths_cm]
    tbl = table._tbl
    for grid_col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        grid_col.set(qn("w:w"), str(width))
    tbl_pr = tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = parse_xml(f'<w:tblW {nsdecls("w")}/>')
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(twips)))
    tbl_w.set(qn("w:type"), "dxa")
    if tbl_pr.find(qn("w:tblLayout")) is None:
        tbl_pr.append(parse_xml(f'<w:tblLayout {nsdecls("w")} w:type="fixed"/>'))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _add_table(doc, rows: list[list[str]], widths_cm: list[float]) -> None:
    table = doc.add_table(rows=len(rows), cols=len(rows[0]))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_cell_margins_and_borders(table, borders=True)
    _set_column_widths(table, widths_cm)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            cell = table.cell(r, c)
            p = cell.paragraphs[0]
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT
            _add_runs(p, value, bold=(r == 0))
            for run in p.runs:
                run.font.size = Pt(10)
            if r == 0:
                tc_pr = cell._tc.get_or_add_tcPr()
                tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="E7E6E6"/>'))
    # repeat header row across pages
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))
    _sort_tblpr(table)
    doc.add_paragraph().paragraph_format.space_after = Pt(2)


def _add_signature_block(doc, intro: str, parties: list[tuple[str, str, str]]) -> None:
    p = doc.add_paragraph()
    _add_runs(p, intro)
    p.paragraph_format.space_before = Pt(12)
    p.paragraph_format.space_after = Pt(12)
    p.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1, cols=len(parties))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_cell_margins_and_borders(table, borders=False)
    _set_column_widths(table, [8.25] * len(parties))
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f'<w:cantSplit {nsdecls("w")}/>'))
    _sort_tblpr(table)
    for i, (party, name, title) in enumerate(parties):
        cell = table.cell(0, i)
        lines = [
            (party, True),
            ("", False),
            ("", False),
            ("By: _______________________________", False),
            (f"Name: {name}", False),
            (f"Title: {title}", False),
            ("Date: _____________________________", False),
        ]
        first = cell.paragraphs[0]
        for j, (line, bold) in enumerate(lines):
            para = first if j == 0 else cell.add_paragraph()
            para.paragraph_format.space_after = Pt(2)
            para.paragraph_format.keep_with_next = j < len(lines) - 1
            if line:
                run = para.add_run(line)
                run.bold = bold or None


def build_docx(spec: dict):
    doc = Document()
    _style_document(doc)
    num_id = _add_numbering(doc) if spec["auto_numbering"] else None
    cp = doc.core_properties
    cp.title = spec["title_prop"]
    cp.author = "Sample agreement (fictional)"
    cp.last_modified_by = "build_samples.py"
    cp.comments = "Fictional sample agreement with deliberate issues; not legal advice."
    cp.created = FIXED_TIME
    cp.modified = FIXED_TIME
    cp.last_printed = FIXED_TIME
    cp.revision = 1
    _add_footer(doc, spec["footer"])

    # The default template starts with one empty paragraph in some versions; remove any.
    body = doc.element.body
    for p in list(body.findall(qn("w:p"))):
        if not p.xpath(".//w:t"):
            body.remove(p)

    for block in spec["blocks"]:
        kind = block[0]
        if kind == "title":
            doc.add_paragraph(block[1], style="Title")
        elif kind == "center":
            p = doc.add_paragraph()
            _add_runs(p, block[1], bold=True)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(14)
        elif kind == "p":
            p = doc.add_paragraph()
            _add_runs(p, block[1])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif kind in ("h1", "h1u"):
            p = doc.add_paragraph(block[1], style="Heading 1")
            if kind == "h1" and num_id is not None:
                _set_num(p, num_id, 0)
        elif kind == "h2":
            doc.add_paragraph(block[1], style="Heading 2")
        elif kind in ("c", "sub"):
            if num_id is None:
                raise ValueError(f"{spec['file']}: auto-numbered block in a manually numbered document")
            p = doc.add_paragraph()
            _add_runs(p, block[1])
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            _set_num(p, num_id, 1 if kind == "c" else 2)
        elif kind in ("mc", "msub"):
            label, text = block[1], block[2]
            p = doc.add_paragraph()
            _add_runs(p, f"{label}\t{text}")
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            indent = Cm(1.0) if kind == "mc" else Cm(2.0)
            p.paragraph_format.left_indent = indent
            p.paragraph_format.first_line_indent = -Cm(1.0)
            p.paragraph_format.tab_stops.add_tab_stop(indent)
        elif kind == "table":
            _add_table(doc, block[1], block[2])
        elif kind == "sig":
            _add_signature_block(doc, block[1], block[2])
        elif kind == "pagebreak":
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        else:
            raise ValueError(f"unknown block kind {kind!r}")
    return doc


def _drop_template_thumbnail(doc) -> None:
    """python-docx's default template carries a thumbnail of an empty page; drop it."""
    rels = doc.part.package.rels
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            rels.pop(rid)


def _app_properties(xml: bytes, pages: int, words: int) -> bytes:
    """Fill docProps/app.xml the way Word would on save (the template says 1 page, 0 words)."""
    text = xml.decode("utf-8")
    for tag, value in (("Pages", pages), ("Words", words), ("Application", "build_samples.py (python-docx)")):
        text = re.sub(rf"<{tag}>[^<]*</{tag}>", f"<{tag}>{value}</{tag}>", text)
    return text.encode("utf-8")


def save_docx(doc, path: Path, pages: int) -> None:
    """Save with fixed zip timestamps so that rebuilding gives identical bytes."""
    _drop_template_thumbnail(doc)
    words = sum(len(p.text.split()) for p in doc.paragraphs) + sum(
        len(c.text.split()) for t in doc.tables for row in t.rows for c in row.cells
    )
    buf = io.BytesIO()
    doc.save(buf)
    buf.seek(0)
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/app.xml":
                data = _app_properties(data, pages, words)
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)


def convert_to_pdf(docx_path: Path, outdir: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit(
            "LibreOffice (soffice) is needed to build the PDF sample: "
            "apt-get install -y libreoffice-writer-nogui (or pass --no-pdf)"
        )
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx_path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=300,
        )
    pdf = outdir / (docx_path.stem + ".pdf")
    if not pdf.exists():
        raise SystemExit(f"LibreOffice did not produce {pdf}")
    return pdf


def build(outdir: Path, pdf: bool = True) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for spec in SAMPLES:
        target = outdir / spec["file"]
        doc = build_docx(spec)
        if target.suffix == ".docx":
            save_docx(doc, target, spec["pages"])
            written.append(target)
        elif pdf:
            with tempfile.TemporaryDirectory(prefix="sample-pdf-") as tmp:
                tmp_docx = Path(tmp) / (target.stem + ".docx")
                save_docx(doc, tmp_docx, spec["pages"])
                produced = convert_to_pdf(tmp_docx, Path(tmp))
                shutil.copyfile(produced, target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outdir", type=Path, default=HERE, help="where to write the samples (default: here)")
    parser.add_argument("--no-pdf", action="store_true", help="skip the PDF sample (needs LibreOffice)")
    args = parser.parse_args(argv)
    for path in build(args.outdir, pdf=not args.no_pdf):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
