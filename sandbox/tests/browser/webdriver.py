"""A minimal W3C WebDriver client (standard library only) for chromedriver.

Only what the console's browser tests use: navigate, find, click, type, read text,
run a script, cookies, window size and screenshots.
"""

import base64
import json
import os
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

# Flags this machine needs: no sandboxing inside containers, no GPU, no network
# beyond loopback (no QUIC, no background fetches, no component or sync updates).
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
]


class WebDriverError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Browser:
    """One headless Chromium session driven through a chromedriver of its own."""

    def __init__(self, chromium="/usr/bin/chromium", chromedriver="/usr/bin/chromedriver"):
        self.profile = tempfile.TemporaryDirectory(prefix="kgen-console-chromium-")
        port = free_port()
        self.driver = subprocess.Popen(
            [chromedriver, f"--port={port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 20
        while True:
            try:
                if self._call("GET", "/status")["ready"]:
                    break
            except (OSError, WebDriverError):
                pass
            if time.time() > deadline:
                self.driver.kill()
                raise WebDriverError("chromedriver did not start")
            time.sleep(0.1)
        options = {"binary": chromium,
                   "args": CHROMIUM_FLAGS + [f"--user-data-dir={self.profile.name}"]}
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options,
            "timeouts": {"pageLoad": 20000, "script": 10000}}}}
        self.session = self._call("POST", "/session", caps)["sessionId"]

    def _call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return json.loads(response.read() or b"{}").get("value")
        except urllib.error.HTTPError as e:
            raise WebDriverError(f"{method} {path}: {e.code} {e.read()[:500]!r}") from None

    def _session(self, method, path, body=None):
        return self._call(method, f"/session/{self.session}{path}", body)

    def close(self):
        try:
            self._session("DELETE", "")
        finally:
            self.driver.terminate()
            try:
                self.driver.wait(10)
            except subprocess.TimeoutExpired:
                self.driver.kill()
            self.profile.cleanup()

    def get(self, url):
        self._session("POST", "/url", {"url": url})

    @property
    def url(self):
        return self._session("GET", "/url")

    def find_all(self, css):
        found = self._session("POST", "/elements", {"using": "css selector", "value": css})
        return [Element(self, e[ELEMENT]) for e in found]

    def find(self, css):
        return Element(self, self._session(
            "POST", "/element", {"using": "css selector", "value": css})[ELEMENT])

    def text(self, css):
        """The text of the first element matching `css`, or "" if there is none."""
        found = self.find_all(css)
        return found[0].text if found else ""

    def run(self, script, *args):
        return self._session("POST", "/execute/sync", {"script": script, "args": list(args)})

    def cookies(self):
        return self._session("GET", "/cookie")

    def resize(self, width, height):
        self._session("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        png = base64.b64decode(self._session("GET", "/screenshot"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(png)


class Element:
    def __init__(self, browser, element_id):
        self.browser, self.id = browser, element_id

    def _call(self, method, path, body=None):
        return self.browser._session(method, f"/element/{self.id}{path}", body)

    @property
    def text(self):
        return self._call("GET", "/text")

    def click(self):
        self._call("POST", "/click", {})

    def type(self, text):
        self._call("POST", "/clear", {})
        self._call("POST", "/value", {"text": text})
