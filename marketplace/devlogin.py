"""Signed-in screenshots on a development machine: a short-lived signed link that signs the
browser in as one user and goes to one page (`manage.py screenshot_link`,
`scripts/screenshot --as`).

The link works only while DEBUG is on, only from the machine itself, for two minutes, and
only when signed with this site's SECRET_KEY: whoever can mint one can already run
`manage.py shell` on the server.
"""

from django.core import signing
from django.urls import reverse

SALT = "marketplace.devlogin"
MAX_AGE = 120  # seconds
LOOPBACK = {"127.0.0.1", "::1"}


def make_link(user, next_path: str) -> str:
    """The path of a link that signs in as `user` and redirects to `next_path`."""
    if not next_path.startswith("/") or next_path.startswith("//"):
        raise ValueError("next_path must be a path on this site, e.g. /my/")
    token = signing.dumps({"u": user.pk, "n": next_path}, salt=SALT)
    return reverse("dev_login", args=[token])


def read_link(token: str) -> tuple[int, str] | None:
    """(user pk, next path) of a valid, unexpired token; None otherwise."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    return data["u"], data["n"]
