"""The dashboard in headless Chromium, driven by selenium: run by tools/browser-test, which
prepares the database, the tokens and the server and passes them in the environment:

  BROWSER_TEST_BASE             the server, e.g. http://127.0.0.1:41234
  BROWSER_TEST_DSN              the test database (for psql)
  BROWSER_TEST_TECHNICIAN_NAME  / BROWSER_TEST_TECHNICIAN_TOKEN
  BROWSER_TEST_VIEWER_NAME      / BROWSER_TEST_VIEWER_TOKEN
  BROWSER_TEST_SCREENSHOTS      the folder for <page>.png
  BROWSER_TEST_WORK             a scratch folder (the browser profile)
  BROWSER_TEST_COUNTS           where to write "passed failed" at the end
  BROWSER_TEST_DEADLINE         seconds this may take in all

Every check prints one line (ok / FAIL) on stderr; a failed check does not stop the run unless
the next steps need what it checked. Notes (overflow, what a human should look at) are printed
but not counted. Exits 0 when every check passed.
"""

import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import hashlib
import io

import openpyxl

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE = os.environ["BROWSER_TEST_BASE"].rstrip("/")
DSN = os.environ["BROWSER_TEST_DSN"]
TECHNICIAN = (os.environ["BROWSER_TEST_TECHNICIAN_NAME"], os.environ["BROWSER_TEST_TECHNICIAN_TOKEN"])
VIEWER = (os.environ["BROWSER_TEST_VIEWER_NAME"], os.environ["BROWSER_TEST_VIEWER_TOKEN"])
SCREENSHOTS = os.environ.get("BROWSER_TEST_SCREENSHOTS", ".build/screenshots")
WORK = os.environ.get("BROWSER_TEST_WORK", "/tmp")
COUNTS = os.environ.get("BROWSER_TEST_COUNTS")
DEADLINE = int(os.environ.get("BROWSER_TEST_DEADLINE", "180"))
WIDTH, HEIGHT = 1366, 768
# A full-page screenshot stops here: a very long page is cut rather than a huge file.
MAX_SCREENSHOT_HEIGHT = 8000

# Console errors the dashboard is known to log and that are not its pages' fault alone: shown
# as notes, not counted, while they occur (as tools/api-conformance's pending_routes). When one
# no longer occurs the run says so: remove it here, and the check is strict again.
PENDING_CONSOLE_ERRORS: list[str] = []
pending_seen = set()

passed = 0
failed = 0


class Deadline(Exception):
    pass


class Abort(Exception):
    """A failed check the rest of the run depends on."""


def say(message):
    print(f"browser-test: {message}", file=sys.stderr, flush=True)


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        say(f"ok    {name}")
    else:
        failed += 1
        say(f"FAIL  {name}{': ' + detail if detail else ''}")
    return bool(condition)


def require(name, condition, detail=""):
    if not check(name, condition, detail):
        raise Abort(name)


def note(message):
    say(f"note  {message}")


def write_counts():
    if COUNTS:
        with open(COUNTS, "w") as f:
            f.write(f"{passed} {failed}\n")


# --- the browser -------------------------------------------------------------------------------

def start_browser():
    options = webdriver.ChromeOptions()
    for path in ("/usr/lib/chromium/chromium", "/usr/bin/chromium"):
        if os.path.exists(path):
            options.binary_location = path
            break
    for argument in (
        "--headless=new",
        f"--window-size={WIDTH},{HEIGHT}",
        "--no-sandbox",  # as root in a container
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-sync",
        "--disable-component-update",
        "--lang=en-US",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        f"--user-data-dir={os.path.join(WORK, 'chromium-profile')}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    service = Service(executable_path=driver_path, log_output=os.path.join(WORK, "chromedriver.log"))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(10)
    return driver


def severe_console_entries(driver):
    """The console's errors since the last call (reading the log empties it), less the pending
    ones, which are noted."""
    errors = []
    for entry in driver.get_log("browser"):
        if entry.get("level") != "SEVERE":
            continue
        message = entry.get("message", "")
        pending = next((known for known in PENDING_CONSOLE_ERRORS if known in message), None)
        if pending is None:
            errors.append(entry)
        else:
            if pending not in pending_seen:
                note(f"pending console error (not counted; see PENDING_CONSOLE_ERRORS): {message}")
            pending_seen.add(pending)
    return errors


def path_of(driver):
    parts = urllib.parse.urlsplit(driver.current_url)
    return parts.path


def wait_ready(driver):
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def open_path(driver, path):
    driver.get(BASE + path)
    wait_ready(driver)


def screenshot(driver, name):
    """A full-page screenshot (the window's width, the document's height up to a limit)."""
    os.makedirs(SCREENSHOTS, exist_ok=True)
    target = os.path.join(SCREENSHOTS, f"{name}.png")
    try:
        width, height = driver.execute_script(
            "var e = document.documentElement, b = document.body;"
            "return [Math.max(e.scrollWidth, b ? b.scrollWidth : 0), Math.max(e.scrollHeight, b ? b.scrollHeight : 0)];")
        height = min(max(height, HEIGHT), MAX_SCREENSHOT_HEIGHT)
        width = max(width, WIDTH)
        shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
        })
        with open(target, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    except WebDriverException as error:
        note(f"full-page screenshot of {name} failed ({error.msg}); saving the window only")
        driver.save_screenshot(target)
    check(f"{name}: screenshot {target}", os.path.getsize(target) > 1000)


def layout_notes(driver, name):
    """What a person would see as broken: the page wider than the window, panels that scroll
    sideways, text cut off. Printed, not counted."""
    report = driver.execute_script("""
        var out = [];
        var e = document.documentElement;
        if (e.scrollWidth > e.clientWidth + 1) out.push('the page is ' + e.scrollWidth + ' px wide in a ' + e.clientWidth + ' px window');
        document.querySelectorAll('.panel, main, table').forEach(function (el) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
            var h = el.querySelector('h2');
            out.push((el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')) + (h ? ' "' + h.textContent + '"' : '') +
                     ' scrolls sideways (' + el.scrollWidth + ' px of content in ' + el.clientWidth + ' px)');
          }
        });
        document.querySelectorAll('svg.chart').forEach(function (svg, i) {
          var r = svg.getBoundingClientRect(), box = svg.viewBox.baseVal;
          svg.querySelectorAll('text').forEach(function (t) {
            var b = t.getBBox();
            if (box && (b.x < box.x - 0.5 || b.x + b.width > box.x + box.width + 0.5))
              out.push('chart ' + (i + 1) + ': the label "' + t.textContent + '" runs outside the chart (x ' + b.x.toFixed(0) + '..' + (b.x + b.width).toFixed(0) + ' of 0..' + box.width + ')');
          });
          var scale = r.width / (box && box.width ? box.width : r.width);
          if (scale < 0.85) out.push('chart ' + (i + 1) + ' is drawn at ' + (scale * 100).toFixed(0) + '% (its 12 px labels read as ' + (12 * scale).toFixed(1) + ' px)');
        });
        // Short values (dates, counts, names) broken over two lines, per table column.
        document.querySelectorAll('table').forEach(function (table) {
          var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
          var wrapped = {};
          table.querySelectorAll('tbody tr').forEach(function (tr) {
            Array.prototype.forEach.call(tr.children, function (td, column) {
              var text = td.textContent.trim();
              // Only short values on one intended line: a <br> or a <progress> is meant.
              if (!text || text.length > 28 || td.querySelector('br, progress')) return;
              var range = document.createRange();
              range.selectNodeContents(td);
              var tops = {};
              Array.prototype.forEach.call(range.getClientRects(), function (rect) { if (rect.width > 0) tops[Math.round(rect.bottom)] = true; });
              if (Object.keys(tops).length > 1) {
                var name = heads[column] || ('column ' + (column + 1));
                if (!wrapped[name]) wrapped[name] = {count: 0, example: text};
                wrapped[name].count++;
              }
            });
          });
          Object.keys(wrapped).forEach(function (name) {
            out.push('table column "' + name + '": ' + wrapped[name].count + ' short value(s) wrap onto a second line, e.g. "' + wrapped[name].example + '"');
          });
          heads.forEach(function (name, column) {
            var th = table.querySelectorAll('thead th')[column];
            var range = document.createRange(); range.selectNodeContents(th);
            var tops = {};
            Array.prototype.forEach.call(range.getClientRects(), function (rect) { if (rect.width > 0) tops[Math.round(rect.bottom)] = true; });
            if (name && Object.keys(tops).length > 1) out.push('table header "' + name + '" wraps');
          });
        });
        return out;""")
    for line in report:
        note(f"{name}: {line}")


def check_page(driver, name, path, h1=None, charts=None, rows=None, expect_path=None):
    """Opens a page (unless path is None: the current one), checks it and saves its screenshot.
    rows is a CSS selector whose matches must be more than zero."""
    if path is not None:
        open_path(driver, path)
    expect_path = expect_path or (path.split("?")[0] if path else None)
    if expect_path:
        check(f"{name}: stays at {expect_path} (signed in)", path_of(driver) == expect_path, f"at {driver.current_url}")
    headings = driver.find_elements(By.CSS_SELECTOR, "main h1")
    text = headings[0].text.strip() if headings else ""
    if h1 is None:
        check(f"{name}: has an <h1>", len(headings) == 1 and text != "", f"{len(headings)} h1, text {text!r}")
    else:
        check(f"{name}: <h1> is {h1!r}", len(headings) == 1 and text == h1, f"{len(headings)} h1, text {text!r}")
    # The stylesheet arrived and the CSP let it apply: the header's dark background.
    header = driver.find_elements(By.CSS_SELECTOR, "header.top")
    background = header[0].value_of_css_property("background-color") if header else ""
    check(f"{name}: styled (app.css applied)", background in ("rgb(19, 36, 59)", "rgba(19, 36, 59, 1)"), f"header background {background!r}")
    if charts is not None:
        svgs = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
        check(f"{name}: {charts} svg.chart", len(svgs) == charts, f"found {len(svgs)}")
        for index, svg in enumerate(svgs, 1):
            size = svg.size
            marks = driver.execute_script(
                "return arguments[0].querySelectorAll('polyline, rect.bar, circle').length", svg)
            labels = driver.execute_script("return arguments[0].querySelectorAll('text').length", svg)
            check(f"{name}: chart {index} drawn ({size['width']}×{size['height']} px, {marks} marks, {labels} labels)",
                  size["width"] > 100 and size["height"] > 40 and marks > 0 and labels > 0)
    if rows is not None:
        count = len(driver.find_elements(By.CSS_SELECTOR, rows))
        check(f"{name}: {rows} holds rows ({count})", count > 0)
    errors = severe_console_entries(driver)
    check(f"{name}: no console error", not errors, "; ".join(e.get("message", "") for e in errors[:5]))
    layout_notes(driver, name)
    screenshot(driver, name)


def sign_in(driver, name, token, role):
    open_path(driver, "/sign-in")
    require(f"sign-in page for the {role}", path_of(driver) == "/sign-in" and driver.find_elements(By.ID, "token"),
            f"at {driver.current_url}")
    box = driver.find_element(By.CSS_SELECTOR, "input[name=token]")
    box.clear()
    box.send_keys(token)
    box.submit()
    try:
        WebDriverWait(driver, 15).until(lambda d: path_of(d) != "/sign-in")
    except TimeoutException:
        pass
    wait_ready(driver)
    who = driver.find_elements(By.CSS_SELECTOR, "form.who span")
    require(f"signed in as the {role} {name}", path_of(driver) == "/" and who and who[0].text.strip() == f"{name} · {role}",
            f"at {driver.current_url}, header {who[0].text if who else None!r}")


def sign_out(driver):
    buttons = driver.find_elements(By.CSS_SELECTOR, "form.who button[type=submit]")
    require("a sign-out button", buttons)
    buttons[0].click()
    WebDriverWait(driver, 15).until(lambda d: path_of(d) == "/sign-in")
    wait_ready(driver)
    check("signed out: at the sign-in page", path_of(driver) == "/sign-in", driver.current_url)
    open_path(driver, "/exceptions")
    check("signed out: /exceptions sends to the sign-in page", path_of(driver) == "/sign-in", driver.current_url)
    severe_console_entries(driver)


# --- the API and the database ----------------------------------------------------------------

def api_get(path, token):
    request = urllib.request.Request(BASE + path, headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return json.load(response)


def api_bytes(path, token):
    request = urllib.request.Request(BASE + path, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers.get("Content-Type", ""), response.read()


def pdf_text(data):
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, timeout=30)
    if result.returncode != 0:
        raise Abort(f"pdftotext failed: {result.stderr.decode(errors='replace').strip()}")
    return result.stdout.decode()


def cell_value(value):
    """A JSON value as openpyxl reads it back from our workbook: numbers, booleans, text."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return value


def check_workbook(name, path, token, columns):
    """The XLSX of an API list holds the JSON's rows, cell for cell (openpyxl reads it)."""
    items = api_get(path, token)["items"]
    separator = "&" if "?" in path else "?"
    content_type, data = api_bytes(path + separator + "format=xlsx", token)
    check(f"export {name}: XLSX content type", content_type.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), content_type)
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    check(f"export {name}: header {columns[:3]}…", rows and list(rows[0][:len(columns)]) == columns, f"{rows[0] if rows else None}")
    check(f"export {name}: {len(items)} rows as in the JSON", len(rows) - 1 == len(items), f"{len(rows) - 1} rows")
    mismatches = []
    for item, row in zip(items, rows[1:]):
        for index, column in enumerate(columns):
            expected, actual = cell_value(item.get(column)), row[index]
            if isinstance(expected, bool) or isinstance(actual, bool):
                same = expected == actual
            elif isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
                same = float(expected) == float(actual)
            elif isinstance(expected, str) and isinstance(actual, str) and expected.startswith("{"):
                same = json.loads(expected) == json.loads(actual)
            else:
                same = expected == actual
            if not same:
                mismatches.append(f"{column}: API {expected!r}, XLSX {actual!r}")
    check(f"export {name}: every cell equals the API's value", not mismatches, "; ".join(mismatches[:3]))


def check_exports(token):
    check_workbook("exceptions", "/api/exceptions?status=all&limit=200", token,
                   ["id", "type", "hostname", "client", "date_found", "last_seen_date", "status", "resolved", "resolution", "resolved_by", "resolved_at", "details"])
    check_workbook("month-end counts", "/api/counts/month-end?limit=200", token,
                   ["date", "vendor", "client", "devices", "billable", "spare", "servers", "workstations"])
    check_workbook("change log", "/api/change-log?limit=200", token,
                   ["date", "vendor", "metric", "prev_value", "new_value", "delta", "details"])
    report = api_get("/api/variance-report/latest", token)
    content_type, data = api_bytes("/api/variance-report/latest?format=pdf", token)
    check("export variance PDF: content type", content_type == "application/pdf", content_type)
    text = pdf_text(data)
    check(f"export variance PDF: names the day {report['date']}", f"Variance report {report['date']}" in text)
    counts = report["counts"]
    line = f"NinjaOne devices: {counts['ninja']} · ThreatLocker devices: {counts['threatlocker']} · matched: {counts['matched']}"
    check("export variance PDF: the API's counts", line in text, line)
    summary_ok = all(any(l.split()[:2] == [kind, str(n)] for l in text.splitlines()) for kind, n in report["summary"].items())
    check("export variance PDF: the API's episodes per type", summary_ok, json.dumps(report["summary"]))
    hostnames = [e["hostname"] for episodes in report["exceptions"].values() for e in episodes][:10]
    check("export variance PDF: lists the API's episodes", all(h in text for h in hostnames), ", ".join(h for h in hostnames if h not in text))
    _, data = api_bytes("/api/variance-report/latest?format=xlsx", token)
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    check("export variance XLSX: sheets Devices, Summary, By client, Exceptions", book.sheetnames == ["Devices", "Summary", "By client", "Exceptions"], f"{book.sheetnames}")
    devices = list(book["Devices"].iter_rows(values_only=True))
    check("export variance XLSX: the API's counts", len(devices) == 2 and list(devices[1][1:]) == [counts["ninja"], counts["threatlocker"], counts["matched"]], f"{devices}")


def check_audit_pack(driver, token):
    """The Audit page builds a month's pack from a replay; its files download and match the manifest."""
    open_path(driver, "/audit")
    options = driver.find_elements(By.CSS_SELECTOR, "select[name=month] option")
    require("audit: a month to build", options)
    month = options[0].get_attribute("value") or options[0].text.strip()
    driver.find_element(By.ID, "build-pack").click()
    try:
        WebDriverWait(driver, 90).until(lambda d: d.find_elements(By.XPATH, f"//table//td[normalize-space()='{month}']"))
    except TimeoutException:
        check(f"audit: the pack of {month} is listed within 90 s", False, driver.find_element(By.TAG_NAME, "main").text[:300])
        return
    wait_ready(driver)
    screenshot(driver, "audit-pack")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table a[href*='/api/audit-packs/']")]
    check(f"audit: links to the 7 files of {month}", len(links) >= 7, f"{len(links)} links")
    _, manifest_bytes = api_bytes(f"/api/audit-packs/{month}/manifest.json", token)
    manifest = json.loads(manifest_bytes)
    bad = []
    for entry in manifest["files"]:
        _, data = api_bytes(f"/api/audit-packs/{month}/{entry['name']}", token)
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            bad.append(entry["name"])
    check("audit: every file's SHA-256 is the manifest's", not bad, ", ".join(bad))
    ledger = api_get("/api/ledger", token)
    check("audit: the manifest's bound is the ledger head", manifest["ledger"]["seq"] == ledger["head_seq"] and manifest["ledger"]["chain_sha256"] == ledger["head_chain_sha256"])
    _, pdf = api_bytes(f"/api/audit-packs/{month}/summary.pdf", token)
    text = pdf_text(pdf)
    check("audit: summary.pdf names the month and the chain hash", f"Audit pack {month}" in text and manifest["ledger"]["chain_sha256"] in text)
    _, xlsx = api_bytes(f"/api/audit-packs/{month}/audit.xlsx", token)
    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    _, csv = api_bytes(f"/api/audit-packs/{month}/devices.csv", token)
    csv_rows = len([l for l in csv.decode().split("\r\n") if l]) - 1
    sheet_rows = sum(1 for _ in book["Devices"].iter_rows()) - 1
    check(f"audit: audit.xlsx's Devices sheet has the CSV's {csv_rows} rows", sheet_rows == csv_rows, f"{sheet_rows}")


def resolved_events():
    result = subprocess.run(
        ["psql", DSN, "-qAt", "-v", "ON_ERROR_STOP=1", "-c",
         "SELECT count(*) FROM ledger_event WHERE event_type = 'exception_resolved'"],
        capture_output=True, text=True, timeout=30)
    if result.returncode != 0:
        raise Abort(f"psql failed: {result.stderr.strip()}")
    return int(result.stdout.strip())


# --- the run ---------------------------------------------------------------------------------

def run(driver):
    # Without a session a page sends to the sign-in page.
    open_path(driver, "/coverage")
    check("signed out: /coverage sends to the sign-in page", path_of(driver) == "/sign-in", driver.current_url)
    headings = driver.find_elements(By.CSS_SELECTOR, "main h1")
    check("sign-in: <h1> is 'Sign in to ES Inventory Hub'", headings and headings[0].text.strip() == "Sign in to ES Inventory Hub")
    errors = severe_console_entries(driver)
    check("sign-in: no console error", not errors, "; ".join(e.get("message", "") for e in errors[:5]))
    layout_notes(driver, "sign-in")
    screenshot(driver, "sign-in")

    technician_name, technician_token = TECHNICIAN
    sign_in(driver, technician_name, technician_token, "technician")
    check_page(driver, "overview", None, h1="Overview", charts=2, expect_path="/")
    check_page(driver, "exceptions", "/exceptions", h1="Exceptions", rows="#exceptions tbody tr[data-id]")
    check("exceptions: a technician has checkboxes input[name=ids]", driver.find_elements(By.CSS_SELECTOR, "input[name=ids]"))
    check("exceptions: a technician has the note field and #resolve",
          driver.find_elements(By.CSS_SELECTOR, "input[name=note]") and driver.find_elements(By.ID, "resolve"))
    check_page(driver, "devices", "/devices", h1="Devices", rows="table tbody tr td a[href^='/devices/']")

    # One device page, reached by following a link from the list.
    links = driver.find_elements(By.CSS_SELECTOR, "table tbody a[href^='/devices/ninja/'], table tbody a[href^='/devices/threatlocker/']")
    if check("devices: links to device pages", links):
        href = links[0].get_attribute("href")
        label = links[0].text.strip()
        links[0].click()
        wait_ready(driver)
        check_page(driver, "device", None, expect_path=urllib.parse.urlsplit(href).path)
        headings = driver.find_elements(By.CSS_SELECTOR, "main h1")
        check(f"device: the page is about {label!r}", headings and headings[0].text.strip() == label,
              f"h1 {headings[0].text if headings else None!r}")
        check("device: its record, the other vendor and the timeline",
              len(driver.find_elements(By.CSS_SELECTOR, "section.panel")) >= 3 and driver.find_elements(By.CSS_SELECTOR, "ol.timeline li"))

    check_page(driver, "coverage", "/coverage", h1="Coverage", rows="table tbody tr:not(:has(td.empty))")
    check_page(driver, "billing", "/billing", h1="Billing: month-end counts", charts=1, rows="table tbody tr:not(:has(td.empty))")
    check_page(driver, "windows-11", "/windows-11", h1="Windows 11 24H2", charts=1, rows="table tbody tr:not(:has(td.empty))")
    check_page(driver, "jobs", "/jobs", h1="Jobs", rows="table tbody tr:not(:has(td.empty))")
    check_page(driver, "audit", "/audit", h1="Audit", rows="dl.fields dt")

    # Resolve one exception from the work queue.
    open_path(driver, "/exceptions")
    severe_console_entries(driver)
    boxes = driver.find_elements(By.CSS_SELECTOR, "#exceptions tbody input[name=ids]")
    require("resolve: an open exception to tick", boxes)
    exception_id = boxes[0].get_attribute("value")
    before = resolved_events()
    boxes[0].click()
    check("resolve: the first checkbox is ticked", boxes[0].is_selected())
    note_text = f"checked in the browser test {int(time.time())}"
    driver.find_element(By.CSS_SELECTOR, "input[name=note]").send_keys(note_text)
    driver.find_element(By.ID, "resolve").click()
    try:
        WebDriverWait(driver, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.notice")))
    except TimeoutException:
        pass
    wait_ready(driver)
    notices = driver.find_elements(By.CSS_SELECTOR, "p.notice")
    expected = f"Resolved 1 exception(s) as {technician_name}."
    check(f"resolve: the notice says {expected!r}", notices and notices[0].text.strip() == expected,
          f"notice {notices[0].text if notices else None!r}, page {driver.title!r}")
    if path_of(driver) != "/exceptions":
        note(f"after resolving, the address is {path_of(driver)} (the POST's answer): reloading the page posts the form again")
    check_page(driver, "exceptions-resolved", None, h1="Exceptions", rows="#exceptions tbody tr[data-id]")
    still_open = driver.find_elements(By.CSS_SELECTOR, f"#exceptions tbody input[name=ids][value='{exception_id}']")
    check(f"resolve: exception {exception_id} is no longer offered to resolve", not still_open)
    after = resolved_events()
    check(f"ledger: one more exception_resolved event ({before} → {after})", after == before + 1)
    try:
        episode = api_get(f"/api/exceptions/{exception_id}", technician_token)
        resolutions = episode.get("resolutions") or []
        check(f"API: exception {exception_id} is resolved by {technician_name}",
              episode.get("resolved_by") == technician_name and episode.get("resolution") == "resolved",
              f"resolved_by {episode.get('resolved_by')!r}, resolution {episode.get('resolution')!r}")
        check(f"API: exception {exception_id} has the resolution with the note",
              any(r.get("resolved_by") == technician_name and r.get("note") == note_text for r in resolutions),
              f"resolutions {resolutions!r}")
    except (urllib.error.URLError, ValueError) as error:
        check(f"API: GET /api/exceptions/{exception_id}", False, str(error))

    sign_out(driver)

    # The viewer: the queue without any way to resolve.
    viewer_name, viewer_token = VIEWER
    sign_in(driver, viewer_name, viewer_token, "viewer")
    severe_console_entries(driver)
    check_page(driver, "exceptions-viewer", "/exceptions", h1="Exceptions", rows="#exceptions tbody tr[data-id]")
    check("exceptions-viewer: no #resolve", not driver.find_elements(By.ID, "resolve"))
    check("exceptions-viewer: no input[name=ids]", not driver.find_elements(By.CSS_SELECTOR, "input[name=ids]"))
    check("exceptions-viewer: no input[name=note]", not driver.find_elements(By.CSS_SELECTOR, "input[name=note]"))

    # Downloads, read back: XLSX with openpyxl, PDF with pdftotext, against the API's JSON.
    check_exports(viewer_token)
    check_audit_pack(driver, viewer_token)


def main():
    def on_alarm(signum, frame):
        raise Deadline()

    def on_term(signum, frame):
        raise SystemExit(143)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_term)
    signal.alarm(DEADLINE)
    driver = None
    try:
        try:
            driver = start_browser()
        except WebDriverException as error:
            check("Chromium starts under chromedriver", False, error.msg or str(error))
            return
        check(f"Chromium {driver.capabilities.get('browserVersion', '?')} starts headless at {WIDTH}×{HEIGHT}", True)
        run(driver)
    except Abort as error:
        say(f"stopped after a failed check: {error}")
    except Deadline:
        check(f"the browser test finishes within {DEADLINE} s", False)
    except WebDriverException as error:
        check("the browser answers", False, (error.msg or str(error)).splitlines()[0])
    finally:
        signal.alarm(0)
        if driver is not None:
            try:
                driver.quit()
            except Exception as error:  # the browser is gone already
                note(f"quitting the browser: {error}")
        for known in PENDING_CONSOLE_ERRORS:
            if known not in pending_seen and passed + failed > 5:
                note(f"the pending console error {known!r} no longer occurs: remove it from PENDING_CONSOLE_ERRORS")
        write_counts()


if __name__ == "__main__":
    main()
    sys.exit(0 if failed == 0 and passed > 0 else 1)
