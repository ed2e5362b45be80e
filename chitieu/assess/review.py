"""Review-queue criteria: why a fact should be looked at by a person before it is trusted."""

from __future__ import annotations

from enum import StrEnum

from chitieu.assess.thresholds import DEFAULT, Thresholds


class Reason(StrEnum):
    LOW_CONFIDENCE = "độ tin cậy thấp"
    NO_INDICATOR = "chưa gắn mã chỉ tiêu"
    SHARE_MISMATCH = "tỷ lệ % KH không khớp"


def needs_review(confidence: float | None, indicator_code: str | None, consistent: bool | None, *,
                 thresholds: Thresholds = DEFAULT) -> list[Reason]:
    """The reasons (empty when none) in a fixed order: confidence, indicator code, share.

    A missing confidence counts as low; `consistent` None (nothing to compare) is no reason.
    """
    reasons: list[Reason] = []
    if confidence is None or confidence < thresholds.review_confidence_below:
        reasons.append(Reason.LOW_CONFIDENCE)
    if not (indicator_code or "").strip():
        reasons.append(Reason.NO_INDICATOR)
    if consistent is False:
        reasons.append(Reason.SHARE_MISMATCH)
    return reasons
