from django.urls import path, re_path

from krachtbron.networkplan import agreement_views, plan_views, share_views

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
    # B: the file tab "Netwerkplan" (plan_views) and the network person's pages (share_views).
    path("gezinnen/<int:pk>/netwerkplan/", plan_views.plan, name="plan"),
    path("gezinnen/<int:pk>/netwerkplan/pdf/", plan_views.plan_pdf_download, name="plan_pdf"),
    path("gezinnen/<int:pk>/netwerkplan/bellen/", plan_views.call_add, name="call_add"),
    path("gezinnen/<int:pk>/netwerkplan/doelen/", plan_views.goals, name="goals"),
    path("netwerkplan/bellen/<int:pk>/weg/", plan_views.call_remove, name="call_remove"),
    path("netwerkplan/gedeeld/<int:pk>/stoppen/", plan_views.share_stop, name="share_stop"),
    # A link's token only in this path; the view is on a URL without it (SECURITY.md 5).
    re_path(r"^gedeeld/l/(?P<token>.*)$", share_views.open_share, name="open_share"),
    path("gedeeld/", share_views.shared, name="shared"),
]
