"""Fixtures of the warnings tests (bulletins, alerts, targeting, CAP in and out).

More characters: Tuấn, duty officer of ward A; Thắng, another command-board member of ward A.
`ward_config` is ward A's CAP settings; `http_files` a real HTTP server on 127.0.0.1 serving
a dict of paths → bytes; `default_templates` makes sure the national alert templates are
there (a transactional test elsewhere may have flushed what the migration loaded).
"""

import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from taicho.conftest import _user
from taicho.warnings.models import HazardType
from taicho.warnings.risk import Region

STORM_FIGURES = {"beaufort": 12, "region": Region.LAND_NORTHEAST_DELTA_CENTRAL.value}
ISSUED = datetime(2025, 9, 6, 1, 0, tzinfo=UTC)  # 08:00 in Hà Nội


@pytest.fixture
def default_templates(db):
    """The national templates, loaded again if a transactional test flushed the migration's."""
    from taicho.warnings.models import AlertTemplate
    from taicho.warnings.services import load_default_templates

    if not AlertTemplate.objects.filter(ward=None).exists():
        load_default_templates()


@pytest.fixture
def tuan(ward_a):
    return _user("tuan", "Đỗ Minh Tuấn", "duty_officer", ward=ward_a)


@pytest.fixture
def thang(ward_a):
    return _user("thang", "Phạm Văn Thắng", "command_board", ward=ward_a)


@pytest.fixture
def ward_config(lan, ward_a):
    from taicho.warnings.services import warning_settings_save

    return warning_settings_save(
        actor=lan,
        ward=ward_a,
        identifier_prefix="urn:oid:2.49.0.1.704.11473",
        sender="ubnd.bachdang@haiphong.gov.vn",
        sender_name="UBND phường Bạch Đằng",
    )


@pytest.fixture
def storm_bulletin(lan, ward_a):
    from taicho.warnings.services import bulletin_create_typed

    return bulletin_create_typed(
        actor=lan,
        ward=ward_a,
        hazard_type=HazardType.STORM,
        kind="storm_emergency",
        issuer="Trung tâm Dự báo Khí tượng Thủy văn quốc gia",
        issuer_kind="national_hydromet",
        issued_at=ISSUED,
        headline="Tin bão khẩn cấp – cơn bão số 3 (Yagi)",
        text="Hồi 07 giờ, vị trí tâm bão ở khoảng 20,5 độ Vĩ Bắc; 108,6 độ Kinh Đông.",
        areas=["Quảng Ninh", "Hải Phòng"],
        figures=STORM_FIGURES,
    ).bulletin


class _Files(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self):
        body = self.files.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def http_files():
    """(files dict to fill, base URL) of a real HTTP server on 127.0.0.1."""
    handler = type("Files", (_Files,), {"files": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield handler.files, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
