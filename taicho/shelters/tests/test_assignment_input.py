"""Bad input to the shelter assignment engine: a clear Vietnamese message naming the culprit."""

import pytest

from taicho.shelters.assignment import AssignmentError, Household, Shelter, assign_households

LAT, LON = 20.86, 106.68


def household(id="H01", persons=3, lat=LAT, lon=LON, name=""):
    return Household(id=id, persons=persons, lat=lat, lon=lon, name=name)


def shelter(id="S01", capacity=20, lat=LAT + 0.001, lon=LON, name=""):
    return Shelter(id=id, capacity=capacity, lat=lat, lon=lon, name=name)


def error_of(**kwargs) -> AssignmentError:
    with pytest.raises(AssignmentError) as caught:
        assign_households(**kwargs)
    return caught.value


def test_it_leaves_out_a_shelter_with_zero_capacity_and_says_so():
    result = assign_households(
        households=[household()],
        shelters=[shelter(id="S00", capacity=0, name="Nhà văn hoá tổ 2"), shelter()],
    )
    assert result.by_household()["H01"].shelter_id == "S01"
    assert [s.shelter_id for s in result.shelters] == ["S01"]
    assert (
        "Điểm sơ tán “Nhà văn hoá tổ 2” có sức chứa 0 người nên không được sử dụng."
        in result.warnings
    )


def test_it_refuses_a_negative_capacity():
    error = error_of(households=[household()], shelters=[shelter(capacity=-5)])
    assert error.code == "negative_capacity"
    assert str(error) == "Điểm sơ tán “S01” có sức chứa âm (-5 người)."


def test_it_names_the_households_without_a_location():
    households = [household(id=f"H{i}", lat=None, name=f"Hộ ông Bảy {i}") for i in range(7)]
    error = error_of(households=[household(id="ok"), *households], shelters=[shelter()])
    assert error.code == "household_without_location"
    assert str(error) == (
        "Các hộ sau chưa có vị trí (vĩ độ và kinh độ): “Hộ ông Bảy 0”, “Hộ ông Bảy 1”, "
        "“Hộ ông Bảy 2”, “Hộ ông Bảy 3”, “Hộ ông Bảy 4” và 2 hộ khác."
    )


def test_it_refuses_a_location_out_of_range():
    error = error_of(households=[household(lat=123.0)], shelters=[shelter()])
    assert str(error) == "Các hộ sau có vĩ độ hoặc kinh độ nằm ngoài phạm vi hợp lệ: “H01”."


def test_it_says_when_there_is_no_usable_shelter():
    for shelters in ([], [shelter(capacity=0)]):
        error = error_of(households=[household()], shelters=shelters)
        assert error.code == "no_usable_shelter"
        assert str(error) == (
            "Không có điểm sơ tán nào sử dụng được: hãy thêm điểm sơ tán hoặc nhập sức chứa "
            "lớn hơn 0 người."
        )


def test_it_names_a_household_larger_than_every_shelter():
    error = error_of(
        households=[household(), household(id="H02", persons=40, name="Hộ bà Tư")],
        shelters=[shelter(capacity=30), shelter(id="S02", capacity=25)],
    )
    assert error.code == "household_larger_than_shelters"
    assert str(error).startswith(
        "Các hộ sau có số người nhiều hơn sức chứa của điểm sơ tán lớn nhất (30 người): “Hộ bà Tư”."
    )


def test_it_refuses_a_shelter_without_a_location():
    error = error_of(households=[household()], shelters=[shelter(lon=None, name="Trường THCS")])
    assert str(error) == "Điểm sơ tán “Trường THCS” chưa có vị trí hợp lệ (vĩ độ và kinh độ)."


@pytest.mark.parametrize(
    ("households", "shelters", "message"),
    [
        ([household(), household()], [shelter()], "Hộ “H01” xuất hiện hai lần."),
        ([household()], [shelter(), shelter()], "Điểm sơ tán “S01” xuất hiện hai lần."),
        (
            [household(persons=0)],
            [shelter()],
            "Hộ “H01” phải có ít nhất một người (số nguyên).",
        ),
        (
            [household()],
            [shelter(capacity=2.5)],
            "Sức chứa của điểm sơ tán “S01” phải là số người nguyên.",
        ),
    ],
)
def test_it_refuses_duplicates_and_non_whole_numbers(households, shelters, message):
    assert str(error_of(households=households, shelters=shelters)) == message


def test_it_explains_a_pin_it_cannot_honour():
    households = [household(), household(id="H02", persons=5, name="Hộ anh Năm")]
    shelters = [shelter(capacity=6, name="Trường Tiểu học"), shelter(id="S00", capacity=0)]
    cases = [
        (
            {"H09": "S01"},
            "Có chỉ định cố định cho hộ “H09”, nhưng hộ này không có trong phương án.",
        ),
        (
            {"H01": "S99"},
            "Hộ “H01” được chỉ định cố định vào điểm sơ tán “S99”, nhưng điểm này không tồn tại.",
        ),
        (
            {"H01": "S00"},
            "Hộ “H01” được chỉ định cố định vào điểm sơ tán “S00”, nhưng điểm này không sử "
            "dụng được (sức chứa 0 người).",
        ),
        (
            {"H01": "S01", "H02": "S01"},
            "Không thể chỉ định cố định hộ “Hộ anh Năm” vào điểm sơ tán “Trường Tiểu học”: "
            "cộng với các hộ đã chỉ định ở đó, số người sẽ vượt sức chứa 6 người.",
        ),
    ]
    for pins, message in cases:
        assert str(error_of(households=households, shelters=shelters, pins=pins)) == message
