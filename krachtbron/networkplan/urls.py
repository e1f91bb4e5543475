from django.urls import path

from krachtbron.networkplan import agreement_views

app_name = "networkplan"

urlpatterns = [
    # Afspraken (agreement_views): the file's tab, an agreement, "gezien", an aanspreekpunt.
    path("gezinnen/<int:pk>/afspraken/", agreement_views.agreements, name="agreements"),
    path("gezinnen/<int:pk>/afspraken/nieuw/", agreement_views.agreement_add, name="agreement_add"),
    path(
        "gezinnen/<int:pk>/afspraken/gezien/",
        agreement_views.agreements_seen,
        name="agreements_seen",
    ),
    path("afspraken/<int:pk>/", agreement_views.agreement_edit, name="agreement_edit"),
    path(
        "netwerk/personen/<int:pk>/aanspreekpunt/",
        agreement_views.contact_point,
        name="contact_point",
    ),
]
