"""The managers' Personal data screen in the Wagtail admin: find a person by e-mail address, see
what is held, download the access export, erase it all after a confirmation.

Every request is a POST with a CSRF token, so that no address ever stands in a URL (or a log line
of one). The views check input and call the registry (`infra.personal_data`); nothing else.
"""

import json

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import personal_data

PERMISSION = "infra.manage_personal_data"


class PersonForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"), max_length=254)


class EraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked the list: erase all of it."),
        error_messages={"required": gettext_lazy("Tick the box to confirm the erasure.")},
    )


def _found(email: str) -> list[dict]:
    return [{"source": source, "held": held} for source, held in personal_data.find(email).items() if held]


def _render(request, form, found=None, *, confirm=None, status=200):
    context = {"form": form, "found": found, "confirm": confirm}
    return TemplateResponse(request, "infra/personal_data/screen.html", context, status=status)


def _person(request, form_class=PersonForm):
    """The form, and what is held under its address (None when the form is not valid)."""
    form = form_class(request.POST)
    if not form.is_valid():
        return form, None
    return form, _found(form.cleaned_data["email"])


@permission_required(PERMISSION, raise_exception=True)
def screen(request):
    """GET: the empty form. POST: what is held under the address."""
    if request.method != "POST":
        return _render(request, PersonForm())
    form, found = _person(request)
    if found is None:
        return _render(request, form, status=400)
    if not found:
        messages.warning(request, _("Nothing is held under this address."))
    return _render(request, form, found)


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def export(request):
    """The access export as one JSON file: every inventoried field (JSON holds no formulas)."""
    form, found = _person(request)
    if not found:
        if found is not None:
            messages.warning(request, _("Nothing is held under this address."))
        return _render(request, form, found, status=400)
    exported = personal_data.export(form.cleaned_data["email"], request.user)
    response = HttpResponse(
        json.dumps(exported, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="personal-data-{timezone.localdate():%Y-%m-%d}.json"'
    )
    response["Cache-Control"] = "no-store"
    return response


@require_POST
@permission_required(PERMISSION, raise_exception=True)
def erase(request):
    """First: what will be erased and what stays, and a box to tick. With it ticked: the erasure."""
    form, found = _person(request)
    if not found:
        if found is not None:
            messages.warning(request, _("Nothing is held under this address."))
        return _render(request, form, found, status=400)
    confirm = EraseForm(request.POST) if "confirming" in request.POST else EraseForm()
    if not confirm.is_bound or not confirm.is_valid():
        return _render(request, form, found, confirm=confirm)
    counts = personal_data.erase(form.cleaned_data["email"], request.user)
    records = ", ".join(f"{source.title}: {counts[source.name]}" for source in personal_data.sources())
    messages.success(
        request,
        _("Erased (%(records)s). The register keeps an anonymous tally row, so the figures do not change.")
        % {"records": records},
    )
    return redirect("personal_data")
