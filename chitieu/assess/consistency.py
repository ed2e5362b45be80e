"""Share of plan: recomputed from value and plan value, and checked against the stated one.

Recomputed share (percent):
- higher is better: value / plan_value × 100 ("21.000/46.290" → 45,366…);
- lower is better (a rate to bring down): plan_value / value × 100, so that beating the
  plan reads above 100 (plan 3 %, actual 2,5 % → 120).

"Beyond rounding", precisely: with d the number of decimals the stated share was written
with (45,4 → 1; 54 → 0), the stated share agrees with the recomputed share r when

    |stated − r| ≤ max(0,5 × 10^−d, consistency_floor)      (rounded to d decimals)
    or stated = r truncated to d decimals                    (cut off, as some writers do)

so 45,4 and 45 both agree with 45,366…, 45,3 agrees by truncation, 54 does not. For a
lower-is-better indicator the stated share may count the reduction itself (a higher-is-
better amount), so it also agrees when it matches value / plan_value × 100.
"""

from __future__ import annotations

import math
from decimal import Decimal

from chitieu.assess.thresholds import DEFAULT, Thresholds

_EPS = 1e-9


def recompute_pct(value: float | None, plan_value: float | None, *, lower_is_better: bool = False
                  ) -> float | None:
    """The share of plan from value and plan value, direction-aware; None when undefined."""
    if value is None or plan_value is None:
        return None
    num, den = (plan_value, value) if lower_is_better else (value, plan_value)
    if den <= 0 or num < 0:
        return None
    return num / den * 100


def stated_decimals(stated: float) -> int:
    """Decimals the stated share was written with: 45.4 → 1, 54.0 → 0, 53.59 → 2."""
    exponent = Decimal(repr(float(stated))).normalize().as_tuple().exponent
    return max(0, -int(exponent))


def agrees(stated: float, recomputed: float, *, decimals: int | None = None,
           thresholds: Thresholds = DEFAULT) -> bool:
    """Whether `stated` equals `recomputed` up to the rounding or truncation it was written with."""
    d = stated_decimals(stated) if decimals is None else decimals
    tolerance = max(0.5 * 10 ** -d, thresholds.consistency_floor)
    if abs(stated - recomputed) <= tolerance + _EPS:
        return True
    scale = 10 ** d
    return math.isclose(math.trunc(recomputed * scale + _EPS) / scale, stated, abs_tol=_EPS)


def check(stated: float | None, value: float | None, plan_value: float | None, *,
          lower_is_better: bool = False, decimals: int | None = None,
          thresholds: Thresholds = DEFAULT) -> tuple[float | None, bool | None]:
    """(recomputed share, consistent); consistent is None when there is nothing to compare."""
    recomputed = recompute_pct(value, plan_value, lower_is_better=lower_is_better)
    if stated is None or recomputed is None:
        return recomputed, None
    ok = agrees(stated, recomputed, decimals=decimals, thresholds=thresholds)
    if not ok and lower_is_better:
        reduction = recompute_pct(value, plan_value, lower_is_better=False)
        ok = reduction is not None and agrees(stated, reduction, decimals=decimals, thresholds=thresholds)
    return recomputed, ok
