"""Browser tests of the sandbox console: headless Chromium through chromedriver.

Runs against a `kgen-sandbox --demo` at KGEN_BASE_URL (admin key KGEN_ADMIN_KEY, s2s
credentials KGEN_CLIENT_ID / KGEN_CLIENT_SECRET) and plays a player's journey through
the SDK with the C quickstart at KGEN_QUICKSTART. Screenshots of every page go to
KGEN_SCREENSHOTS. Each test is a step of one browser session, in order.

    python3 sandbox/tests/browser/console.py
"""

import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
import traceback
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from webdriver import Browser  # noqa: E402

BASE = os.environ["KGEN_BASE_URL"]
CONSOLE = BASE + "/console/"
ADMIN_KEY = os.environ["KGEN_ADMIN_KEY"]
CLIENT_ID = os.environ.get("KGEN_CLIENT_ID", "demo-client")
CLIENT_SECRET = os.environ.get("KGEN_CLIENT_SECRET", "demo-secret")
QUICKSTART = os.environ["KGEN_QUICKSTART"]
SHOTS = os.environ.get("KGEN_SCREENSHOTS", "target/console-screenshots")
LIVE_UID = "d1a0c0de-0000-4000-8000-000000000001"
DEMO_TITLES = ["Daily Blitz", "Evening Cup", "Weekend Major", "Yesterday's Sprint"]

# What the steps learn and later steps use.
seen = {}


def wait_for(check, what, timeout=15):
    deadline = time.time() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.time() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def api(method, path, body=None, headers=None):
    """(status, JSON body) of a plain HTTP request to the sandbox."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def log_rows(browser):
    """The request log as the page shows it: [time, method, path, status, latency, notes]."""
    return browser.run("""return Array.from(document.querySelectorAll('#log-rows tr'))
        .map(r => Array.from(r.cells).map(c => c.textContent));""")


def find_row(rows, method, path, status):
    return next((r for r in rows if r[1:4] == [method, path, status]), None)


def wait_live(browser):
    wait_for(lambda: browser.run("return document.body.dataset.live") == "on",
             "the request log to stream")


def test_a_wrong_admin_key_is_refused(browser):
    browser.get(CONSOLE)
    wait_for(lambda: browser.url.endswith("/console/login"), "the login page")
    browser.find("#key").type("not-the-admin-key")
    browser.find("#login").click()
    wait_for(lambda: "not the admin key" in browser.text("#login-error"), "the refusal")
    assert not any(c["name"] == "kgen_console" for c in browser.cookies()), "no session cookie"
    browser.screenshot(f"{SHOTS}/login.png")
    browser.get(CONSOLE)
    wait_for(lambda: browser.url.endswith("/console/login"), "still logged out")


def test_logging_in_shows_the_demo_tournaments(browser):
    browser.find("#key").type(ADMIN_KEY)
    browser.find("#login").click()
    table = wait_for(lambda: browser.text("#tournaments"), "the tournaments")
    for title in DEMO_TITLES:
        assert title in table, f"{title} missing from {table!r}"
    assert "STARTED" in table and "LOBBY" in table and "COMPLETED" in table, table
    cookie = next(c for c in browser.cookies() if c["name"] == "kgen_console")
    assert cookie["httpOnly"] is True, cookie
    assert cookie["sameSite"] == "Strict", cookie
    assert browser.run("return document.cookie") == "", "scripts cannot read the session"
    wait_live(browser)


def test_an_sdk_journey_appears_in_the_log_as_it_happens(browser):
    env = {k: v for k, v in os.environ.items() if k != "KGEN_ADMIN_KEY"}
    run = subprocess.run([QUICKSTART], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, f"quickstart exited {run.returncode}: {run.stdout}{run.stderr}"
    user = re.search(r"player (\S+), session", run.stdout).group(1)
    seen["user"] = user
    expected = [("POST", "/s2s/session", "200"),
                ("GET", "/fe/esports/tournaments/active", "200"),
                ("POST", f"/fe/esports/tournaments/{LIVE_UID}/join", "200"),
                ("POST", f"/fe/esports/tournaments/{LIVE_UID}/score", "200"),
                ("POST", "/fe/users/auth/otp/register", "200"),
                ("POST", "/v3/session/login", "200")]
    # No reload: the rows arrive through the event stream.
    rows = wait_for(lambda: (lambda rows: rows if all(find_row(rows, *e) for e in expected)
                             else None)(log_rows(browser)), "the journey's requests in the log")
    text = json.dumps(rows)
    for secret in [CLIENT_SECRET, "demo-password", "eyJ", "demo-api-key", "?"]:
        assert secret not in text, f"{secret!r} shown in the request log"


def test_completing_a_tournament_shows_the_rewards_on_the_player_page(browser):
    user = seen["user"]
    browser.get(f"{CONSOLE}tournaments/{LIVE_UID}")
    assert user in browser.text("#participants")
    assert "STARTED" in browser.text("#title")
    browser.find("#lifecycle button.complete").click()
    wait_for(lambda: "Completed: 1 winner(s)" in browser.text("#flash"), "the completion")
    assert "COMPLETED" in browser.text("#title")
    board = browser.text("#leaderboard")
    assert re.search(rf"1 {re.escape(user)} 1337 60 60", board), board
    browser.screenshot(f"{SHOTS}/tournament.png")

    browser.find("#participants a").click()
    wait_for(lambda: browser.text("#title") == user, "the player page")
    assert browser.text("#claimable") == "60"
    rewards = browser.text("#rewards")
    assert LIVE_UID in rewards and "60" in rewards and "UNCLAIMED" in rewards, rewards
    otps = browser.text("#otps")
    code = re.search(r"\b(\d{6})\b", otps)
    assert code, f"the OTP 'sent' is shown: {otps!r}"
    seen["otp"] = code.group(1)
    browser.screenshot(f"{SHOTS}/player.png")

    browser.get(CONSOLE)
    assert user in browser.text("#players")
    assert seen["otp"] not in json.dumps(log_rows(browser)), "the OTP stays out of the log"
    browser.screenshot(f"{SHOTS}/overview.png")


def test_a_fault_added_in_the_console_fails_the_next_request(browser):
    browser.get(CONSOLE + "faults")
    browser.find("#fault-path").type("/fe/wallet/balance")
    browser.find("#fault-status").type("503")
    browser.find("#fault-times").type("1")
    browser.find("#add-fault-button").click()
    wait_for(lambda: "Fault added" in browser.text("#flash"), "the fault to be added")
    assert "/fe/wallet/balance" in browser.text("#faults")
    wait_live(browser)

    status, session = api("POST", "/s2s/session", {"user_id": "console-fault-check"},
                          {"x-client-id": CLIENT_ID, "x-client-secret": CLIENT_SECRET})
    assert status == 200, session
    headers = {"user-jwt-token": session["access_token"]}
    status, body = api("GET", "/fe/wallet/balance", headers=headers)
    assert (status, body["error"]) == (503, "INJECTED_FAULT"), (status, body)
    row = wait_for(lambda: find_row(log_rows(browser), "GET", "/fe/wallet/balance", "503"),
                   "the faulted request in the log")
    assert row[5] == "fault: status 503", row
    assert api("GET", "/fe/wallet/balance", headers=headers)[0] == 200, "times: 1"
    browser.screenshot(f"{SHOTS}/faults.png")


def test_moving_the_clock_moves_the_tournaments(browser):
    browser.get(CONSOLE + "faults")
    buttons = [b for b in browser.find_all("form button") if b.text == "+1 hour"]
    buttons[0].click()
    wait_for(lambda: "The sandbox clock reads" in browser.text("#flash"), "the clock to move")
    assert "+1h 00m" in browser.text("#clock-offset"), browser.text("#clock-offset")
    browser.get(CONSOLE)
    row = browser.run("""return Array.from(document.querySelectorAll('#tournaments tr'))
        .map(r => r.textContent).find(t => t.includes('Evening Cup'));""")
    assert "STARTED" in row, f"the lobby tournament started an hour later: {row!r}"


class CrossSite(http.server.BaseHTTPRequestHandler):
    """Another origin on the same host (so the same *site*: SameSite lets the cookie
    through) whose page posts a form to the console."""

    def do_GET(self):
        page = f"""<!doctype html><form id="f" method="post" action="{CONSOLE}clock">
<input name="advance_secs" value="999999"><input name="csrf" value="guessed"></form>
<script>document.getElementById('f').submit()</script>""".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def log_message(self, *args):
        pass


def test_a_cross_site_post_is_refused(browser):
    before = api("GET", "/sandbox/clock", headers={"x-admin-key": ADMIN_KEY})[1]["offset_secs"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), CrossSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser.get(f"http://127.0.0.1:{server.server_address[1]}/")
        refused = wait_for(lambda: browser.text("#refused"), "the console's answer")
        assert "Cross-site request refused" in refused, refused
    finally:
        server.shutdown()
    after = api("GET", "/sandbox/clock", headers={"x-admin-key": ADMIN_KEY})[1]["offset_secs"]
    assert after == before, f"the clock moved from {before} to {after}"


def test_a_narrow_window_scrolls_tables_not_the_page(browser):
    browser.resize(420, 900)
    try:
        for page in ["", f"tournaments/{LIVE_UID}", "faults"]:
            browser.get(CONSOLE + page)
            overflow = browser.run(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"/console/{page} is {overflow}px wider than a 420px window"
        browser.get(CONSOLE)
        browser.screenshot(f"{SHOTS}/overview-narrow.png")
    finally:
        browser.resize(1280, 900)


def test_logging_out_ends_the_session(browser):
    browser.get(CONSOLE)
    next(b for b in browser.find_all("header button") if b.text == "Log out").click()
    wait_for(lambda: browser.url.endswith("/console/login"), "the login page")
    browser.get(CONSOLE + "faults")
    wait_for(lambda: browser.url.endswith("/console/login"), "the session to be gone")


def main():
    tests = [(name, f) for name, f in globals().items() if name.startswith("test_")]
    browser = Browser()
    failed = 0
    started = time.time()
    try:
        for name, test in tests:
            began = time.time()
            try:
                test(browser)
                print(f"ok   {name} ({time.time() - began:.1f} s)")
            except Exception:
                failed += 1
                print(f"FAIL {name}")
                traceback.print_exc()
                try:
                    browser.screenshot(f"{SHOTS}/failed-{name}.png")
                except Exception:
                    pass
    finally:
        browser.close()
    print(f"{len(tests) - failed}/{len(tests)} console browser tests passed in "
          f"{time.time() - started:.1f} s; screenshots in {SHOTS}/")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
