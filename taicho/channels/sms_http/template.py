"""Fill a gateway's request template safely: each value escaped for where it goes.

Only the known placeholders are replaced, so the braces of a JSON template stay as they are.
In JSON a value is escaped as the inside of a JSON string (quotes, backslashes, newlines);
in form fields it is URL-encoded. A text can therefore never change the request's shape.
"""

import json
import re
from collections.abc import Mapping
from urllib.parse import quote_plus

PLACEHOLDERS = ("phone", "text", "sender", "id", "part", "parts", "unicode", "api_key")
_PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")


def _fill(template: str, values: Mapping[str, str], escape) -> str:
    return _PLACEHOLDER.sub(lambda match: escape(str(values.get(match.group(1), ""))), template)


def render_json(template: str, values: Mapping[str, str]) -> str:
    return _fill(template, values, lambda value: json.dumps(value, ensure_ascii=False)[1:-1])


def render_form(template: str, values: Mapping[str, str]) -> str:
    return _fill(template, values, lambda value: quote_plus(value, safe=""))
