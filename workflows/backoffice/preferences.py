"""The reviewer's own choice of task e-mails, a panel on the admin's account page (Notifications tab).

Shown to members of the groups whose queues receive tasks (`workflows.pipeline.REVIEWING_GROUPS`);
saving the account page writes their `ReviewerPreferences` row (none until they first save).
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab

from ..models import ReviewerPreferences
from ..pipeline import REVIEWING_GROUPS


class ReviewerPreferencesForm(forms.ModelForm):
    class Meta:
        model = ReviewerPreferences
        fields = ["daily_digest"]


class ReviewerPreferencesPanel(BaseSettingsPanel):
    name = "reviewer_preferences"
    title = _("New tasks in your queues")
    tab = notifications_tab
    order = 300
    form_class = ReviewerPreferencesForm

    @cached_property
    def is_reviewer(self) -> bool:
        return self.user.groups.filter(name__in=REVIEWING_GROUPS).exists()

    def is_active(self):
        return self.is_reviewer

    @cached_property
    def instance(self) -> ReviewerPreferences:
        return ReviewerPreferences.objects.filter(user=self.user).first() or ReviewerPreferences(
            user=self.user
        )

    def get_form(self):
        data = (self.request.POST,) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=self.instance, prefix=self.name)
