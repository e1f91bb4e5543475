from django.urls import path, re_path

from krachtbron.aftercare import checkin_views, views

app_name = "aftercare"

urlpatterns = [
    path("gezinnen/<int:pk>/afsluiten/", views.close, name="close"),
    path("gezinnen/<int:pk>/heropenen/", views.reopen, name="reopen"),
    path("nazorg/<int:pk>/link/", views.make_link, name="make_link"),
    path("team/nazorg/", views.requests, name="requests"),
    path("team/nazorg/<int:pk>/opgepakt/", views.request_done, name="request_done"),
    # A member without Mijn Krachtbron answers a check-in through a personal link (under
    # /mijn/: a family page, Referrer-Policy no-referrer).
    re_path(r"^mijn/nazorg/l/(?P<token>.*)$", checkin_views.by_link, name="checkin_link"),
]
