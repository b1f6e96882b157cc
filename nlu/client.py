"""HTTP client for the Rasa NLU server, implementing ``core.ports.NluPort``.

``parse`` never raises: a server that is down, slow, failing or behind an open circuit breaker
yields ``NluResult(ok=False, …)`` and the dialogue falls back to the numbered department menu.
A frozen server (it accepts the connection, then never answers) costs one citizen at most ``timeout``
(no retry after a timeout), and three such citizens open the breaker for everyone else.
The language tag is computed locally, so it is present even then.
``NluResult.model`` names the
model that answered: Rasa's parse reply does not say, so the client asks ``GET /status`` (its
``model_file``) at most once every ``model_ttl`` seconds; after a promotion (``PUT /model``) the new
id shows within that time.
"""
from __future__ import annotations

import threading
import time
from dataclasses import replace

import httpx

from core.ports import Entity, NluResult
from nlu.language import detect_language

FALLBACK_INTENT = "nlu_fallback"


class CircuitBreaker:
    """Stops calling a failing server for a while so each citizen does not wait for a timeout.

    Closed until ``failures`` consecutive failures, then open for ``reset_seconds``; after that
    one trial call is let through (half-open): success closes it, failure opens it again.
    In-process state: each app process has its own breaker, which is fine for an optimisation.
    """

    def __init__(self, failures: int, reset_seconds: float, clock=time.monotonic):
        self.failures_to_open = failures
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at >= self.reset_seconds:
                self._opened_at = self._clock()  # half-open: one trial, others keep waiting
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None

    def record_failure(self) -> None:
        with self._lock:
            self._failures += 1
            if self._failures >= self.failures_to_open:
                self._opened_at = self._clock()

    @property
    def is_open(self) -> bool:
        return self._opened_at is not None


class RasaNluClient:
    """POSTs to ``{base_url}/model/parse`` and maps Rasa's answer onto ``NluResult``."""

    def __init__(
        self,
        base_url: str,
        token: str = "",
        timeout: float = 1.5,
        retries: int = 1,
        breaker_failures: int = 3,
        breaker_reset_seconds: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        connect_timeout: float = 0.5,
        model_ttl: float = 30.0,
    ):
        """``timeout`` is the whole wait one parse may cost the citizen, retries included."""
        self.url = f"{base_url.rstrip('/')}/model/parse"
        self.status_url = f"{base_url.rstrip('/')}/status"
        self.model_ttl = model_ttl
        self._model, self._model_checked = "", float("-inf")
        self.params = {"token": token} if token else {}
        self.retries, self.deadline, self.connect_timeout = retries, timeout, min(connect_timeout, timeout)
        self.breaker = CircuitBreaker(breaker_failures, breaker_reset_seconds)
        self._http = httpx.Client(timeout=timeout, transport=transport)

    def parse(self, text: str) -> NluResult:
        language = detect_language(text)
        if not self.breaker.allow():
            return _failure(language, "circuit breaker open")
        error = ""
        give_up_at = time.monotonic() + self.deadline
        for _ in range(1 + self.retries):
            left = give_up_at - time.monotonic()
            if left <= 0.05:
                break
            try:
                response = self._http.post(self.url, params=self.params, json={"text": text},
                                           timeout=httpx.Timeout(left, connect=min(self.connect_timeout, left)))
            except httpx.TimeoutException as exc:
                # Connected but no answer in time (a frozen server, or no room left): a retry would only
                # make the citizen wait longer for the same silence.
                error = f"{type(exc).__name__}: {exc}"
                break
            except httpx.HTTPError as exc:  # refused, reset: fast failures, worth one more try
                error = f"{type(exc).__name__}: {exc}"
                continue
            if response.status_code >= 500:
                error = f"HTTP {response.status_code}"
                continue
            if response.status_code != 200:  # 401/403/400: a retry will not change the answer
                error = f"HTTP {response.status_code}"
                break
            try:
                result = to_result(response.json(), language)
            except (ValueError, KeyError, TypeError) as exc:
                error = f"bad response: {exc}"
                break
            self.breaker.record_success()
            return replace(result, model=self.model_id(timeout=max(0.05, give_up_at - time.monotonic())))
        self.breaker.record_failure()
        return _failure(language, error or "no time left for the NLU")

    def model_id(self, timeout: float | None = None) -> str:
        """The served model's id (file name without ``.tar.gz``), refreshed every ``model_ttl`` s;
        the last known id (or "") if ``/status`` does not answer within ``timeout`` (inside a parse: the
        time its deadline leaves, so the refresh never makes a citizen wait past it)."""
        if time.monotonic() - self._model_checked < self.model_ttl:
            return self._model
        self._model_checked = time.monotonic()
        try:
            response = self._http.get(self.status_url, params=self.params,
                                      timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT)
            if response.status_code == 200:
                self._model = model_id_of(response.json().get("model_file") or "")
        except (httpx.HTTPError, ValueError, AttributeError):
            pass  # a missing id must not cost the citizen their parse
        return self._model

    def close(self) -> None:
        self._http.close()


def model_id_of(model_file: str) -> str:
    """``/x/nlu-85a0.tar.gz`` -> ``nlu-85a0``."""
    return model_file.rsplit("/", 1)[-1].removesuffix(".tar.gz")


def _failure(language: str, error: str) -> NluResult:
    return NluResult(ok=False, intent=None, confidence=0.0, language=language, error=error)


def to_result(body: dict, language: str) -> NluResult:
    """Rasa's parse JSON -> NluResult (``nlu_fallback`` becomes intent None)."""
    intent = body.get("intent") or {}
    name = intent.get("name")
    confidence = float(intent.get("confidence") or 0.0)
    ranking = tuple(
        (item["name"], float(item["confidence"]))
        for item in body.get("intent_ranking") or ()
        if item.get("name") != FALLBACK_INTENT
    )
    if name == FALLBACK_INTENT:
        # Report how sure the model was about its best real guess, not the fallback's score.
        name, confidence = None, ranking[0][1] if ranking else 0.0
    entities = tuple(_entity(item, body.get("text", "")) for item in body.get("entities") or ())
    return NluResult(
        ok=True, intent=name, confidence=confidence, ranking=ranking,
        entities=entities, language=language,
    )


def _entity(item: dict, text: str) -> Entity:
    start, end = item.get("start"), item.get("end")
    matched = text[start:end] if isinstance(start, int) and isinstance(end, int) else ""
    value = str(item.get("value", matched))
    if item["entity"] == "tracking_id":
        # The server sees lower-cased, normalised text; IDs are written upper-case.
        value = value.upper()
    return Entity(name=item["entity"], value=value, text=matched or value)
