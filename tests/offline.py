"""Finding resources a built page would load from another host."""

from __future__ import annotations

import re
from pathlib import Path

# Things a browser fetches by itself when it renders a page (links that a
# reader clicks, <a href>, are not among them).
_HTML_LOADS = [
    re.compile(r"<(?:script|img|iframe|source|audio|video|embed|track)\b[^>]*\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
    re.compile(r"<link\b(?=[^>]*\brel\s*=\s*[\"']?(?:stylesheet|preload|prefetch|icon|modulepreload|manifest|shortcut icon|apple-touch-icon)\b)[^>]*\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.I),
    re.compile(r"<(?:img|source)\b[^>]*\bsrcset\s*=\s*[\"']?[^\"'>]*?((?:https?:)?//[^\"'\s>,]+)", re.I),
]
_CSS_LOADS = [
    re.compile(r"@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.I),
    re.compile(r"url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.I),
]
_JS_LOADS = [
    re.compile(r"\bimport\s*(?:[\w{}\s,*]+from\s*)?\(?\s*[\"']((?:https?:)?//[^\"']+)", re.I),
    re.compile(r"importScripts\(\s*[\"']((?:https?:)?//[^\"']+)", re.I),
]


def third_party_loads(path: Path) -> list[str]:
    """URLs on other hosts that the file at ``path`` makes a browser load."""
    text = path.read_text(encoding="utf-8", errors="replace")
    patterns = {".html": _HTML_LOADS + _CSS_LOADS, ".css": _CSS_LOADS, ".js": _JS_LOADS}.get(path.suffix, [])
    found = []
    for pattern in patterns:
        found += [match.group(1) for match in pattern.finditer(text)]
    # Inline <style> blocks of HTML are covered by the CSS patterns above.
    return sorted(set(found))
