"""Password sign-in with a phone number as well as with a user name.

Residents' accounts are made by phone-code sign-in (user name m139…, which nobody
remembers): once they have set a password they type their phone number to sign in.
"""

from django.contrib.auth.backends import ModelBackend

from .models import User
from .validators import MOBILE_RE


class PhoneBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None or not MOBILE_RE.match(username):
            return None
        user = User.objects.filter(phone=username).first()
        if user is None:
            User().set_password(password)  # as slow as a real check: no hint who is registered
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
