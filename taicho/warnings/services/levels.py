"""A bulletin's figures, checked by the risk module's records, and the level they give.

Figures are stored as JSON (numbers as their written form, choices as their values), and
rebuilt into the risk module's frozen records whenever a level is computed, so the stored
figures are always ones the rules accept.
"""

import dataclasses
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from taicho.warnings.models import OTHER_HAZARD
from taicho.warnings.risk import FigureError, risk_level, stated_level
from taicho.warnings.risk.levels import EVALUATORS

# hazard → the record of its figures (storm → StormFigures, …), from the risk module's table.
FIGURE_RECORDS: dict[str, type] = {
    evaluator.hazard.value: record for record, evaluator in EVALUATORS.items()
}


@dataclass(frozen=True)
class Proposal:
    """A level (None: the rules give none for these figures) and why."""

    level: int | None
    basis: str


def _plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def clean_figures(hazard_type: str, figures: dict | None):
    """(figures as stored, the risk record or None); ValidationError naming the figure."""
    if not figures:
        return {}, None
    record_type = FIGURE_RECORDS.get(hazard_type)
    if record_type is None:
        raise ValidationError(
            {"figures": _("This hazard has no figures the rules assess; give its level instead.")}
        )
    if not isinstance(figures, dict):
        raise ValidationError({"figures": _("The figures must be named values.")})
    fields = dataclasses.fields(record_type)
    names = {field.name for field in fields}
    unknown = sorted(set(figures) - names)
    if unknown:
        raise ValidationError(
            {"figures": _("Unknown figures: %(names)s.") % {"names": ", ".join(unknown)}}
        )
    required = {
        field.name
        for field in fields
        if field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
    }
    given = {name: value for name, value in figures.items() if value not in ("", None)}
    missing = {name: [_("This figure is required.")] for name in sorted(required - set(given))}
    if missing:
        raise ValidationError(missing)
    try:
        record = record_type(**given)
    except FigureError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None
    stored = {
        field.name: _plain(getattr(record, field.name))
        for field in fields
        if getattr(record, field.name) is not None
    }
    return stored, record


def propose(*, hazard_type: str, record, stated: int | None) -> Proposal | None:
    """The level the rules give for the figures, else the level the bulletin states."""
    try:
        if record is not None:
            assessment = risk_level(record)
            return Proposal(assessment.level, assessment.basis)
        if stated is None:
            return None
        if hazard_type == OTHER_HAZARD:
            if not 1 <= stated <= 5:
                raise FigureError("level", _("A risk level is 1 to 5."))
            return Proposal(stated, _("Level stated in the bulletin."))
        assessment = stated_level(hazard=hazard_type, level=stated)
        return Proposal(assessment.level, assessment.basis)
    except FigureError as exc:
        raise ValidationError({exc.field: [exc.message]}) from None


def stored_record(hazard_type: str, figures: dict):
    """The risk record of stored figures (None when there are none)."""
    return clean_figures(hazard_type, figures)[1]
