"""A transport node that sends plain JSON media types, for servers that refuse Elastic's own.

The elasticsearch 8 client always asks for `application/vnd.elasticsearch+json;
compatible-with=8` (no option turns it off). Elasticsearch needs that for version
compatibility; OpenSearch-compatible servers such as osmem-server answer it with 406. With
setting ELASTICSEARCH_COMPAT_HEADERS = False the backend uses this node, which sends
`application/json` (and `application/x-ndjson` for bulk bodies) instead.
"""

import re

from elastic_transport import HttpHeaders, Urllib3HttpNode

_COMPATIBLE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+)\s*;\s*compatible-with=\d+")


class PlainJsonNode(Urllib3HttpNode):
    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = HttpHeaders(
                {name: _COMPATIBLE.sub(r"application/\1", value) for name, value in headers.items()}
            )
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)
