from django.urls import path

from krachtbron.accounts import manage_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/code/", views.verify, name="verify"),
    path("inloggen/koppelen/", views.setup, name="setup"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("sessie/", views.session_status, name="session_status"),
    path("sessie/verlengen/", views.session_extend, name="session_extend"),
    path("activeren/<uidb64>/<token>/", views.activate_view, name="activate"),
    path("beheer/teams/", manage_views.team_list, name="team_list"),
    path("beheer/teams/nieuw/", manage_views.team_edit, name="team_create"),
    path("beheer/teams/<int:pk>/", manage_views.team_edit, name="team_edit"),
    path("beheer/gebruikers/", manage_views.user_list, name="user_list"),
    path("beheer/gebruikers/uitnodigen/", manage_views.user_invite, name="user_invite"),
    path("beheer/gebruikers/<int:pk>/", manage_views.user_edit, name="user_edit"),
    path(
        "beheer/gebruikers/<int:pk>/actief/", manage_views.user_set_active, name="user_set_active"
    ),
    path(
        "beheer/gebruikers/<int:pk>/tweede-stap/",
        manage_views.user_reset_2fa,
        name="user_reset_2fa",
    ),
    path(
        "beheer/gebruikers/<int:pk>/privacy-officer/aanvragen/",
        manage_views.privacy_officer_request,
        name="privacy_officer_request",
    ),
    path(
        "beheer/gebruikers/<int:pk>/privacy-officer/intrekken/",
        manage_views.privacy_officer_revoke,
        name="privacy_officer_revoke",
    ),
    path(
        "beheer/aanvragen/<int:pk>/besluit/",
        manage_views.privacy_officer_decide,
        name="privacy_officer_decide",
    ),
]
