"""The attendance screen, for the door staff's phone: who has a seat, by name, a tick for each,
and a walk-in form. It works without JavaScript: each tick is a small POST form, and after it the
page comes back at the same row with a message in Wagtail's status region (role="status")."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.db.models.functions import Lower
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import attendance, errors
from .admin_views import PERMISSION, event_or_404, titled_for_reader
from .forms import WalkInForm
from .models import Registration, Status

MARK = "registrations.mark_attendance"

#: What the staff member reads after a walk-in, by what `attendance.walk_in` did.
WALKED_IN = {
    attendance.WalkedIn.REGISTERED: gettext_lazy("%(name)s is let in and marked as attended."),
    attendance.WalkedIn.FROM_WAITING_LIST: gettext_lazy(
        "%(name)s was on the waiting list: now let in and marked as attended."
    ),
    attendance.WalkedIn.ALREADY_REGISTERED: gettext_lazy(
        "%(name)s was already registered with this e-mail address: marked as attended, not registered twice."
    ),
}


def _back_to(event_id: int, query: str, registration_id: int | None = None) -> HttpResponseRedirect:
    url = reverse("registrations_attendance", args=[event_id])
    if query:
        url += "?" + urlencode({"q": query})
    return HttpResponseRedirect(url + (f"#registration-{registration_id}" if registration_id else ""))


@permission_required(PERMISSION, raise_exception=True)
def screen(request, event_id: int, walk_in_form: WalkInForm | None = None):
    [event] = titled_for_reader([event_or_404(event_id)])
    query = request.GET.get("q", "").strip()
    seated = Registration.objects.filter(event=event, status=Status.SEATED)
    counts = seated.aggregate(
        seated=Count("pk"),
        attended=Count("pk", filter=Q(attended__isnull=False)),
        walk_ins=Count("pk", filter=Q(walk_in=True)),
    )
    listed = seated.order_by(Lower("name"), "pk")
    if query:
        listed = listed.filter(Q(name__icontains=query) | Q(organisation_name__icontains=query))
    today = timezone.localdate()
    context = {
        "event": event,
        "counts": counts,
        "registrations": listed,
        "waiting": Registration.objects.waiting_in_order().filter(event=event),
        "query": query,
        "today": today,
        "can_mark": request.user.has_perm(MARK),
        "door_open": attendance.door_open(event, timezone.now()),
        "form": walk_in_form or WalkInForm(),
    }
    status = 400 if walk_in_form is not None else 200
    return TemplateResponse(request, "registrations/admin/attendance.html", context, status=status)


@require_POST
@permission_required(MARK, raise_exception=True)
def tick(request, event_id: int, registration_id: int):
    """Mark a registrant as attended (`undo` in the POST: undo the mark)."""
    registration = get_object_or_404(Registration, pk=registration_id, event_id=event_or_404(event_id).pk)
    undo = "undo" in request.POST
    try:
        if undo:
            attendance.undo_attended(registration.pk, by=request.user)
            messages.success(
                request, _("The attendance mark of %(name)s is undone.") % {"name": registration.name}
            )
        else:
            attendance.mark_attended(registration.pk, by=request.user)
            messages.success(request, _("%(name)s is marked as attended.") % {"name": registration.name})
    except errors.AttendanceRefused as refusal:
        messages.error(request, refusal.message)
    return _back_to(event_id, request.POST.get("q", ""), registration.pk)


@require_POST
@permission_required(MARK, raise_exception=True)
def walk_in(request, event_id: int):
    event = event_or_404(event_id)
    form = WalkInForm(request.POST)
    if form.is_valid():
        try:
            registration, outcome = attendance.walk_in(event.pk, form.registrant(), by=request.user)
        except errors.AttendanceRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, WALKED_IN[outcome] % {"name": registration.name})
            return _back_to(event.pk, "", registration.pk)
    return screen(request, event.pk, walk_in_form=form)
