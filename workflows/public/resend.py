"""'Send me my status link again': an applicant who lost or never got the e-mailed link asks for a
new one by e-mail address and reference, from the receipt or from the page of a link that does
not work.

The answer is the same whatever exists (an unknown address, someone else's reference, an erased
idea): a visitor learns nothing about who applied. Each request takes a slot of the client's
limit (`infra.ratelimit`, a scope of its own), and `resend_status_link` sends at most one link
per idea in a while, so neither one address nor many can fill an applicant's inbox.
"""

from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from infra import ratelimit
from infra.accessible_forms import PublicForm
from infra.private_pages import private

from .. import actions

RATE_SCOPE = "status_link"


class ResendLinkForm(PublicForm):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        help_text=gettext_lazy("The address you gave when you sent in the idea."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    reference = forms.CharField(
        label=gettext_lazy("Reference number"),
        max_length=40,
        help_text=gettext_lazy("For example SIS-2026-00042: it is in the receipt and on the receipt page."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "resend_%s")
        super().__init__(*args, **kwargs)


def _sent(request):
    messages.success(
        request,
        _(
            "If the address and the reference number belong to the same idea, we have sent a new status "
            "link to that address. It may take a few minutes; look in your spam folder too. The new link "
            "replaces the earlier ones."
        ),
    )
    return HttpResponseRedirect(reverse("idea_status:resend"))


@private
@require_http_methods(["GET", "HEAD", "POST"])
def resend_link(request):
    """GET: the form. POST: honeypot, limit, form, a slot of the limit, `resend_status_link`."""
    limited = False
    if request.method == "POST":
        if ResendLinkForm.honeypot_filled(request.POST):
            return _sent(request)
        form = ResendLinkForm(request.POST)
        limited = ratelimit.exceeded(request, RATE_SCOPE)
        if not limited and form.is_valid():
            if ratelimit.take(request, RATE_SCOPE):
                actions.resend_status_link(form.cleaned_data["reference"], form.cleaned_data["email"])
                return _sent(request)
            limited = True
    else:
        form = ResendLinkForm()
    response = TemplateResponse(
        request,
        "workflows/status_resend.html",
        {"resend_form": form, "error_summary": form.error_summary(), "limited": limited},
        status=429 if limited else 200,
    )
    if limited:
        response["Retry-After"] = str(ratelimit.retry_after())
    return response
