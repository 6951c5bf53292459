"""The CAP 1.2 element table and the structural check that walks a document against it.

One table says, for every element, where it sits (order), how often it may appear and what
kind of value it holds (a key of values.TEXT_CHECKS) or which elements it contains. The
walk gives one issue per problem, with the element's path, instead of a schema validator's
single cryptic line.
"""

from collections import Counter
from dataclasses import dataclass

from lxml import etree

from taicho.warnings.cap.issues import Issue
from taicho.warnings.cap.parsing import (
    CAP_NAMESPACE,
    DSIG_NAMESPACE,
    XSI_NAMESPACE,
    element_children,
    split_tag,
    text_of,
)
from taicho.warnings.cap.values import TEXT_CHECKS


@dataclass(frozen=True)
class Element:
    name: str
    kind: str = "text"  # a key of TEXT_CHECKS; ignored when the element has children
    min: int = 1
    max: int | None = 1  # None: unbounded
    children: tuple["Element", ...] = ()


def optional(name: str, kind: str = "text") -> Element:
    return Element(name, kind, min=0)


def repeated(name: str, kind: str = "text", *, min: int = 0, children=()) -> Element:
    return Element(name, kind, min=min, max=None, children=children)


VALUE_PAIR = (Element("valueName", "required-text"), Element("value", "text"))

AREA = (
    Element("areaDesc", "required-text"),
    repeated("polygon", "polygon"),
    repeated("circle", "circle"),
    repeated("geocode", children=VALUE_PAIR),
    optional("altitude", "decimal"),
    optional("ceiling", "decimal"),
)

RESOURCE = (
    Element("resourceDesc", "required-text"),
    Element("mimeType", "mime-type"),
    optional("size", "size"),
    optional("uri", "uri"),
    optional("derefUri", "base64"),
    optional("digest"),
)

INFO = (
    optional("language", "language"),
    repeated("category", "category", min=1),
    Element("event", "required-text"),
    repeated("responseType", "responseType"),
    Element("urgency", "urgency"),
    Element("severity", "severity"),
    Element("certainty", "certainty"),
    optional("audience"),
    repeated("eventCode", children=VALUE_PAIR),
    optional("effective", "datetime"),
    optional("onset", "datetime"),
    optional("expires", "datetime"),
    optional("senderName"),
    optional("headline"),
    optional("description"),
    optional("instruction"),
    optional("web", "absolute-uri"),
    optional("contact"),
    repeated("parameter", children=VALUE_PAIR),
    repeated("resource", children=RESOURCE),
    repeated("area", children=AREA),
)

ALERT = Element(
    "alert",
    children=(
        Element("identifier", "identifier"),
        Element("sender", "identifier"),
        Element("sent", "datetime"),
        Element("status", "status"),
        Element("msgType", "msgType"),
        optional("source"),
        Element("scope", "scope"),
        optional("restriction"),
        optional("addresses"),
        repeated("code"),
        optional("note"),
        optional("references", "references"),
        optional("incidents"),
        repeated("info", children=INFO),
    ),
)


def _repeatable_names(element: Element) -> set[str]:
    names = {element.name} if element.max != 1 else set()
    for child in element.children:
        names |= _repeatable_names(child)
    return names


# Elements that may repeat carry their position in paths: /alert/info[2]/area[1]/polygon[1].
REPEATABLE = frozenset(_repeatable_names(ALERT))


# How paths show elements of other namespaces (the document's own prefix otherwise).
KNOWN_PREFIXES = {DSIG_NAMESPACE: "ds"}


def step(element: etree._Element, position: int, same_named: int) -> str:
    """This element's step in a path: its name, with its position among same-named siblings
    when it may repeat, does (though it may not) or is not a CAP element at all."""
    namespace, name = split_tag(element.tag)
    prefix = KNOWN_PREFIXES.get(namespace, element.prefix)
    shown = (
        name if namespace in (CAP_NAMESPACE, "") else f"{prefix}:{name}" if prefix else element.tag
    )
    if name in REPEATABLE or namespace != CAP_NAMESPACE or same_named > 1:
        return f"{shown}[{position}]"
    return shown


def path_of(element: etree._Element) -> str:
    """The path of one element (the walk below numbers siblings as it goes instead)."""
    steps = []
    node = element
    while node is not None:
        parent = node.getparent()
        siblings = [e for e in parent if e.tag == node.tag] if parent is not None else [node]
        steps.append(step(node, siblings.index(node) + 1, len(siblings)))
        node = parent
    return "/" + "/".join(reversed(steps))


def check_structure(root: etree._Element) -> list[tuple[Issue, bool]]:
    """(issue, is_warning) for every structural or value problem under <alert>."""
    found: list[tuple[Issue, bool]] = []
    _check_element(root, ALERT, path_of(root), found)
    return found


def _check_element(element, spec: Element, path: str, found) -> None:
    for attribute in element.attrib:
        if split_tag(attribute)[0] != XSI_NAMESPACE:
            found.append(
                (Issue(path, "attribute", {"attribute": attribute, "element": spec.name}), False)
            )
    if spec.children:
        stray = (element.text or "").strip() or any((c.tail or "").strip() for c in element)
        if stray:
            found.append((Issue(path, "text-not-allowed", {"element": spec.name}), False))
        _check_sequence(element, spec, path, found)
        return
    if element_children(element):
        found.append((Issue(path, "children-not-allowed", {"element": spec.name}), False))
        return
    for finding in TEXT_CHECKS[spec.kind](spec.name, text_of(element)):
        found.append((finding.at(path), finding.warning))


def _check_sequence(element, spec: Element, path: str, found) -> None:
    position = {child.name: index for index, child in enumerate(spec.children)}
    counts: Counter[str] = Counter()
    furthest = 0  # index in spec.children of the furthest element seen so far
    signature_seen = False
    children = element_children(element)
    same_named = Counter(child.tag for child in children)
    seen: Counter[str] = Counter()  # numbering siblings in one pass: big documents stay linear
    for child in children:
        namespace, name = split_tag(child.tag)
        seen[child.tag] += 1
        child_path = f"{path}/{step(child, seen[child.tag], same_named[child.tag])}"
        if spec is ALERT and namespace == DSIG_NAMESPACE:
            signature_seen = True  # the enveloped signature, after every CAP element
            continue
        if namespace != CAP_NAMESPACE:
            params = {"element": name, "namespace": namespace or "—"}
            found.append((Issue(child_path, "foreign-element", params), False))
            continue
        if name not in position:
            found.append((Issue(child_path, "unknown-element", {"element": name}), False))
            continue
        child_spec = spec.children[position[name]]
        counts[name] += 1
        if signature_seen:
            params = {"element": name, "before": "Signature"}
            found.append((Issue(child_path, "order", params), False))
        elif position[name] < furthest:
            params = {"element": name, "before": spec.children[furthest].name}
            found.append((Issue(child_path, "order", params), False))
        else:
            furthest = position[name]
        if child_spec.max is not None and counts[name] > child_spec.max:
            found.append((Issue(child_path, "too-many", {"element": name}), False))
        _check_element(child, child_spec, child_path, found)
    for child_spec in spec.children:
        if counts[child_spec.name] < child_spec.min:
            missing = f"{path}/{child_spec.name}"
            found.append((Issue(missing, "required", {"element": child_spec.name}), False))
