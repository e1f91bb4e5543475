"""The SMS provider adapter: Twilio, through its maintained client library (ADR 0015).

``TwilioSender().send(to, text) -> Result`` (outcome.py) creates one message through
``twilio.rest.Client`` in Twilio's EU region (``SMS_TWILIO_REGION``/``SMS_TWILIO_EDGE``,
default ``ie1``/``dublin``), from ``SMS_SENDER`` (an alphanumeric sender such as "OKT"), with
``SMS_TWILIO_ACCOUNT_SID`` and ``SMS_TWILIO_AUTH_TOKEN`` (settings or environment; never
logged). ``SMS_TWILIO_API_URL`` points the client elsewhere (the tests' local server).

How an answer maps to an outcome (never twice beats always): created (2xx) → accepted; 429 or
503 (the provider says it did not take it) or no connection at all → try again; another 4xx
(a number that does not exist or may not get messages, a bad key) → never; another 5xx, a
timeout or a connection that broke after the request went out → unknown ("niet bevestigd"),
because the provider may have created the message. The client library makes one request per
call (no retries of its own), so a message is handed over at most once per try.
"""

import logging
import re

import requests
from twilio.base.exceptions import TwilioRestException, TwilioServiceException
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client
from urllib3.exceptions import ConnectTimeoutError

from krachtbron.sending.conf import setting, text_setting
from krachtbron.sending.outcome import ACCEPTED, Outcome, Result

#: The client logs each request's URL and headers at INFO; only its warnings are wanted here.
QUIET = logging.getLogger("krachtbron.sending.twilio_http")
QUIET.setLevel(logging.WARNING)

#: Answers that say the provider did not take the message: safe to try again later.
NOT_TAKEN = {429, 503}


def _digits(value: object) -> str:
    """Only the digits of a provider's error code (its text may quote the number)."""
    return re.sub(r"\D", "", str(value))[:6]


def _client() -> Client:
    api_url = text_setting("SMS_TWILIO_API_URL")
    client = Client(
        text_setting("SMS_TWILIO_ACCOUNT_SID"),
        text_setting("SMS_TWILIO_AUTH_TOKEN"),
        region=None if api_url else text_setting("SMS_TWILIO_REGION") or None,
        edge=None if api_url else text_setting("SMS_TWILIO_EDGE") or None,
        http_client=TwilioHttpClient(timeout=setting("SEND_SMS_TIMEOUT"), logger=QUIET),
        environment={},  # the settings above, not TWILIO_* variables of the process
    )
    if api_url:
        client.api.base_url = api_url
    return client


def _never_connected(error: requests.ConnectionError) -> bool:
    """No connection was made (refused, no route, no DNS, connect timeout): nothing sent."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, ConnectTimeoutError)  # NewConnectionError is one too


def _refused(status: int, code: object) -> Result:
    label = f"Twilio {status} {_digits(code)}".strip()
    if status in NOT_TAKEN:
        return Result(Outcome.RETRY, label)
    if status >= 500:  # a server or gateway error: the provider may have made the message
        return Result(Outcome.UNKNOWN, label)
    return Result(Outcome.NEVER, label)


class TwilioSender:
    """Sends text messages through Twilio's REST API (``Messages.create``)."""

    def __init__(self) -> None:
        self.client = _client()

    def send(self, to: str, text: str) -> Result:
        try:
            self.client.messages.create(to=to, from_=text_setting("SMS_SENDER"), body=text)
        except (TwilioRestException, TwilioServiceException) as error:
            return _refused(int(error.status), error.code)
        except requests.ConnectionError as error:
            if _never_connected(error):
                return Result(Outcome.RETRY, type(error).__name__)
            return Result(Outcome.UNKNOWN, type(error).__name__)
        except requests.RequestException as error:  # a read timeout: it may have arrived
            return Result(Outcome.UNKNOWN, type(error).__name__)
        return ACCEPTED
