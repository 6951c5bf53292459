import pytest

from taicho.core.models import ResidentialGroup

pytestmark = pytest.mark.django_db


def test_it_lists_numbered_groups_in_number_order(ward_a):
    for code in ["10", "2", "1", "12"]:
        ResidentialGroup.objects.create(ward=ward_a, code=code, name=f"Tổ dân phố số {code}")
    codes = list(ResidentialGroup.objects.filter(ward=ward_a).values_list("code", flat=True))
    assert codes == ["1", "2", "10", "12"]
