import io

import pytest
from django.core.management import CommandError, call_command

from taicho.community.models import Household
from taicho.conftest import BACH_DANG
from taicho.core.models import AuditEntry
from taicho.web.tests.test_import_support import household_rows, households_workbook

pytestmark = pytest.mark.django_db


def _run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_registry", "--ward", str(BACH_DANG), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_from_the_command_line(tmp_path, group_a1):
    path = tmp_path / "ho.xlsx"
    path.write_bytes(households_workbook())

    out, _err = _run("--kind", "households", str(path))

    assert "hộ dân: 2 tạo mới" in out
    assert Household.objects.count() == 2
    summary = AuditEntry.objects.get(action="import")
    assert summary.actor is None and summary.changes["file"] == "ho.xlsx"


def test_it_prints_every_problem_and_fails(tmp_path, group_a1):
    rows = household_rows()
    rows[0][5] = "không có"
    rows[1][2] = "Tổ 42"
    path = tmp_path / "ho.xlsx"
    path.write_bytes(households_workbook(rows, []))

    with pytest.raises(CommandError) as failed:
        _run("--kind", "households", str(path))

    assert failed.value.returncode == 1
    assert "Không có dữ liệu nào được nhập" in str(failed.value)
    assert not Household.objects.exists()


def test_it_prints_the_report_lines_with_sheet_line_and_column(tmp_path, group_a1):
    rows = household_rows()
    rows[1][2] = "Tổ 42"
    path = tmp_path / "ho.xlsx"
    path.write_bytes(households_workbook(rows, []))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_registry",
            "--ward",
            str(BACH_DANG),
            "--kind",
            "households",
            str(path),
            stderr=err,
            stdout=io.StringIO(),
        )

    assert "Hộ dân, dòng 3, cột “Tổ dân phố”: " in err.getvalue()


def test_it_names_a_missing_file_or_ward(tmp_path, ward_a):
    with pytest.raises(CommandError):
        _run("--kind", "shelters", str(tmp_path / "none.csv"))
    with pytest.raises(CommandError) as failed:
        call_command("import_registry", "--ward", "1", "--kind", "zones", str(tmp_path / "x.csv"))
    assert "1" in str(failed.value)


def test_it_imports_as_a_named_user_with_their_rights(tmp_path, group_a1, minh, lan):
    path = tmp_path / "ho.xlsx"
    path.write_bytes(households_workbook())

    with pytest.raises(CommandError):
        _run("--kind", "households", "--user", "minh", str(path))
    _run("--kind", "households", "--user", "lan", str(path))

    assert AuditEntry.objects.get(action="import").actor == lan
