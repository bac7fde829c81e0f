"""Which places of a clause type a review shows a check at."""

from __future__ import annotations

from clause_library.review import FLAGGED_MIN_SHARE, Finding, _worth_flagging


def _place(score: float, path: tuple[str, ...], status: str = "weak") -> Finding:
    return Finding(
        clause_id="limitation_of_liability",
        title="Limitation of liability",
        family="risk",
        status=status,  # type: ignore[arg-type]
        severity="medium",
        score=score,
        start=0,
        end=1,
        text="x",
        clause_start=0,
        clause_end=1,
        segment_id="cl1",
        heading_path=path,
        page=None,
        reasons=(),
    )


def test_a_check_far_below_the_types_best_place_is_not_shown() -> None:
    best = _place(0.9, ("9 Liability", "9.2"), status="present")
    near = _place(0.9 * FLAGGED_MIN_SHARE + 0.01, ("12 General", "12.4"))
    far = _place(0.9 * FLAGGED_MIN_SHARE - 0.01, ("1 Definitions", "1.1"))
    assert _worth_flagging([best, near, far]) == [best, near]


def test_a_sub_item_of_a_well_scored_provision_stays() -> None:
    best = _place(0.8, ("10 Term", "10.3"), status="present")
    item = _place(0.1, ("10 Term", "10.3", "(c)"))
    elsewhere = _place(0.1, ("10 Term", "10.4"))
    assert _worth_flagging([best, item, elsewhere]) == [best, item]
