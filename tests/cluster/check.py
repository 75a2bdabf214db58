"""Two Partnering instances on one PostgreSQL behind nginx, checked from outside, as people and
programs would meet them. Usage: check.py PROXY_URL INSTANCE_A_URL INSTANCE_B_URL DEMO_PASSWORD
Standard library only."""
import http.cookiejar
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

PROXY, A, B, PASSWORD = sys.argv[1:5]
checks = 0


def check(condition, what):
    global checks
    if not condition:
        sys.exit(f"cluster: FAILED: {what}")
    checks += 1
    print(f"cluster: ok: {what}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Person:
    """A browser: one cookie jar, used against any of the addresses."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)
        self.csrf = None

    def send(self, url, form=None, headers=None):
        data = None
        if form is not None:
            form = dict(form)
            form.setdefault("_csrf", self.csrf or "")
            data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(url, data=data, headers=headers or {})
        try:
            response = self.opener.open(request, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        body = response.read().decode()
        match = re.search(r'name="_csrf" value="([^"]+)"', body)
        if match:
            self.csrf = match.group(1)
        return response.status, body, response.headers

    def cookies_for(self, host_url):
        # Cookies were set by whichever instance answered; they are the same site to the person.
        return {c.name: c.value for c in self.jar}

    def sign_in(self, base, email, password):
        self.send(base + "/sign-in")
        return self.send(base + "/sign-in", {"email": email, "password": password})


# Both instances started at once on an empty database: one migrated and loaded the demo, the other waited.
for url in (A, B):
    status, body, _ = Person().send(url + "/")
    check(status == 200 and "strategic partnering" in body, f"{url} serves the home page")

# A session started through one instance works on the other.
officer = Person()
status, _, headers = officer.sign_in(A, "officer@salford.example", PASSWORD)
check(status == 303, "the officer signs in on instance A")
for url in (B, PROXY, PROXY, PROXY):
    status, body, _ = officer.send(url + "/manage")
    check(status == 200 and "Manage the programme" in body, f"the session works on {url}")

# A change made through one is on the other's public pages at once, though B had the page cached.
visitor = Person()
status, before, _ = visitor.send(B + "/")
title = f"Pledge made on A at {time.time():.3f}"
check(title not in before, "B served (and cached) the home page before the change")
officer.send(A + "/manage/pledges/new")
status, _, _ = officer.send(A + "/manage/pledges/new", {"title": title, "description": "Made through instance A."})
check(status == 303, "the officer adds a pledge through A")
status, after, _ = visitor.send(B + "/")
check(title in after, "B's public home page shows it at once")

# The sign-in throttle holds across both instances (through the proxy, which alternates them);
# a forged X-Forwarded-For does not escape it, because nginx sets the header itself.
guesser = Person()
statuses = []
for i in range(7):
    guesser.send(PROXY + "/sign-in")
    status, _, _ = guesser.send(PROXY + "/sign-in", {"email": "moderator@salford.example", "password": f"guess {i}"},
                                headers={"X-Forwarded-For": f"192.0.2.{i}"})
    statuses.append(status)
check(statuses[:5] == [422] * 5 and statuses[5:] == [429, 429], f"five guesses are answered, then refused, across both instances: {statuses}")

print(f"cluster: {checks} passed, 0 failed")
