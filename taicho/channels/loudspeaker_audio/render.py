"""Render a spoken script to a WAV file with espeak-ng's Vietnamese voice.

The file's name is the SHA-256 of what shaped it (voice, speed, script), so the same script
is rendered once and keeps one stable address (/media/loa/<hash>.wav) for the loudspeakers'
MQTT payload and for download. Files live in MEDIA_ROOT/loa (VAR_DIR/media/loa when
MEDIA_ROOT is not set); each is written aside and renamed, so no one reads half a file.
"""

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from taicho.channels.base import TransportError

ESPEAK = "espeak-ng"
URL_PREFIX = "/media/loa/"
SUFFIX = ".wav"
MAX_SCRIPT = 20_000  # characters: a long bulletin read aloud is a few minutes


@dataclass(frozen=True)
class AudioFile:
    digest: str
    path: Path
    created: bool

    @property
    def url_path(self) -> str:
        return f"{URL_PREFIX}{self.digest}{SUFFIX}"


def audio_dir() -> Path:
    root = settings.MEDIA_ROOT or Path(settings.VAR_DIR) / "media"
    return Path(root) / "loa"


def digest_of(script: str, *, voice: str, speed: int) -> str:
    return hashlib.sha256(f"espeak-ng|{voice}|{speed}|{script}".encode()).hexdigest()


def path_for(digest: str) -> Path:
    return audio_dir() / f"{digest}{SUFFIX}"


def render(script: str, *, voice: str = "vi", speed: int = 140, timeout: float = 60.0) -> AudioFile:
    """The audio file of `script` (rendered now, or found from an earlier render)."""
    script = " ".join((script or "").split())
    if not script:
        raise TransportError(_("There is no spoken script to read."), permanent=True)
    if len(script) > MAX_SCRIPT:
        raise TransportError(
            _("The spoken script is longer than %(limit)s characters.") % {"limit": MAX_SCRIPT},
            permanent=True,
        )
    digest = digest_of(script, voice=voice, speed=speed)
    target = path_for(digest)
    if target.exists():
        return AudioFile(digest, target, created=False)
    program = shutil.which(ESPEAK)
    if program is None:
        raise TransportError(
            _(
                "espeak-ng is not installed, so the spoken script cannot be read aloud: "
                "install it (apt-get install espeak-ng)."
            ),
            permanent=True,
            channel_fault=True,
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=target.parent, suffix=".part")
    os.close(handle)
    try:
        _run(program, script, voice=voice, speed=speed, output=partial, timeout=timeout)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return AudioFile(digest, target, created=True)


def _run(program: str, script: str, *, voice: str, speed: int, output: str, timeout: float):
    # The script goes on standard input: no shell, no argument that could look like an option.
    command = [program, "-v", voice, "-s", str(speed), "-w", output, "--stdin"]
    try:
        done = subprocess.run(  # noqa: S603
            command, input=script.encode("utf-8"), capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise TransportError(
            _("espeak-ng took longer than %(seconds)s s.") % {"seconds": timeout}
        ) from exc
    if done.returncode != 0 or not os.path.getsize(output):
        error = (
            done.stderr.decode("utf-8", "replace").strip()
            or done.stdout.decode("utf-8", "replace").strip()
        )
        raise TransportError(
            _("espeak-ng could not read the script: %(error)s") % {"error": error},
            permanent=True,
            channel_fault=True,
        )
