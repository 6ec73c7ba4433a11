from .backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]
