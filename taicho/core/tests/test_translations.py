"""Every string a user reads has its Vietnamese: an English msgid left untranslated shows up
as English on a Vietnamese screen."""

import re
from pathlib import Path

import django
import polib

import taicho

ROOT = Path(taicho.__file__).parent
TEMPLATE_STRING = re.compile(r'\{%\s*translate\s+"([^"]+)"(?:\s+context\s+"([^"]+)")?')
PYTHON_STRING = re.compile(r'\b(?:_|gettext|gettext_lazy|_lazy)\(\s*"((?:[^"\\]|\\.)*)"\s*[,)]')


def _translated() -> set[tuple[str, str]]:
    known = set()
    for po in ROOT.glob("**/locale/vi/LC_MESSAGES/*.po"):
        known.update((e.msgctxt or "", e.msgid) for e in polib.pofile(str(po)) if e.translated())
    django_dir = Path(django.__file__).parent
    catalogues = [
        django_dir / "conf/locale/vi/LC_MESSAGES/django.mo",
        *django_dir.glob("contrib/*/locale/vi/LC_MESSAGES/django.mo"),
    ]
    for mo in catalogues:
        known.update((e.msgctxt or "", e.msgid) for e in polib.mofile(str(mo)))
    return known


def _sources():
    for path in ROOT.glob("**/*"):
        if path.suffix in (".py", ".html") and not {"tests", "migrations"} & set(path.parts):
            yield path


def test_it_has_vietnamese_for_every_translatable_string():
    known = _translated()
    missing = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            found = [(m.group(2) or "", m.group(1)) for m in TEMPLATE_STRING.finditer(text)]
        else:
            found = [
                ("", m.group(1)) for m in PYTHON_STRING.finditer(text) if "\\" not in m.group(1)
            ]
        missing += [
            f"{path.relative_to(ROOT)}: {msgid}"
            for key in found
            if key not in known
            for msgid in [key[1]]
        ]
    assert not missing, "No Vietnamese for:\n" + "\n".join(missing)
