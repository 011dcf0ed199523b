"""A real browser for the tests: Debian's Chromium, headless, driven by Selenium through
Debian's chromedriver, with its performance log on so a test can see every request it made.

Selenium downloads nothing (``SE_OFFLINE``). Where Chromium is absent the tests that need it
skip with the command that installs it; on CI, where ``.ci/run`` installs it, they fail instead.
"""

import json
import os
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                  "--window-size=1280,2000"]


def needs(reason):
    """Skip with ``reason``; on CI, where .ci/run installed Chromium, fail instead."""
    if os.environ.get("CI") and "chromium" in os.environ.get("CI_BACKENDS", "").split(","):
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def chromium(profile):
    """A headless Chromium with its profile in the folder ``profile``; quits on exit."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not os.access(path, os.X_OK)]
    if missing:
        needs(f"Chromium is not installed ({', '.join(missing)} missing): "
              "apt-get install chromium chromium-driver")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        needs("selenium is not installed: pip install -e '.[test]'")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")
        # Chromium's own settings and caches go in the profile, not the person's home.
        home = {"HOME": str(profile), "XDG_CACHE_HOME": str(Path(profile) / "cache"),
                "XDG_CONFIG_HOME": str(Path(profile) / "config")}
        service = Service(executable_path=str(CHROMEDRIVER), env={**os.environ, **home})
        driver = webdriver.Chrome(service=service, options=options)
    try:
        yield driver
    finally:
        driver.quit()


def requested_urls(browser):
    """Every URL the browser asked for since the last call (from its performance log)."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def wait_for(browser, css, seconds=30):
    """The first element matching ``css`` once it is clickable (TimeoutException if never)."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(browser, seconds).until(
        expected_conditions.element_to_be_clickable((By.CSS_SELECTOR, css)))
