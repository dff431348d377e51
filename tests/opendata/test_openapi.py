"""The OpenAPI 3 schema documents every route, parameter and response; the docs page too."""

import re

from django.urls import URLPattern, reverse

from cms.api import urls as api_urls
from cms.api.resources import RESOURCES

from .conftest import get_json


def _refs(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


def test_schema_is_structurally_sound_and_every_ref_resolves(client):
    schema = get_json(client, reverse("api:openapi"))
    assert re.fullmatch(r"3\.0\.\d+", schema["openapi"])
    assert schema["info"]["title"] and schema["info"]["version"]
    for path, operations in schema["paths"].items():
        assert path.startswith("/")
        for method, operation in operations.items():
            assert method in {"get", "post"}
            assert operation["operationId"] and operation["responses"]
            for parameter in operation.get("parameters", []):
                assert {"name", "in", "schema"} <= set(parameter)
                assert parameter["in"] in {"query", "path"}
                if parameter["in"] == "path":
                    assert f"{{{parameter['name']}}}" in path and parameter["required"]
    for ref in set(_refs(schema)):
        section, kind, name = ref.lstrip("#/").split("/")
        assert section == "components" and name in schema["components"][kind], ref
    operation_ids = [op["operationId"] for ops in schema["paths"].values() for op in ops.values()]
    assert len(operation_ids) == len(set(operation_ids))


def test_every_route_is_documented_with_its_filters_and_fields(client):
    schema = get_json(client, reverse("api:openapi"))
    routes = [
        "/" + re.sub(r"<\w+:(\w+)>", r"{\1}", str(p.pattern).removeprefix("v1/"))
        for p in api_urls.urlpatterns
        if isinstance(p, URLPattern) and str(p.pattern).startswith("v1/")
    ]
    assert len(routes) == 2 * len(RESOURCES) + 1
    assert sorted(r for r in routes if r not in schema["paths"]) == []
    for resource in RESOURCES:
        operation = schema["paths"][f"/{resource.name}/"]["get"]
        names = {p["name"] for p in operation["parameters"]}
        assert names == {f.name for f in resource.filters} | {"page", "page_size"}
        item = schema["components"]["schemas"][resource.name[:-1].capitalize()]
        assert set(item["properties"]) == {f.name for f in resource.fields}
        detail = schema["paths"][f"/{resource.name}/{{{resource.key}}}/"]["get"]
        assert [p["name"] for p in detail["parameters"]] == [resource.key]
        assert {"200", "404"} <= set(detail["responses"])
    post = schema["paths"]["/needs/"]["post"]
    assert post["security"] == [{"bearerAuth": []}]
    assert {"200", "201", "400", "401", "403"} <= set(post["responses"])
    body = schema["components"]["schemas"]["NeedImport"]
    assert {"external_id", "community", "category", "title"} <= set(body["required"])


def test_documented_fields_are_what_the_endpoints_return(client, places):
    schema = get_json(client, reverse("api:openapi"))
    result = get_json(client, reverse("api:places"))["results"][0]
    assert set(result) == set(schema["components"]["schemas"]["Place"]["properties"])
    one = get_json(client, reverse("api:places_detail", args=[result["code"]]))
    assert one == result


def test_the_docs_page_in_chinese_lists_every_endpoint(client):
    page = client.get(reverse("api:docs"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "开放接口说明" in text and "POST /api/v1/needs/" in text
    for resource in RESOURCES:
        assert f"GET /api/v1/{resource.name}/" in text
        assert f"GET /api/v1/{resource.name}/&#123;{resource.key}&#125;/" in text
