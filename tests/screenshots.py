"""Screenshots of every page of the built book at desktop and phone width.

``make screenshots`` runs ``python -m tests.screenshots _build/html
_build/screenshots``: one full-page PNG per page and screen, named
``<page>--<screen>.png`` (e.g. ``sessions-01-opening--phone.png``), for a
person to look at; the browser tests measure the same pages.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tests.browser import WIDTHS, book_pages, find_chromium, go_to, launched_chromium, open_page, serve


def screenshot_name(page: str, screen: str) -> str:
    """``book/sessions/01-opening.html`` on a phone -> ``sessions-01-opening--phone.png``."""
    stem = Path(page).with_suffix("").as_posix().removeprefix("book/").replace("/", "-")
    return f"{stem}--{screen}.png"


def take_screenshots(html_root: Path, out: Path) -> list[Path]:
    chromium = find_chromium()
    if not chromium:
        raise SystemExit("Chromium not found on PATH (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with serve(html_root) as url, launched_chromium(chromium) as browser:
        for screen, width in WIDTHS.items():
            pages = book_pages(html_root)
            context, tab = open_page(browser, f"{url}/{pages[0]}", width)
            for page in pages:
                go_to(tab, f"{url}/{page}")
                target = out / screenshot_name(page, screen)
                tab.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.screenshots", description=__doc__)
    parser.add_argument("html_root", type=Path, help="the built book (_build/html)")
    parser.add_argument("out", type=Path, help="folder for the PNGs (_build/screenshots)")
    args = parser.parse_args(argv)
    if not (args.html_root / "book").is_dir():
        raise SystemExit(f"{args.html_root} holds no built book: run make book first")
    written = take_screenshots(args.html_root, args.out)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
