"""The back office: reviewers' inbox, queues and task screens inside the Wagtail admin."""
