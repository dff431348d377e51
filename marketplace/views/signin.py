from django.contrib.auth.views import LoginView
from django.forms.forms import NON_FIELD_ERRORS

from ..forms import LoginForm


class SignInView(LoginView):
    """Password sign-in (user name or phone); 429 while the sign-in limit holds."""

    authentication_form = LoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, "throttled"):
            response.status_code = 429
        return response
