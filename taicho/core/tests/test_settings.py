import os
import subprocess
import sys


def _settings_error(**env) -> str:
    """Import the settings in a fresh interpreter with `env`; return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", "import taicho.settings"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stderr if result.returncode else ""


def test_it_names_a_bad_boolean():
    assert "TAICHO_DEBUG must be one of" in _settings_error(TAICHO_DEBUG="maybe")


def test_it_names_a_bad_database_url():
    assert "DATABASE_URL" in _settings_error(DATABASE_URL="oracle+weird://nothing")


def test_it_refuses_a_short_secret_key():
    assert "SECRET_KEY must be at least 32" in _settings_error(SECRET_KEY="short")


def test_it_generates_a_secret_key_once_into_var(tmp_path):
    env = {**os.environ, "TAICHO_VAR_DIR": str(tmp_path), "SECRET_KEY": ""}
    code = "from django.conf import settings; import taicho.settings as s; print(s.SECRET_KEY)"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.stdout.strip() and first.stdout == second.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_it_compiles_vietnamese_with_one_plural_form(tmp_path):
    import polib

    from taicho.core.translations import compile_translations

    folder = tmp_path / "app" / "locale" / "vi" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="%d house", msgid_plural="%d houses", msgstr_plural={0: "%d hộ"}))
    po.save(str(folder / "one.po"))
    compile_translations(tmp_path)
    compiled = polib.mofile(str(folder / "django.mo"))
    assert compiled.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert compiled[0].msgstr_plural[0] == "%d hộ"
