"""GET /healthz for load balancers and monitoring: database and broker, never hangs.

200 {"status": "ok", "database": "ok", "broker": "ok"|"eager"} when healthy,
503 with "error: <ExceptionClass>" for the part that failed. No secrets, no details.
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from kombu import Connection

BROKER_TIMEOUT = 2  # seconds: a health check must answer quickly, whatever the broker does


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return "ok"
    except Exception as exc:  # report, do not raise: this is the health check
        return f"error: {exc.__class__.__name__}"


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "eager"  # tasks run in-process: nothing to reach
    try:
        with Connection(
            url,
            connect_timeout=BROKER_TIMEOUT,
            transport_options={
                "socket_connect_timeout": BROKER_TIMEOUT,
                "socket_timeout": BROKER_TIMEOUT,
                "max_retries": 0,
            },
        ) as conn:
            # max_retries=0: fail on the first refusal instead of sleeping between retries.
            conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT)
        return "ok"
    except Exception as exc:
        return f"error: {exc.__class__.__name__}"


@never_cache
def healthz(request):
    status = {"database": _database(), "broker": _broker()}
    healthy = all(value in {"ok", "eager"} for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )
