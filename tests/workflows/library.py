"""A small resource library in Swedish and English, for the recommendations' tests: one resource
for each kind of fit, and one that fits nothing."""

from dataclasses import dataclass

from wagtail.models import Locale, Page, Site

from cms.models import ChallengeArea, HomePage, ResourceIndexPage, ResourcePage
from search.backends.base import SearchBackend
from search.documents import source
from tests.helpers import publish, translate

#: slug → (type, audience, challenge area slugs, (Swedish title, lead), (English title, lead)).
RESOURCES = {
    "budgetmall": (
        "template",
        "entrepreneurs",
        (),
        ("Budgetmall för piloten", "En budget för kostnader och intäkter innan ni prövar er lösning."),
        ("A budget template for the pilot", "A budget of costs and income before you try your solution."),
    ),
    "socialt-foretag": (
        "guide",
        "entrepreneurs",
        (),
        (
            "Starta ett socialt företag",
            "Från affärsidé till registrerat socialt företag och de första kunderna.",
        ),
        (
            "Starting a social enterprise",
            "From business idea to a registered social enterprise and first customers.",
        ),
    ),
    "laxhjalp": (
        "guide",
        "everyone",
        ("ungdomsarbetsloshet",),
        ("Läxhjälp som metod", "Så ordnar ni läxhjälp för elever."),
        ("Homework help as a method", "How to organise homework help for pupils."),
    ),
    "bibliotek": (
        "report",
        "public_actors",
        (),
        ("Biblioteket som mötesplats", "En rapport om bibliotekets roll i lokalsamhället."),
        ("The library as a meeting place", "A report on the library's part in the local community."),
    ),
    "kor": (
        "guide",
        "everyone",
        (),
        ("Kor på bete i Skurup", "Betesmarker hålls öppna av kor och får."),
        ("Cows grazing in Skurup", "Cows and sheep keep the pastures open."),
    ),
}


@dataclass
class Library:
    pages: dict[str, dict[str, ResourcePage]]

    @classmethod
    def build(cls) -> "Library":
        """The resources published under a home page of their own, in both languages."""
        english, _ = Locale.objects.get_or_create(language_code="en")
        home = Page.get_first_root_node().add_child(
            instance=HomePage(title="Social Innovation Skåne", slug="hem")
        )
        Site.objects.filter(is_default_site=True).update(root_page=home)
        index = home.add_child(instance=ResourceIndexPage(title="Resurser", slug="resurser"))
        pages = {}
        for slug, (kind, audience, areas, (title, lead), (title_en, lead_en)) in RESOURCES.items():
            page = index.add_child(
                instance=ResourcePage(
                    title=title, slug=slug, lead=lead, resource_type=kind, audience=audience
                )
            )
            page.challenge_areas.set(ChallengeArea.objects.filter(slug__in=areas))
            publish(page)
            pages[slug] = {"sv": page, "en": translate(page, english, title=title_en, lead=lead_en)}
        return cls(pages)

    def index(self, backend: SearchBackend) -> None:
        backend.index(source("resource").documents())

    def title(self, slug: str, language: str = "sv") -> str:
        return self.pages[slug][language].title
