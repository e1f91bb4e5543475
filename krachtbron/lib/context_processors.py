from django.conf import settings
from django.http import HttpRequest

from krachtbron.lib.navigation import nav_for


def krachtbron(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    return {"DEMO_MODE": settings.DEMO_MODE, "main_nav": nav_for(user, request.path)}
