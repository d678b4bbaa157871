"""Browser tests of the reviewer page: the real app on a loopback port, driven by headless Chromium (Playwright).

Chromium is Debian's (/usr/bin/chromium); Playwright never downloads a browser here. When either is missing the
tests skip on a user's machine and fail in CI (CI=true), the same rule as ../shared in tests/conftest.py.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
TOKEN = "s3cret"


def _missing(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}: the browser tests must run in CI")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """The real app (create_app) served by uvicorn in a background thread."""

    def __init__(self, bundle: Path, work_dir: Path, token: str | None = None) -> None:
        import uvicorn

        from imrpredict.serve.app import ServeSettings, create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = create_app(ServeSettings(bundle=bundle, work_dir=work_dir, token=token))
        config = uvicorn.Config(self.app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, name=f"uvicorn-{self.port}", daemon=True)

    def start(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if not self.thread.is_alive():
                raise RuntimeError(f"the test server on port {self.port} stopped while starting")
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"the test server on port {self.port} did not answer /healthz within 30 s")

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.app.state.runner.stop()


@pytest.fixture(scope="session")
def live_server(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(small_bundle, tmp_path_factory.mktemp("serve-work")).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def token_server(small_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = LiveServer(small_bundle, tmp_path_factory.mktemp("serve-work-token"), token=TOKEN).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install playwright; the browser is Debian's chromium)")
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    args = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page at laptop size (1366x768) that collects console errors and uncaught page errors."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    pg.page_errors = []
    pg.on("pageerror", lambda exc: pg.page_errors.append(str(exc)))
    yield pg
    context.close()


@pytest.fixture
def shot():
    """shot(page, name): a full-page screenshot in build/screenshots/<name>.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take
