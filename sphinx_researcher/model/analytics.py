"""``researcher_analytics``: the one third-party script a site may choose to load, from a
privacy-first visitor counter (no cookies, no personal data): GoatCounter, Plausible, Umami.

::

    researcher_analytics = {"provider": "goatcounter", "code": "janedoe"}
    researcher_analytics = {"provider": "plausible", "domain": "jane.example.org"}
    researcher_analytics = {"provider": "umami", "website_id": "4fb7fa4c-5b46-438d-94b3-3a8fb9bc2e8b"}

Each also takes ``"script"`` (the counting script's https URL, for a self-hosted instance) and
GoatCounter ``"endpoint"`` (where it counts, default ``https://CODE.goatcounter.com/count``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(,\s*\S+)*$", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)


@dataclass(frozen=True)
class Provider:
    required: str  # the key that identifies the site with the provider
    pattern: re.Pattern[str]
    script: str  # default script URL
    keys: frozenset[str] = field(default_factory=frozenset)


PROVIDERS: dict[str, Provider] = {
    "goatcounter": Provider("code", _CODE, "https://gc.zgo.at/count.js", frozenset({"endpoint"})),
    "plausible": Provider("domain", _DOMAIN, "https://plausible.io/js/script.js"),
    "umami": Provider("website_id", _UUID, "https://cloud.umami.is/script.js"),
}


@dataclass(frozen=True)
class Analytics:
    provider: str
    script: str
    attributes: dict[str, str]  # data-* attributes of the <script> element


def _https(url: str, what: str) -> str:
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c in url for c in " \"'<>"):
        raise ValueError(f"{what} must be an https:// URL, not {url!r}")
    return url


def parse_analytics(value: dict[str, Any]) -> Analytics | None:
    """The analytics asked for, None when off (an empty dict); ValueError saying what is wrong."""
    if not value:
        return None
    provider_name = value.get("provider")
    if provider_name not in PROVIDERS:
        raise ValueError(f"'provider' must be one of {', '.join(map(repr, PROVIDERS))}, not {provider_name!r}")
    provider = PROVIDERS[str(provider_name)]
    allowed = {"provider", provider.required, "script", *provider.keys}
    unknown = sorted(map(str, set(value) - allowed))
    if unknown:
        raise ValueError(f"unknown keys {unknown} for {provider_name} (known: {sorted(allowed)})")
    bad = [str(k) for k, v in value.items() if not isinstance(v, str)]
    if bad:
        raise ValueError(f"values must be strings (not for {', '.join(bad)})")
    ident = value.get(provider.required, "").strip()
    if not provider.pattern.match(ident):
        raise ValueError(f"{provider_name} needs a valid {provider.required!r}, not {ident!r}")
    script = _https(value.get("script", provider.script).strip(), "'script'")
    if provider_name == "goatcounter":
        endpoint = _https(value.get("endpoint", f"https://{ident}.goatcounter.com/count").strip(), "'endpoint'")
        attributes = {"data-goatcounter": endpoint}
    elif provider_name == "plausible":
        attributes = {"data-domain": ident}
    else:
        attributes = {"data-website-id": ident}
    return Analytics(str(provider_name), script, attributes)
