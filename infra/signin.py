"""Staff sign-in: a second factor (TOTP codes from an authenticator app, django-otp) in front
of the Wagtail admin.

Wagtail's own login form checks the password (django-axes locks out repeated failures).
Then, before any admin page, someone with an authenticator app gives its current code, and
a superuser or a member of `TWO_FACTOR_REQUIRED_GROUPS` without one is sent to set one up.
Everyone else may set one up from their account page.
"""

from base64 import b32encode

import django_otp
import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

# Admin views open to a signed-in user who has not given a code yet.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "signin_verify",
    "signin_set_up",
}

NOT_NEEDED_SESSION_KEY = "signin_second_factor_not_needed"


def second_factor_required(user) -> bool:
    if not settings.TWO_FACTOR_REQUIRED or user.get_username() in settings.TWO_FACTOR_EXEMPT_USERNAMES:
        return False
    return user.is_superuser or user.groups.filter(name__in=settings.TWO_FACTOR_REQUIRED_GROUPS).exists()


def _to(view_name: str, onward: str):
    return redirect(f"{reverse(view_name)}?{urlencode({'next': onward})}")


class SecondFactorMiddleware:
    """Sends a signed-in user who has not given a code to the code page (or the set-up page)
    before any admin view. After django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if not request.path.startswith(reverse("wagtailadmin_home")):
            return None
        if request.resolver_match.url_name in OPEN_VIEWS:
            return None
        if request.session.get(NOT_NEEDED_SESSION_KEY):
            return None
        if django_otp.user_has_device(user):
            return _to("signin_verify", request.get_full_path())
        if second_factor_required(user):
            return _to("signin_set_up", request.get_full_path())
        # Remembered for the session (a new sign-in asks again), so that the admin's pages do not
        # each ask the database; the one who could add an app is this user, who is then verified.
        request.session[NOT_NEEDED_SESSION_KEY] = True
        return None


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code from your authenticator app"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


WRONG_CODE = gettext_lazy("That code is not right. Enter the code your app shows now.")


def _onward(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def verify(request):
    """The second step of signing in: the current code of the user's authenticator app."""
    user = request.user
    if user.is_verified():
        return redirect(_onward(request))
    if not django_otp.user_has_device(user):
        return _to("signin_set_up", _onward(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        # Wrong codes slow the next tries down (django-otp's throttling, doubling each time).
        device = django_otp.match_token(user, form.cleaned_data["code"].replace(" ", ""))
        if device is not None:
            django_otp.login(request, device)
            return redirect(_onward(request))
        form.add_error("code", WRONG_CODE)
    return TemplateResponse(request, "infra/signin/verify.html", {"form": form, "next": _onward(request)})


def set_up(request):
    """Set up (or replace) the authenticator app: scan the code, then prove it with a code."""
    user = request.user
    if django_otp.user_has_device(user) and not user.is_verified():
        return _to("signin_verify", request.get_full_path())  # the old app's code first
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"].replace(" ", "")):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            messages.success(request, _("Two-factor sign-in is on: you will be asked for a code each time."))
            return redirect(_onward(request))
        form.add_error("code", WRONG_CODE)
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "next": _onward(request),
        "required": second_factor_required(user),
        # segno writes the QR code as plain SVG elements: no script, no external image, and no text
        # (the URL, with the username in it, is only in the modules' pattern).
        "qr_code": mark_safe(segno.make(device.config_url).svg_inline(scale=4)),  # noqa: S308
        "secret": " ".join(secret[index : index + 4] for index in range(0, len(secret), 4)),
    }
    return TemplateResponse(request, "infra/signin/set_up.html", context)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer to a sign-in while the account or the address is locked out."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    # Rendered here: axes swaps it in after the view, past the point where responses are rendered.
    return render(request, "infra/signin/locked_out.html", {"cooloff_minutes": minutes}, status=429)
