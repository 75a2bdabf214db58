"""Journeys a person makes, in a real browser."""
import datetime
import hashlib
import io
import re
import time
import urllib.request

import pypdf
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import BASE_URL


def test_a_visitor_browses_the_services(browser):
    browser.visit("/")
    assert "City of Salford: strategic partnering" in browser.text()
    browser.click_link("Read the service profiles")
    assert "Law and Administration" in browser.text()
    browser.click_link("Legal Services")
    assert "Messrs. Cobbetts" in browser.text()
    assert browser.driver.title.startswith("Legal Services")
    browser.click_link("Services")
    assert browser.driver.current_url == BASE_URL + "/services"


def test_an_officer_edits_and_publishes_a_profile_and_a_visitor_sees_it(browser):
    browser.visit("/services")
    assert "Internal Audit (profile being prepared)" in browser.text()

    browser.sign_in("officer@salford.example")
    assert "Manage the programme" in browser.text()
    browser.click_link("Manage")
    browser.visit("/manage/services")
    browser.follow(browser.driver.find_element("xpath", "//a[contains(., 'Edit profile') and contains(., 'of Internal Audit')]"))
    # A mistake first: the form says what is wrong and keeps what was typed.
    browser.fill({"purpose": "Independent assurance on the council's controls.", "activities": "- Audits of systems\n- Advice on risk", "staff": "about ten"})
    browser.press("Save profile")
    assert "There is a problem" in browser.text()
    assert "Staff must be a whole number, like 12" in browser.text()
    assert browser.driver.find_element("name", "staff").get_attribute("value") == "about ten"
    assert "Advice on risk" in browser.driver.find_element("name", "activities").get_attribute("value")
    # The error summary links to the field.
    browser.follow(browser.driver.find_element("link text", "Staff must be a whole number, like 12"), check=False)
    assert browser.driver.switch_to.active_element.get_attribute("name") == "staff"

    browser.fill({"staff": "10"})
    browser.press("Save profile")
    assert "Profile of Internal Audit saved" in browser.text()
    browser.press("Publish profile")
    assert "Profile of Internal Audit published" in browser.text()
    browser.press("Sign out")
    assert "You have signed out" in browser.text()

    browser.driver.delete_all_cookies()
    browser.visit("/services")
    browser.click_link("Internal Audit")
    assert "Independent assurance on the council's controls." in browser.text()
    assert "Advice on risk" in browser.text()


def test_an_administrator_creates_a_user_who_then_signs_in(browser):
    browser.sign_in("admin@salford.example")
    assert "Users" in browser.driver.title
    browser.click_link("Add a user")
    email = f"evaluator.{int(time.time() * 1000)}@salford.example"
    browser.fill({"name": "Roger Bell", "email": email, "role": "evaluator", "password": "short"})
    browser.press("Save")
    assert "The password must be at least 12 characters" in browser.text()
    assert browser.driver.find_element("name", "email").get_attribute("value") == email
    browser.fill({"password": "correct horse battery staple"})
    browser.press("Save")
    assert "Roger Bell can now sign in as evaluator" in browser.text()
    browser.click_link("Audit trail")
    assert "user.create" in browser.text()
    browser.press("Sign out")

    browser.sign_in(email, "correct horse battery staple")
    assert "Roger Bell" in browser.text()
    assert "(Evaluator)" in browser.text()


def test_a_wrong_password_is_explained_and_the_email_kept(browser):
    browser.sign_in("officer@salford.example", "not the password")
    assert "There is a problem" in browser.text()
    assert "The email address or password is not right" in browser.text()
    assert browser.driver.find_element("name", "email").get_attribute("value") == "officer@salford.example"
    assert browser.driver.title.startswith("Error:")


def test_an_officer_drafts_publishes_and_extends_an_exercise_and_a_visitor_reads_the_notice(browser):
    today = datetime.date.today()
    clarification = (today + datetime.timedelta(days=30)).isoformat()
    deadline = today + datetime.timedelta(days=60)
    while deadline.weekday() >= 5:
        deadline += datetime.timedelta(days=1)
    reference = f"TST-{int(time.time())}"

    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    assert "SLF-2003-SPP" in browser.text()
    browser.click_link("Start an exercise")
    # A mistake first: the message is beside the field and what was typed stays.
    browser.fill({"reference": reference, "title": "Partnering for revenues and benefits", "deadlineDate": "next month"})
    browser.press("Save as a draft")
    assert "Enter response deadline date as year-month-day" in browser.text()
    assert browser.driver.find_element("name", "title").get_attribute("value") == "Partnering for revenues and benefits"
    browser.fill({
        "advert": "We invite ideas on partnering for the collection of council tax.",
        "engagement": "A questionnaire, then meetings with some respondents.",
        "contact": "Strategy team, strategy@salford.example",
        "clarificationDate": clarification, "clarificationTime": "12:00",
        "deadlineDate": deadline.isoformat(), "deadlineTime": "12:00",
    })
    browser.press("Save as a draft")
    assert f"Exercise {reference} saved as a draft" in browser.text()

    browser.press("Publish the notice")
    assert "The notice cannot be published yet" in browser.text()
    browser.click_link("Change the scope")
    service = browser.driver.find_element("xpath", "//label[normalize-space()='Revenues and Benefits']").get_attribute("for")
    browser.check(service)
    browser.fill({service.replace("service-", "cpv-"): "79940000-5"})
    browser.press("Save the scope")
    assert f"The scope of {reference} was saved" in browser.text()
    browser.click_link("Change the benefits sought")
    browser.fill({"benefit-1": "Better value for money in collecting council tax."})
    browser.check("benefit-1-objective-3")
    browser.press("Save the benefits")
    assert f"The benefits sought by {reference} were saved" in browser.text()
    browser.click_link("The questionnaire")
    browser.fill({"from": browser.driver.find_element("css selector", "select#from option").get_attribute("value")})
    browser.press("Copy it")
    assert "Questionnaire copied" in browser.text()
    assert "Which of the following service areas" in browser.text() or "About your organisation" in browser.text()
    browser.click_link("The exercise")
    browser.press("Publish the notice")
    assert f"The notice of {reference} is published" in browser.text()

    browser.click_link("Extend the deadline")
    later = deadline + datetime.timedelta(days=7)
    browser.fill({"deadlineDate": later.isoformat(), "deadlineTime": "12:00", "reason": "Respondents asked for more time."})
    browser.press("Extend the deadline")
    assert f"The response deadline of {reference} is now" in browser.text()
    browser.press("Sign out")

    browser.driver.delete_all_cookies()
    browser.visit("/notices")
    browser.click_link("Partnering for revenues and benefits")
    assert "Preliminary market engagement notice (UK2)" in browser.text()
    assert "Respondents asked for more time." in browser.text()
    assert "Revenues and Benefits (CPV 79940000-5)" in browser.text()
    browser.visit("/notices/SLF-2003-SPP")
    assert "Responses closed at 25 April 2003, 12:00 noon (BST, UTC+1)" in browser.text()


def test_officer_pages_pass_axe(browser):
    browser.sign_in("officer@salford.example")
    for path in ["/manage/directorates", "/manage/objectives", "/manage/weights", "/manage/pledges", "/manage/services/new", "/manage/pledges/new", "/manage/api-tokens"]:
        browser.visit(path)
    browser.press("Create token")
    assert "There is a problem" in browser.text()
    browser.fill({"name": "performance import"})
    browser.press("Create token")
    assert "Token created" in browser.text()


def test_administrator_pages_pass_axe(browser):
    browser.sign_in("admin@salford.example")
    for path in ["/admin/users", "/admin/users/new", "/admin/settings", "/admin/bank-holidays/2003", "/admin/audit"]:
        browser.visit(path)
    browser.press("Check the chain")
    assert "Intact" in browser.text()


def test_an_administrator_adds_a_bank_holiday_and_removes_it(browser):
    browser.sign_in("admin@salford.example")
    browser.click_link("Bank holidays")
    browser.click_link("Add a bank holiday")
    browser.fill({"day": "2031-05-24", "name": "Spring bank holiday"})
    browser.press("Add")
    assert "Saturday 24 May 2031 is a Saturday: bank holidays fall on weekdays" in browser.text()
    assert browser.driver.find_element("name", "name").get_attribute("value") == "Spring bank holiday"
    browser.fill({"day": "2031-05-26"})
    browser.press("Add")
    assert "Bank holiday added: Monday 26 May 2031, Spring bank holiday" in browser.text()
    assert "Bank holidays in 2031" in browser.text()
    browser.press("Remove Monday 26 May 2031")
    assert "Bank holiday removed: Monday 26 May 2031, Spring bank holiday" in browser.text()
    assert "There are no bank holidays on the list for 2031" in browser.text()


def test_error_pages_pass_axe(browser):
    browser.visit("/no-such-page")
    assert "Page not found" in browser.text()


def outbox_link(browser, recipient, path_prefix):
    """The link of the newest email to `recipient`, as the administrator reads it in the outbox
    (the journeys' server has no mail server): its path, on this server."""
    browser.sign_in("admin@salford.example")
    browser.click_link("Outbox")
    row = browser.driver.find_element("xpath", f"//tr[td[normalize-space()='{recipient}']]")
    browser.follow(row.find_element("tag name", "a"))
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"[A-Za-z0-9_-]+)", browser.text())
    assert match, f"no {path_prefix} link in the email to {recipient}"
    browser.press("Sign out")
    return match.group(1)


def answer_required(browser):
    """Answers every required question of the section form on the page, by keyboard: text,
    numbers and dates typed, the first choice of a list ticked or selected."""
    form = browser.driver.find_element("xpath", "//form[.//button[normalize-space()='Save as draft']]")
    for group in form.find_elements("css selector", ".form-group"):
        label = group.find_elements("css selector", "label.label, legend")
        if not label or "(optional)" in label[0].text:
            continue
        radios = group.find_elements("css selector", "input[type=radio]")
        boxes = group.find_elements("css selector", "input[type=checkbox]")
        if radios:
            if not any(r.is_selected() for r in radios):
                browser.tab_to(radios[0])
                ActionChains(browser.driver).send_keys(Keys.SPACE).perform()
        elif boxes:
            browser.check(boxes[0].get_attribute("name"))
        else:
            field = group.find_element("css selector", "input, textarea")
            if field.get_attribute("value"):
                continue
            hint = group.text
            value = "2027-01-04" if "Year-month-day" in hint else ("100" if "A number" in hint else "Irwell Valley Services answer")
            browser.fill({field.get_attribute("name"): value})


# A minimal PDF: what the server's content check needs is that it starts as a PDF does.
OUTLINE_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def attach_an_outline(browser, section, folder):
    """In the form of `section`, on the page with its required questions answered: a file named .pdf
    that is not a PDF is chosen and refused beside its field, the other answers kept; then a real
    PDF is chosen and saved. Files are chosen as Selenium does in headless Chromium: the file field
    reached with Tab, the path sent to it. Returns the file's name and the SHA-256 the page shows."""
    form = browser.driver.find_element("xpath", "//form[.//button[normalize-space()='Save as draft']]")
    assert form.get_attribute("enctype") == "multipart/form-data"
    anything_else = browser.driver.find_element("xpath", "//label[contains(., 'anything else you would like')]").get_attribute("for")
    browser.fill({anything_else: "We would welcome a meeting."})
    typed = {t.get_attribute("name"): t.get_attribute("value") for t in form.find_elements("tag name", "textarea")}
    assert "We would welcome a meeting." in typed.values()

    # A text file named .pdf: refused by its content, the rest of the section saved.
    fake = folder / "outline.pdf"
    fake.write_bytes(b"Our outline proposal, in plain text.\n")
    field = browser.driver.find_element("css selector", "input[type=file]")
    browser.tab_to(field)
    field.send_keys(str(fake))
    browser.press("Save as draft")
    assert browser.driver.title.startswith("Error:")
    assert "There is a problem" in browser.text()
    assert "Your other answers in this section were saved. The file below was not: choose another." in browser.text()
    field = browser.driver.find_element("css selector", "input[type=file]")
    name = field.get_attribute("name")
    message = browser.driver.find_element("id", f"{name}-error").text
    assert "This is not a PDF" in message, message
    assert f"{name}-error" in field.get_attribute("aria-describedby").split()
    for textarea, value in typed.items():
        assert browser.driver.find_element("name", textarea).get_attribute("value") == value, f"{textarea} was not kept"
    # The error summary leads to the file field.
    browser.follow(browser.driver.find_element("partial link text", "This is not a PDF"), check=False)
    assert browser.driver.switch_to.active_element == field

    # A real PDF, chosen from the field the summary led to.
    real = folder / "Outline proposal.pdf"
    real.write_bytes(OUTLINE_PDF)
    field.send_keys(str(real))
    browser.press("Save as draft")
    assert "saved as a draft" in browser.text()

    # Back in the section: the file is named, sized and hashed, and can be removed.
    browser.click_link(section)
    attached = browser.driver.find_element("xpath", "//p[starts-with(normalize-space(), 'Attached:')]")
    assert f"Attached: {real.name} (PDF, {len(OUTLINE_PDF)} bytes)" in attached.text, attached.text
    shown = attached.find_element("css selector", "code.hash").text
    assert shown == hashlib.sha256(OUTLINE_PDF).hexdigest(), "the page names the file by the SHA-256 of its bytes"
    assert attached.find_element("link text", real.name).get_attribute("href")
    assert not browser.driver.find_element("name", f"{name}-remove").is_selected()
    assert browser.driver.find_element("xpath", f"//label[@for='{name}-remove']").text == "Remove this file"
    for textarea, value in typed.items():
        assert browser.driver.find_element("name", textarea).get_attribute("value") == value
    browser.click_link("Back to your response")
    return real.name, shown


def download(browser, url):
    """The bytes at `url`, fetched with the browser's cookies (a download is not a page)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.driver.get_cookies())
    return urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookies})).read()


def test_an_organisation_registers_confirms_answers_submits_and_resubmits(browser, tmp_path):
    stamp = int(time.time() * 1000)
    email = f"bid.manager.{stamp}@irwell.example"
    password = "irwell valley password"
    browser.visit("/notices/SLF-DEMO-OPEN")
    browser.click_link("register your organisation")
    browser.fill({"organisationName": f"Irwell Valley Services {stamp}", "companiesNumber": "1234", "address": "2 Quay Street\nSalford M3 4AA",
                  "name": "Priya Shah", "email": email, "password": password})
    browser.check("sme")
    browser.press("Register")
    assert "Enter a Companies House number of 8 characters" in browser.text()
    assert browser.driver.find_element("name", "name").get_attribute("value") == "Priya Shah"
    browser.fill({"companiesNumber": "04123456", "password": password})
    browser.press("Register")
    assert f"We have sent a link to {email}" in browser.text()
    # Not before the address is confirmed.
    browser.fill({"email": email, "password": password})
    browser.press("Sign in")
    assert "Confirm your email address first" in browser.text()

    confirm = outbox_link(browser, email, "/confirm-email/")
    browser.visit(confirm)
    browser.press("Confirm my email address")
    assert "Your email address is confirmed" in browser.text()
    browser.fill({"email": email, "password": password})
    browser.press("Sign in")

    # Invite a colleague.
    browser.click_link("Your organisation")
    browser.click_link("Invite a colleague")
    browser.fill({"name": "Tom Wright", "email": f"tom.{stamp}@irwell.example"})
    browser.press("Send the invitation")
    assert f"We have emailed an invitation to tom.{stamp}@irwell.example" in browser.text()

    # A draft, then away and back.
    browser.visit("/notices/SLF-DEMO-OPEN")
    browser.click_link("respond to this notice")
    assert "Your response" in browser.text()
    browser.click_link("1. About your organisation")
    answer_required(browser)
    browser.press("Save as draft")
    assert "saved as a draft" in browser.text()
    browser.press("Sign out")
    browser.sign_in(email, password)
    browser.visit("/notices/SLF-DEMO-OPEN/response")
    assert "In progress" in browser.text() or "Answered" in browser.text()
    sections = [a.text for a in browser.driver.find_elements("xpath", "//table//a")]
    assert sections[-1].endswith("Risks, timescales and anything else")
    for name in sections:
        browser.click_link(name)
        answer_required(browser)
        if name == sections[-1]:
            # The last section ends with a file question: a refused file first, then a PDF.
            filename, file_hash = attach_an_outline(browser, name, tmp_path)
            continue
        browser.press("Save as draft")
        assert "saved as a draft" in browser.text()
    browser.click_link("Check your answers and submit")
    assert f"{filename} (PDF, {len(OUTLINE_PDF)} bytes)" in browser.text()
    assert file_hash in browser.text()
    browser.press("Submit the response")
    assert "Response submitted" in browser.text()
    assert "SLF-DEMO-OPEN-" in browser.text()
    digest = browser.driver.find_element("css selector", "code.hash").text
    copy = browser.driver.find_element("link text", "Download the submitted copy").get_attribute("href")
    body = download(browser, copy)
    assert hashlib.sha256(body).hexdigest() == digest, "the downloaded copy is what the receipt's SHA-256 is over"
    assert file_hash in body.decode("utf-8"), "the copy names the file by its SHA-256"
    # The receipt lists the file submitted, and the file downloaded is the one hashed.
    assert "Files submitted" in browser.text()
    listed = browser.driver.find_element("xpath", "//h2[normalize-space()='Files submitted']/following-sibling::ul[1]/li")
    assert filename in listed.text
    shown = listed.find_element("css selector", "code.hash").text
    assert shown == file_hash
    saved = download(browser, listed.find_element("link text", filename).get_attribute("href"))
    assert hashlib.sha256(saved).hexdigest() == shown, "the downloaded file is what the receipt's SHA-256 for it is over"
    assert saved == OUTLINE_PDF

    # Change an answer and submit again: a second receipt.
    browser.click_link("Back to your response")
    browser.click_link(sections[0])
    first = browser.driver.find_element("css selector", "form textarea, form input[type=text]")
    browser.fill({first.get_attribute("name"): "Irwell Valley Services, second thoughts"})
    browser.press("Save as draft")
    assert "You have changed answers since" in browser.text()
    browser.click_link("Check your answers and submit")
    browser.press("Submit the response")
    assert "Response submitted" in browser.text()
    assert re.search(r"SLF-DEMO-OPEN-\d{4}-2", browser.text())
    assert "Files submitted" in browser.text() and filename in browser.text(), "the file saved stays in the response"

    # After a deadline: read-only.
    browser.visit("/notices/SLF-2003-SPP/response")
    assert "has passed: your response can be read but no longer changed" in browser.text()


def test_responses_are_sealed_until_two_officers_open_them_after_the_deadline(browser):
    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services (demo, open now)")
    browser.click_link("Responses")
    assert "The responses are sealed" in browser.text()
    # Before the deadline there is nothing to confirm.
    assert "The responses are opened after the deadline" in browser.text()
    assert not browser.driver.find_elements("xpath", "//button[normalize-space()='Confirm the opening']")
    # The 2003 exercise closed on 25 April 2003; two officers opened its responses on 28 April.
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Responses")
    assert "by Allison Lobley and Second Officer (fictitious)" in browser.text()
    assert "Quayward Civic Ventures Ltd (fictitious)" in browser.text()


def test_a_clarification_is_asked_answered_and_seen_published(browser):
    question = f"Would the council consider a partner for Payroll alone? ({int(time.time() * 1000)})"
    browser.sign_in("supplier@supplier.example")
    browser.visit("/notices/SLF-DEMO-OPEN")
    browser.click_link("ask a question")
    browser.fill({"question": question})
    browser.press("Send the question")
    assert "Your question is sent" in browser.text()
    browser.press("Sign out")

    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services (demo, open now)")
    browser.click_link("Clarification questions")
    browser.click_link(question)
    browser.fill({"answer": "Yes: any service or group of services in scope."})
    browser.press("Save and send the answer")
    assert "Answer saved and emailed" in browser.text()
    browser.press("Sign out")

    browser.driver.delete_all_cookies()
    browser.visit("/notices/SLF-DEMO-OPEN")
    assert question in browser.text()
    assert "Yes: any service or group of services in scope." in browser.text()


def choose(browser, name, text):
    """Chooses the option of select `name` whose text is `text`, by keyboard."""
    option = browser.driver.find_element("xpath", f"//select[@name='{name}']/option[normalize-space()='{text}']")
    browser.fill({name: option.get_attribute("value")})


def test_an_officer_builds_the_evaluation_panel_and_an_evaluator_finds_the_exercise(browser):
    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services (demo, open now)")
    browser.click_link("Evaluation panel")
    assert "Nobody is on the panel yet" in browser.text()
    # Nobody chosen: told beside the field.
    browser.press("Add to the panel")
    assert "Select who to add to the panel" in browser.text()
    choose(browser, "user", "Alan Westwood (Evaluator)")
    browser.press("Add to the panel")
    assert "Alan Westwood is on the panel" in browser.text()
    choose(browser, "user", "Demo Moderator (Moderator)")
    browser.press("Add to the panel")
    assert "Demo Moderator is on the panel" in browser.text()
    # Neither is offered again (other evaluators, added by other journeys, may be).
    assert "Alan Westwood (Evaluator)" not in browser.driver.page_source
    assert "Demo Moderator (Moderator)" not in browser.driver.page_source
    browser.press("Sign out")

    # An evaluator lands on their exercises: the 2003 one, scored, and the open one, sealed.
    browser.sign_in("evaluator@salford.example")
    assert "Exercises whose panel you are on" in browser.text()
    assert "Sealed until two officers open the responses" in browser.text()
    assert "Score the responses" in browser.text()


def pick(browser, name, value):
    """Chooses the radio of group `name` with `value` by keyboard: Tab into the group, then the
    arrow keys (which select as they move), or Space on the first."""
    radios = browser.driver.find_elements("xpath", f"//input[@type='radio'][@name='{name}']")
    values = [r.get_attribute("value") for r in radios]
    browser.tab_to(radios[0] if not any(r.is_selected() for r in radios) else next(r for r in radios if r.is_selected()))
    current = next((i for i, r in enumerate(radios) if r.is_selected()), None)
    target = values.index(value)
    if current is None:
        ActionChains(browser.driver).send_keys(Keys.SPACE).perform()
        current = 0
    key = Keys.ARROW_DOWN if target > current else Keys.ARROW_UP
    for _ in range(abs(target - current)):
        ActionChains(browser.driver).send_keys(key).perform()
    assert radios[target].is_selected(), f"could not choose {value} in {name} by keyboard"


def test_an_evaluator_declares_scores_and_submits_and_the_moderator_agrees(browser):
    stamp = int(time.time() * 1000)
    email = f"journey.evaluator.{stamp}@salford.example"
    browser.sign_in("admin@salford.example")
    browser.click_link("Add a user")
    browser.fill({"name": f"Journey Evaluator {stamp}", "email": email, "role": "evaluator", "password": "journey evaluator password"})
    browser.press("Save")
    browser.press("Sign out")
    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Evaluation panel")
    choose(browser, "user", f"Journey Evaluator {stamp} (Evaluator)")
    browser.press("Add to the panel")
    browser.press("Sign out")

    browser.sign_in(email, "journey evaluator password")
    browser.follow(browser.driver.find_element("partial link text", "Declare your interests"))
    names = [e.text for e in browser.driver.find_elements("css selector", "legend.fieldset__legend--m")]
    assert len(names) == 8
    # A conflict with no note is told beside the field, the choice kept.
    first = browser.driver.find_elements("xpath", "//input[@type='radio'][@value='yes']")[0].get_attribute("name")
    pick(browser, first, "yes")
    for radio in browser.driver.find_elements("xpath", "//input[@type='radio'][@value='no']")[1:]:
        pick(browser, radio.get_attribute("name"), "no")
    browser.press("Save your declarations")
    assert "Say what your conflict of interest with" in browser.text()
    browser.fill({first.replace("conflict-", "note-"): "I worked for this organisation until 2002."})
    browser.press("Save your declarations")
    assert "Your declarations for SLF-2003-SPP are saved" in browser.text()

    browser.follow(browser.driver.find_element("partial link text", "Score the responses"))
    assert "One response is kept from you because you declared a conflict of interest" in browser.text()
    assert names[0] not in browser.text()
    sheets = len(browser.driver.find_elements("xpath", "//a[starts-with(normalize-space(), 'Score')][contains(@href, '/responses/')]"))
    assert sheets == 7
    # A score without its rationale is told beside it, and kept.
    browser.follow(browser.driver.find_elements("xpath", "//a[contains(@href, '/responses/')]")[0])
    pick(browser, "score-1", "4")
    browser.press("Save your scores")
    assert "Say why you gave objective I this score" in browser.text()
    assert browser.driver.find_element("id", "score-1-4").is_selected()
    for n in range(1, 9):
        pick(browser, f"score-{n}", str((n + 2) % 6))
        browser.fill({f"rationale-{n}": f"Objective {n}: what the answers show, read against the scale."})
    browser.press("Save your scores")
    assert "are saved" in browser.text()
    # Not yet: the others are still to score.
    browser.press("Submit all your scores")
    assert "scores are still to give before you submit" in browser.text()
    for k in range(1, 7):
        browser.follow(browser.driver.find_elements("xpath", "//a[contains(@href, '/responses/')]")[k])
        for n in range(1, 9):
            pick(browser, f"score-{n}", str((n + k) % 6))
            browser.fill({f"rationale-{n}": f"Response {k}, objective {n}: as the answers show."})
        browser.press("Save your scores")
    browser.press("Submit all your scores")
    assert "Your scores are submitted and locked" in browser.text()
    browser.click_link("Read every evaluator’s submitted scores")
    assert "Margaret Hulme (fictitious)" in browser.text()
    browser.press("Sign out")

    # The moderator sees the new scores beside the others and agrees one again, with a reason.
    browser.sign_in("moderator@salford.example")
    browser.follow(browser.driver.find_element("partial link text", "Moderate the scores"))
    assert "flagged" in browser.text()
    # The second response: the first is the one the new evaluator declared a conflict with.
    browser.follow(browser.driver.find_elements("xpath", "//a[contains(@href, '/moderation/')]")[1])
    assert f"Journey Evaluator {stamp}" in browser.text()
    pick(browser, "score-2", "3")
    browser.fill({"reason-2": ""})
    browser.press("Save the agreed scores")
    assert "Give the reason for the agreed score for objective II" in browser.text()
    browser.fill({"reason-2": "Agreed again after the fifth evaluator's scores: the investment is real but unfunded."})
    browser.press("Save the agreed scores")
    assert "are saved" in browser.text()


def test_an_officer_reads_the_ranking_the_scenarios_and_the_sensitivity_analysis(browser):
    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Evaluation criteria")
    assert "Scoring has started, so the scale and the spread flag are fixed" in browser.text()
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Results")
    assert "They select no supplier" in browser.text()
    assert "Rank under each weighting" in browser.text()
    assert "Regeneration primary" in browser.text()
    assert "Left out of the ranking for failing a condition" in browser.text()
    # A scenario with no weight at all is told beside the field.
    browser.fill({"name": "Staff first"})
    browser.press("Add the scenario")
    assert "Enter a weight for objective I, 0 if it does not count" in browser.text()
    browser.fill({f"weight-{n}": "40" if n == 5 else "10" for n in range(1, 9)})
    browser.press("Add the scenario")
    assert "The scenario is added" in browser.text()
    browser.click_link("What the market said")
    assert "Personnel and Performance: " in browser.text()
    assert "In their words" in browser.text()
    browser.click_link("Results")
    browser.click_link("How much the ranking depends on the weights (SMAA-2)")
    assert "Analysis 1" in browser.text()
    assert "best meets the objectives under" in browser.text()
    # Regeneration at least twice staff terms, on top of the Board's order.
    choose(browser, "ratio-1-first", "VI. To provide regeneration opportunities.")
    browser.fill({"ratio-1-factor": "2"})
    choose(browser, "ratio-1-second", "V. To preserve and enhance staff employment security.")
    browser.press("Run the analysis")
    assert "Analysis 2 is done" in browser.text()
    assert "VI weighs at least 2 times as much as V." in browser.text()

    # Shortlist one more organisation and schedule its interview inside the window.
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Shortlist and interviews")
    assert "Invited to further discussion" in browser.text()
    choose(browser, "organisation", "Copperfold Community Technology Trust (fictitious) (ranked 5)")
    browser.fill({"reason": "Its community access points are worth hearing about."})
    browser.press("Add to the shortlist")
    assert "The organisation is on the shortlist" in browser.text()
    choose(browser, "interviewee", "Copperfold Community Technology Trust (fictitious)")
    browser.fill({"date": "2003-06-02", "time": "10:00", "place": "Civic Centre, Swinton: Committee Room 2"})
    browser.check(browser.driver.find_element("xpath", "//label[normalize-space()='David Ordsall (fictitious)']/preceding-sibling::input").get_attribute("name"))
    browser.press("Schedule the interview")
    assert "must be inside the exercise’s interview window" in browser.text()
    browser.fill({"date": "2003-05-23"})
    browser.press("Schedule the interview")
    assert "The interview is scheduled" in browser.text()


def read_pdf(data):
    """Every page of a PDF is A4 (595 × 842 points); its text, with the lines joined."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842), "not A4"
    return len(reader.pages), " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_an_officer_issues_the_evaluation_report_and_a_councillor_reads_it(browser):
    browser.sign_in("officer@salford.example")
    browser.click_link("Exercises")
    browser.click_link("Consultation for partnering models within support and direct services")
    browser.click_link("Results")
    browser.click_link("The evaluation report")
    # The demo's report was issued on 28 May 2003; the draft is kept.
    assert "Strategic Partnership Project: evaluation of the responses to the market" in browser.text()
    assert "Part 2, exempt (paragraph 3)" in browser.text()
    # A title left out is told beside its field; what was typed stays.
    browser.fill({"title": "", "meeting-date": "2003-06-16"})
    browser.press("Save the draft")
    assert "Enter the report’s title" in browser.text()
    assert browser.driver.find_element("name", "meeting-date").get_attribute("value") == "2003-06-16"
    browser.fill({"title": "Strategic Partnership Project: the evaluation, with the interviews"})
    browser.press("Save the draft")
    assert "The draft is saved" in browser.text()

    # Print it as it stands: the committee layout, a whole document.
    browser.click_link("Print the report as it stands")
    text = browser.text()
    assert "Part 2: not for publication" in text and "Schedule 12A" in text
    assert "To the Project Board, on Monday 16 June 2003" in text
    assert "Contact officer" in text and "4. What the market said" in text
    browser.click_link("Back to the evaluation report")

    # Issue it: the PDF is made on the server and kept.
    browser.press("Issue the saved draft")
    assert "The report is issued, number 2" in browser.text()
    pdf_url = browser.driver.find_element("link text", "Download the PDF as issued").get_attribute("href")
    issued = download(browser, pdf_url)
    pages, text = read_pdf(issued)
    assert pages >= 3
    assert "Strategic Partnership Project: the evaluation, with the interviews" in text
    assert "Part 2: not for publication" in text and "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972" in text
    assert "Recommendations" in text and "How the proposals rank" in text and "Page 1 of" in text
    browser.press("Sign out")

    # A councillor reads it, and the very PDF that was issued.
    browser.sign_in("councillor@salford.example")
    browser.click_link("Reports")
    browser.click_link("Strategic Partnership Project: the evaluation, with the interviews")
    assert "Part 2: not for publication" in browser.text()
    assert "they select no supplier" in browser.text()
    assert download(browser, browser.driver.find_element("link text", "Download the PDF as issued").get_attribute("href")) == issued
    browser.click_link("Reports")
    browser.click_link("Strategic Partnership Project: evaluation of the responses to the market")
    assert "Issued 28 May 2003, number 1" in browser.text()


def test_an_officer_assesses_a_service_and_appraises_the_options_for_a_package(browser):
    browser.sign_in("officer@salford.example")
    browser.click_link("Manage")
    browser.follow(browser.driver.find_element("xpath", "//a[contains(., 'the service assessment')]"))
    assert "36 services" in browser.driver.page_source
    assert "Important and ready for partnership" in browser.text()
    # Payroll matters more than the demo said: its answers move it up.
    browser.click_link("Payroll")
    assert "Less central, ready for partnership" in browser.text()
    browser.fill({"note-pledges": "", "score-pledges": ""})
    browser.fill({"note-pledges": "Paying staff on time is now a council pledge."})
    browser.press("Save the assessment")
    assert "Choose a score for question 1, or clear its note" in browser.text()
    for key in ("pledges", "citizens", "strategy"):
        browser.fill({f"score-{key}": "5"})
    browser.press("Save the assessment")
    assert "The assessment of Payroll is saved" in browser.text()
    browser.click_link("Payroll")
    assert "Important and ready for partnership (importance 5," in browser.text()

    # The package's options appraisal, and one more option.
    browser.click_link("Service assessment")
    browser.click_link("Customer contact and revenues")
    assert "Strategic service partnership" in browser.text()
    assert "What the market offered for these services" in browser.text()
    browser.fill({"model": "Shared service with a neighbouring council"})
    for n in range(1, 9):
        pick(browser, f"score-{n}", "3")
        browser.fill({f"rationale-{n}": f"A shared service would meet objective {n} in part."})
    browser.press("Add the option")
    assert "The option is added" in browser.text()
    browser.click_link("Shared service with a neighbouring council")
    assert "A shared service would meet objective 8 in part." in browser.driver.page_source
