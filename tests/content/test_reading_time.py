"""The welcome page's time estimate stays true: it is measured from the content at an average reading speed."""

from math import ceil

from logic import default_content
from logic.layout import WEB_WORDS, count_words

CONTENT = default_content()
# An average adult's silent reading speed for non-fiction in English: 238 words a minute (Brysbaert 2019,
# "How many words do we read per minute?", J Mem Lang 109:104047, a review of 190 studies).
READING_WPM = 238


def reading_minutes(word_count: int) -> int:
    """Whole minutes to read `word_count` words at READING_WPM, rounded up."""
    return ceil(word_count / READING_WPM)


def test_minutes_are_rounded_up():
    assert reading_minutes(238) == 1
    assert reading_minutes(239) == 2


def question_words() -> int:
    """Every word the question pages can show: titles, introductions, labels, help, options, the skin-type helper."""
    questions = CONTENT.questions
    texts = [text for step in questions.steps.values() for text in (step.title, step.intro)]
    for field in questions.fields.values():
        texts += [field.label, field.help, *field.options.values(), field.none_label or ""]
    helper = questions.skin_type_helper
    texts += [helper.title, helper.intro]
    for question in (helper.burn, helper.tan, helper.colour):
        texts += [question.label, *question.options.values()]
    return sum(count_words(text) for text in texts)


def test_the_welcome_page_says_how_long_the_questions_and_the_summary_take_to_read():
    duration = CONTENT.ui.welcome.duration
    words = question_words()
    assert words > 500  # the measure counts the pages' words, not nothing
    assert f"about {reading_minutes(words)} minutes" in duration
    # The summary's default view is at most WEB_WORDS words for any answers (tests/logic/test_layout.py).
    assert f"up to {reading_minutes(WEB_WORDS)} minutes" in duration
    assert reading_minutes(WEB_WORDS) <= 3  # the "reads in under three minutes"
