"""The loudspeakers' audio files, public: a loudspeaker fetches its file without logging in.

A file's name is the SHA-256 of its script, so the address cannot be guessed, and the
script is read out in public anyway. Files never change, so they may be cached for long.
"""

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from taicho.channels.loudspeaker_audio.render import path_for


@require_safe
def loudspeaker_audio(request, digest: str):
    path = path_for(digest)
    if not path.is_file():
        raise Http404(_("No such audio file."))
    response = FileResponse(path.open("rb"), content_type="audio/wav")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["Content-Disposition"] = f'inline; filename="{digest}.wav"'
    return response
