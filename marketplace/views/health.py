from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as exc:  # report, do not raise: this is the health check
        return f"error: {exc.__class__.__name__}"


def _broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"  # tasks run in-process: nothing to reach
    try:
        from marketplace.celery import app

        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


@never_cache
def healthz(request):
    status = {"database": _database(), "broker": _broker()}
    healthy = all(v in {"ok", "eager"} for v in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )
