"""Compile the translations without GNU gettext (polib), so set-up needs no system package.

Every app keeps `locale/<lang>/LC_MESSAGES/*.po`; all the .po files of one folder are merged
into its `django.mo`, so several people can each keep their own file without conflicts.
"""

import os
from pathlib import Path

import polib

# Vietnamese has one form for every number.
PLURAL_FORMS = {"vi": "nplurals=1; plural=0;"}


def compile_translations(root: Path) -> list[Path]:
    written = []
    for folder in sorted({po.parent for po in root.glob("**/locale/*/LC_MESSAGES/*.po")}):
        merged = polib.POFile()
        merged.metadata = {
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": folder.parent.name,
            "Plural-Forms": PLURAL_FORMS.get(folder.parent.name, "nplurals=2; plural=(n != 1);"),
        }
        for po_path in sorted(folder.glob("*.po")):
            for entry in polib.pofile(str(po_path)):
                if entry.translated() and not entry.obsolete and "fuzzy" not in entry.flags:
                    merged.append(entry)
        target = folder / "django.mo"
        # Written aside then renamed: a server or a parallel test run never reads half a file.
        partial = folder / f".django.mo.{os.getpid()}"
        merged.save_as_mofile(str(partial))
        os.replace(partial, target)
        written.append(target)
    return written
