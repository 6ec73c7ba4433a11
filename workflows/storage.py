"""Private storage for idea attachments: outside MEDIA_ROOT, with no public URL.

Files are read back only through views that check who may see them (`FileResponse` after the
permission check). Only the site's own user may read them: files are written 0600 and folders
0700, whatever `FILE_UPLOAD_PERMISSIONS` says for public media. The location is read from
`PRIVATE_MEDIA_ROOT` at each use, so tests can point it at a temporary folder.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateMediaStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None, file_permissions_mode=0o600, directory_permissions_mode=0o700)

    @property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view that checks access.")


_storage = PrivateMediaStorage()


def private_storage() -> PrivateMediaStorage:
    """The storage of `IdeaAttachment.file` (a callable, so migrations do not freeze a path)."""
    return _storage
