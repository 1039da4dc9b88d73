#!/usr/bin/env python3
"""A stand-in web browser for `run-demo.sh --smoke`: given the app's authorize URL (as
xdg-open passes it to $BROWSER), it logs in to the bundled emulator with the demo login and
presses Allow, following redirects back to the app's loopback listener like a browser would.
Only for the emulator's own pages; it is not a general browser."""
import html.parser
import http.cookiejar
import sys
import urllib.parse
import urllib.request

EMAIL, PASSWORD = "demo@example.com", "procore-demo"


class Forms(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form = {}, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action", ""), "fields": []}
            self.forms[attrs.get("id", "")] = self._form
        elif self._form is not None and tag in ("input", "button") and attrs.get("name"):
            self._form["fields"].append((attrs["name"], attrs.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None


def page(opener, url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with opener.open(url, body, timeout=30) as reply:
        return reply.geturl(), reply.read().decode("utf-8", "replace")


def submit(opener, url, text, form_id, values):
    parser = Forms()
    parser.feed(text)
    form = parser.forms.get(form_id)
    if form is None:
        raise SystemExit(f"demo-browser: no form {form_id!r} at {url}")
    fields = [(k, values.get(k, v)) for k, v in form["fields"]]
    return page(opener, urllib.parse.urljoin(url, form["action"]), fields)


def main(url):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        urllib.request.ProxyHandler({}))
    url, text = page(opener, url)
    if 'id="login-form"' in text:
        url, text = submit(opener, url, text, "login-form",
                           {"session[email]": EMAIL, "session[password]": PASSWORD})
    submit(opener, url, text, "allow-form", {})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
