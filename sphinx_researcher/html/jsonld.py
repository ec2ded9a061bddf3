"""schema.org JSON-LD, written safely into a <script> element."""

from __future__ import annotations

import json
from typing import Any

from ..model.person import Profile

_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode  # made once, not per page


def script_tag(data: dict[str, Any]) -> str:
    """A ``<script type="application/ld+json">`` whose content cannot close the element."""
    text = _ENCODE(data)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>\n'


def person_data(profile: Profile, base_url: str, photo_url: str = "") -> dict[str, Any]:
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person", "name": profile.name}
    if base_url:
        data["url"] = base_url
    if profile.role:
        data["jobTitle"] = profile.role
    if profile.affiliation:
        data["affiliation"] = {"@type": "Organization", "name": profile.affiliation}
    # No "email": the page obfuscates the address; JSON-LD would hand it to harvesters.
    if profile.location:
        data["address"] = profile.location
    if photo_url:
        data["image"] = photo_url
    same_as = [link.url for link in profile.links if link.url.startswith(("http://", "https://"))]
    if same_as:
        data["sameAs"] = same_as
    return data
