"""The provider adapter against a local server that answers as Twilio does (no mocks: the
real ``twilio`` client library makes real HTTP requests to 127.0.0.1)."""

import pytest

from krachtbron.sending.outcome import Outcome
from krachtbron.sending.twilio_sms import TwilioSender
from krachtbron.testing.served import free_port
from krachtbron.testing.sms_server import ACCOUNT

NUMBER = "+31612345678"


def test_a_created_message_is_accepted_with_sender_number_and_text(sms_server):
    result = TwilioSender().send(NUMBER, "Hallo Sam,\nhttps://example.org/v/abc")
    assert result.outcome is Outcome.ACCEPTED
    [request] = sms_server.requests
    assert request["path"] == f"/2010-04-01/Accounts/{ACCOUNT}/Messages.json"
    assert request["user"] == ACCOUNT
    assert request["form"] == {
        "To": NUMBER,
        "From": "OKT",
        "Body": "Hallo Sam,\nhttps://example.org/v/abc",
    }


@pytest.mark.parametrize(
    ("answer", "outcome", "code"),
    [
        ("refuse", Outcome.NEVER, "Twilio 400 21211"),
        ("busy", Outcome.RETRY, "Twilio 503 20503"),
        ("error", Outcome.UNKNOWN, "Twilio 500 20500"),
        ("drop", Outcome.UNKNOWN, "ConnectionError"),
        ("hang", Outcome.UNKNOWN, "ReadTimeout"),
    ],
)
def test_every_answer_has_its_outcome_once_and_no_number_in_the_code(
    sms_server, answer, outcome, code
):
    sms_server.answer = answer
    result = TwilioSender().send(NUMBER, "tekst")
    assert (result.outcome, result.code) == (outcome, code)
    assert len(sms_server.requests) == 1  # the library did not try again by itself
    assert "612345678" not in result.code


def test_no_server_at_all_is_safe_to_try_again(settings, sms_server):
    settings.SMS_TWILIO_API_URL = f"http://127.0.0.1:{free_port()}"  # nobody listens there
    result = TwilioSender().send(NUMBER, "tekst")
    assert result.outcome is Outcome.RETRY
    assert sms_server.requests == []


def test_production_goes_to_the_eu_region_without_an_api_url(settings):
    settings.SMS_TWILIO_API_URL = ""
    settings.SMS_TWILIO_ACCOUNT_SID = ACCOUNT
    settings.SMS_TWILIO_AUTH_TOKEN = "x"
    client = TwilioSender().client
    assert (client.region, client.edge) == ("ie1", "dublin")
    assert client.get_hostname("https://api.twilio.com/x") == "https://api.dublin.ie1.twilio.com/x"


def test_the_settings_check_names_what_is_wrong_without_the_key(settings):
    from krachtbron.sending.checks import sms_settings_are_complete

    assert sms_settings_are_complete(None) == []  # the console default
    settings.SMS_BACKEND = "krachtbron.sending.nope.Sender"
    assert [m.id for m in sms_settings_are_complete(None)] == ["krachtbron.sending.E001"]
    settings.SMS_BACKEND = "krachtbron.sending.twilio_sms.TwilioSender"
    settings.SMS_TWILIO_ACCOUNT_SID = ACCOUNT
    settings.SMS_TWILIO_AUTH_TOKEN = ""
    [message] = sms_settings_are_complete(None)
    assert message.id == "krachtbron.sending.E003" and "SMS_TWILIO_AUTH_TOKEN" in message.msg
    settings.SMS_TWILIO_AUTH_TOKEN = "geheim-123"
    settings.SMS_SENDER = "Ouder- en Kindteam"
    [message] = sms_settings_are_complete(None)
    assert message.id == "krachtbron.sending.E002" and "geheim" not in message.msg
    settings.SMS_SENDER = "OKT"
    assert sms_settings_are_complete(None) == []
