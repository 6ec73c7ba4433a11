"""E-mail switched off on purpose (`EMAIL_DISABLED`): every message is dropped.

Only the fact is logged, never the recipients or the content: the programme's e-mails hold
applicants' names and status links, which act as passwords.
"""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class DroppingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        for _message in email_messages:
            logger.info("E-mail is disabled (EMAIL_DISABLED): one message dropped.")
        # Counted as sent, so that the outbox does not retry them for ever.
        return len(email_messages)
