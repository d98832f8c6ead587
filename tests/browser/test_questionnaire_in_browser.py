"""A person completes the questionnaire by clicking, reads the summary and downloads it."""

from playwright.sync_api import expect

from exports import render_markdown
from logic import Answers, evaluate
from logic.vocab import Field, Step
from tests.support import SCREENSHOTS
from tests.support.browser import CONTENT, PERSON, Questionnaire, wait_idle


def test_a_person_completes_the_questionnaire_and_downloads_the_summary(page_factory, viewport, tmp_path):
    page = page_factory(viewport=viewport)
    name = "desktop" if viewport["width"] > 600 else "phone"
    q = Questionnaire(page, SCREENSHOTS, name)
    q.complete(PERSON)
    expected = evaluate(Answers.model_validate(PERSON))

    app = page.get_by_test_id("stMain")
    assert CONTENT.ui.summary.title in app.inner_text()
    for flag in expected.flags:
        assert flag.title in app.inner_text()
    for section in expected.article:  # each claim, or its title where the page folds it
        assert section.article_says in app.inner_text() or section.title in app.inner_text()
    q.screenshot("6-summary")

    with page.expect_download() as download:
        page.get_by_role("button", name=CONTENT.ui.summary.download_markdown).first.click()
    saved = tmp_path / "summary.md"
    download.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    body = render_markdown(expected, Answers.model_validate(PERSON), CONTENT)
    assert text.split("\n")[:-2] == body.split("\n")[:-2]  # all but the date line
    wait_idle(page)

    assert page.requests.leaving() == []
    assert all(Field.NOTES not in url and "cheeks" not in url for url in page.requests.urls)


HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> [click](javascript:alert(1))'


def test_notes_with_html_appear_as_text_and_run_nothing(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.complete({**PERSON, "notes": HOSTILE})
    assert page.evaluate("window.__pwned") is None
    page.get_by_role("button", name=CONTENT.ui.summary.download_markdown).first.wait_for()
    assert not any(url.rstrip("/").endswith("/x") for url in page.requests.urls)
    assert page.locator("[data-testid=stMain] script").count() == 0
    assert page.locator("[data-testid=stMain] img[src='x']").count() == 0


def test_notes_on_the_review_page_are_shown_literally(page_factory):
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    for step in Step:
        q.fill(step, {**PERSON, "notes": HOSTILE})
        q.onward(step)
    assert HOSTILE in page.get_by_test_id("stMain").inner_text()
    assert page.evaluate("window.__pwned") is None


def test_next_shows_the_new_page_from_its_top_with_focus_on_its_heading(page_factory):
    page = page_factory(viewport={"width": 390, "height": 700})
    q = Questionnaire(page)
    q.start()
    q.fill(Step.SAFETY, PERSON)
    q.next()
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'H2'", timeout=10_000)
    assert page.evaluate("document.activeElement.innerText").strip() == CONTENT.questions.steps[Step.ABOUT_YOU].title
    assert page.evaluate("document.querySelector('[data-testid=stMain]').scrollTop") == 0


def test_answering_the_last_missing_question_takes_the_pages_warning_away(page_factory):
    """Each question redraws on its own when answered; the page's warning must still go with the last problem."""
    page = page_factory()
    q = Questionnaire(page)
    q.start()
    q.answer(Field.CURRENT_SYMPTOMS, [])
    q.next()
    warning = page.get_by_text(CONTENT.ui.validation.heading)
    expect(warning).to_be_visible()
    q.answer(Field.CHANGING_SPOT, False)
    expect(warning).to_be_visible()  # one question is still unanswered
    q.answer(Field.DISTRESS, PERSON[Field.DISTRESS])
    expect(warning).to_have_count(0)
    q.next()
    page.get_by_role("heading", name=CONTENT.questions.steps[Step.ABOUT_YOU].title).wait_for()


def test_download_the_pdf_and_answers_then_come_back_with_the_file_to_the_same_summary(page_factory, tmp_path):
    from pypdf import PdfReader

    page = page_factory()
    q = Questionnaire(page)
    q.complete(PERSON)
    expected = evaluate(Answers.model_validate(PERSON))
    first_summary = page.get_by_test_id("stMain").inner_text()

    files = {}
    for label, name in (
        (CONTENT.ui.files.download_pdf, "summary.pdf"),
        (CONTENT.ui.files.save_answers, "answers.json"),
    ):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).first.click()
        files[name] = tmp_path / name
        download.value.save_as(files[name])
        wait_idle(page)
    pdf_text = "\n".join(p.extract_text() for p in PdfReader(files["summary.pdf"]).pages)
    for flag in expected.flags:
        assert flag.title.split()[0] in pdf_text
    assert Answers.model_validate_json(files["answers.json"].read_text(encoding="utf-8")) == Answers.model_validate(
        PERSON
    )

    q.click_button(CONTENT.ui.nav.start_over)
    q.click_button(CONTENT.ui.nav.start_over_yes)
    page.get_by_text(CONTENT.ui.files.resume_title).click()
    page.locator("input[type=file]").set_input_files(str(files["answers.json"]))
    wait_idle(page)
    page.get_by_role("heading", name=CONTENT.ui.summary.title, exact=True).wait_for()
    wait_idle(page)
    assert page.get_by_test_id("stMain").inner_text() == first_summary
    assert page.requests.leaving() == []
