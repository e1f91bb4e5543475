from django.urls import path, re_path

from krachtbron.questionnaires.views import family, staff

app_name = "questionnaires"

urlpatterns = [
    # Adviser: the "Vragenlijsten" tab of the family file.
    path("gezinnen/<int:pk>/vragenlijsten/", staff.family_tab, name="family"),
    path("gezinnen/<int:pk>/vragenlijsten/uitnodigen/", staff.invite, name="invite"),
    path("uitnodigingen/<int:pk>/", staff.invitation_detail, name="invitation"),
    path("uitnodigingen/<int:pk>/intrekken/", staff.withdraw, name="withdraw"),
    path("uitnodigingen/<int:pk>/opnieuw/", staff.resend, name="resend"),
    path("uitnodigingen/<int:pk>/samen-invullen/", staff.handover, name="handover"),
    path("uitnodigingen/<int:pk>/afdrukken/", staff.print_invitation, name="print"),
    path("uitnodigingen/<int:pk>/pdf/", staff.invitation_pdf, name="pdf"),
    path("uitnodigingen/<int:pk>/mailen/", staff.send_email, name="send_email"),
    path("vragenlijsten/<int:pk>/", staff.response_detail, name="response"),
    # Family (public): the personal link, then token-free pages of the form.
    re_path(r"^v/(?P<token>.*)$", family.open_link, name="open"),
    path("vragenlijst/", family.start, name="form_start"),
    path("vragenlijst/vraag/<int:number>/", family.question, name="form_question"),
    path("vragenlijst/opslaan/", family.autosave, name="form_autosave"),
    path("vragenlijst/controleren/", family.review, name="form_review"),
    path("vragenlijst/versturen/", family.submit, name="form_submit"),
    path("vragenlijst/klaar/", family.done, name="form_done"),
]
