"""Vietnamese personal names for the SYNTHETIC demo residents.

Family names carry rough weights of how common they are in the north (Nguyễn about a third;
Hoàng and Vũ rather than their southern forms Huỳnh and Võ; Mạc, Phí and Đồng are old
Hải Phòng families). Middle names depend on sex and generation: most women born before
1980 are "Thị", younger ones less often. Any person these names happen to match is chance.
"""

FAMILY_NAMES: tuple[tuple[str, float], ...] = (
    ("Nguyễn", 36.0),
    ("Trần", 10.0),
    ("Lê", 8.5),
    ("Phạm", 7.5),
    ("Vũ", 5.0),
    ("Hoàng", 4.0),
    ("Đỗ", 3.0),
    ("Bùi", 3.0),
    ("Đặng", 2.5),
    ("Ngô", 2.0),
    ("Đào", 1.6),
    ("Phan", 1.4),
    ("Dương", 1.2),
    ("Đoàn", 1.2),
    ("Lương", 1.0),
    ("Trịnh", 1.0),
    ("Đinh", 1.0),
    ("Mạc", 1.0),
    ("Phí", 0.8),
    ("Đồng", 0.7),
    ("Hồ", 0.6),
    ("Lý", 0.5),
    ("Tạ", 0.5),
    ("Cao", 0.5),
    ("Lưu", 0.5),
    ("Hà", 0.5),
    ("Trương", 0.5),
    ("Võ", 0.3),
    ("Huỳnh", 0.2),
    ("Vương", 0.3),
)

# (names, weights) for people born before 1980, and from 1980 on.
MALE_MIDDLE = {
    "older": (
        ("Văn", "Đức", "Quang", "Hữu", "Công", "Xuân", "Đình", "Minh"),
        (60, 8, 6, 6, 6, 5, 5, 4),
    ),
    "younger": (
        ("Văn", "Minh", "Đức", "Quốc", "Gia", "Tuấn", "Hoàng", "Đăng", "Bảo", "Thành", "Nhật"),
        (22, 12, 10, 8, 8, 6, 6, 6, 8, 7, 7),
    ),
}
FEMALE_MIDDLE = {
    "older": (("Thị", "Thu", "Ngọc", "Thanh", "Hồng", "Kim"), (80, 4, 4, 4, 4, 4)),
    "younger": (
        ("Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Bảo", "Khánh", "Diệu", "Mai"),
        (30, 9, 10, 8, 7, 8, 5, 7, 6, 5, 5),
    ),
}
GENERATION_YEAR = 1980

MALE_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng",
    "Huy", "Hưng", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Mạnh", "Minh", "Nam", "Nghĩa",
    "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng", "Thành", "Thịnh", "Tiến", "Toàn",
    "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Hậu", "Chiến", "Định", "Hòa", "Lợi",
    "Nhật", "Phát", "Quyết", "Thái", "Trọng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Bích", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng",
    "Huệ", "Hương", "Huyền", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc",
    "Nhung", "Oanh", "Phương", "Quỳnh", "Tâm", "Thảo", "Thơm", "Thu", "Thủy", "Trang", "Tuyết",
    "Vân", "Yến", "Xuân", "Lụa", "Hậu", "Nhàn", "Thúy", "Vy", "Trâm", "Châu",
)  # fmt: skip
