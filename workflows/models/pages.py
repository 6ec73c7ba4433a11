"""The public intake: a Wagtail page holding the intro text and the idea form.

The page only routes: the form, the receipt (post/redirect/get) and their rendering live in
`workflows.public`; the submission itself is `workflows.actions.submit_idea`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from cms.serving import CachedViewRestrictions


class IdeaSubmissionPage(CachedViewRestrictions, RoutablePageMixin, Page):
    """Where applicants submit an idea; the submission's language is the page's language."""

    intro = RichTextField(_("introduction"), blank=True)
    receipt_text = RichTextField(
        _("text on the receipt"),
        blank=True,
        help_text=_("Shown after a submission, below the reference number and the note about the e-mail."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("receipt_text")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["cms.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("idea submission page")

    @property
    def submission_language(self) -> str:
        return self.locale.language_code

    @path("")
    def form_view(self, request):
        from ..public.intake import intake

        return intake(request, self)

    @path("receipt/")
    def receipt_view(self, request):
        from ..public.intake import receipt

        return receipt(request, self)
