"""One HTTP session for every service: short timeouts, retries with backoff that honour
``Retry-After`` (urllib3's ``Retry``), and one-line errors that never show a token.

Knobs (environment): ``SPHINX_RESEARCHER_HTTP_TIMEOUT`` (seconds, default 10),
``SPHINX_RESEARCHER_HTTP_RETRIES`` (default 3), ``SPHINX_RESEARCHER_HTTP_BACKOFF`` (backoff
factor, default 0.5) and ``SPHINX_RESEARCHER_RETRY_AFTER_MAX`` (the longest ``Retry-After``
waited for, default 60 s; a longer one fails at once and the previous value is kept).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .. import __version__

RETRY_STATUSES = (429, 500, 502, 503, 504)


class ServiceError(Exception):
    """A service could not answer: one line, naming the service, never a URL (it may hold a key)."""

    def __init__(self, service: str, message: str) -> None:
        super().__init__(f"{service}: {message}")
        self.service = service
        self.message = message


class NotFound(Exception):
    """The service answered, and does not know the item (HTTP 404)."""


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def base_url(service_env: str, default: str) -> str:
    """A service's base URL, replaceable through ``SPHINX_RESEARCHER_<SERVICE>_API``."""
    return (os.environ.get(f"SPHINX_RESEARCHER_{service_env}_API") or default).rstrip("/")


class _CappedRetry(Retry):
    """urllib3's Retry, refusing to sleep through an unreasonable ``Retry-After``."""

    def get_retry_after(self, response: Any) -> float | None:
        value = super().get_retry_after(response)
        if value is not None and value > _env_float("SPHINX_RESEARCHER_RETRY_AFTER_MAX", 60.0):
            raise _TooLongWait(value)
        return value


class _TooLongWait(Exception):
    def __init__(self, seconds: float) -> None:
        super().__init__(seconds)
        self.seconds = seconds


@dataclass
class HttpClient:
    """A ``requests`` session shared by the worker threads (the adapter's pool is thread-safe)."""

    mailto: str = ""
    timeout: float = field(default_factory=lambda: _env_float("SPHINX_RESEARCHER_HTTP_TIMEOUT", 10.0))
    session: requests.Session = field(init=False)

    def __post_init__(self) -> None:
        retries = int(_env_float("SPHINX_RESEARCHER_HTTP_RETRIES", 3))
        retry = _CappedRetry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=_env_float("SPHINX_RESEARCHER_HTTP_BACKOFF", 0.5),
            backoff_max=10,
            status_forcelist=RETRY_STATUSES,
            allowed_methods=frozenset({"GET"}),
            respect_retry_after_header=True,
            raise_on_status=False,  # the last answer is returned and reported as its status
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry, pool_connections=8, pool_maxsize=8)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        agent = f"sphinx-researcher/{__version__}"
        self.session.headers["User-Agent"] = f"{agent} (mailto:{self.mailto})" if self.mailto else agent

    def close(self) -> None:
        self.session.close()

    def get(self, service: str, url: str, params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> requests.Response:
        """The response to a GET with status 200; NotFound for 404; ServiceError otherwise."""
        try:
            response = self.session.get(url, params=params, headers=headers, timeout=self.timeout)
        except _TooLongWait as wait:
            raise ServiceError(service, f"rate limited (Retry-After {wait.seconds:g} s)") from None
        except requests.exceptions.RetryError:
            raise ServiceError(service, "failed, even after retries") from None
        except requests.exceptions.Timeout:
            raise ServiceError(service, f"no answer within {self.timeout:g} s") from None
        except requests.exceptions.ConnectionError as error:
            # Retried read timeouts arrive as a ConnectionError around urllib3's MaxRetryError.
            reason = getattr(error.args[0], "reason", None) if error.args else None
            refused = isinstance(reason, urllib3.exceptions.NewConnectionError)  # a TimeoutError subclass, oddly
            if isinstance(reason, urllib3.exceptions.TimeoutError) and not refused:
                raise ServiceError(service, f"no answer within {self.timeout:g} s") from None
            raise ServiceError(service, "cannot connect") from None
        except requests.exceptions.RequestException as error:
            raise ServiceError(service, f"request failed ({type(error).__name__})") from None
        if response.status_code == 404:
            raise NotFound()
        if response.status_code == 429:
            raise ServiceError(service, "rate limited (HTTP 429)")
        if response.status_code != 200:
            raise ServiceError(service, f"HTTP {response.status_code}")
        return response

    def get_json(self, service: str, url: str, params: Mapping[str, str] | None = None,
                 headers: Mapping[str, str] | None = None) -> Any:
        response = self.get(service, url, params, headers)
        try:
            return json.loads(response.content)
        except ValueError:
            raise ServiceError(service, "answer is not valid JSON") from None


def expect(service: str, condition: bool, what: str) -> None:
    """An answer of the wrong shape is the service's fault: a ServiceError, not a traceback."""
    if not condition:
        raise ServiceError(service, f"unexpected answer ({what})")


def count(service: str, value: Any, what: str) -> int:
    """A non-negative integer field of an answer."""
    expect(service, isinstance(value, int) and not isinstance(value, bool) and value >= 0, what)
    return int(value)
