"""Thin views of /api/v1/: a generic list and detail view per declared resource, the need
import, the OpenAPI schema and the human documentation page."""

import json

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from marketplace.workflow import WorkflowError

from . import openapi, services
from .declarations import BadParameter
from .forms import NeedImportForm
from .pagination import paginate
from .resources import NEEDS, RESOURCES


def json_response(data, status=200, headers=None) -> HttpResponse:
    body = json.dumps(data, ensure_ascii=False)
    return HttpResponse(
        body, status=status, content_type="application/json; charset=utf-8", headers=headers
    )


def errors(messages: dict, status=400, headers=None) -> HttpResponse:
    return json_response({"errors": messages}, status=status, headers=headers)


def list_response(request, resource) -> HttpResponse:
    queryset = resource.queryset()
    problems = {}
    for f in resource.filters:
        raw = request.GET.get(f.name, "").strip()
        if not raw:
            continue
        try:
            queryset = f.apply(queryset, f.parse(raw))
        except BadParameter as exc:
            problems[f.name] = [str(exc)]
    try:
        page = paginate(request, queryset) if not problems else None
    except BadParameter as exc:
        problems["page"] = [str(exc)]
    if problems:
        return errors(problems)
    context = {"request": request}
    page["results"] = [resource.serialise(obj, context) for obj in page["results"]]
    return json_response(page)


def list_view(resource):
    def view(request):
        if request.method != "GET":
            return errors({"__all__": [_("只支持 GET。")]}, status=405, headers={"Allow": "GET"})
        return list_response(request, resource)

    view.__name__ = f"{resource.name}_list"
    return view


def detail_view(resource):
    def view(request, **kwargs):
        if request.method != "GET":
            return errors({"__all__": [_("只支持 GET。")]}, status=405, headers={"Allow": "GET"})
        key = kwargs[resource.key]
        obj = resource.find(key)
        if obj is None:
            message = _("找不到%(key_label)s为 %(key)s 的公开%(what)s。") % {
                "key_label": resource.key_label,
                "key": key,
                "what": resource.summary,
            }
            return errors({"__all__": [message]}, status=404)
        return json_response(resource.serialise(obj, {"request": request}))

    view.__name__ = f"{resource.name}_detail"
    return view


@csrf_exempt  # token-authenticated integrations, not browser sessions
def needs(request):
    if request.method == "GET":
        return list_response(request, NEEDS)
    if request.method != "POST":
        return errors({"__all__": [_("只支持 GET 和 POST。")]}, 405, {"Allow": "GET, POST"})
    return need_import(request)


def need_import(request) -> HttpResponse:
    token = services.token_authenticate(request.headers.get("Authorization", ""))
    if token is None:
        return errors(
            {"__all__": [_("缺少或无效的接口令牌。")]}, 401, {"WWW-Authenticate": "Bearer"}
        )
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return errors({"__all__": [_("请求体不是有效的 JSON。")]})
    if not isinstance(data, dict):
        return errors({"__all__": [_("请求体应为 JSON 对象。")]})
    form = NeedImportForm({k: v for k, v in data.items() if v is not None})
    if not form.is_valid():
        return errors({k: [str(m) for m in v] for k, v in form.errors.items()})
    try:
        with transaction.atomic():
            need, created = services.need_import(token=token, data=form.cleaned_data)
    except PermissionDenied as exc:
        return errors({"community": [str(exc)]}, status=403)
    except WorkflowError as exc:
        return errors({"__all__": [str(exc.message)]}, status=exc.status)
    body = NEEDS.serialise(need, {"request": request}) | {
        "external_id": form.cleaned_data["external_id"]
    }
    return json_response(body, status=201 if created else 200)


def schema(request):
    return json_response(openapi.build(request))


def docs(request):
    return render(
        request, "api/docs.html", {"resources": RESOURCES, "schema": openapi.build(request)}
    )


LIST_VIEWS = {r.name: (needs if r is NEEDS else list_view(r)) for r in RESOURCES}
