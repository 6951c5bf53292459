"""The national default alert templates, as data: one per hazard type × risk level, plus the
"all clear". A ward may keep its own copy of any of them (AlertTemplate with its ward);
these are loaded by a data migration and refreshed by `load_default_templates` (idempotent).

Placeholders (filled by taicho.warnings.services.rendering): {ward} the ward's name,
{hazard} the hazard in words ({Hazard} capitalised), {level} the risk level (1–5),
{level_name} its name (nhỏ, trung bình, lớn, rất lớn, thảm họa), {headline} the bulletin's
headline (or the alert's), {time} when the bulletin was issued, {issuer} who issued it,
{reason} why an alert is cancelled.

The SMS text must fit one SMS (160 GSM characters) once its diacritics are taken off, with
a ward name of up to 30 letters: the tests check every template.
"""

from dataclasses import dataclass

WARNING = "warning"
ALL_CLEAR = "all_clear"


@dataclass(frozen=True)
class TemplateData:
    hazard_type: str  # "" for the all-clear, which fits every hazard
    level: int | None
    headline: str
    sms_text: str
    long_text: str
    spoken_script: str
    instruction: str
    response_type: str
    kind: str = WARNING


_OPENING = "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn {ward} thông báo: "
_SPOKEN_OPENING = (
    "Thông báo khẩn của Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn {ward}. "
)
_SPOKEN_CLOSING = " Xin nhắc lại: {headline}. Đề nghị bà con theo dõi loa phường và tin nhắn."

# --- storm (bão, áp thấp nhiệt đới): levels 3–5 -------------------------------------------

_STORM_PREPARE = (
    "chằng chống, gia cố nhà cửa; chặt tỉa cành cây quanh nhà; đưa tàu thuyền vào nơi tránh "
    "trú an toàn; dự trữ lương thực, nước uống, đèn pin, thuốc men cho ít nhất 3 ngày"
)

STORM = (
    TemplateData(
        "storm",
        3,
        "Cảnh báo bão: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: bão, cấp độ rủi ro {level}. Chằng chống nhà cửa, đưa tàu thuyền vào nơi "
        "tránh trú, không ra sông, biển. Theo dõi loa phường.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, bão có thể ảnh hưởng trực tiếp đến "
        "địa bàn; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Đề nghị các hộ gia đình "
        + _STORM_PREPARE
        + ". Không ra sông, ra biển khi có gió mạnh. Các hộ ở nhà yếu, nhà tạm, ven sông, "
        "ngoài đê chuẩn bị sẵn sàng sơ tán khi có lệnh.",
        _SPOKEN_OPENING + "Bão đang tiến gần, cấp độ rủi ro thiên tai cấp {level}. "
        "Đề nghị bà con chằng chống nhà cửa, chặt tỉa cành cây, đưa tàu thuyền vào nơi tránh "
        "trú, dự trữ lương thực và nước uống. Không ra sông, ra biển. Các hộ ở nhà yếu, ven "
        "sông, ngoài đê chuẩn bị sẵn sàng sơ tán." + _SPOKEN_CLOSING,
        "Chằng chống nhà cửa; đưa tàu thuyền vào nơi tránh trú; dự trữ lương thực, nước uống "
        "3 ngày; hộ ở nhà yếu, ven sông, ngoài đê sẵn sàng sơ tán.",
        "prepare",
    ),
    TemplateData(
        "storm",
        4,
        "Bão rất mạnh: cấp độ rủi ro thiên tai {level}, sơ tán dân tại {ward}",
        "{ward}: bão rất mạnh, rủi ro cấp {level}. Hộ ở nhà yếu, ven sông, ngoài đê sơ tán "
        "ngay đến điểm trú ẩn. Ở trong nhà khi có gió mạnh.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, bão rất mạnh sẽ ảnh hưởng trực tiếp "
        "đến địa bàn; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Các hộ ở nhà yếu, "
        "nhà tạm, ven sông, ngoài đê sơ tán ngay đến điểm trú ẩn theo hướng dẫn của tổ dân phố "
        "và lực lượng xung kích; người già, trẻ em, người khuyết tật được đưa đi trước. Các hộ "
        "còn lại " + _STORM_PREPARE + ", ở yên trong nhà khi bão vào.",
        _SPOKEN_OPENING + "Bão rất mạnh sắp đổ bộ, cấp độ rủi ro thiên tai cấp {level}. "
        "Các hộ ở nhà yếu, nhà tạm, ven sông, ngoài đê khẩn trương sơ tán đến điểm trú ẩn. "
        "Lực lượng xung kích và tổ dân phố hỗ trợ người già, trẻ em, người khuyết tật. Các hộ "
        "còn lại chằng chống nhà cửa và ở yên trong nhà." + _SPOKEN_CLOSING,
        "Sơ tán ngay các hộ ở nhà yếu, ven sông, ngoài đê; ưu tiên người già, trẻ em, người "
        "khuyết tật; các hộ khác chằng chống nhà cửa và ở trong nhà.",
        "evacuate",
    ),
    TemplateData(
        "storm",
        5,
        "Thảm họa bão: cấp độ rủi ro thiên tai {level}, sơ tán khẩn cấp tại {ward}",
        "{ward}: THẢM HỌA BÃO, rủi ro cấp {level}. Sơ tán khẩn cấp theo lệnh, đến điểm trú ẩn "
        "gần nhất. Không ở lại nhà yếu, ven sông, ngoài đê.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, siêu bão sẽ đổ bộ trực tiếp; cấp độ "
        "rủi ro thiên tai cấp {level} ({level_name}). Toàn bộ các hộ ở nhà yếu, nhà tạm, ven "
        "sông, ngoài đê và vùng trũng thấp phải sơ tán khẩn cấp đến điểm trú ẩn theo lệnh; "
        "lực lượng xung kích được cưỡng chế sơ tán khi cần. Các hộ ở nhà kiên cố ở yên trong "
        "phòng chắc chắn nhất, tránh xa cửa kính, không ra ngoài cho đến khi có thông báo.",
        _SPOKEN_OPENING + "Siêu bão sắp đổ bộ, cấp độ rủi ro thiên tai cấp {level}, cấp thảm "
        "họa. Bà con ở nhà yếu, ven sông, ngoài đê, vùng trũng thấp phải sơ tán khẩn cấp ngay "
        "đến điểm trú ẩn. Không ai được ở lại khu vực nguy hiểm. Các hộ ở nhà kiên cố ở yên "
        "trong nhà, tránh xa cửa kính." + _SPOKEN_CLOSING,
        "Sơ tán khẩn cấp mọi hộ ở nhà yếu, ven sông, ngoài đê, vùng trũng; cưỡng chế khi cần; "
        "các hộ ở nhà kiên cố trú ẩn tại chỗ.",
        "evacuate",
    ),
)

# --- river flood and inundation (lũ, ngập lụt): levels 1–5 --------------------------------

FLOOD = (
    TemplateData(
        "flood",
        1,
        "Cảnh báo lũ: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: nước sông lên, rủi ro lũ cấp {level}. Kê cao đồ đạc, không đi qua chỗ nước "
        "chảy xiết, trông giữ trẻ em. Theo dõi loa phường.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, mực nước sông đang lên; cấp độ rủi "
        "ro thiên tai do lũ cấp {level} ({level_name}). Đề nghị các hộ ven sông, ngoài đê kê "
        "cao đồ đạc, lương thực; không đi qua ngầm, tràn, chỗ nước chảy xiết; trông giữ trẻ "
        "em, không cho tắm sông.",
        _SPOKEN_OPENING + "Nước sông đang lên, cấp độ rủi ro thiên tai do lũ cấp {level}. "
        "Bà con ven sông, ngoài đê kê cao đồ đạc, không đi qua chỗ nước chảy xiết, trông giữ "
        "trẻ em." + _SPOKEN_CLOSING,
        "Kê cao đồ đạc; không đi qua chỗ nước chảy xiết; trông giữ trẻ em; theo dõi thông báo.",
        "monitor",
    ),
    TemplateData(
        "flood",
        2,
        "Tin lũ: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: lũ lên, rủi ro cấp {level}. Hộ ven sông, ngoài đê chuyển đồ đạc lên cao, "
        "sẵn sàng sơ tán. Không đi qua chỗ nước chảy xiết.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, lũ tiếp tục lên; cấp độ rủi ro thiên "
        "tai do lũ cấp {level} ({level_name}). Các hộ ven sông, ngoài đê chuyển người già, "
        "trẻ em, tài sản lên chỗ cao, chuẩn bị sẵn sàng sơ tán; đưa gia súc, tàu thuyền vào nơi "
        "an toàn. Không vớt củi, đánh bắt cá trên sông khi có lũ.",
        _SPOKEN_OPENING + "Lũ đang lên, cấp độ rủi ro thiên tai cấp {level}. Các hộ ven sông, "
        "ngoài đê chuyển đồ đạc, gia súc lên chỗ cao, sẵn sàng sơ tán khi có lệnh. Không vớt "
        "củi, đánh bắt cá trên sông." + _SPOKEN_CLOSING,
        "Chuyển người già, trẻ em, tài sản lên chỗ cao; sẵn sàng sơ tán; không xuống sông "
        "khi có lũ.",
        "prepare",
    ),
    TemplateData(
        "flood",
        3,
        "Tin lũ khẩn cấp: cấp độ rủi ro thiên tai {level}, sơ tán dân ngoài đê tại {ward}",
        "{ward}: lũ lớn, rủi ro cấp {level}. Hộ ngoài đê, ven sông, vùng trũng sơ tán ngay "
        "đến điểm trú ẩn. Không đi qua chỗ ngập sâu.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, lũ lớn đang lên nhanh; cấp độ rủi ro "
        "thiên tai cấp {level} ({level_name}). Các hộ ngoài đê, ven sông, vùng trũng thấp sơ "
        "tán ngay đến điểm trú ẩn theo hướng dẫn của tổ dân phố; ưu tiên người già, trẻ em, "
        "người khuyết tật, phụ nữ mang thai. Ngắt điện trước khi rời nhà. Không đi qua chỗ "
        "ngập sâu, nước chảy xiết.",
        _SPOKEN_OPENING + "Lũ lớn đang lên nhanh, cấp độ rủi ro thiên tai cấp {level}. Các "
        "hộ ngoài đê, ven sông, vùng trũng thấp khẩn trương sơ tán đến điểm trú ẩn. Ngắt điện "
        "trước khi rời nhà. Không đi qua chỗ ngập sâu." + _SPOKEN_CLOSING,
        "Sơ tán hộ ngoài đê, ven sông, vùng trũng; ưu tiên người dễ bị tổn thương; ngắt điện "
        "trước khi rời nhà.",
        "evacuate",
    ),
    TemplateData(
        "flood",
        4,
        "Lũ rất lớn: cấp độ rủi ro thiên tai {level}, sơ tán khẩn cấp tại {ward}",
        "{ward}: lũ rất lớn, rủi ro cấp {level}. Sơ tán khẩn cấp khỏi vùng trũng, ven sông, "
        "ngoài đê. Lên chỗ cao, chờ lực lượng cứu hộ.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, lũ rất lớn, có nguy cơ tràn, vỡ đê; "
        "cấp độ rủi ro thiên tai cấp {level} ({level_name}). Toàn bộ các hộ vùng trũng, ven "
        "sông, ngoài đê sơ tán khẩn cấp đến điểm trú ẩn; lực lượng xung kích hỗ trợ và cưỡng "
        "chế khi cần. Người bị nước bao vây lên chỗ cao nhất, giữ điện thoại, chờ cứu hộ.",
        _SPOKEN_OPENING + "Lũ rất lớn, nguy cơ tràn, vỡ đê, cấp độ rủi ro thiên tai cấp "
        "{level}. Toàn bộ bà con vùng trũng, ven sông, ngoài đê sơ tán khẩn cấp ngay. Người "
        "bị nước bao vây lên chỗ cao nhất và chờ lực lượng cứu hộ." + _SPOKEN_CLOSING,
        "Sơ tán khẩn cấp vùng trũng, ven sông, ngoài đê; cưỡng chế khi cần; người bị nước "
        "bao vây lên chỗ cao, chờ cứu hộ.",
        "evacuate",
    ),
    TemplateData(
        "flood",
        5,
        "Thảm họa lũ: cấp độ rủi ro thiên tai {level}, sơ tán toàn bộ vùng nguy hiểm tại {ward}",
        "{ward}: THẢM HỌA LŨ, rủi ro cấp {level}. Sơ tán ngay theo lệnh, lên chỗ cao nhất. "
        "Gọi 112 khi bị nước bao vây.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, lũ vượt lũ lịch sử; cấp độ rủi ro "
        "thiên tai cấp {level} ({level_name}). Mọi người trong vùng nguy hiểm phải sơ tán ngay "
        "theo lệnh đến điểm trú ẩn hoặc nơi cao nhất gần nhất. Người bị nước bao vây gọi 112, "
        "treo vật có màu sáng để lực lượng cứu hộ nhận biết.",
        _SPOKEN_OPENING + "Lũ vượt lũ lịch sử, cấp độ rủi ro thiên tai cấp {level}, cấp thảm "
        "họa. Mọi người trong vùng nguy hiểm sơ tán ngay đến nơi cao nhất. Người bị nước bao "
        "vây gọi 112 và chờ cứu hộ." + _SPOKEN_CLOSING,
        "Sơ tán toàn bộ vùng nguy hiểm theo lệnh; người bị nước bao vây gọi 112, chờ cứu hộ.",
        "evacuate",
    ),
)

# --- storm surge (nước dâng do bão): levels 2–5 -------------------------------------------

SURGE = (
    TemplateData(
        "storm_surge",
        2,
        "Cảnh báo nước dâng: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: nước dâng do bão, rủi ro cấp {level}. Hộ ven sông, ven biển, ngoài đê kê "
        "cao đồ đạc, sẵn sàng sơ tán. Không ra sông, biển.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, nước dâng do bão kết hợp triều cường "
        "có thể gây ngập vùng ven sông, ven biển; cấp độ rủi ro thiên tai cấp {level} "
        "({level_name}). Các hộ ven sông, ven biển, ngoài đê kê cao đồ đạc, chuẩn bị sẵn sàng "
        "sơ tán; đưa tàu thuyền, lồng bè vào nơi an toàn.",
        _SPOKEN_OPENING + "Nước dâng do bão kết hợp triều cường, cấp độ rủi ro thiên tai cấp "
        "{level}. Các hộ ven sông, ven biển, ngoài đê kê cao đồ đạc, sẵn sàng sơ tán. Không ra "
        "sông, ra biển." + _SPOKEN_CLOSING,
        "Kê cao đồ đạc; đưa tàu thuyền, lồng bè vào nơi an toàn; sẵn sàng sơ tán.",
        "prepare",
    ),
    TemplateData(
        "storm_surge",
        3,
        "Nước dâng cao: cấp độ rủi ro thiên tai {level}, sơ tán dân ngoài đê tại {ward}",
        "{ward}: nước dâng cao, rủi ro cấp {level}. Hộ ngoài đê, ven sông, ven biển sơ tán "
        "ngay đến điểm trú ẩn. Không ở lại trên tàu thuyền.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, nước dâng do bão có thể tràn qua bờ "
        "bao, đê; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Các hộ ngoài đê, ven "
        "sông, ven biển sơ tán ngay đến điểm trú ẩn; không ai ở lại trên tàu thuyền, lồng bè, "
        "chòi canh.",
        _SPOKEN_OPENING + "Nước dâng cao có thể tràn đê, cấp độ rủi ro thiên tai cấp {level}. "
        "Các hộ ngoài đê, ven sông, ven biển khẩn trương sơ tán. Không ai ở lại trên tàu "
        "thuyền, lồng bè." + _SPOKEN_CLOSING,
        "Sơ tán hộ ngoài đê, ven sông, ven biển; không ở lại trên tàu thuyền, lồng bè, chòi canh.",
        "evacuate",
    ),
    TemplateData(
        "storm_surge",
        4,
        "Nước dâng rất cao: cấp độ rủi ro thiên tai {level}, sơ tán khẩn cấp tại {ward}",
        "{ward}: nước dâng rất cao, rủi ro cấp {level}. Sơ tán khẩn cấp khỏi vùng ven sông, "
        "ngoài đê, vùng trũng đến điểm trú ẩn.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, nước dâng rất cao, nguy cơ vỡ đê; "
        "cấp độ rủi ro thiên tai cấp {level} ({level_name}). Toàn bộ các hộ ven sông, ngoài "
        "đê, vùng trũng thấp sơ tán khẩn cấp đến điểm trú ẩn; lực lượng xung kích cưỡng chế "
        "khi cần.",
        _SPOKEN_OPENING + "Nước dâng rất cao, nguy cơ vỡ đê, cấp độ rủi ro thiên tai cấp "
        "{level}. Toàn bộ bà con ven sông, ngoài đê, vùng trũng sơ tán khẩn cấp ngay."
        + _SPOKEN_CLOSING,
        "Sơ tán khẩn cấp ven sông, ngoài đê, vùng trũng; cưỡng chế khi cần.",
        "evacuate",
    ),
    TemplateData(
        "storm_surge",
        5,
        "Thảm họa nước dâng: cấp độ rủi ro thiên tai {level}, sơ tán toàn bộ tại {ward}",
        "{ward}: THẢM HỌA NƯỚC DÂNG, rủi ro cấp {level}. Sơ tán ngay theo lệnh đến nơi cao, "
        "kiên cố. Gọi 112 khi bị nước bao vây.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, nước dâng trên 6 m, nguy cơ tràn "
        "và vỡ đê diện rộng; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Mọi người ở "
        "vùng nguy hiểm sơ tán ngay theo lệnh đến nhà cao tầng kiên cố hoặc điểm trú ẩn; người "
        "bị nước bao vây gọi 112.",
        _SPOKEN_OPENING + "Nước dâng cấp thảm họa, cấp độ rủi ro thiên tai cấp {level}. Mọi "
        "người ở vùng nguy hiểm sơ tán ngay đến nơi cao, kiên cố." + _SPOKEN_CLOSING,
        "Sơ tán toàn bộ vùng nguy hiểm đến nơi cao, kiên cố; người bị nước bao vây gọi 112.",
        "evacuate",
    ),
)

# --- heavy rain (mưa lớn): levels 1–4 -----------------------------------------------------

RAIN = (
    TemplateData(
        "heavy_rain",
        1,
        "Cảnh báo mưa lớn: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: mưa lớn, rủi ro cấp {level}. Khơi thông cống rãnh, không đi qua chỗ ngập "
        "sâu, nước chảy xiết. Trông giữ trẻ em.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, có mưa lớn trên địa bàn; cấp độ rủi "
        "ro thiên tai cấp {level} ({level_name}). Đề nghị các hộ khơi thông cống rãnh, kê cao "
        "đồ đạc ở vùng trũng; không đi qua chỗ ngập sâu, nước chảy xiết; trông giữ trẻ em.",
        _SPOKEN_OPENING + "Mưa lớn trên địa bàn, cấp độ rủi ro thiên tai cấp {level}. Bà con "
        "khơi thông cống rãnh, không đi qua chỗ ngập sâu, trông giữ trẻ em." + _SPOKEN_CLOSING,
        "Khơi thông cống rãnh; không đi qua chỗ ngập sâu; trông giữ trẻ em.",
        "monitor",
    ),
    TemplateData(
        "heavy_rain",
        2,
        "Mưa rất to: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: mưa rất to, rủi ro cấp {level}, nguy cơ ngập úng. Hộ vùng trũng kê cao đồ "
        "đạc, sẵn sàng di chuyển. Tránh chỗ sạt lở.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, mưa rất to kéo dài, nguy cơ ngập "
        "úng vùng trũng và sạt lở bờ sông; cấp độ rủi ro thiên tai cấp {level} ({level_name}). "
        "Các hộ vùng trũng kê cao đồ đạc, sẵn sàng di chuyển; không đến gần bờ sông, mái dốc "
        "có dấu hiệu nứt, sạt.",
        _SPOKEN_OPENING + "Mưa rất to kéo dài, nguy cơ ngập úng và sạt lở, cấp độ rủi ro "
        "thiên tai cấp {level}. Hộ vùng trũng kê cao đồ đạc, sẵn sàng di chuyển; tránh xa bờ "
        "sông có vết nứt." + _SPOKEN_CLOSING,
        "Kê cao đồ đạc; sẵn sàng di chuyển khỏi vùng trũng; tránh bờ sông, mái dốc có vết nứt.",
        "prepare",
    ),
    TemplateData(
        "heavy_rain",
        3,
        "Mưa đặc biệt lớn: cấp độ rủi ro thiên tai {level} tại {ward}",
        "{ward}: mưa đặc biệt lớn, rủi ro cấp {level}. Hộ vùng trũng, ven sông di chuyển lên "
        "chỗ cao. Không đi qua đường ngập, tràn.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, mưa đặc biệt lớn gây ngập sâu và "
        "sạt lở; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Các hộ vùng trũng, ven "
        "sông, khu vực có nguy cơ sạt lở di chuyển đến nơi an toàn; ngắt điện khi nước vào nhà; "
        "không đi qua đường ngập, ngầm, tràn.",
        _SPOKEN_OPENING + "Mưa đặc biệt lớn, cấp độ rủi ro thiên tai cấp {level}. Các hộ vùng "
        "trũng, ven sông, khu vực sạt lở di chuyển đến nơi an toàn. Ngắt điện khi nước vào "
        "nhà." + _SPOKEN_CLOSING,
        "Di chuyển hộ vùng trũng, ven sông, khu vực sạt lở đến nơi an toàn; ngắt điện khi "
        "nước vào nhà.",
        "avoid",
    ),
    TemplateData(
        "heavy_rain",
        4,
        "Mưa cực lớn: cấp độ rủi ro thiên tai {level}, sơ tán dân vùng nguy hiểm tại {ward}",
        "{ward}: mưa cực lớn, rủi ro cấp {level}. Sơ tán ngay khỏi vùng trũng, ven sông, nơi "
        "sạt lở đến điểm trú ẩn.",
        _OPENING + "{headline}. Theo bản tin lúc {time}, mưa cực lớn nhiều ngày, ngập sâu diện "
        "rộng; cấp độ rủi ro thiên tai cấp {level} ({level_name}). Các hộ vùng trũng, ven sông, "
        "khu vực sạt lở sơ tán ngay đến điểm trú ẩn; ưu tiên người già, trẻ em, người khuyết "
        "tật.",
        _SPOKEN_OPENING + "Mưa cực lớn, ngập sâu diện rộng, cấp độ rủi ro thiên tai cấp "
        "{level}. Các hộ vùng trũng, ven sông, khu vực sạt lở sơ tán ngay đến điểm trú ẩn."
        + _SPOKEN_CLOSING,
        "Sơ tán vùng trũng, ven sông, khu vực sạt lở; ưu tiên người dễ bị tổn thương.",
        "evacuate",
    ),
)

# --- all clear (any hazard) ---------------------------------------------------------------

ALL_CLEAR_TEMPLATE = TemplateData(
    "",
    None,
    "Kết thúc cảnh báo {hazard} tại {ward}",
    "{ward}: {hazard} đã qua. Người đã sơ tán chờ tổ dân phố báo mới về nhà. Không chạm "
    "dây điện đứt, báo thiệt hại cho tổ trưởng.",
    _OPENING + "{hazard} đã qua, nguy cơ trên địa bàn đã giảm. Người dân đã sơ tán chỉ trở về "
    "nhà khi tổ dân phố thông báo an toàn. Khi về nhà, không chạm vào dây điện đứt, kiểm tra "
    "nhà cửa trước khi vào; báo thiệt hại về người, nhà cửa, tài sản cho tổ trưởng tổ dân phố; "
    "vệ sinh môi trường, xử lý nước sinh hoạt.",
    _SPOKEN_OPENING + "{Hazard} đã qua. Bà con đã sơ tán chỉ trở về nhà khi tổ dân phố thông "
    "báo an toàn. Không chạm vào dây điện đứt, báo thiệt hại cho tổ trưởng tổ dân phố.",
    "Chỉ trở về nhà khi được thông báo an toàn; không chạm dây điện đứt; báo thiệt hại cho "
    "tổ trưởng.",
    "all_clear",
    kind=ALL_CLEAR,
)

DEFAULT_TEMPLATES: tuple[TemplateData, ...] = (*STORM, *FLOOD, *SURGE, *RAIN, ALL_CLEAR_TEMPLATE)

# --- cancellation (a CAP Cancel of an alert sent by mistake); not a stored template --------
# Here {headline} and {time} are those of the alert being cancelled, {reason} the officer's.

CANCEL_TEMPLATE = TemplateData(
    "",
    None,
    "Hủy bỏ cảnh báo: {headline}",
    "{ward}: HỦY BỎ cảnh báo {hazard} đã phát lúc {time}. Bà con theo dõi thông báo tiếp "
    "theo của phường.",
    _OPENING + "hủy bỏ cảnh báo “{headline}” đã phát lúc {time}. Lý do: {reason}. Bà con "
    "tiếp tục theo dõi thông báo của phường trên loa truyền thanh và tin nhắn.",
    _SPOKEN_OPENING + "Hủy bỏ cảnh báo {hazard} đã phát lúc {time}. Lý do: {reason}. Bà con "
    "tiếp tục theo dõi thông báo của phường.",
    "Không thực hiện hướng dẫn của cảnh báo đã hủy; theo dõi thông báo tiếp theo.",
    "none",
    kind="cancel",
)
