"""Task screens. Part 1 ships only the placeholder the flow's View nodes point at.

Part 2 replaces `task_view` with Wagtail-admin views that call `workflows.actions` (claim,
score, decide, ...) and turn `workflows.errors.WorkflowError` into a message; they never
complete a Viewflow activation themselves.
"""

from django.http import HttpResponse


def task_view(request, *args, **kwargs):
    return HttpResponse("Task screens live in the Wagtail admin.", status=501, content_type="text/plain")
