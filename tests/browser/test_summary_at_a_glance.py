"""The summary never misleads at a glance, on a 360 px phone, for generated answers in both languages: no fold
states an article claim without its grade, the words shown by default (everything visible in the main column,
the language switch included) are at most 700, and the download buttons show their whole labels."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.sync_api import Page

from logic import Answers, default_content, evaluate
from logic.layout import GATE_WORDS, WEB_WORDS, count_words, layout
from tests import strategies
from tests.support import SCREENSHOTS
from tests.support.browser import VISIBLE_TEXT, wait_idle

PHONE = {"width": 360, "height": 740}

FOLD_LABELS = """() => Array.from(document.querySelectorAll('[data-testid=stMain] summary'))
  .filter(el => el.offsetParent).map(el => el.innerText.replace(/keyboard_arrow_\\w+/g, '').trim())"""
# Each download button's label: whether it is cut off (its text wider than the room it has) or runs off the screen.
DOWNLOADS = """() => Array.from(document.querySelectorAll('[data-testid=stMain] [data-testid=stDownloadButton] button'))
  .map(button => {
    const label = button.querySelector('[data-testid=stMarkdownContainer]') || button;
    const box = button.getBoundingClientRect();
    return {text: label.innerText, cut: label.scrollWidth > label.clientWidth + 1 || box.right > innerWidth,
            clipped: Array.from(label.querySelectorAll('*')).concat([label]).some(
              e => getComputedStyle(e).textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1)};
  })"""


def open_summary(page: Page, answers: Answers, language: str, path) -> None:
    """Choose the language, then bring the answers back from a saved file, as a person coming back does."""
    content = default_content(language)
    wait_idle(page)
    if language != "en":
        page.get_by_role("radio", name=content.language.name, exact=True).click()
        wait_idle(page)
    saved = path / "answers.json"
    saved.write_text(answers.model_dump_json(), encoding="utf-8")
    page.get_by_text(content.ui.files.resume_title).click()
    page.locator("input[type=file]").set_input_files(str(saved))
    wait_idle(page)
    page.get_by_role("heading", name=content.ui.summary.title, level=1).wait_for()
    wait_idle(page)


@settings(
    max_examples=6,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(answers=strategies.answers(), language=st.sampled_from(["en", "fil"]))
def test_on_a_phone_no_claim_shows_without_its_grade_and_the_page_is_short(
    page_factory, tmp_path_factory, answers, language
):
    content = default_content(language)
    ui = content.ui.summary
    lay = layout(evaluate(answers, content), content).fold()
    page = page_factory(viewport=PHONE)
    open_summary(page, answers, language, tmp_path_factory.mktemp("answers"))
    frame = sum(count_words(text) for text in lay.frame)
    if lay.next_step.emergency:
        before = count_words(page.evaluate(VISIBLE_TEXT))
        assert before == lay.opening_words() + frame
        assert before - frame <= GATE_WORDS
        page.get_by_role("button", name=ui.read_rest).click()
        wait_idle(page)
        page.get_by_role("heading", name=ui.flags).wait_for()

    shown = count_words(page.evaluate(VISIBLE_TEXT))
    assert shown <= WEB_WORDS
    assert shown == lay.web_words(), "the page and the layout disagree on what is shown"

    titles = [claim.section.title for claim in lay.claims]
    grades = [grade.label for grade in content.general.evidence.values()]
    labels = page.evaluate(FOLD_LABELS)
    for label in labels:
        if any(title in label for title in titles):
            assert any(grade in label for grade in grades), f"the fold {label!r} states a claim without its grade"
    folds = [] if lay.article_folded else [claim.label for claim in lay.claims if claim.folded]
    assert folds == [label for label in labels if any(title in label for title in titles)]
    assert ui.why_seeing not in labels  # the flags' fold is named for what it holds, not its own first line

    buttons = page.evaluate(DOWNLOADS)
    assert buttons[0]["text"].replace("\n", " ").endswith("(PDF)")
    assert [b for b in buttons if b["cut"] or b["clipped"]] == [], "a download label is cut off on a phone"

    page.screenshot(path=str(SCREENSHOTS / f"summary-at-a-glance-{language}-360.png"), full_page=True)
