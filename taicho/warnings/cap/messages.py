"""Every rule code of the CAP module and its message (English msgid, Vietnamese in cap.po).

Rule codes are stable machine codes: callers and tests match on them, never on the text.
"""

from django.utils.translation import gettext_lazy as _

RULE_MESSAGES = {
    # Reading the document.
    "too-large": _("The document has %(size)s bytes; at most %(limit)s are accepted."),
    "not-well-formed": _("This is not well-formed XML: %(detail)s"),
    "doctype": _(
        "DOCTYPE is not allowed (it can be used to read files or reach other servers); "
        "the document was not read."
    ),
    "entity": _("Entity references (&name;) are not allowed; the document was not read."),
    "root-element": _(
        "The root element must be <alert> in the CAP 1.2 namespace “%(expected)s”, not <%(found)s>."
    ),
    "namespace": _(
        "The namespace “%(found)s” is not CAP 1.2: <alert> must be in the namespace “%(expected)s”."
    ),
    "namespace-old-version": _(
        "This is a CAP %(version)s message (namespace “%(found)s”); only CAP 1.2, namespace "
        "“%(expected)s”, is accepted."
    ),
    # Structure.
    "required": _("The required element <%(element)s> is missing."),
    "order": _("<%(element)s> is out of order: it must come before <%(before)s>."),
    "too-many": _("<%(element)s> may appear only once."),
    "unknown-element": _("<%(element)s> is not a CAP 1.2 element here."),
    "foreign-element": _(
        "The element <%(element)s> of the namespace “%(namespace)s” is not allowed here."
    ),
    "attribute": _("The attribute “%(attribute)s” is not allowed on <%(element)s>."),
    "text-not-allowed": _("Text is not allowed directly inside <%(element)s>."),
    "children-not-allowed": _("<%(element)s> must contain only text, not other elements."),
    "enum": _("“%(value)s” is not an allowed value of <%(element)s>; allowed: %(allowed)s."),
    "empty": _("<%(element)s> must not be empty."),
    "empty-element": _("<%(element)s> is empty; it is better left out."),
    # Values.
    "id-format": _(
        "<%(element)s> “%(value)s” must not be empty nor contain spaces, commas, “<” or “&”."
    ),
    "datetime-format": _(
        "<%(element)s> “%(value)s” must be written as YYYY-MM-DDThh:mm:ss±hh:mm "
        "(e.g. 2025-09-01T14:30:00+07:00): seconds, a numeric offset, no “Z”, "
        "no fractions of a second."
    ),
    "datetime-invalid": _("<%(element)s> “%(value)s” is not a real date and time."),
    "datetime-utc-sign": _(
        "<%(element)s> “%(value)s” writes UTC as “+00:00”; CAP 1.2 requires “-00:00”."
    ),
    "language": _("“%(value)s” is not a language code (e.g. vi-VN, en-US)."),
    "uri": _("“%(value)s” is not a valid web address (URI)."),
    "uri-absolute": _("“%(value)s” is not a full web address (e.g. https://…)."),
    "integer": _("<%(element)s> “%(value)s” must be a whole number, 0 or more."),
    "decimal": _("<%(element)s> “%(value)s” must be a number."),
    "base64": _("<%(element)s> must hold base64-encoded data."),
    "mime-type": _("“%(value)s” is not a MIME type (e.g. image/png)."),
    "references-empty": _(
        "<references> is empty; it must list earlier messages as sender,identifier,sent."
    ),
    "references-format": _(
        "“%(value)s” in <references> is not of the form sender,identifier,sent "
        "(e.g. sender@example.org,ID-1,2025-09-01T14:30:00+07:00)."
    ),
    "references-required": _(
        "A message of type %(msg_type)s must name the earlier message(s) in <references>."
    ),
    "restriction-required": _(
        "With <scope> Restricted, <restriction> must say who may receive the message."
    ),
    "restriction-not-allowed": _(
        "<restriction> is only used with <scope> Restricted; this message's scope is %(scope)s."
    ),
    "addresses-required": _("With <scope> Private, <addresses> must list the recipients."),
    # Geometry.
    "polygon-format": _("“%(value)s” in the polygon is not a “latitude,longitude” pair."),
    "polygon-too-few-points": _(
        "A polygon needs at least 4 latitude,longitude pairs; this one has %(count)s."
    ),
    "polygon-not-closed": _(
        "The polygon is not closed: its first point (%(first)s) and its last point (%(last)s) "
        "must be the same."
    ),
    "polygon-self-intersecting": _(
        "The polygon crosses itself (%(detail)s); the area it covers may be misread."
    ),
    "coordinate-range": _(
        "The point %(value)s is off the globe: latitude must be between -90 and 90, "
        "longitude between -180 and 180."
    ),
    "circle-format": _(
        "“%(value)s” is not a circle: write “latitude,longitude radius”, the radius in km."
    ),
    "circle-radius-zero": _("The circle %(value)s has radius 0, so it covers a single point."),
    "coordinates-swapped": _(
        "The point %(value)s lies outside the expected region but would lie inside it with "
        "latitude and longitude swapped: the source probably writes longitude,latitude."
    ),
    "ceiling-without-altitude": _("<ceiling> may only be used together with <altitude>."),
    "ceiling-below-altitude": _("<ceiling> (%(ceiling)s) is below <altitude> (%(altitude)s)."),
    "expires-before": _("<expires> (%(expires)s) is before <%(other)s> (%(other_value)s)."),
    # Signature.
    "signature-invalid": _(
        "The digital signature is not valid (%(reason)s): the message may have been altered. "
        "%(detail)s"
    ),
    "signature-untrusted": _(
        "The message is signed, but that signature cannot be trusted: %(reason)s."
    ),
    # Feeds.
    "feed-unknown": _("This is neither an Atom nor an RSS feed (root element <%(found)s>)."),
    "feed-date": _("“%(value)s” is not a date and time."),
}

# Why a signature is invalid or untrusted (SignatureResult.reason is one of these keys).
SIGNATURE_REASONS = {
    "digest-mismatch": _("the content does not match the signed digest"),
    "signature-mismatch": _("the signature value does not match"),
    "malformed": _("the signature element is malformed"),
    "several-signatures": _("there is more than one signature"),
    "certificate-time": _("the certificate is not valid at the time checked"),
    "weak-algorithm": _("it uses an algorithm no longer accepted (SHA-1)"),
    "not-trusted": _("its certificate is not one of the trusted certificates"),
    "no-certificate": _("it carries no certificate and no trusted certificate matches"),
}
