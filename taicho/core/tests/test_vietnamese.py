from taicho.core.vietnamese import fold, name_sort_key


def test_it_folds_diacritics_for_search():
    assert fold("Nguyễn Văn Đức") == "nguyen van duc"
    assert fold("  Phường   BẠCH ĐẰNG ") == "phuong bach dang"


def test_it_sorts_names_by_given_name_in_vietnamese_alphabet():
    names = ["Trần Văn Đức", "Lê Thị Dung", "Nguyễn Văn An", "Phạm Thị Ánh", "Bùi Văn Ân"]
    ordered = sorted(names, key=name_sort_key)
    # Given names first: An < Ánh (tone) ... ; D before Đ; Ă/Â after A.
    assert ordered == [
        "Nguyễn Văn An",
        "Phạm Thị Ánh",
        "Bùi Văn Ân",
        "Lê Thị Dung",
        "Trần Văn Đức",
    ]


def test_it_sorts_same_given_name_by_family_name():
    assert sorted(["Vũ Văn Bình", "Bùi Thị Bình"], key=name_sort_key) == [
        "Bùi Thị Bình",
        "Vũ Văn Bình",
    ]
