"""Decimal quantities that remember the precision they were written with.

A figure printed as ``625.99`` stands for any value in [625.985, 625.995];
``68`` for [67.5, 68.5]; ``99.47%`` for [0.99465, 0.99475]. Arithmetic
propagates these intervals, and two quantities are *consistent* when their
intervals intersect (the rule XBRL Calculations 1.1 adopted). There is no
tolerance constant anywhere: the width of every interval comes from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, InvalidOperation, localcontext
from enum import Enum

# Arithmetic on figures from strangers' documents: wide enough that any figure
# a disclosure could hold (and far beyond: 29+ digits) adds exactly, and no
# condition traps, so a silly figure is reported, never an exception.
_WIDE = Context(prec=60, Emax=999_999, Emin=-999_999, traps=[])
# Figures with more integer digits than this are not budget amounts (10^15 万元
# is beyond any economy); the unit_plausibility check reports them.
PLAUSIBLE_DIGITS = 15

# Half a unit of the last of ``places`` decimals (5E-3 for 2), the half-width of a written
# figure; Decimal(5).scaleb(-(places + 1)) made once per number of places, not per figure.
_HALVES: dict[int, Decimal] = {}


def _half(places: int) -> Decimal:
    half = _HALVES.get(places)
    if half is None:
        half = Decimal(5).scaleb(-(places + 1))
        if places < 40:  # the table stays small whatever a document writes
            _HALVES[places] = half
    return half


_NUMBER = re.compile(r"^\s*([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(%?)\s*$")


class Truth(Enum):
    """Three-valued truth of a comparison between intervals."""

    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"

    def __bool__(self) -> bool:  # pragma: no cover - guard against accidental use
        raise TypeError("Truth has three values; compare with Truth.TRUE / Truth.FALSE")

    def negate(self) -> Truth:
        if self is Truth.TRUE:
            return Truth.FALSE
        if self is Truth.FALSE:
            return Truth.TRUE
        return Truth.UNKNOWN

    @staticmethod
    def all_of(values: list[Truth]) -> Truth:
        if any(v is Truth.FALSE for v in values):
            return Truth.FALSE
        if all(v is Truth.TRUE for v in values):
            return Truth.TRUE
        return Truth.UNKNOWN

    @staticmethod
    def any_of(values: list[Truth]) -> Truth:
        if any(v is Truth.TRUE for v in values):
            return Truth.TRUE
        if all(v is Truth.FALSE for v in values):
            return Truth.FALSE
        return Truth.UNKNOWN


class QuantityError(ValueError):
    """Raised for text that is not a number, or a division by an interval holding 0."""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A value known to lie in ``[lo, hi]``.

    ``value`` is the nominal figure (the stated one, or the result of the
    same arithmetic on nominal figures); ``places`` is how many decimals to
    show it with; ``percent`` only changes how it is shown.
    """

    value: Decimal
    lo: Decimal
    hi: Decimal
    places: int = 2
    percent: bool = False

    # -- construction -------------------------------------------------
    @classmethod
    def parse(cls, text: str) -> Quantity:
        """Parse ``"625.99"``, ``"101,612.42"``, ``"68"``, ``"99.47%"``.

        The half-width of the interval is half a unit of the last written
        digit; a percentage is stored as a fraction.
        """
        match = _NUMBER.match(text)
        if not match:
            raise QuantityError(f"不是数字：{text!r}")
        sign, whole, decimals, pct = match.groups()
        digits = whole.replace(",", "") + ("." + decimals if decimals else "")
        try:
            value = Decimal(sign + digits)
        except InvalidOperation as exc:  # pragma: no cover - regex guarantees digits
            raise QuantityError(f"不是数字：{text!r}") from exc
        places = len(decimals) if decimals else 0
        if pct:
            value = value.scaleb(-2)
            half = _half(places + 2)
            return cls(value, value - half, value + half, places + 2, True)
        half = _half(places)
        return cls(value, value - half, value + half, places, False)

    @classmethod
    def exact(cls, value: Decimal | int | str, places: int | None = None) -> Quantity:
        """A quantity with no rounding (a count, a constant in a rule)."""
        dec = Decimal(value)
        if places is None:
            exponent = dec.as_tuple().exponent
            places = max(0, -exponent) if isinstance(exponent, int) else 0
        return cls(dec, dec, dec, places, False)

    @classmethod
    def zero(cls) -> Quantity:
        return _ZERO

    # -- properties -----------------------------------------------------
    @property
    def half_width(self) -> Decimal:
        return (self.hi - self.lo) / 2

    @property
    def is_exact(self) -> bool:
        return self.lo == self.hi

    # -- arithmetic -----------------------------------------------------
    # Sums, differences and products run in the default context: it rounds a
    # 29+ digit figure (reported as implausible anyway) but traps nothing; a
    # local context per operation would cost ten times the addition itself.
    def __add__(self, other: Quantity) -> Quantity:
        return Quantity(
            self.value + other.value,
            self.lo + other.lo,
            self.hi + other.hi,
            max(self.places, other.places),
            self.percent and other.percent,
        )

    def __sub__(self, other: Quantity) -> Quantity:
        return Quantity(
            self.value - other.value,
            self.lo - other.hi,
            self.hi - other.lo,
            max(self.places, other.places),
            self.percent and other.percent,
        )

    @property
    def implausible(self) -> bool:
        """More integer digits than any budget figure has."""
        return self.value.is_finite() and self.value.adjusted() >= PLAUSIBLE_DIGITS + (0 if not self.percent else 2)

    def __neg__(self) -> Quantity:
        return Quantity(-self.value, -self.hi, -self.lo, self.places, self.percent)

    def __mul__(self, other: Quantity) -> Quantity:
        products = [self.lo * other.lo, self.lo * other.hi, self.hi * other.lo, self.hi * other.hi]
        nominal = self.value * other.value
        # An amount times a share is an amount (6.21 万元, not "621%"), shown
        # with the amount's precision; only a share of a share stays a share.
        if self.percent != other.percent:
            places = other.places if self.percent else self.places
        else:
            places = max(self.places, other.places)
        return Quantity(nominal, min(products), max(products), places, self.percent and other.percent)

    def __truediv__(self, other: Quantity) -> Quantity:
        if other.lo <= 0 <= other.hi:
            raise QuantityError("除数的取值区间包含 0")
        with localcontext(_WIDE) as ctx:
            ctx.prec = 28
            quotients = [self.lo / other.lo, self.lo / other.hi, self.hi / other.lo, self.hi / other.hi]
            nominal = self.value / other.value if other.value != 0 else (min(quotients) + max(quotients)) / 2
        # Two figures of the document divided give a share (99.15%, not
        # "0.9915"); a figure divided by a count or constant stays an amount.
        if not self.percent and not other.percent and not self.is_exact and not other.is_exact:
            return Quantity(nominal, min(quotients), max(quotients), max(self.places, other.places) + 2, True)
        return Quantity(nominal, min(quotients), max(quotients), max(self.places, other.places) + 2)

    def yuan_to_wan(self) -> Quantity:
        """An amount in 元 expressed in 万元; the precision moves with the unit (4400 元 = 0.4400 万元)."""
        return Quantity(self.value / 10000, self.lo / 10000, self.hi / 10000, self.places + 4, self.percent)

    def wan_to_yuan(self) -> Quantity:
        """An amount in 万元 expressed in 元 (0.44 万元 = 4400 元, still ±50 元)."""
        return Quantity(self.value * 10000, self.lo * 10000, self.hi * 10000, max(self.places - 4, 0), self.percent)

    def as_percent(self) -> Quantity:
        """The same quantity, shown as a percentage."""
        return Quantity(self.value, self.lo, self.hi, max(self.places, 2), True)

    # -- comparison -------------------------------------------------------
    def consistent(self, other: Quantity) -> bool:
        """True when some value lies in both intervals."""
        return self.lo <= other.hi and other.lo <= self.hi

    def eq(self, other: Quantity) -> Truth:
        if not self.consistent(other):
            return Truth.FALSE
        if self.is_exact and other.is_exact:
            return Truth.TRUE
        return Truth.UNKNOWN

    def lt(self, other: Quantity) -> Truth:
        if self.hi < other.lo:
            return Truth.TRUE
        if self.lo >= other.hi:
            return Truth.FALSE
        return Truth.UNKNOWN

    def le(self, other: Quantity) -> Truth:
        if self.hi <= other.lo:
            return Truth.TRUE
        if self.lo > other.hi:
            return Truth.FALSE
        return Truth.UNKNOWN

    def gap(self, other: Quantity) -> Decimal:
        """How far apart the two intervals are (0 when they intersect)."""
        if self.consistent(other):
            return Decimal(0)
        return other.lo - self.hi if self.hi < other.lo else self.lo - other.hi

    # -- display ---------------------------------------------------------
    def format(self, places: int | None = None) -> str:
        shown = self.places if places is None else places
        value = self.value
        if self.percent:
            value = value.scaleb(2)
            shown = max(0, shown - 2)
        return _fixed(value, shown) + ("%" if self.percent else "")

    def format_interval(self) -> str:
        """``[6.205, 6.215]``: bounds with one digit more than the figure, rounded outwards."""
        if self.is_exact:
            return self.format()
        lo, hi = self._bounds()
        suffix = "%" if self.percent else ""
        return f"[{lo}{suffix}, {hi}{suffix}]"

    def format_approx(self) -> str:
        """``约 6.21（6.205–6.215）`` for a rounded figure; the figure alone when exact."""
        if self.is_exact:
            return self.format()
        lo, hi = self._bounds()
        suffix = "%" if self.percent else ""
        return f"约 {self.format()}（{lo}{suffix}–{hi}{suffix}）"

    def _bounds(self) -> tuple[str, str]:
        lo, hi, places = self.lo, self.hi, self.places + 1
        if self.percent:
            lo, hi, places = lo.scaleb(2), hi.scaleb(2), max(1, places - 2)
        return _trim(_fixed(lo, places, ROUND_FLOOR)), _trim(_fixed(hi, places, ROUND_CEILING))

    def __str__(self) -> str:
        return self.format()


_ZERO = Quantity(Decimal(0), Decimal(0), Decimal(0), 0, False)


def _fixed(value: Decimal, places: int, rounding: str | None = None) -> str:
    """``value`` with ``places`` decimals, whatever its size (no precision trap)."""
    if not value.is_finite():
        return "?"
    quantum = _QUANTA[places] if places < len(_QUANTA) else Decimal(1).scaleb(-places)
    digits = max(0, value.adjusted()) + places + 5
    if digits <= 28:  # the default context holds it: no local context needed (the common case)
        return f"{value.quantize(quantum, rounding=rounding):f}"
    with localcontext(_WIDE) as ctx:
        ctx.prec = max(ctx.prec, digits)
        return f"{value.quantize(quantum, rounding=rounding):f}"


_QUANTA = [Decimal(1).scaleb(-places) for places in range(16)]


def _trim(text: str) -> str:
    """``6.2050`` → ``6.205``: no trailing zeros after the point."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def total(quantities: Iterable[Quantity]) -> Quantity:
    """The interval sum of ``quantities`` (0 when empty).

    Exactly ``zero + q1 + q2 + …`` (the same additions, in the same order), without a
    Quantity for every partial sum: sums of table columns are the commonest arithmetic.
    """
    value, lo, hi, places = _ZERO.value, _ZERO.lo, _ZERO.hi, _ZERO.places
    added = False
    for quantity in quantities:
        value += quantity.value
        lo += quantity.lo
        hi += quantity.hi
        places = max(places, quantity.places)
        added = True
    # A sum is a percentage only if zero were one (it is not): never.
    return Quantity(value, lo, hi, places, False) if added else _ZERO
