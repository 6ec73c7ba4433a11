"""The target of the flow's View nodes.

Our task screens live on the idea page in the Wagtail admin (`workflows.backoffice.tasks`).
Viewflow's `FlowViewset` is not mounted: nothing of ours reverses its URLs, and mounting it
would expose its index, detail and assign pages in the Material look that reviewers must
never see. Should it be mounted one day, a Viewflow task URL lands here and is sent on to the
idea page, where the task is worked.
"""

from django.http import Http404
from django.shortcuts import redirect

from ..models import Idea
from .access import require_backoffice


def task_view(request, *args, **kwargs):
    require_backoffice(request.user)
    process_pk = kwargs.get("process_pk")
    idea = Idea.objects.filter(process_id=process_pk).only("pk").first() if process_pk else None
    if idea is None:
        raise Http404
    return redirect("ideas:detail", pk=idea.pk)
