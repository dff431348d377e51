"""Factories for core objects. Places use real Yunnan codes (五华区 华山街道)."""

from datetime import date, timedelta
from decimal import Decimal

import factory

from marketplace.demo import demo_credit_code
from marketplace.models import (
    BudgetLine,
    Indicator,
    Organisation,
    OrganisationType,
    Place,
    PlaceLevel,
    Project,
    Role,
    RoleAssignment,
    User,
)


def place(code, name, level, parent=None, urban_rural=""):
    path = f"{parent.path_name} {name}" if parent else name
    obj, _ = Place.objects.get_or_create(
        code=code,
        defaults=dict(
            name=name, level=level, parent=parent, urban_rural=urban_rural, path_name=path
        ),
    )
    return obj


def place_tree():
    """云南省 › 昆明市 › 五华区 › 华山街道 › 翠湖西路社区 / 水晶宫社区; 石林县 › 西街口村."""
    province = place("530000000000", "云南省", PlaceLevel.PROVINCE)
    kunming = place("530100000000", "昆明市", PlaceLevel.PREFECTURE, province)
    wuhua = place("530102000000", "五华区", PlaceLevel.COUNTY, kunming)
    huashan = place("530102001000", "华山街道", PlaceLevel.TOWNSHIP, wuhua)
    shilin = place("530126000000", "石林彝族自治县", PlaceLevel.COUNTY, kunming)
    xijiekou = place("530126105000", "西街口镇", PlaceLevel.TOWNSHIP, shilin)
    return {
        "province": province,
        "kunming": kunming,
        "wuhua": wuhua,
        "huashan": huashan,
        "community_a": place(
            "530102001001", "翠湖西路社区居民委员会", PlaceLevel.COMMUNITY, huashan, "urban"
        ),
        "community_b": place(
            "530102001002", "水晶宫社区居民委员会", PlaceLevel.COMMUNITY, huashan, "urban"
        ),
        "shilin": shilin,
        "village": place("530126105201", "西街口村委会", PlaceLevel.COMMUNITY, xijiekou, "rural"),
    }


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    phone = factory.Sequence(lambda n: f"139{n:08d}")
    password = factory.PostGenerationMethodCall("set_password", "pw-12345678")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试社会工作服务中心{n}")
    credit_code = factory.Sequence(lambda n: demo_credit_code(100 + n, "social_service", "530102"))
    type = OrganisationType.SOCIAL_SERVICE
    registration_authority = "昆明市五华区民政局"
    registered_on = date(2018, 5, 1)
    rating = "3A"
    place = factory.LazyFunction(lambda: place_tree()["wuhua"])


def grant(user, role, *, place=None, organisation=None, title=""):
    RoleAssignment.objects.create(
        user=user, role=role, place=place, organisation=organisation, title=title
    )
    user.__dict__.pop("_role_cache", None)
    return user


class ProjectFactory(factory.django.DjangoModelFactory):
    """A complete design in community A (draft unless a state is forced)."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"翠湖长者关爱服务项目{n}")
    community = factory.LazyFunction(lambda: place_tree()["community_a"])
    purchaser_place = factory.LazyFunction(lambda: place_tree()["huashan"])
    designer = factory.SubFactory(UserFactory)
    background = "辖区60岁以上老人占比28%，独居老人多。"
    beneficiaries = "辖区独居、空巢老人"
    objectives = "提升老人生活质量"
    service_content = "上门探访、健康讲座、互助小组"
    period_start = factory.LazyFunction(lambda: date.today() + timedelta(days=60))
    period_end = factory.LazyFunction(lambda: date.today() + timedelta(days=425))
    no_need_reason = "街道年度重点工作"

    @factory.post_generation
    def design(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Indicator.objects.create(project=obj, name="开展活动", unit="场", target=40)
            BudgetLine.objects.create(
                project=obj, item="活动物料", unit_price=Decimal("500"), quantity=40
            )


def force_state(obj, state, **fields):
    """Put a workflow object in a state directly (test set-up only; bypasses the FSM)."""
    type(obj).objects.filter(pk=obj.pk).update(state=state, **fields)
    obj.refresh_from_db()
    return obj


__all__ = ["Role"]
