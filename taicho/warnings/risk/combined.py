"""Several hazards at once or in succession (Quyết định 18/2021/QĐ-TTg Điều 4 khoản 4).

The clause says the level "có thể điều chỉnh tăng lên 1 cấp dựa trên tác động của thiên
tai" and, where serious loss of life and property is likely, "có thể được xem xét tăng lên
hai cấp, cao nhất là cấp 5". Both are a *may*: the authority decides on the impact. So the
default is no raise (the highest single level); the caller passes the raise it decided,
which is refused beyond what the clause allows. The result says how far it *may* go, so a
screen can offer the choice.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from . import tables as t
from .figures import FigureError
from .kinds import Hazard
from .levels import RiskAssessment
from .wording import cite


@dataclass(frozen=True)
class CombinedAssessment:
    level: int | None
    highest: int | None  # the highest single-hazard level
    raised_by: int
    may_raise_by: int  # what Điều 4 khoản 4 allows for these hazards
    hazards: tuple[Hazard, ...]
    basis: str
    citation: t.Citation = t.COMBINED_RULE


def _allowed_raise(hazard_count: int, serious_loss_likely: bool) -> int:
    if hazard_count < 2:
        return 0
    return t.COMBINED_RAISE_SERIOUS_LOSS if serious_loss_likely else t.COMBINED_RAISE


def combined_level(
    assessments: Iterable[RiskAssessment],
    *,
    raise_by: int = 0,
    serious_loss_likely: bool = False,
) -> CombinedAssessment:
    """The level of several hazards together: the highest of their levels, raised by
    `raise_by` (0, 1, or 2 where serious loss is likely) if the authority so decides.

    Assessments of the same hazard (several stations of one flood) count as one hazard; the
    highest of them applies (as Điều 45 khoản 7 says for floods). Those without a level
    are left out.
    """
    if not isinstance(serious_loss_likely, bool):
        raise FigureError("serious_loss_likely", _("Answer yes or no."))
    if isinstance(raise_by, bool) or not isinstance(raise_by, int) or raise_by < 0:
        raise FigureError(
            "raise_by", _("Raise by 0, 1 or 2 levels, not %(value)r.") % {"value": raise_by}
        )
    levelled = [a for a in assessments if a.level is not None]
    hazards = tuple(dict.fromkeys(a.hazard for a in levelled))
    may_raise_by = _allowed_raise(len(hazards), serious_loss_likely)
    if raise_by > may_raise_by:
        if len(hazards) < 2:
            message = _(
                "Under %(rule)s, a raise is allowed only for two or more hazards at once or in "
                "succession."
            )
        else:
            message = _(
                "Under %(rule)s, a raise by 2 levels is allowed only where serious loss of life "
                "and property is likely, and never by more."
            )
        raise FigureError("raise_by", message % {"rule": cite(t.COMBINED_RULE)})
    if not levelled:
        return CombinedAssessment(
            None, None, 0, 0, (), _("No hazard has a risk level."), t.COMBINED_RULE
        )
    highest = max(a.level for a in levelled)
    level = min(t.HIGHEST_LEVEL, highest + raise_by)
    names = " + ".join(str(hazard.label) for hazard in hazards)
    parts = [
        _("highest level of the hazards: %(level)d (%(hazards)s)")
        % {"level": highest, "hazards": names}
    ]
    if may_raise_by:
        parts.append(
            _(
                "%(rule)s: two or more hazards at once or in succession may be raised by up "
                "to %(may)d level(s), at most to level 5"
            )
            % {"rule": cite(t.COMBINED_RULE), "may": may_raise_by}
        )
        if raise_by:
            parts.append(_("raised by %(by)d") % {"by": raise_by})
            if highest + raise_by > t.HIGHEST_LEVEL:
                parts.append(_("capped at level 5"))
        else:
            parts.append(_("not raised"))
    basis = "; ".join(parts) + " → " + _("level %(level)d") % {"level": level}
    return CombinedAssessment(
        level, highest, level - highest, may_raise_by, hazards, capfirst(basis)
    )
