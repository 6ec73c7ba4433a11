"""The intake page's views, served by `IdeaSubmissionPage`: the form, then a redirect to the receipt.

The POST validates the form and calls one action, `submit_idea`; nothing else changes data.
"""

from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from infra import ratelimit

from .. import actions, errors
from ..actions.held import discard_held_uploads
from .form_keys import claim_form_key, release_form_key
from .forms import IdeaForm
from .held import held_attachments, keep_attachments
from .resend import ResendLinkForm

RECEIPT_SESSION_KEY = "workflows_receipt"


def _undo_claims(request, key: str) -> None:
    """The submission was not stored: the form can be sent again, and it used no slot."""
    release_form_key(key)
    ratelimit.give_back(request)


def _to_receipt(request, page, idea=None):
    """To the receipt of `idea`; without one (a bot, a second click), the receipt of the last one sent."""
    if idea is not None or RECEIPT_SESSION_KEY not in request.session:
        request.session[RECEIPT_SESSION_KEY] = {
            "page": page.pk,
            "reference": idea and idea.reference,
            "email": idea and idea.contact_email,  # shown, so that a mistyped address is seen
        }
    return HttpResponseRedirect(page.url + page.reverse_subpage("receipt_view"))


def _rate_limited(request, page):
    response = TemplateResponse(request, "workflows/rate_limited.html", {"page": page}, status=429)
    response["Retry-After"] = str(ratelimit.retry_after())
    return response


def intake(request, page):
    """GET: the form. POST: honeypot, limit, form, one-time key, a slot of the limit, `submit_idea`
    with the files chosen or, if none, those held from the form's last try; sent back with
    errors, the form holds its valid files (`held.keep_attachments`)."""
    if request.method == "POST":
        if IdeaForm.honeypot_filled(request.POST):
            # Looks like success and stores nothing; it costs no slot, which would be shared
            # by everyone behind the same address.
            return _to_receipt(request, page)
        if ratelimit.exceeded(request):
            return _rate_limited(request, page)
        form = IdeaForm(request.POST, request.FILES)
        if form.is_valid():
            key = form.cleaned_data["form_key"]
            if not claim_form_key(key):
                return _to_receipt(request, page)  # sent twice: the first one counts
            if not ratelimit.take(request):
                release_form_key(key)
                return _rate_limited(request, page)
            fields = form.idea_fields()
            with held_attachments(key, fields["attachments"]) as fields["attachments"]:
                try:
                    idea, _secret = actions.submit_idea(language=page.submission_language, **fields)
                except errors.InvalidInput as error:
                    _undo_claims(request, key)
                    form.add_action_errors(error)
                except BaseException:
                    _undo_claims(request, key)
                    raise
                else:
                    discard_held_uploads(key)
                    return _to_receipt(request, page, idea)
        keep_attachments(request, form)
    elif request.method in ("GET", "HEAD"):
        form = IdeaForm()
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return page.render(request, context_overrides={"form": form, "error_summary": form.error_summary()})


def receipt(request, page):
    """The receipt after a submission; without one in the session, back to the form."""
    sent = request.session.get(RECEIPT_SESSION_KEY)
    if not sent or sent.get("page") != page.pk:
        return redirect(page.url)
    resend_form = ResendLinkForm(initial={"email": sent.get("email"), "reference": sent.get("reference")})
    response = page.render(
        request,
        template="workflows/idea_submission_receipt.html",
        context_overrides={"receipt": sent, "resend_form": resend_form},
    )
    response["Cache-Control"] = "no-store"
    return response
