"""StreamField blocks shared by every page body."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from infra import page_cache
from infra.page_cache_tags import model_tag


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "blocks/heading.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quote"))
    attribution = blocks.CharBlock(label=_("attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=100)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or link"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "blocks/call_to_action.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(label=_("title"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "blocks/document.html"


class PartnerListBlock(blocks.StructBlock):
    """Lists the partner snippets of one role in the page's language."""

    role = blocks.ChoiceBlock(
        label=_("role"),
        choices=[("partner", _("Partner organisations")), ("funder", _("Funders"))],
        default="partner",
    )

    class Meta:
        icon = "group"
        label = _("Partner list")
        template = "blocks/partner_list.html"

    def get_context(self, value, parent_context=None):
        from .models import Partner

        page_cache.shows(model_tag(Partner))
        context = super().get_context(value, parent_context)
        page = (parent_context or {}).get("page")
        partners = Partner.objects.filter(role=value["role"]).select_related("logo")
        if page is not None:
            partners = partners.filter(locale_id=page.locale_id)
        context["partners"] = partners.order_by("sort_order", "name")
        return context


class BaseStreamBlock(blocks.StreamBlock):
    """What an editor can put in any page body."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"],
    )
    image = ImageBlock(label=_("Image"), template="blocks/image.html")
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    partner_list = PartnerListBlock()


#: The figures a key figure can show live, counted by the `figures` app (which draws them with
#: `{% live_figure %}`: content does not import the counting rules).
LIVE_FIGURES = [
    ("", _("No: show the figure as typed")),
    ("persons", _("Persons reached so far")),
    ("organisations", _("Organisations reached so far")),
    ("enterprises", _("Enterprises reached so far")),
    ("mobilised", _("Persons and companies mobilised so far")),
    ("ideas", _("Ideas in the programme so far")),
]


class KeyFigureBlock(blocks.StructBlock):
    """One of the programme's figures on the home page, such as "1 300 persons and companies":
    typed by the editor, or live, counted from the register and the ideas since the programme began."""

    value = blocks.CharBlock(
        label=_("figure"),
        max_length=30,
        required=False,
        help_text=_("Leave empty for a live figure."),
    )
    live = blocks.ChoiceBlock(
        label=_("live"),
        choices=LIVE_FIGURES,
        default="",
        required=False,
        help_text=_("Count the figure from the platform's own records (updated every few minutes)."),
    )
    label = blocks.CharBlock(label=_("what it counts"), max_length=120)

    class Meta:
        icon = "pick"
        label = _("Key figure")
        template = "blocks/key_figure.html"

    def clean(self, value):
        value = super().clean(value)
        if not value["live"] and not value["value"]:
            raise blocks.StructBlockValidationError(
                block_errors={"value": ValidationError(_("Type the figure, or choose a live one."))}
            )
        return value
