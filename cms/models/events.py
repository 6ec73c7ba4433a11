from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, Min, OuterRef
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from infra import page_cache

from ..ical import calendar_response
from ..serving import public
from .base import ContentPage, IndexPage, taxonomy_api_field


def next_end(upcoming):
    """When the first of these upcoming events ends, asked only while a page is drawn for the page cache."""
    return upcoming.aggregate(next_end=Min("end"))["next_end"] if page_cache.recording() else None


def holds_registration() -> Exists:
    """A filter for the pages that hold their event's registration (`EventPage.registration_page`):
    no page of the same translation group has a lower key."""
    return ~Exists(Page.objects.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")))


class EventIndexPage(RoutablePageMixin, IndexPage):
    """Upcoming events first; `?past=1` lists past ones; `ical/` is the calendar feed."""

    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event calendar")

    def events(self):
        page_cache.shows(f"children:{self.path}")
        return public(EventPage.objects.child_of(self).live()).select_related(
            "municipality", "image", "locale"
        )

    def get_listing(self, request):
        now = timezone.now()
        ended = self.events().filter(end__lt=now)
        upcoming = self.events().filter(end__gte=now)
        # Either list changes by itself when the next upcoming event ends.
        page_cache.valid_until(next_end(upcoming))
        if request.GET.get("past") == "1":
            return ended.order_by("-start", "pk")
        return upcoming.order_by("start", "pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["showing_past"] = request.GET.get("past") == "1"
        return context

    @path("")
    def listing(self, request):
        return self.render(request)

    @path("ical/")
    def ical(self, request):
        return calendar_response(self.events().order_by("start", "pk"), filename=self.slug)


#: The registration settings an event's pages share (see `EventPage.registration_page`).
SHARED_REGISTRATION_FIELDS = ("registration_open", "capacity", "registration_deadline", "waiting_list")


class EventPageForm(WagtailAdminPageForm):
    """On a translation of an event, the registration settings are shown as the event's first
    page has them, and cannot be changed here: saving writes those values, so the page's own
    columns agree with the settings that count."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        holder = self.instance.registration_page
        if holder.pk == self.instance.pk:
            return
        note = _("Shared by the event's pages in every language: change it on the page in %(language)s.") % {
            "language": holder.locale.get_display_name()
        }
        for name in SHARED_REGISTRATION_FIELDS:
            self.fields[name].disabled = True
            self.fields[name].help_text = note
            self.initial[name] = getattr(holder, name)


class EventPage(RoutablePageMixin, ContentPage):
    """An event: when and where, and how to register; `ical/` exports it."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200, help_text=_("Venue and address."))
    municipality = models.ForeignKey(
        "cms.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    registration_url = models.URLField(
        _("registration link elsewhere"),
        blank=True,
        help_text=_("For an event whose registration is handled on another site; leave empty otherwise."),
    )
    registration_open = models.BooleanField(
        _("registration on this site open"),
        default=False,
        help_text=_("Visitors register with the form on the event's page."),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(
        _("registration closes"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close when the event starts."),
    )
    waiting_list = models.BooleanField(
        _("keep a waiting list"),
        default=True,
        help_text=_("When the seats are taken, further registrations wait for a seat to be freed."),
    )
    challenge_areas = ParentalManyToManyField(
        "cms.ChallengeArea", blank=True, related_name="events", verbose_name=_("challenge areas")
    )

    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("municipality"),
                FieldPanel("challenge_areas"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_open"),
                FieldRowPanel([FieldPanel("capacity"), FieldPanel("registration_deadline")]),
                FieldPanel("waiting_list"),
                FieldPanel("registration_url"),
            ],
            heading=_("Registration"),
            help_text=_(
                "Shared by the event's pages in every language: people registering from any of them "
                "take the same seats. Set on the event's first page, the one its translations were made from."
            ),
        ),
    ]
    base_form_class = EventPageForm
    search_fields = [*ContentPage.search_fields, index.SearchField("place"), index.FilterField("start")]

    api_fields = [
        *ContentPage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("registration_url"),
        taxonomy_api_field("municipality"),
        taxonomy_api_field("challenge_areas", many=True),
    ]

    parent_page_types = ["cms.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})
        if self.capacity is not None and self.capacity < 1:
            raise ValidationError(
                {"capacity": _("An event needs at least one seat; leave empty for no limit.")}
            )
        if self.registration_deadline and self.end and self.registration_deadline > self.end:
            raise ValidationError(
                {"registration_deadline": _("Registration cannot close after the event has ended.")}
            )
        if self.registration_open and self.registration_url:
            raise ValidationError(
                {"registration_url": _("Registration is open on this site: leave the link elsewhere empty.")}
            )

    @cached_property
    def registration_page(self) -> "EventPage":
        """The page that holds the event's registration, whatever the language: its seats, deadline
        and waiting list are the ones set there, and every registration from any of the event's
        pages is kept on it. The rule: the event's first page, the lowest key of its translation
        group (the page its translations were made from). A translation added later never takes
        its place, and a page holding registrations cannot be deleted, so registrations never
        have to move."""
        first = EventPage.objects.filter(translation_key=self.translation_key).order_by("pk").first()
        return self if first is None or first.pk == self.pk else first

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    @property
    def registration_closes(self):
        """When registration on this site closes: the deadline, or else the start."""
        return self.registration_deadline or self.start

    def takes_registrations(self, at=None) -> bool:
        """Whether the page's registration form accepts registrations now (seats aside); read
        it on the `registration_page`."""
        return self.registration_open and (at or timezone.now()) < self.registration_closes

    def get_context(self, request, *args, **kwargs):
        page_cache.valid_until(self.end)  # the page drops its registration once the event is past
        return super().get_context(request, *args, **kwargs)

    @path("")
    def detail(self, request):
        return self.render(request)

    @path("ical/")
    def ical(self, request):
        return calendar_response([self], filename=self.slug)
