"""The API explorer at ``/api/docs``: Swagger UI on the server's own OpenAPI document.

In-process tests check what the server answers; the browser tests open the page in a real
Chromium (Debian's, driven by Selenium through Debian's chromedriver) against a live server and
check that it loads with no request leaving 127.0.0.1, lists every operation of the document,
runs "Try it out" on ``GET /api/tags``, and takes a token through "Authorize".
"""

import json
import re
from pathlib import Path

import pytest
import requests
import webtest

import server
from server import create_app
from server.seed import DEMO_PASSWORD
from server.testing import live_server

from .browser import chromium, requested_urls, wait_for
from .conftest import TEST_SETTINGS

DOCUMENT = json.loads(Path(server.__file__).with_name("openapi.json").read_text("utf-8"))
METHODS = ("get", "put", "post", "delete", "patch")


@pytest.fixture
def explorer_client(tmp_path):
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'conduit.sqlite3'}",
                      **TEST_SETTINGS})
    yield webtest.TestApp(app)
    app.config["conduit.database"].close()


# --- in process ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/api", "/api/"])
def test_the_api_root_leads_to_the_explorer(explorer_client, path):
    response = explorer_client.get(path, status=302)
    assert response.headers["Location"].endswith("/api/docs")


def test_the_explorer_page_loads_only_files_of_this_server(explorer_client):
    page = explorer_client.get("/api/docs")
    assert page.content_type == "text/html"
    assert "swagger-ui" in page.text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/api/docs/") for source in sources), sources
    for source in sources:
        assert explorer_client.get(source).status_int == 200, source


def test_the_explorer_reads_this_servers_document(explorer_client):
    script = explorer_client.get("/api/docs/explorer.js")
    assert script.content_type == "application/javascript"
    assert 'url: "/api/openapi.json"' in script.text
    assert "validatorUrl: null" in script.text, "no validator badge fetched from the internet"


def test_swagger_ui_is_served_from_its_package(explorer_client):
    from swagger_ui_bundle import swagger_ui_path

    served = explorer_client.get("/api/docs/swagger-ui-bundle.js")
    assert served.content_type in ("application/javascript", "text/javascript")
    assert served.body == (swagger_ui_path / "swagger-ui-bundle.js").read_bytes()
    again = explorer_client.get("/api/docs/swagger-ui-bundle.js",
                                headers={"If-Modified-Since": served.headers["Last-Modified"]},
                                status=304)
    assert again.body == b""


@pytest.mark.parametrize("name", ["index.j2", "index.html", "..%2Fopenapi.json", "nothing.js"])
def test_nothing_else_is_served_under_the_explorer(explorer_client, name):
    response = explorer_client.get(f"/api/docs/{name}", status=404)
    assert list(response.json) == ["errors"]


def test_the_document_declares_the_token_for_authorize():
    """Swagger UI's Authorize button sends what is typed as the Authorization header."""
    scheme = DOCUMENT["components"]["securitySchemes"]["Token"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header",
                                                              "Authorization")
    assert "Token <jwt>" in scheme["description"] and "Authorize" in scheme["description"]


# --- in Chromium --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def api():
    with live_server() as url:
        yield url


def open_explorer(browser, api):
    """Open ``/api`` as a person would, with nothing remembered from an earlier visit."""
    browser.get("about:blank")
    requested_urls(browser)  # forget what came before
    browser.get(api)
    browser.execute_script("window.localStorage.clear()")
    browser.refresh()
    wait_for(browser, ".opblock")


def operation(browser, operation_id, tag):
    """Open one operation's panel, press "Try it out", then "Execute"; returns the panel."""
    from selenium.webdriver.common.by import By

    panel = f"#operations-{tag.replace(' ', '_')}-{operation_id}"
    wait_for(browser, f"{panel} .opblock-summary-control").click()
    wait_for(browser, f"{panel} .try-out__btn").click()
    wait_for(browser, f"{panel} .execute").click()
    wait_for(browser, f"{panel} .live-responses-table tr.response .response-col_status")
    return browser.find_element(By.CSS_SELECTOR, panel)


def live_response(panel):
    """The status and body "Execute" shows in an operation's panel."""
    from selenium.webdriver.common.by import By

    row = panel.find_element(By.CSS_SELECTOR, ".live-responses-table tr.response")
    status = row.find_element(By.CSS_SELECTOR, ".response-col_status")
    body = row.find_element(By.CSS_SELECTOR, ".highlight-code pre")
    return status.text.strip(), body.text


def test_the_explorer_loads_with_no_request_leaving_this_machine(browser, api):
    open_explorer(browser, api)
    assert browser.current_url == api + "/docs"
    urls = requested_urls(browser)
    origin = api.removesuffix("/api")
    assert f"{origin}/api/openapi.json" in urls
    assert f"{origin}/api/docs/swagger-ui-bundle.js" in urls
    assert [url for url in urls if not url.startswith((origin + "/", "data:", "blob:"))] == []


def test_the_explorer_lists_every_operation(browser, api):
    open_explorer(browser, api)
    shown = browser.execute_script("""
        return Array.from(document.querySelectorAll('.opblock')).map(block => [
            block.querySelector('.opblock-summary-method').textContent.trim(),
            block.querySelector('.opblock-summary-path').getAttribute('data-path')]);""")
    documented = sorted([method.upper(), path] for path, item in DOCUMENT["paths"].items()
                        for method in item if method in METHODS)
    assert sorted(shown) == documented


def test_try_it_out_on_get_tags_shows_the_tags(browser, api):
    open_explorer(browser, api)
    status, body = live_response(operation(browser, "GetTags", "Tags"))
    assert status == "200"
    assert json.loads(body) == requests.get(f"{api}/tags", timeout=10).json()
    assert "python" in json.loads(body)["tags"]
    origin = api.removesuffix("/api")
    assert [url for url in requested_urls(browser)
            if not url.startswith((origin + "/", "data:", "blob:"))] == []


@pytest.mark.parametrize("typed", ["Token {token}", "{token}"])
def test_authorize_takes_a_login_token(browser, api, typed):
    """Typed into Authorize, ``Token <jwt>`` (or the token alone) lets GET /api/user through."""
    from selenium.webdriver.common.by import By

    login = requests.post(f"{api}/users/login", timeout=10, json={
        "user": {"email": "alice@example.com", "password": DEMO_PASSWORD}})
    token = login.json()["user"]["token"]
    open_explorer(browser, api)
    wait_for(browser, ".auth-wrapper .authorize").click()
    field = wait_for(browser, ".modal-ux .auth-container input")
    field.send_keys(typed.format(token=token))
    browser.find_element(By.CSS_SELECTOR, ".modal-ux .auth-btn-wrapper .authorize").click()
    wait_for(browser, ".modal-ux .btn-done").click()
    status, body = live_response(operation(browser, "GetCurrentUser", "User and Authentication"))
    assert status == "200", body
    assert json.loads(body)["user"]["username"] == "alice"
