"""Content models, one module per content area."""

from .events import EventIndexPage, EventPage
from .footer import FooterSettings
from .home import HomeFeaturedResource, HomePage
from .news import NewsIndexPage, NewsPage, NewsPageTag, NewsRelatedPage
from .partners import Partner
from .privacy import PrivacySettings
from .programme import StandardPage
from .resources import ResourceDocument, ResourceIndexPage, ResourcePage
from .taxonomy import ChallengeArea, Municipality

__all__ = [
    "ChallengeArea",
    "EventIndexPage",
    "EventPage",
    "FooterSettings",
    "HomeFeaturedResource",
    "HomePage",
    "Municipality",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsRelatedPage",
    "Partner",
    "PrivacySettings",
    "ResourceDocument",
    "ResourceIndexPage",
    "ResourcePage",
    "StandardPage",
]
