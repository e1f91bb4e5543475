from django.urls import path, re_path

from krachtbron.questionnaires import views_family, views_staff

app_name = "questionnaires"

urlpatterns = [
    # Adviser: the "Vragenlijsten" tab of the family file.
    path("gezinnen/<int:pk>/vragenlijsten/", views_staff.family_tab, name="family"),
    path("gezinnen/<int:pk>/vragenlijsten/uitnodigen/", views_staff.invite, name="invite"),
    path("uitnodigingen/<int:pk>/", views_staff.invitation_detail, name="invitation"),
    path("uitnodigingen/<int:pk>/intrekken/", views_staff.withdraw, name="withdraw"),
    path("uitnodigingen/<int:pk>/opnieuw/", views_staff.resend, name="resend"),
    path("uitnodigingen/<int:pk>/samen-invullen/", views_staff.handover, name="handover"),
    path("uitnodigingen/<int:pk>/afdrukken/", views_staff.print_invitation, name="print"),
    path("uitnodigingen/<int:pk>/pdf/", views_staff.invitation_pdf, name="pdf"),
    path("vragenlijsten/<int:pk>/", views_staff.response_detail, name="response"),
    # Teamleider: anonymous team figures.
    path("teamcijfers/vragenlijst/", views_staff.team, name="team"),
    # Family (public): the personal link, then token-free pages of the form.
    re_path(r"^v/(?P<token>.*)$", views_family.open_link, name="open"),
    path("vragenlijst/", views_family.start, name="form_start"),
    path("vragenlijst/vraag/<int:number>/", views_family.question, name="form_question"),
    path("vragenlijst/opslaan/", views_family.autosave, name="form_autosave"),
    path("vragenlijst/controleren/", views_family.review, name="form_review"),
    path("vragenlijst/versturen/", views_family.submit, name="form_submit"),
    path("vragenlijst/klaar/", views_family.done, name="form_done"),
]
