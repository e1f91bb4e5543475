"""The questionnaire parts of the family's copy: every filled-in questionnaire with its answers
and results, and the invitations. Both are private data of the member they are about.

Scores come from the instrument engine, as on the adviser's result page; the adviser's
conversation tips (``prompts.py``) are for the adviser and are not part of the family's data.
"""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from krachtbron.families.file_copy import (
    CopyRequest,
    register_copy_exclusion,
    register_copy_part,
    register_private_log_rows,
)
from krachtbron.instruments import (
    MEAN_DECIMALS,
    Instrument,
    available_languages,
    compare,
    get_instrument,
    round_half_up,
    score,
)
from krachtbron.questionnaires.models import Answer, Invitation, Moment, Response, ResultSeen


def _instrument(response: Response, language: str | None = None) -> Instrument:
    """The items as the member reads them: in ``language`` (the page's, on Mijn Krachtbron)
    when the instrument has it, else in the language they answered in, else the original."""
    languages = available_languages(response.instrument_id, response.instrument_version)
    shown = next(
        (code for code in (language, response.language) if code in languages), languages[0]
    )
    return get_instrument(response.instrument_id, shown, response.instrument_version)


def question_text(response: Response, item_id: str) -> str:
    """The text of item ``item_id`` of ``response`` as the member read it (``_instrument``: the
    language they answered in); the id itself for an item the instrument no longer knows."""
    return next((item.text for item in _instrument(response).items if item.id == item_id), item_id)


def previous_of(response: Response, completed: list[Response]) -> Response | None:
    """The same member's completed response just before this one, of the same version, out
    of ``completed`` (responses already loaded: no query)."""
    earlier = [
        r
        for r in completed
        if r.member_id == response.member_id
        and r.instrument_id == response.instrument_id
        and r.instrument_version == response.instrument_version
        and response.completed_at is not None
        and r.completed_at is not None
        and (r.completed_at, r.pk) < (response.completed_at, response.pk)
    ]
    return max(earlier, key=lambda r: (r.completed_at, r.pk)) if earlier else None


def _answers(response: Response) -> dict[str, int | None]:
    return {a.item_id: a.value for a in response.answers.all()}


def _local(moment: Any) -> Any:
    return timezone.localtime(moment).replace(microsecond=0) if moment else None


def response_for_family(
    response: Response, previous: Response | None, language: str | None = None
) -> dict[str, Any]:
    """One filled-in questionnaire as the family gets it: every question with the answer in
    words, a mean per section (0-4), strong points (3 or 4) and points that ask attention
    (0 or 1), and the change since ``previous``. Never the adviser's conversation prompts.
    The copy and the member's own result page (Mijn Krachtbron) both use it; load the
    response with ``prefetch_related("answers")`` and its member to avoid queries. The items
    are in ``language`` when given and the instrument has it (``_instrument``)."""
    instrument = _instrument(response, language)
    answers = _answers(response)
    result = score(instrument, answers)
    before = compare(instrument, _answers(previous), answers) if previous else None
    item_changes = {c.id: c for c in before.items} if before else {}
    section_changes = {c.id: c for c in before.sections} if before else {}
    texts = {item.id: item.text for item in instrument.items}

    def label(value: int | None) -> str:
        return instrument.scale_label(value) if value is not None else _("niet ingevuld")

    return {
        "gezinslid": response.member.first_name,
        "vragenlijst": instrument.title,
        "versie": instrument.version,
        "taal": response.language,
        "moment": str(Moment(response.moment).label),
        "begonnen_op": _local(response.started_at),
        "ingestuurd_op": _local(response.completed_at),
        "vorige_keer": (
            {"moment": str(Moment(previous.moment).label), "datum": _local(previous.completed_at)}
            if previous
            else None
        ),
        "vragen": [
            {
                "nummer": number,
                "vraag": item.text,
                "onderdeel": instrument.section(item.section_id).title,
                "antwoord": result.answers[item.id],
                "antwoord_in_woorden": label(result.answers[item.id]),
                "vorige_keer": item_changes[item.id].before if before else None,
                "verschil": item_changes[item.id].change if before else None,
            }
            for number, item in enumerate(instrument.items, start=1)
        ],
        "onderdelen": [
            {
                "onderdeel": s.title,
                "beantwoord": s.answered,
                "vragen": s.items,
                "gemiddelde": _rounded(s.mean),
                "vorige_keer": _rounded(section_changes[s.id].before) if before else None,
                "verschil": _rounded(section_changes[s.id].change) if before else None,
            }
            for s in result.sections
        ],
        "totaal_per_antwoord": [
            {
                "antwoord": option.value,
                "in_woorden": option.label,
                "aantal": result.totals_per_category[option.value],
            }
            for option in instrument.scale
        ],
        "sterke_punten": [texts[item_id] for item_id in result.strengths],
        "aandachtspunten": [texts[item_id] for item_id in result.development_needs],
    }


def _rounded(value: float | None) -> float | None:
    """Two decimals, half up: the engine's rule for JSON (``instruments.rounding``)."""
    return None if value is None else float(round_half_up(value, MEAN_DECIMALS))


def responses_part(copy: CopyRequest) -> list[dict[str, Any]]:
    """Every questionnaire a member filled in (or started) whose data this copy may hold."""
    responses = [
        r
        for r in Response.objects.filter(family=copy.family)
        .select_related("member")
        .prefetch_related("answers")
        .order_by("member__birth_year", "member_id", "started_at", "id")
        if copy.may_see(r.member_id)
    ]
    completed = [r for r in responses if r.completed_at is not None]
    return [response_for_family(r, previous_of(r, completed)) for r in responses]


def invitations_part(copy: CopyRequest) -> list[dict[str, Any]]:
    """The personal links sent to members: when, for which moment, and what became of them."""
    now = timezone.now()
    answered = set(
        Response.objects.filter(family=copy.family, invitation__isnull=False).values_list(
            "invitation_id", flat=True
        )
    )
    return [
        {
            "gezinslid": i.member.first_name,
            "moment": str(Moment(i.moment).label),
            "taal": i.language,
            "status": str(i.state_at(now, i.pk in answered).label),
            "verstuurd_op": _local(i.created_at),
            "geldig_tot": _local(i.expires_at),
            "geopend_op": _local(i.opened_at),
            "ingevuld_op": _local(i.completed_at),
            "ingetrokken_op": _local(i.withdrawn_at),
        }
        for i in Invitation.objects.filter(family=copy.family)
        .select_related("member")
        .order_by("created_at", "id")
        if copy.may_see(i.member_id)
    ]


#: Log rows whose object is an invitation: the staff's rows and the member's own pages.
INVITATION_ROWS = (
    "invitation",
    "questionnaire_link",
    "questionnaire_start",
    "questionnaire_question",
    "questionnaire_review",
    "questionnaire_receipt",
)
#: Log rows whose object is a response (the staff's read and a refused look-up).
RESPONSE_ROWS = ("questionnaire_response", "response")


def _members_of(model: type[Invitation] | type[Response]) -> Any:
    def members(ids: set[int]) -> dict[int, int | None]:
        return dict(model.objects.filter(pk__in=ids).values_list("pk", "member_id"))

    return members


def register() -> None:
    register_private_log_rows(INVITATION_ROWS, _members_of(Invitation))
    register_private_log_rows(RESPONSE_ROWS, _members_of(Response))
    register_copy_part(
        "vragenlijsten",
        responses_part,
        title=gettext_lazy("Ingevulde vragenlijsten"),
        models=[Response, Answer],
        template="questionnaires/copy/responses.html",
        order=50,
    )
    register_copy_part(
        "uitnodigingen",
        invitations_part,
        title=gettext_lazy("Uitnodigingen voor de vragenlijst"),
        models=[Invitation],
        template="questionnaires/copy/invitations.html",
        order=55,
    )
    register_copy_exclusion(
        Invitation,
        "De geheime code van de link en de code om over te typen (alleen als hash bewaard) "
        "zijn sleutels, geen gegevens over het gezin; wie de uitnodiging maakte staat in "
        "'Wie keek mee'.",
        fields=["token_hash", "code_hash", "created_by"],
    )
    register_copy_exclusion(
        Response,
        "De ontvangstcode van de bedankpagina en het team op het moment van insturen zijn "
        "administratie, geen gegevens over het gezin.",
        fields=["receipt", "team"],
    )
    register_copy_exclusion(
        Response,
        "Wanneer een lijst voor het laatst werd bewaard en bij welke uitnodiging hij hoort: "
        "de kopie noemt per lijst wanneer die begonnen en ingestuurd is, en elke uitnodiging "
        "met haar eigen data.",
        fields=["updated_at", "invitation"],
    )
    register_copy_exclusion(
        Response,
        "Of een score lager is dan bij de vorige lijst: dat volgt uit de antwoorden, en de "
        "kopie zet elke lijst naast de vorige met de veranderingen per onderdeel.",
        fields=["dropped_since_previous"],
    )
    register_copy_exclusion(
        Answer,
        "Het tijdstip van elk los antwoord: de kopie noemt per lijst wanneer die begonnen en "
        "ingestuurd is, en de pagina's die het gezinslid opende staan in 'Wie keek mee'.",
        fields=["answered_at"],
    )
    register_copy_exclusion(
        Invitation,
        "Welke vragenlijst: er is één vragenlijst voor gezinnen; bij een ingevulde lijst "
        "noemt de kopie de titel.",
        fields=["instrument_id"],
    )
    register_copy_exclusion(
        ResultSeen,
        "Of de adviseur een uitslag al geopend heeft: een geheugensteun voor de adviseur. Elke "
        "keer dat iemand een uitslag opende staat in 'Wie keek mee'.",
    )
