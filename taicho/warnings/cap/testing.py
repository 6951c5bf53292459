"""Test support: where the shared CAP sample corpus lives (../shared/cap next to the repo).

TAICHO_SHARED_DIR overrides the shared folder. Tests skip when the samples are absent on a
developer's machine, but fail in CI (env CI set), where a missing corpus is a broken set-up.
"""

import os
from pathlib import Path

from django.conf import settings


def shared_cap_dir() -> Path:
    shared = os.environ.get("TAICHO_SHARED_DIR")
    return (Path(shared) if shared else Path(settings.BASE_DIR).parent / "shared") / "cap"


def official_schema() -> Path:
    """The OASIS CAP 1.2 XSD of the shared corpus (skip or fail as samples_dir does)."""
    return samples_dir().parent / "CAP-v1.2.xsd"


def samples_dir() -> Path:
    """The samples folder, or skip (fail in CI) the calling test when it is missing."""
    import pytest  # only ever called from tests

    folder = shared_cap_dir() / "samples"
    if not folder.is_dir():
        message = f"the shared CAP samples are missing: {folder}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return folder
