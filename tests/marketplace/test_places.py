import pytest

from marketplace.models import Place, PlaceLevel
from marketplace.services.places import YUNNAN_CSV, places_load


@pytest.mark.django_db
def test_yunnan_levels_one_to_three_are_complete_and_loading_is_idempotent():
    created = places_load(only_prefixes=("530102",))  # the province, and 五华区 in full
    assert Place.objects.filter(level=PlaceLevel.PROVINCE).get().code == "530000000000"
    assert Place.objects.filter(level=PlaceLevel.PREFECTURE).count() == 16
    assert Place.objects.filter(level=PlaceLevel.COUNTY).count() == 129
    wuhua = Place.objects.get(code="530102000000")
    assert wuhua.name == "五华区" and wuhua.parent.name == "昆明市"
    communities = Place.objects.within(wuhua).communities()
    assert communities.count() > 50
    assert all(len(c.code) == 12 for c in communities)
    cuihu = Place.objects.get(code="530102001001")
    assert cuihu.path_name == "云南省 昆明市 五华区 华山街道 翠湖西路社区居民委员会"
    assert cuihu.urban_rural == "urban"
    assert places_load(only_prefixes=("530102",)) == 0
    assert created == Place.objects.count()


def test_data_file_names_its_source():
    head = YUNNAN_CSV.read_text(encoding="utf-8").splitlines()[:4]
    assert any("国家统计局" in line for line in head)


def test_contains_follows_the_code_prefix(places):
    assert places["huashan"].contains(places["community_a"])
    assert places["province"].contains(places["village"])
    assert not places["wuhua"].contains(places["village"])
    assert not places["community_a"].contains(places["community_b"])
