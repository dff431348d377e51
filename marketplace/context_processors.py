from . import rules


def navigation(request):
    """The signed-in user's roles and unread count, for the header."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated:
        return {}
    return {
        "user_roles": rules.roles(user),
        "unread_count": user.notifications.filter(read_at__isnull=True).count(),
    }
