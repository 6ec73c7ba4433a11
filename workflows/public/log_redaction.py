"""Keeps the secret of an applicant's status link out of the log.

Django logs the path of every 4xx and 5xx answer (`django.request`, `django.security.*`); a
status link's path holds its secret, which acts as a password. The filter is attached to the
log handlers in the settings, so every record that reaches them is redacted, whichever logger
wrote it.
"""

import logging
import re

STATUS_LINK_SECRET = re.compile(r"(/ideas/status/)[^/\s?#\"']+")
REDACTED = r"\1[redacted]"


class RedactStatusLinks(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = STATUS_LINK_SECRET.sub(REDACTED, message)
        if redacted != message:
            record.msg, record.args = redacted, None
        return True
