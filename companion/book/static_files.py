"""A Sphinx extension: an edit to the book's own CSS or JavaScript rebuilds every page.

Sphinx copies ``html_static_path`` into the output only when it writes some
page, so after an edit to ``_static/companion.css`` alone an incremental
build reported "no targets are out of date" and kept the old file. Every
page also links its static files with a checksum (``companion.css?v=...``)
that would go stale. This extension records a digest of the static files
with the build's environment and marks every page outdated when it changes.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

_DIGEST = "companion_static_digest"


def static_digest(confdir: Path, static_paths: list[str]) -> str:
    """sha256 over the names and bytes of every file under ``static_paths``."""
    digest = hashlib.sha256()
    for folder in static_paths:
        top = confdir / folder
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            if path.is_file():
                digest.update(path.relative_to(confdir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _outdated_when_static_changed(app, env, added, changed, removed):
    current = static_digest(Path(app.confdir), list(app.config.html_static_path))
    recorded = getattr(env, _DIGEST, None)
    setattr(env, _DIGEST, current)
    if recorded is None or recorded == current:
        return []
    return sorted(env.found_docs - set(added) - set(changed) - set(removed))


def setup(app):
    app.connect("env-get-outdated", _outdated_when_static_changed)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
