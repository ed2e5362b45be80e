"""Every threshold of the judgement, in one place.

A `Thresholds` value is passed to the assess functions; `DEFAULT` holds the values below.
Percentages are in percent points (45.4 means 45,4 %); shares of a period are fractions
(0.5 means half the period has elapsed). Ratios compare the achieved share of plan with
the expected pace (1.0 means exactly on pace).

===========================  =======  ==========================================================
field                        default  meaning
===========================  =======  ==========================================================
exceed_margin                0.0      achievement > 100 + margin → "vượt kế hoạch" (any time)
met_at                       100.0    achievement ≥ this → "đạt" (any time)
on_pace_ratio                1.0      in-period ratio achievement / expected pace ≥ this →
                                      "đúng tiến độ"; below it the fact is behind pace
behind_ratio                 0.9      in-period ratio ≥ this (and < on_pace_ratio) →
                                      "chậm tiến độ"; below → "nguy cơ không đạt"
forecast_target              100.0    forecast share at period end < this → forecast to miss
consistency_floor            0.05     least tolerance (percent points) between a stated share
                                      and the recomputed one, whatever the stated decimals
seasonal_min_years           2        earlier complete years needed for the seasonal pace,
                                      otherwise the pace is linear
seasonal_share_tolerance     1/24     a history point counts for elapsed share s when its own
                                      elapsed share is within this (half a month of a year)
seasonal_max_pace            100.0    the seasonal pace never exceeds this
review_confidence_below      0.7      a fact with confidence below this goes to review
followup_min_similarity      0.6      syllable-bigram Dice at or above this links a later
                                      clause to an earlier directive ("nội dung lặp lại")
followup_min_syllables       5        both clauses need this many syllables to be compared
===========================  =======  ==========================================================

Status scheme (achievement = share of plan reached, direction-normalized):

- achievement > 100 + exceed_margin → "vượt kế hoạch"; ≥ met_at → "đạt" (in or at the end
  of the period alike: a whole-year plan already reached mid-year is reached).
- at the end of the period (elapsed share 1): below met_at → "không đạt", or
  "nguy cơ không đạt" when the figure is still an estimate ("ước").
- within the period: ratio = achievement / expected pace (accumulating indicators) or
  achievement / 100 (levels such as a poverty rate); ratio ≥ on_pace_ratio →
  "đúng tiến độ"; ≥ behind_ratio → "chậm tiến độ"; below → "nguy cơ không đạt".
- the forecast is reported beside the status (forecast_missed) and never overrides it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Thresholds of the judgement; see the module docstring for the table."""

    exceed_margin: float = 0.0
    met_at: float = 100.0
    on_pace_ratio: float = 1.0
    behind_ratio: float = 0.9
    forecast_target: float = 100.0
    consistency_floor: float = 0.05
    seasonal_min_years: int = 2
    seasonal_share_tolerance: float = 1 / 24
    seasonal_max_pace: float = 100.0
    review_confidence_below: float = 0.7
    followup_min_similarity: float = 0.6
    followup_min_syllables: int = 5

    def __post_init__(self) -> None:
        if not 0 < self.behind_ratio <= self.on_pace_ratio:
            raise ValueError("behind_ratio must be in (0, on_pace_ratio]")
        if self.seasonal_min_years < 1:
            raise ValueError("seasonal_min_years must be at least 1")
        if not 0 <= self.review_confidence_below <= 1:
            raise ValueError("review_confidence_below must be in [0, 1]")


DEFAULT = Thresholds()
