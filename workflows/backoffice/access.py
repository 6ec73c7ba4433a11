"""Who may use the back office, and which idea each user may open.

Reviewers (the three reviewing groups) and programme managers hold `workflows.view_idea`;
Wagtail's Editors and Moderators do not, so they do not see the menu and every Ideas screen
refuses them. A reviewer who declared a conflict of interest with an idea is excluded from
it: it leaves their lists and its page refuses them (managers are never excluded).

Refusing is raising PermissionDenied: Wagtail's admin turns it into a redirect to the
dashboard with "Sorry, you do not have permission to access this area." (a 403 for
XMLHttpRequest). Exports are for managers only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, F, Func, OuterRef, Subquery
from django.shortcuts import get_object_or_404

from ..groups import is_manager
from ..models import ConflictOfInterest, Idea, IdeaCount

VIEW_PERMISSION = "workflows.view_idea"


def may_use_backoffice(user) -> bool:
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def require_backoffice(user) -> None:
    if not may_use_backoffice(user):
        raise PermissionDenied


def require_manager(user) -> None:
    require_backoffice(user)
    if not is_manager(user):
        raise PermissionDenied


def visible_ideas(user, queryset=None):
    """The ideas `user` may open: all of them, minus those a (non-manager) reviewer is in conflict with."""
    queryset = Idea.objects.all() if queryset is None else queryset
    if is_manager(user):
        return queryset
    return queryset.exclude(Exists(ConflictOfInterest.objects.filter(idea=OuterRef("pk"), reviewer=user)))


def visible_count(user) -> int:
    """How many ideas `visible_ideas` gives, exactly, in one query: the kept number of ideas
    (`IdeaCount`) minus the reviewer's conflicts (at most one per idea)."""
    kept = IdeaCount.objects.filter(pk=IdeaCount.ROW)
    if is_manager(user):
        visible = kept.values_list("ideas", flat=True)
    else:
        conflicts = (
            ConflictOfInterest.objects.filter(reviewer=user)
            .order_by()
            .annotate(ideas=Func("pk", function="COUNT"))  # aggregates without GROUP BY
            .values("ideas")
        )
        visible = kept.annotate(visible=F("ideas") - Subquery(conflicts)).values_list("visible", flat=True)
    count = visible.first()
    # No row only if the table was emptied by hand: the first idea written creates it again.
    return visible_ideas(user).count() if count is None else count


def idea_for(user, pk: int) -> Idea:
    """The idea `pk` if `user` may open it: 404 if there is none, 403 if they may not."""
    require_backoffice(user)
    idea = get_object_or_404(Idea.objects.select_related("municipality"), pk=pk)
    if not is_manager(user) and ConflictOfInterest.objects.filter(idea=idea, reviewer=user).exists():
        raise PermissionDenied
    return idea
