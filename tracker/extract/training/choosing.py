"""Choosing from cross-validated results: the thresholds, the calibration, the reliability table."""

from __future__ import annotations

from collections.abc import Sequence

from tracker.extract.training.evaluation import Tally

#: A (proposals, rules' own candidates) pair of thresholds.
Pair = tuple[float, float]


def reliability_table(pairs: Sequence[tuple[float, bool]]) -> list[str]:
    """Lines: for each confidence band, how many announcements and the share right."""
    lines = ["confidence   announcements   right"]
    for lo in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        hi = lo + 0.1
        band = [ok for p, ok in pairs if lo <= p < hi or (hi > 1 and p >= lo)]
        share = f"{sum(band) / len(band):.2f}" if band else "-"
        lines.append(f"{lo:.1f}-{min(hi, 1.0):.1f}      {len(band):>6}          {share}")
    high = [ok for p, ok in pairs if p >= 0.8]
    if high:
        lines.append(f">= 0.8        {len(high):>6}          {sum(high) / len(high):.2f}")
    return lines


def calibrate(pairs: Sequence[tuple[float, bool]]) -> tuple[tuple[float, float], ...]:
    """Map out-of-fold probabilities to the share right (isotonic), as interpolation points."""
    if len(pairs) < 20:
        return ()
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, increasing=True, out_of_bounds="clip")
    iso.fit([p for p, _ in pairs], [float(ok) for _, ok in pairs])
    points = zip(iso.X_thresholds_, iso.y_thresholds_, strict=True)
    return tuple((round(float(x), 4), round(float(y), 4)) for x, y in points)


def f_beta(tally: Tally, beta: float) -> float:
    """F-beta: beta < 1 weighs precision above recall (a wrong event costs more than a miss)."""
    p, r = tally.precision, tally.recall
    b2 = beta * beta
    return (1 + b2) * p * r / (b2 * p + r) if p + r else 0.0


def pick_thresholds(tallies: dict[Pair, Tally], min_precision: float, beta: float) -> Pair:
    """The thresholds to announce from.

    The best F1 among thresholds meeting ``min_precision``. When none does, the best F-beta,
    and among the pairs within ``_TIE`` of it (a difference cross-validation cannot tell from
    noise) the most precise: a wrong event costs more than a missing one, and subscribers can
    ask for more precision still through the confidence of each announcement.
    """
    meeting = [t for t, tally in tallies.items() if tally.precision >= min_precision]
    if meeting:
        return max(meeting, key=lambda t: (round(tallies[t].f1, 4), t))
    best = max(round(f_beta(tally, beta), 4) for tally in tallies.values())
    near = [t for t, tally in tallies.items() if round(f_beta(tally, beta), 4) >= best - _TIE]
    return max(near, key=lambda t: (round(tallies[t].precision, 4), t))


#: F-beta scores closer than this are a tie, broken towards precision.
_TIE = 0.005
