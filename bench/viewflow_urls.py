"""Bench only: the project's URLs plus Viewflow's own screens of IdeaFlow under /viewflow/.

The product never mounts Viewflow's frontend (see workflows/backoffice/views.py): reviewers
work in the Wagtail admin. `bench/ideas.py` sets ROOT_URLCONF to this module for its run, to
time Viewflow's inbox and queue beside ours on the same data.
"""

from django.urls import path
from viewflow.urls import Site
from viewflow.workflow.flow import FlowAppViewset

from cms.urls import urlpatterns as project_urlpatterns
from workflows.flows import IdeaFlow

viewflow_site = Site(title="Viewflow (bench only)", viewsets=[FlowAppViewset(IdeaFlow, icon="inbox")])

urlpatterns = [path("viewflow/", viewflow_site.urls), *project_urlpatterns]
