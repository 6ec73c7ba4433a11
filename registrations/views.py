"""The public side: the registration form's POST, and the private cancel link.

The form is on the event page, which a shared cache may serve to everyone (so no per-visitor
CSRF token in it): the POST is exempt from CSRF, which protects a signed-in session, and there
is none here. What guards it instead is the honeypot, the per-client rate limit and the action's
own rules (one registration per e-mail and event).
"""

from django.http import Http404, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from cms.models import EventPage
from infra import ratelimit
from infra.private_pages import private

from . import actions, errors
from .forms import RegistrationForm

SCOPE = "registration"


def _event(request) -> EventPage:
    try:
        return EventPage.objects.live().public().get(pk=int(request.POST.get("event", "")))
    except (ValueError, OverflowError, EventPage.DoesNotExist):
        raise Http404 from None


def _event_page_with(request, event: EventPage, form: RegistrationForm, status: int = 200):
    response = event.render(
        request, context_overrides={"registration_form": form, "error_summary": form.error_summary()}
    )
    response.status_code = status
    return response


@csrf_exempt
@never_cache
@require_POST
def register(request):
    event = _event(request)
    if RegistrationForm.honeypot_filled(request.POST):
        # Looks like success and stores nothing; it costs the address none of its submissions.
        return TemplateResponse(request, "registrations/registered.html", {"event": event, "page": event})
    if ratelimit.exceeded(request, SCOPE):
        return _rate_limited(request, event)
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return _event_page_with(request, event, form)
    if not ratelimit.take(request, SCOPE):
        return _rate_limited(request, event)
    try:
        registration = actions.register(event.pk, form.registrant(), language=event.locale.language_code)
    except errors.RegistrationRefused as refusal:
        ratelimit.give_back(request, SCOPE)
        form.add_error(None, refusal.message)
        return _event_page_with(request, event, form)
    except BaseException:
        ratelimit.give_back(request, SCOPE)
        raise
    return TemplateResponse(
        request,
        "registrations/registered.html",
        {"event": event, "page": event, "registration": registration},
    )


def _rate_limited(request, event):
    response = TemplateResponse(
        request, "registrations/rate_limited.html", {"event": event, "page": event}, status=429
    )
    response["Retry-After"] = str(ratelimit.retry_after())
    return response


@private
def cancel(request, secret: str):
    """GET: what is about to be cancelled, and a button. POST: cancel."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        if request.method == "POST":
            registration = actions.cancel(secret)
            template = "registrations/cancelled.html"
        else:
            registration = actions.registration_for_secret(secret)
            template = "registrations/cancel_confirm.html"
    except errors.InvalidCancelLink as refusal:
        return TemplateResponse(
            request, "registrations/cancel_invalid.html", {"message": refusal.message}, status=404
        )
    event = registration.event.localized
    return TemplateResponse(request, template, {"registration": registration, "event": event})
