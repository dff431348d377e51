"""The OpenAPI 3 schema of /api/v1/, generated from the resource declarations and the
import form, so every documented parameter and field is the one the code uses."""

from django import forms
from django.utils.translation import gettext as _

from .declarations import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from .forms import NeedImportForm
from .resources import NEEDS, RESOURCES

ERRORS = {"$ref": "#/components/responses/BadRequest"}


def _title(name: str) -> str:
    return name[:-1].capitalize() if name.endswith("s") else name.capitalize()


def _paging() -> list[dict]:
    return [
        {
            "name": "page",
            "in": "query",
            "description": _("页码，从 1 开始"),
            "schema": {"type": "integer", "minimum": 1, "default": 1},
        },
        {
            "name": "page_size",
            "in": "query",
            "description": _("每页条数，最多 %(max)d") % {"max": MAX_PAGE_SIZE},
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        },
    ]


def _item_schema(resource) -> dict:
    return {
        "type": "object",
        "properties": {f.name: f.schema() for f in resource.fields},
        "required": [f.name for f in resource.fields],
    }


def _page_schema(name: str) -> dict:
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer", "description": _("符合条件的总条数")},
            "next": {"type": "string", "format": "uri", "nullable": True},
            "previous": {"type": "string", "format": "uri", "nullable": True},
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}},
        },
        "required": ["count", "next", "previous", "results"],
    }


def _list_operation(resource) -> dict:
    name = _title(resource.name)
    parameters = [
        {
            "name": f.name,
            "in": "query",
            "required": False,
            "description": str(f.description),
            "schema": f.schema(),
        }
        for f in resource.filters
    ]
    return {
        "operationId": f"{resource.name}_list",
        "summary": str(resource.summary),
        "description": str(resource.description),
        "tags": [resource.name],
        "parameters": parameters + _paging(),
        "responses": {
            "200": {
                "description": _("一页结果"),
                "content": {
                    "application/json": {"schema": {"$ref": f"#/components/schemas/{name}Page"}}
                },
            },
            "400": ERRORS,
        },
    }


def _detail_operation(resource) -> dict:
    key = (
        {"type": "integer", "minimum": 1}
        if resource.key_type == "integer"
        else {"type": "string", "pattern": f"^{resource.key_pattern}$"}
    )
    return {
        "operationId": f"{resource.name}_detail",
        "summary": _("单条%(what)s") % {"what": resource.summary},
        "description": _("与列表相同的公开字段；未公开或不存在的返回 404。"),
        "tags": [resource.name],
        "parameters": [
            {
                "name": resource.key,
                "in": "path",
                "required": True,
                "description": str(resource.key_label),
                "schema": key,
            }
        ],
        "responses": {
            "200": {
                "description": str(resource.summary),
                "content": {
                    "application/json": {
                        "schema": {"$ref": f"#/components/schemas/{_title(resource.name)}"}
                    }
                },
            },
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }


def _form_schema(form_class) -> dict:
    properties, required = {}, []
    for name, field in form_class().fields.items():
        prop = {"description": str(field.label)}
        if isinstance(field, forms.IntegerField):
            prop["type"] = "integer"
        else:
            prop["type"] = "string"
        if isinstance(field, forms.ChoiceField):
            prop["enum"] = [str(value) for value, _label in field.choices]
        if getattr(field, "max_length", None):
            prop["maxLength"] = field.max_length
        properties[name] = prop
        if field.required:
            required.append(name)
    return {"type": "object", "properties": properties, "required": required}


def _import_operation() -> dict:
    imported = {"$ref": "#/components/schemas/ImportedNeed"}
    return {
        "operationId": "needs_import",
        "summary": _("导入一条需求（12345 热线、一网通办等）"),
        "description": _(
            "需要接口令牌（Authorization: Bearer <令牌>），只能提交到令牌授权地区内的社区/村。"
            "需求进入社区的正常审核流程。同一来源的同一外部编号只会生成一条需求：再次提交返回已有需求（200）。"
        ),
        "tags": ["needs"],
        "security": [{"bearerAuth": []}],
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NeedImport"}}},
        },
        "responses": {
            "201": {"description": _("已创建"), "content": {"application/json": {"schema": imported}}},
            "200": {"description": _("已存在（同一外部编号）"), "content": {"application/json": {"schema": imported}}},
            "400": ERRORS,
            "401": {"$ref": "#/components/responses/Unauthorized"},
            "403": {"$ref": "#/components/responses/Forbidden"},
        },
    }  # fmt: skip


def _error_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


def build(request) -> dict:
    paths, schemas = {}, {}
    for resource in RESOURCES:
        name = _title(resource.name)
        schemas[name] = _item_schema(resource)
        schemas[f"{name}Page"] = _page_schema(name)
        paths[f"/{resource.name}/"] = {"get": _list_operation(resource)}
        paths[f"/{resource.name}/{{{resource.key}}}/"] = {"get": _detail_operation(resource)}
    paths[f"/{NEEDS.name}/"]["post"] = _import_operation()
    schemas["NeedImport"] = _form_schema(NeedImportForm)
    schemas["ImportedNeed"] = {
        "allOf": [
            {"$ref": "#/components/schemas/Need"},
            {"type": "object", "properties": {"external_id": {"type": "string"}}},
        ]
    }
    schemas["Errors"] = {
        "type": "object",
        "properties": {
            "errors": {
                "type": "object",
                "description": _("按字段（或参数）列出的错误信息；__all__ 为整体错误"),
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        },
        "required": ["errors"],
    }
    paths["/openapi.json"] = {
        "get": {
            "operationId": "openapi",
            "summary": _("本接口的 OpenAPI 3 描述"),
            "tags": ["meta"],
            "responses": {"200": {"description": "OpenAPI 3.0", "content": {"application/json": {"schema": {"type": "object"}}}}},
        }
    }  # fmt: skip
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("三社联动项目平台开放接口"),
            "version": "1",
            "description": _("公开数据只读；不含任何个人信息；开标前不含任何投标信息。"),
        },
        "servers": [{"url": request.build_absolute_uri("/api/v1").rstrip("/")}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "responses": {
                "BadRequest": _error_response(_("参数或输入有误（中文说明，按字段列出）")),
                "Unauthorized": _error_response(_("缺少或无效的接口令牌")),
                "Forbidden": _error_response(_("令牌无权在该地区提交")),
                "NotFound": _error_response(_("没有这条公开数据（不存在或尚未公开）")),
            },
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
