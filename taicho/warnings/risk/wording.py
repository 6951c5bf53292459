"""How an assessment explains itself: legal citations, numbers and ranges in the user's
language (Vietnamese by default: "điểm b khoản 2 Điều 42 QĐ 18/2021/QĐ-TTg", "3,90 m")."""

from decimal import Decimal

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .tables import Citation, Forces, Range

# Which parts a citation has → how it reads. Vietnamese cites from the smallest part up.
_CITATION_FORMS = {
    (True, True): gettext_lazy("Article %(article)d(%(clause)d)(%(point)s) of %(instrument)s"),
    (True, False): gettext_lazy("Article %(article)d(%(clause)d) of %(instrument)s"),
    (False, False): gettext_lazy("Article %(article)d of %(instrument)s"),
}


def cite(citation: Citation) -> str:
    form = _CITATION_FORMS[(citation.clause is not None, citation.point is not None)]
    return str(form) % {
        "article": citation.article,
        "clause": citation.clause,
        "point": citation.point,
        "instrument": citation.instrument,
    }


def table_ref(citation: Citation) -> str:
    """A stable, untranslated name of an article's table: "QĐ 18/2021/QĐ-TTg, Điều 42"."""
    return f"{citation.instrument}, Điều {citation.article}"


def metres(value: Decimal) -> str:
    return formats.number_format(value, 2)


def number(value: Decimal) -> str:
    """3 → "3", 3.5 → "3,5": no trailing zeros that the article's figures do not have."""
    if value == value.to_integral_value():
        return formats.number_format(int(value))
    return formats.number_format(value)


def range_phrase(span: Range, unit: str) -> str:
    """The article's own way of saying a range: "từ 1 m đến 2 m", "từ trên 3 m đến 4 m"."""
    values = {"low": number(span.low), "unit": unit}
    if span.high is None:
        return _("over %(low)s %(unit)s") % values
    values["high"] = number(span.high)
    if span.low_inclusive:
        return _("from %(low)s to %(high)s %(unit)s") % values
    return _("from over %(low)s to %(high)s %(unit)s") % values


def forces_phrase(forces: Forces) -> str:
    if forces.high is None:
        return _("%(low)d and above") % {"low": forces.low}
    if forces.high == forces.low:
        return str(forces.low)
    return f"{forces.low}–{forces.high}"


def basis(citation: Citation, situation: str, level: int | None, reason: str = "") -> str:
    values = {"citation": cite(citation), "situation": situation, "level": level}
    if level is None:
        values["reason"] = reason
        return capfirst(_("%(citation)s: %(situation)s → no risk level: %(reason)s") % values)
    return capfirst(_("%(citation)s: %(situation)s → level %(level)d") % values)
