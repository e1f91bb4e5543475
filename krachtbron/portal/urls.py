from django.urls import path, re_path

from krachtbron.portal import staff_views, views

app_name = "portal"

urlpatterns = [
    # Family members (Mijn Krachtbron): every URL starts with /mijn/ (family pages:
    # Referrer-Policy no-referrer) and holds no personal data; a token only in a link's path.
    path("mijn/", views.home, name="home"),
    re_path(r"^mijn/l/(?P<token>.*)$", views.open_link, name="open"),
    path("mijn/welkom/", views.welcome, name="welcome"),
    path("mijn/inloggen/", views.sign_in, name="sign_in"),
    path("mijn/uitloggen/", views.sign_out, name="sign_out"),
    # Adviser: the "Mijn Krachtbron" tab of the family file.
    path("gezinnen/<int:pk>/mijn-krachtbron/", staff_views.family_tab, name="family"),
    path("gezinsleden/<int:pk>/mijn-krachtbron/uitnodigen/", staff_views.invite, name="invite"),
    path(
        "gezinsleden/<int:pk>/mijn-krachtbron/eenmalige-link/",
        staff_views.one_time_link,
        name="one_time",
    ),
    path(
        "gezinsleden/<int:pk>/mijn-krachtbron/sleutels-intrekken/",
        staff_views.revoke_passkeys,
        name="revoke_passkeys",
    ),
    path("portaal-links/<int:pk>/intrekken/", staff_views.withdraw, name="withdraw"),
    path("portaal-links/<int:pk>/afdrukken/", staff_views.print_link, name="print"),
    path("portaal-links/<int:pk>/pdf/", staff_views.link_pdf, name="pdf"),
]
