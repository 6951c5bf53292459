"""CAP 1.2 rules that tie several elements together, which only the spec text states.

Each rule reads the document and returns (issue, is_warning) pairs; RULES lists them all, so
adding one is adding a function to the tuple.
"""

from collections.abc import Callable

from lxml import etree

from taicho.warnings.cap.issues import Issue
from taicho.warnings.cap.parsing import CAP_NAMESPACE, text_of
from taicho.warnings.cap.schema import path_of
from taicho.warnings.cap.values import (
    REFERENCING_MSG_TYPES,
    format_cap_datetime,
    parse_cap_datetime,
)

Found = list[tuple[Issue, bool]]


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(f"{{{CAP_NAMESPACE}}}{name}")


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return element.findall(f"{{{CAP_NAMESPACE}}}{name}")


def _value(element: etree._Element, name: str) -> str | None:
    child = _child(element, name)
    return None if child is None else text_of(child)


def _missing_path(root: etree._Element, name: str) -> str:
    return f"{path_of(root)}/{name}"


def restriction_matches_scope(root: etree._Element) -> Found:
    """<restriction> is used when, and only when, <scope> is Restricted.

    An empty <restriction/> restricts nothing: real feeds (Environment Canada) send one with
    every public alert, so it only earns the empty-element warning.
    """
    scope = _value(root, "scope")
    restriction = _child(root, "restriction")
    stated = restriction is not None and bool(text_of(restriction).strip())
    if scope == "Restricted" and not stated:
        path = _missing_path(root, "restriction") if restriction is None else path_of(restriction)
        return [(Issue(path, "restriction-required"), False)]
    if scope not in ("Restricted", None) and stated:
        return [(Issue(path_of(restriction), "restriction-not-allowed", {"scope": scope}), False)]
    return []


def addresses_for_private_scope(root: etree._Element) -> Found:
    """<addresses> is required (and must list someone) when <scope> is Private."""
    addresses = _child(root, "addresses")
    if _value(root, "scope") == "Private" and (addresses is None or not text_of(addresses).strip()):
        path = _missing_path(root, "addresses") if addresses is None else path_of(addresses)
        return [(Issue(path, "addresses-required"), False)]
    return []


def references_for_followups(root: etree._Element) -> Found:
    """Update, Cancel, Ack and Error act on earlier messages, named in <references>."""
    msg_type = _value(root, "msgType")
    if msg_type in REFERENCING_MSG_TYPES and _child(root, "references") is None:
        path = _missing_path(root, "references")
        return [(Issue(path, "references-required", {"msg_type": msg_type}), False)]
    return []


def ceiling_needs_altitude(root: etree._Element) -> Found:
    found: Found = []
    for area in root.iterfind(f"{{{CAP_NAMESPACE}}}info/{{{CAP_NAMESPACE}}}area"):
        ceiling = _child(area, "ceiling")
        altitude = _child(area, "altitude")
        if ceiling is None:
            continue
        if altitude is None:
            found.append((Issue(path_of(ceiling), "ceiling-without-altitude"), False))
            continue
        try:
            low, high = float(text_of(altitude)), float(text_of(ceiling))
        except ValueError:
            continue  # the value check already said so
        if high < low:
            params = {"ceiling": text_of(ceiling).strip(), "altitude": text_of(altitude).strip()}
            found.append((Issue(path_of(ceiling), "ceiling-below-altitude", params), True))
    return found


def _when(element: etree._Element | None):
    if element is None:
        return None
    try:
        return parse_cap_datetime(text_of(element))
    except ValueError:
        return None


def expires_after_start(root: etree._Element) -> Found:
    """Real feeds sometimes expire a message before it is sent or takes effect: a warning."""
    found: Found = []
    sent = _when(_child(root, "sent"))
    for info in _children(root, "info"):
        expires_element = _child(info, "expires")
        expires = _when(expires_element)
        if expires is None:
            continue
        starts = {"sent": sent, "effective": _when(_child(info, "effective"))}
        starts["onset"] = _when(_child(info, "onset"))
        for name, start in starts.items():
            if start is not None and expires < start:
                params = {
                    "expires": format_cap_datetime(expires),
                    "other": name,
                    "other_value": format_cap_datetime(start),
                }
                found.append((Issue(path_of(expires_element), "expires-before", params), True))
    return found


RULES: tuple[Callable[[etree._Element], Found], ...] = (
    restriction_matches_scope,
    addresses_for_private_scope,
    references_for_followups,
    ceiling_needs_altitude,
    expires_after_start,
)


def check_rules(root: etree._Element) -> Found:
    return [pair for rule in RULES for pair in rule(root)]
