"""The applicant's status pages. Each POST validates a form and calls one action; nothing else changes data.

The e-mailed link (`/ideas/status/<token>/`, `/en/ideas/status/<token>/`) keeps its token in the
session and redirects to `/ideas/status/`, as Django's password-reset confirmation does, so the
secret is in no address after the first request (proxies and servers log addresses). From
there, all from the session: the idea as the applicant may see it, the answer to a request for
information, withdrawal (after a confirmation page), the showcase consent, and the applicant's
attachments. The token is checked again on every request, so a revoked link stops working in a
session that holds it. An unknown, tampered or revoked token gets the same 404 page, whatever
the reason.
"""

from functools import wraps

from django.contrib import messages
from django.http import FileResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from infra.private_pages import private

from .. import actions, errors, recommendations
from ..models import AttachmentSource, Decision, DecisionCode, Stage, Status, StatusToken
from ..search_documents import showcased
from .forms import AnswerForm, ShowcaseForm, WithdrawForm
from .resend import ResendLinkForm
from .roadmap import roadmap, what_comes_next

#: The token of the status link last opened in this browser.
STATUS_SESSION_KEY = "workflows_status_token"


def invalid_link(request, *, forgotten: bool = False):
    """The 404 page for a link that does not work; `forgotten`: this browser holds no link (any more)."""
    return TemplateResponse(
        request,
        "workflows/status_invalid.html",
        {"forgotten": forgotten, "resend_form": ResendLinkForm()},
        status=404,
    )


@private
@require_http_methods(["GET", "HEAD"])
def open_link(request, token):
    """The e-mailed link: its token goes into the session, and the browser to an address without it."""
    if StatusToken.objects.find(token) is None:
        return invalid_link(request)
    request.session[STATUS_SESSION_KEY] = token
    return HttpResponseRedirect(reverse("idea_status:status"))


def from_session(view):
    """A status view called as `view(request, idea, token, ...)` with the session's link, checked
    again on each request; without a working one, the invalid-link page."""

    @private
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = request.session.get(STATUS_SESSION_KEY)
        found = StatusToken.objects.find(token) if token else None
        if found is None:
            request.session.pop(STATUS_SESSION_KEY, None)
            return invalid_link(request, forgotten=not token)
        shown = request.POST.get("idea", found.idea.reference) if request.method == "POST" else None
        if shown is not None and shown != found.idea.reference:
            # A page of another idea, left open in another tab before that idea's link was opened.
            messages.error(
                request,
                _("That page was about another idea. This is the idea of the link you opened last."),
            )
            return _back()
        return view(request, found.idea, token, *args, **kwargs)

    return wrapped


def status_sentence(idea) -> str:
    """Where the idea stands, in plain words."""
    stage = idea.get_stage_display().lower()
    if idea.status == Status.ACTIVE:
        if idea.stage == Stage.SUBMITTED:
            return _("We have received your idea and will start reviewing it soon.")
        return _("Your idea is in the %(stage)s stage and is being worked on.") % {"stage": stage}
    return {
        Status.ON_HOLD: _("Your idea is on hold in the %(stage)s stage. We will be in touch.")
        % {"stage": stage},
        Status.AWAITING_APPLICANT: _(
            "We need more information from you before we can continue. Please answer the question below."
        ),
        Status.REJECTED: _("Your idea was not accepted into the programme."),
        Status.WITHDRAWN: _("You have withdrawn your idea."),
        Status.CLOSED: _("The work on your idea in the programme has ended."),
        Status.GRADUATED: _("Your idea has completed the programme. Congratulations!"),
    }[idea.status]


def _status_context(idea, *, answer_form=None) -> dict:
    decisions = list(
        Decision.objects.filter(idea=idea)
        .exclude(public_feedback="")
        .only("pk", "code", "stage", "decided", "public_feedback")
    )  # only what the applicant may see: never the private note, the reason or scores
    awaiting = idea.status == Status.AWAITING_APPLICANT
    request_decision = None
    if awaiting:
        request_decision = (
            Decision.objects.filter(idea=idea, code=DecisionCode.REQUEST_INFORMATION)
            .only("pk", "decided", "public_feedback")
            .order_by("-decided", "-pk")
            .first()
        )
    return {
        "idea": idea,
        "status_sentence": status_sentence(idea),
        "roadmap": roadmap(idea),
        "what_comes_next": what_comes_next(idea),
        # For the idea's current stage, so that they change as it moves on.
        "resources": recommendations.for_idea(idea),
        # In the page's language, as the rest of the page (the showcase's canonical is the idea's own).
        "showcase_url": reverse("showcase:idea", kwargs={"reference": idea.reference})
        if showcased().filter(pk=idea.pk).exists()
        else None,
        "feedback": [d for d in decisions if request_decision is None or d.pk != request_decision.pk],
        "open_request": request_decision,
        "answer_form": answer_form if answer_form is not None else (AnswerForm() if awaiting else None),
        "answers": idea.answers.order_by("created", "pk"),
        "attachments": idea.attachments.order_by("uploaded", "pk"),
        "showcase_form": ShowcaseForm(initial={"consent_showcase": idea.consent_showcase}),
        "may_withdraw": not idea.is_finished,
        "sources": AttachmentSource,
    }


@from_session
@require_http_methods(["GET", "HEAD"])
def status(request, idea, _token):
    return TemplateResponse(request, "workflows/status.html", _status_context(idea))


def _back():
    return HttpResponseRedirect(reverse("idea_status:status"))


@from_session
@require_POST
def answer(request, idea, token):
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.answer_information_request(
                token, form.cleaned_data["text"], form.cleaned_data["attachments"]
            )
        except errors.StatusLinkInvalid:
            return invalid_link(request)
        except errors.InvalidInput as error:
            form.add_action_errors(error)
        except errors.WorkflowError as error:
            messages.error(request, error.message)
            return _back()
        else:
            messages.success(request, _("Thank you. Your answer has been sent and the review continues."))
            return _back()
    context = _status_context(idea, answer_form=form)
    context["error_summary"] = form.error_summary()
    return TemplateResponse(request, "workflows/status.html", context)


@from_session
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw(request, idea, token):
    """GET: the confirmation page. POST: `withdraw_idea`."""
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_idea(token, form.cleaned_data["reason"])
        except errors.StatusLinkInvalid:
            return invalid_link(request)
        except errors.WorkflowError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Your idea has been withdrawn. We have sent you a confirmation."))
        return _back()
    if idea.is_finished:
        messages.error(request, errors.IdeaFinished.message)
        return _back()
    return TemplateResponse(
        request,
        "workflows/withdraw_confirm.html",
        {"idea": idea, "form": form, "error_summary": form.error_summary()},
    )


@from_session
@require_POST
def showcase(request, idea, token):
    form = ShowcaseForm(request.POST)
    form.is_valid()  # a lone checkbox: absent means no
    consent = bool(form.cleaned_data.get("consent_showcase"))
    try:
        actions.set_showcase_consent(token, consent)
    except errors.StatusLinkInvalid:
        return invalid_link(request)
    except errors.WorkflowError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Your idea may now be shown publicly.")
            if consent
            else _("Your idea will not be shown publicly."),
        )
    return _back()


@from_session
@require_http_methods(["GET", "HEAD"])
def attachment(request, idea, _token, attachment_id):
    """One of the idea's files, to the holder of the idea's link only, as a download."""
    file = idea.attachments.filter(pk=attachment_id).first()
    if file is None:
        return invalid_link(request)
    try:
        handle = file.file.open("rb")
    except FileNotFoundError:
        return invalid_link(request)
    return FileResponse(
        handle, as_attachment=True, filename=file.download_name, content_type=file.content_type
    )
