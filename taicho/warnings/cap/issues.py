"""What validation found: issues (errors or warnings) and the report that gathers them.

An issue keeps its rule code and parameters and renders its message when read, in the
language active at that moment, so one report can be shown in Vietnamese or English.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from taicho.warnings.cap.messages import RULE_MESSAGES

if TYPE_CHECKING:
    from taicho.warnings.cap.model import ParsedAlert
    from taicho.warnings.cap.signature import SignatureResult

# Rule codes of the signature check: a report whose only errors are these is schema-valid.
SIGNATURE_RULES = frozenset({"signature-invalid"})


@dataclass(frozen=True)
class Issue:
    """One finding: where (`/alert/info[2]/area[1]/polygon[1]`), which rule, its details."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def message(self) -> str:
        return str(RULE_MESSAGES[self.code]) % {key: str(v) for key, v in self.params.items()}

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Finding:
    """A value check's result before it knows where the value sits in the document."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False

    def at(self, path: str) -> Issue:
        return Issue(path, self.code, self.params)


class CapRejected(Exception):
    """The document was not read at all (too large, not XML, DOCTYPE, not CAP 1.2, …)."""

    def __init__(self, issue: Issue):
        super().__init__(str(issue))
        self.issue = issue


class CapInvalid(ValueError):
    """An alert that breaks CAP 1.2 rules, raised where a valid one is required."""

    def __init__(self, issues: list[Issue]):
        super().__init__("; ".join(str(issue) for issue in issues))
        self.issues = issues


@dataclass
class CapReport:
    """The verdict on one CAP document.

    `valid` is False when there is any error, including a signature that does not verify
    (rule "signature-invalid": the message may have been altered). A signature that verifies
    but is not made by a trusted certificate is only a warning; `trusted` tells the two apart.
    `alert` is the typed content whenever the content itself breaks no rule.
    """

    valid: bool
    errors: list[Issue]
    warnings: list[Issue]
    alert: ParsedAlert | None = None
    signature: SignatureResult | None = None

    @property
    def trusted(self) -> bool:
        """Signed, intact, and by one of the certificates the caller trusts."""
        return self.signature is not None and self.signature.trusted

    @property
    def schema_valid(self) -> bool:
        """The content obeys CAP 1.2, whatever the signature says."""
        return not [issue for issue in self.errors if issue.code not in SIGNATURE_RULES]
