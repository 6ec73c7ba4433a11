from django.db import models


class AttachmentText(models.Model):
    """The text of one attached file, keyed by the file's SHA-1 (Wagtail's `file_hash`): read
    once by the worker, then reused by every index update and rebuild, and by every document
    that holds the same file. A file that could not be read keeps its row, with the reason and
    no text, so that it is not parsed again."""

    file_hash = models.CharField(max_length=40, unique=True)
    text = models.TextField(blank=True)
    skipped = models.CharField(max_length=200, blank=True, help_text="Why the file gave no text.")
    extracted_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.file_hash
