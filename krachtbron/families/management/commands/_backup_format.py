"""The JSON format of ``manage.py backup``: Django's own, except that times keep their
microseconds.

Django's JSON encoder cuts datetimes and times to milliseconds. A backup must give back exactly
what was stored: the access log's seals cover each row's moment to the microsecond, so a restored
log whose moments were cut no longer matches a single seal (break-11, finding 2). ``restore``
reads the file with Django's own JSON deserializer, which parses microseconds.
"""

import datetime
from typing import Any

from django.core.serializers.json import Deserializer, DjangoJSONEncoder
from django.core.serializers.json import Serializer as JSONSerializer
from django.utils.timezone import is_aware

__all__ = ["FORMAT", "Deserializer", "Serializer"]

#: The name ``backup`` registers this format under (``serializers.register_serializer``).
FORMAT = "krachtbron-json"


class ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder, but datetimes and times in full (ISO 8601, UTC as "Z")."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, datetime.time):
            if is_aware(o):
                raise ValueError("JSON can't represent timezone-aware times.")
            return o.isoformat()
        return super().default(o)


class Serializer(JSONSerializer):
    def start_serialization(self) -> None:
        super().start_serialization()  # sets the options, with Django's encoder
        self.json_kwargs["cls"] = ExactEncoder
