"""The flawed twins of lesson 05 (``server/flawed_twins.py``) are really vulnerable, each to
its canonical attack, and the reference server is not: ``create_app()`` never imports the
twins, and the same attacks fail against it over real HTTP.

If a twin stopped being vulnerable, the lesson's attacks and assignment 05's attack tasks
would fail for every learner; if the reference server became vulnerable, it would teach the
flaw. Both are checked here with the attacks themselves.
"""

import subprocess
import sys
import textwrap
import traceback
from datetime import datetime, timedelta, timezone

import jwt
import pytest
import requests

from server.config import SETTINGS
from server.database import db
from server.flawed_twins import DEMO_SECRET, SECRET_NAME, flawed_twin
from server.seed import DEMO_PASSWORD
from server.testing import live_server

from .course_helpers import REPO

UNION_ATTACK = "no such title' UNION SELECT name, value FROM secret --"
KEY = "flawed-twins-test-" + "k" * 32


def search(api, text):
    return requests.get(f"{api}/search", params={"q": text}, timeout=5)


def user_for(api, token):
    """``(status, username or None)`` of ``GET /api/user`` with ``token``."""
    response = requests.get(f"{api}/user", headers={"Authorization": f"Token {token}"},
                            timeout=5)
    return response.status_code, (response.json().get("user") or {}).get("username")


def log_in(api, email, password):
    return requests.post(f"{api}/users/login", timeout=5,
                         json={"user": {"email": email, "password": password}})


def expiring_in(seconds):
    return datetime.now(timezone.utc) + timedelta(seconds=seconds)


def forged_tokens(key):
    """The canonical token attacks, for user 2 (bob in the demo data), by name."""
    return {"unsigned (alg none)": jwt.encode({"sub": "2", "exp": expiring_in(600)}, None,
                                              algorithm="none"),
            "signed with another key": jwt.encode({"sub": "2", "exp": expiring_in(600)},
                                                  "another-key-" + "x" * 32),
            "expired an hour ago": jwt.encode({"sub": "2", "exp": expiring_in(-3600)}, key),
            "without an expiry": jwt.encode({"sub": "2"}, key)}


# The twins are vulnerable.

def test_the_search_twin_leaks_its_secret_through_sql_injection():
    with flawed_twin(secret="the-test-secret", decoys=[("other", "not-this-one")],
                     users=2, articles=3) as api:
        listed = requests.get(f"{api}/articles", timeout=5).json()["articles"]
        first = [article["title"] for article in listed if article["title"].endswith("(1)")]
        ordinary = search(api, "(1)")
        assert ordinary.status_code == 200 and len(first) == 1
        assert [row["title"] for row in ordinary.json()["articles"]] == first, \
            "the search must work as a search too"
        rows = search(api, UNION_ATTACK).json()["articles"]
        leaked = {row["slug"]: row["title"] for row in rows}
        assert leaked == {SECRET_NAME: "the-test-secret", "other": "not-this-one"}
        everything = search(api, "' OR 1=1 --").json()["articles"]
        assert len(everything) == 3, "a tautology must list every article"
        broken = search(api, "O'Brien")
        assert broken.status_code == 500 and "syntax error" in broken.text, \
            "the twin must show the database's error, which guides an attacker"


def test_the_example_twin_holds_the_demo_secret():
    with flawed_twin(users=1, articles=0) as api:
        leaked = search(api, UNION_ATTACK).json()["articles"]
        assert leaked == [{"slug": SECRET_NAME, "title": DEMO_SECRET}]


def test_the_token_twin_takes_any_unexpired_token_for_the_user_it_names():
    with flawed_twin(users=3, articles=1, secret_key=KEY, people=["mallory"]) as api:
        forged = forged_tokens(KEY)
        for attack in ("unsigned (alg none)", "signed with another key"):
            assert user_for(api, forged[attack]) == (200, "bob"), f"a token {attack} must work"
        for attack in ("expired an hour ago", "without an expiry"):
            response = requests.get(f"{api}/user", timeout=5,
                                    headers={"Authorization": f"Token {forged[attack]}"})
            assert response.status_code == 401, f"the twin checks expiry: a token {attack}"
            assert "exp" in response.text or "expired" in response.text, \
                f"the twin must say why it refused a token {attack}: {response.text}"
        nobody_knows = jwt.encode({"sub": "4", "exp": expiring_in(60)}, None, algorithm="none")
        assert user_for(api, nobody_knows) == (200, "mallory")
        assert log_in(api, "mallory@example.com", DEMO_PASSWORD).status_code == 422, \
            "users added as people must have a password nobody knows"
        as_number = {"sub": 2, "exp": expiring_in(60)}
        assert user_for(api, jwt.encode(as_number, None, algorithm="none"))[0] == 401, \
            "sub must be the user id as a string, as the twin's own tokens have it"


def test_the_login_twin_lets_a_password_be_guessed():
    with flawed_twin(users=2, articles=0) as api:
        guesses = [f"guess-{number}" for number in range(30)] + [DEMO_PASSWORD]
        statuses = [log_in(api, "bob@example.com", guess).status_code for guess in guesses]
        assert statuses == [422] * 30 + [200], "without a limiter nothing stops the guessing"


def test_fixes_plugged_into_a_twin_replace_its_flaws():
    """The hooks the assignment's defend tasks use: search, claims and limiter."""

    class Locked:
        def __init__(self):
            self.failures = []

        def retry_after(self, address, email):
            return 7 if email == "bob@example.com" else 0

        def failed(self, address, email):
            self.failures.append((address, email))

    def no_results(text):
        return []

    def verified(token, key):
        return jwt.decode(token, key, algorithms=["HS256"], options={"require": ["exp", "sub"]})

    queries, limiter = [], Locked()
    with flawed_twin(search=no_results, claims=verified, limiter=limiter, secret_key=KEY,
                     users=3, articles=1, queries=queries) as api:
        assert search(api, UNION_ATTACK).json() == {"articles": []}
        for attack, token in forged_tokens(KEY).items():
            assert user_for(api, token)[0] == 401, f"a token {attack} must be refused"
        genuine = log_in(api, "alice@example.com", DEMO_PASSWORD)
        assert genuine.status_code == 200
        assert user_for(api, genuine.json()["user"]["token"]) == (200, "alice")
        assert log_in(api, "carol@example.com", "wrong").status_code == 422
        assert limiter.failures == [("127.0.0.1", "carol@example.com")]
        locked = requests.post(f"{api}/users/login", timeout=5,
                               headers={"X-Forwarded-For": "10.9.9.9"},
                               json={"user": {"email": "BOB@example.com",
                                              "password": DEMO_PASSWORD}})
        assert (locked.status_code, locked.headers.get("Retry-After")) == (429, "7")
        assert log_in(api, "dave@example.com", "wrong").status_code == 422
        assert limiter.failures[-1][0] == "127.0.0.1", \
            "the limiter must get the connection's address, never X-Forwarded-For's"
        assert any("FROM" in sql.upper() for sql, _ in queries), "queries must be recorded"


def test_a_fix_that_crashes_in_a_twin_is_answered_500_and_kept_with_its_traceback():
    def broken_search(text):
        return {"no": "rows"}[text]

    class BrokenLimiter:
        def retry_after(self, address, email):
            raise ZeroDivisionError("no limit set")

    crashes = []
    with flawed_twin(search=broken_search, limiter=BrokenLimiter(), users=1, articles=0,
                     crashes=crashes) as api:
        response = search(api, "python")
        assert response.status_code == 500 and "KeyError" in response.text
        assert log_in(api, "alice@example.com", DEMO_PASSWORD).status_code == 500
    assert [type(error) for error in crashes] == [KeyError, ZeroDivisionError]
    innermost = traceback.extract_tb(crashes[0].__traceback__)[-1]
    assert innermost.name == "broken_search", "the traceback must reach the fix's own code"


def test_titles_may_be_dated_out_of_id_order():
    early, late = datetime(2020, 1, 1), datetime(2021, 1, 1)
    with flawed_twin(users=1, articles=0, titles=[("Later by date", late),
                                                  ("Earlier by date", early), "Dated now"]) as api:
        by_id = [row["title"] for row in search(api, " by date").json()["articles"]]
        listed = requests.get(f"{api}/articles", timeout=5).json()["articles"]
        assert by_id == ["Later by date", "Earlier by date"], "ids in the order given"
        assert [article["title"] for article in listed] == \
            ["Dated now", "Later by date", "Earlier by date"], "newest first, by date"
        assert listed[-1]["createdAt"].startswith("2020-01-01")


def test_a_query_without_an_order_gets_its_rows_in_reverse_in_a_twin():
    """So that an answer relying on SQLite's storage order, not on ORDER BY, is caught."""

    def unordered(text):
        return db.execute_sql("SELECT slug, title FROM article").fetchall()

    with flawed_twin(search=unordered, users=1, articles=0,
                     titles=["first", "second", "third"]) as api:
        rows = search(api, "").json()["articles"]
        assert [row["title"] for row in rows] == ["third", "second", "first"]


def test_a_twin_stops_and_leaves_nothing_listening():
    with flawed_twin(users=1, articles=0) as api:
        assert search(api, "x").status_code == 200
    with pytest.raises(requests.ConnectionError):
        search(api, "x")


# The reference server is not vulnerable, and never includes the twins.

def test_create_app_never_imports_the_flawed_twins(tmp_path):
    program = textwrap.dedent(f"""
        import sys
        import server
        import server.app
        import server.testing
        app = server.create_app({{"DATABASE_URL": "sqlite:///{tmp_path / 'app.sqlite3'}",
                                  "SECRET_KEY": "{KEY}", "LOG_LEVEL": "WARNING"}})
        with server.testing.live_server(users=1, articles=0):
            pass
        twins = [name for name in sys.modules if "flawed" in name]
        assert not twins, f"the reference server imported {{twins}}"
        routes = [route.rule for route in app.routes]
        assert "/api/search" not in routes, "the twin's search must not be a route of create_app()"
        print("clean")
    """)
    result = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.strip() == "clean", \
        result.stdout + result.stderr


def test_no_module_of_the_reference_server_names_the_twins():
    naming = [path.name for path in (REPO / "server").glob("*.py")
              if path.name != "flawed_twins.py" and "flawed_twins" in path.read_text()]
    assert not naming, f"only lesson 05 and its assignment may use the flawed twins: {naming}"


def test_the_reference_server_treats_injected_sql_as_text():
    with live_server(users=3, articles=6) as api:
        for field in ("author", "tag", "favorited"):
            for attack in ("' OR '1'='1", "x' UNION SELECT 1 --", "' OR 1=1 --"):
                answer = requests.get(f"{api}/articles", params={field: attack}, timeout=5)
                assert answer.status_code == 200 and answer.json()["articlesCount"] == 0, \
                    f"?{field}={attack!r} must find nothing: {answer.text[:200]}"
        assert requests.get(f"{api}/profiles/' OR '1'='1", timeout=5).status_code == 404
        login = log_in(api, "' OR '1'='1' --", "' OR '1'='1' --")
        assert login.status_code == 422, f"an injected login must fail: {login.text}"


def test_the_reference_server_refuses_forged_tokens():
    with live_server(users=3, articles=1, SECRET_KEY=KEY) as api:
        for attack, token in forged_tokens(KEY).items():
            assert user_for(api, token) == (401, None), f"a token {attack} must be refused"
        genuine = log_in(api, "bob@example.com", DEMO_PASSWORD).json()["user"]["token"]
        assert user_for(api, genuine) == (200, "bob")


@pytest.mark.skipif("LOGIN_FAILURES_PER_ACCOUNT" not in {setting.name for setting in SETTINGS},
                    reason="the reference server has no login rate limit to test yet")
def test_the_reference_server_stops_password_guessing():
    with live_server(users=2, articles=0, LOGIN_FAILURES_PER_ACCOUNT=3) as api:
        statuses = [log_in(api, "bob@example.com", f"guess-{n}").status_code for n in range(3)]
        assert statuses == [422] * 3
        blocked = log_in(api, "bob@example.com", DEMO_PASSWORD)
        assert blocked.status_code == 429 and int(blocked.headers["Retry-After"]) > 0, \
            "once the account's limit is reached, even the right password must get 429"
        assert log_in(api, "alice@example.com", DEMO_PASSWORD).status_code == 200
