from django.urls import path

from krachtbron.audit import views

app_name = "audit"

urlpatterns = [
    path("privacy/toegangslog/", views.access_log, name="access_log"),
    path("privacy/beheerwijzigingen/", views.admin_changes, name="admin_changes"),
]
