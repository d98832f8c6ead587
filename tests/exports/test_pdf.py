"""The PDF summary: what a dermatologist can read in it, that it stays short, and that no text breaks it."""

import builtins
import io
import logging
import re
import shutil
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from exports import render_pdf
from exports.pdf import BODY_FLOOR, FONT_FILES, REPLACEMENT, SMALLEST, _note_lines, printable
from logic import Answers, default_content, evaluate, load_content
from logic.layout import layout
from logic.vocab import Field, NextStep
from tests import strategies
from tests.factories import EVERYTHING, make_answers
from tests.support import SCREENSHOTS

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 30)
ACCENTED_NOTE = "Crème, naïve — “quoted” ‘single’ – café"

LONGEST_NOTE = ("Wide words WWWWWWWW — “Crème” " * 20)[:500]
MANY_LINES_NOTE = "line\n" * 100
LARGEST = {
    "every flag, long note": make_answers(**EVERYTHING, notes=LONGEST_NOTE),
    "every flag, a note of 100 lines": make_answers(**EVERYTHING, notes=MANY_LINES_NOTE),
    "every flag but darker skin, unsure type": make_answers(**{**EVERYTHING, "skin_type": "not_sure"}, notes="x" * 500),
}
TYPICAL = make_answers(
    marks=["brown_marks", "boxcar"],
    skin_type="IV",
    routes=["injection"],
    setting="spa_or_salon",
    goals=["fade_dark_marks", "smooth_pits"],
    notes="I have had 3 sessions already.",
)


def pdf_of(answers: Answers, content=None, today: date = DAY) -> bytes:
    return render_pdf(evaluate(answers, content), answers, content=content, today=today)


def text_of(pdf: bytes) -> str:
    """The PDF's text with every run of white space made one space, as lines wrap wherever they wrap."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pages_of(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def words(text: str) -> str:
    return " ".join(text.split())


# --- What it says. ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def everything():
    answers = make_answers(**EVERYTHING, notes=ACCENTED_NOTE)
    pdf = pdf_of(answers)
    return answers, evaluate(answers), pdf, text_of(pdf)


def test_it_is_a_pdf_made_in_memory(everything):
    _, _, pdf, _ = everything
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")


def test_every_flag_is_there_with_its_reason_and_what_to_do(everything):
    _, summary, _, text = everything
    assert len(summary.flags) == 28
    ui = default_content().ui.summary
    for item in layout(summary).flags:
        todo = ui.see_step.format(number=item.step) if item.step else item.flag.action
        assert words(f"{item.flag.title}. {item.flag.reason} {item.cite} {ui.action}: {todo}") in text


def test_a_flag_the_next_step_lists_points_to_its_step_and_each_mark_card_names_its_fit(everything):
    _, summary, _, text = everything
    lay, ui = layout(summary), default_content().ui.summary
    pointed = [item.step for item in lay.flags if item.step]
    assert pointed == [1, 2, 3]
    assert all(words(ui.see_step.format(number=step)) in text for step in pointed)
    assert all(words(f"{card.fit.label}. {card.mark.glutathione}") in text for card in lay.marks if card.fit_shown)
    assert "None" not in text


def test_a_usual_summary_prints_each_flag_s_reason_and_what_to_do_too():
    summary = evaluate(TYPICAL)
    text = text_of(pdf_of(TYPICAL))
    assert summary.flags
    for flag in summary.flags:
        assert words(flag.reason) in text
        assert words(flag.action) in text
    for mark in summary.marks:
        assert words(mark.what_works) in text
    for reference in summary.references:
        assert words(reference.citation) in text


def test_the_notes_print_with_their_accents_dashes_and_curly_quotes(everything):
    _, _, _, text = everything
    assert ACCENTED_NOTE in text


def test_the_disclaimer_date_next_step_marks_article_answers_and_questions_are_there(everything):
    answers, summary, _, text = everything
    content = default_content()
    assert words(summary.disclaimer) in text
    assert DAY.isoformat() in text
    assert summary.content_version in text
    box = content.general.next_step[summary.next_step]
    assert words(box.label) in text
    assert words(box.instruction) in text
    for mark in summary.marks:
        assert mark.name in text
        assert words(mark.glutathione) in text
    for section in summary.article:  # shortened to one line each: the grade, and the claim beside it
        label = content.general.evidence[section.evidence].label
        assert words(f"{label} {section.title}") in text
    for field in Field:
        if field is not Field.NOTES:
            assert words(content.field_label(field)) in text
            assert words(content.answer_text(answers, field)) in text
    # Every flag runs past two pages, so the last thing shortened, the person's own questions, is left out...
    assert not [q for q in summary.questions_for_provider if words(q) in text]
    typical = text_of(pdf_of(TYPICAL))  # ...while a summary that fits two pages prints them all
    assert all(words(q) in typical for q in evaluate(TYPICAL).questions_for_provider)


def test_sources_are_numbered_once_and_cited_by_number(everything):
    _, summary, _, text = everything
    assert "[1] " + words(summary.references[0].short) in text
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text) for n in group.split(",")}
    listed = [int(n) for n in re.findall(r"\[(\d+)\] ", text)]
    assert cited == set(listed) == set(range(1, max(listed) + 1))


def page_texts(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def without_foot(page: str, content) -> str:
    """A page's text without the foot every page ends with (the app's title, then "Page 1 of 2")."""
    foot = re.escape(content.ui.files.page).replace(r"\{number\}", r"\d+").replace(r"\{total\}", r"\d+")
    trimmed = re.sub(rf" ?{re.escape(words(content.ui.app_title))} {foot}$", "", page)
    assert trimmed != page, page[-200:]
    return trimmed


def check_first_things_first(answers: Answers, pdf: bytes, content=None) -> None:
    """Page one opens with the next step (after the title), then the flags, and holds every answer and the note;
    every claim is printed with its grade and every grade with its claim; every source cited is listed, once,
    at the end."""
    content = content or default_content()
    ui = content.ui.summary
    summary = evaluate(answers, content)
    pages = page_texts(pdf)
    assert len(pages) <= 3
    check_page_one(answers, pdf, content)
    header = words(f"{content.ui.app_title} · {ui.made_on}: {DAY.isoformat()} {content.ui.files.pdf_title}")
    lay = layout(summary, content)
    box, lines = lay.next_step, lay.plan
    plan = words(f"{ui.plan} " + " ".join(f"{p.entry.title}. {p.entry.reason} {p.cite}" for p in lines))
    opening = f"{words(box.label)} {words(box.instruction)}"
    if summary.next_step is NextStep.NONE:  # nothing to act on: the plan first, then the box that says so
        assert pages[0].startswith(f"{header} {plan}"), pages[0][:400]
        assert opening in pages[0]
    else:
        assert pages[0].startswith(f"{header} {opening}")
        assert plan in pages[0]
    assert f" {ui.flags} " in pages[0]
    text = " ".join(without_foot(page, content) for page in pages)  # a reference may run on over a page break
    end = text.rindex(f" {ui.sources} ") if summary.references else len(text)

    def grade_of(section) -> str:
        return content.general.evidence[section.evidence].label

    # In full, each claim as the article words it, its grade and the verdict; short of space, one line each: the
    # grade under the column's heading, and the claim's title beside it.
    full = all(words(f"{s.article_says} {ui.evidence}: {grade_of(s)}. {s.verdict}") in text for s in summary.article)
    if not full:
        assert text.count(f" {ui.evidence} ") == 1
        for section in summary.article:
            assert words(f"{grade_of(section)} {section.title}") in text, section.title
    claims = Counter(content.general.evidence[s.evidence].label for s in summary.article)
    for grade in content.general.evidence.values():
        # A grade is printed beside a claim, once in the key, or as a mark's fit that has the same words.
        fits = sum(1 for m in summary.marks if content.general.fit[m.glutathione_fit].label == grade.label)
        key = 1 if claims[grade.label] else 0
        assert text[:end].count(grade.label) == claims[grade.label] + key + fits, grade.label
        assert text.count(f"{ui.evidence}: {grade.label}") == (claims[grade.label] if full else 0)
    sources = text[end:]
    listed = [int(n) for n in re.findall(r"\[(\d+)\] ", sources)]
    assert listed == list(range(1, len(summary.references) + 1))
    for reference in summary.references:
        assert words(reference.short) in sources or words(reference.citation) in sources
    cited = {int(n) for group in re.findall(r"\[([\d, ]+)\]", text[:end]) for n in group.split(",")}
    assert cited <= set(listed)


def check_page_one(answers: Answers, pdf: bytes, content) -> None:
    """Page one holds every answer and the note, and the flags, each with its reason and what to do: all of
    them, or, when they are too many to fit beside the answers, the first ones (the most urgent) in order."""
    ui = content.ui.summary
    lay = layout(evaluate(answers, content), content)
    first = page_texts(pdf)[0]
    for field in Field:
        if field is not Field.NOTES:
            assert words(content.field_label(field)) in first, field
            assert words(printable(content.answer_text(answers, field))) in first, field
    note = printable(_note_lines(answers.notes)) or ui.no_notes
    assert words(ui.notes) in first
    assert "".join(f"{ui.notes}{note}".split()) in "".join(first.split())  # a long word wraps where it must
    shown = []
    for item in lay.flags:
        todo = ui.see_step.format(number=item.step) if item.step else item.flag.action
        shown.append(words(f"{item.flag.title}. {item.flag.reason} {item.cite} {ui.action}: {todo}") in first)
    assert shown == sorted(shown, reverse=True), "the flags on page one are the first ones, in order"
    assert not shown or shown[0], "the first flag, the most urgent, is on page one"


def sizes_of(pdf: bytes) -> list[tuple[float, str]]:
    """Each piece of text the PDF draws, in the order drawn, with its size in points."""
    pieces: list[tuple[float, str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def seen(text, cm, tm, font, size, pieces=pieces):
            if text.strip():
                pieces.append((round(size * tm[0] * cm[0], 2), text))

        page.extract_text(visitor_text=seen)
    return pieces


def check_type_sizes(pdf: bytes, content) -> None:
    """No text smaller than 7 pt, and only the sources and the page's foot smaller than 8 pt: all else, the
    body text, is 8 pt or more."""
    pieces = sizes_of(pdf)
    assert min(size for size, _ in pieces) >= SMALLEST == 7
    headings = [i for i, (_, text) in enumerate(pieces) if text.strip() == content.ui.summary.sources]
    sources = headings[-1] if headings else len(pieces)
    foot = re.compile(re.escape(content.ui.files.page).replace(r"\{number\}", r"\d+").replace(r"\{total\}", r"\d+"))
    for index, (size, text) in enumerate(pieces):
        if size < BODY_FLOOR == 8:
            assert index > sources or text.strip() == content.ui.app_title or foot.fullmatch(text.strip()), (size, text)


@pytest.mark.parametrize("answers", [*LARGEST.values(), TYPICAL, make_answers()], ids=[*LARGEST, "typical", "quiet"])
def test_page_one_starts_with_the_next_step_and_no_grade_stands_without_its_claim(answers):
    pdf = pdf_of(answers)
    check_first_things_first(answers, pdf)
    check_type_sizes(pdf, default_content())


def test_every_heading_and_label_is_read_from_the_content():
    content = default_content()
    ui = content.ui.model_copy(
        update={
            "summary": content.ui.summary.model_copy(
                update={"flags": "Zq act on these", "action": "Zq do this", "answers": "Zq what you said"}
            )
        }
    )
    edited = content.model_copy(update={"ui": ui})
    text = text_of(pdf_of(make_answers(**EVERYTHING), content=edited))
    assert "Zq act on these" in text
    assert "Zq do this:" in text
    assert "Zq what you said" in text
    assert content.ui.summary.flags not in text


def test_icons_are_left_out_because_the_words_carry_the_meaning(everything, caplog):
    _, _, _, text = everything
    general = default_content().general
    icons = [t.icon for t in (*general.levels.values(), *general.evidence.values(), *general.fit.values())]
    assert not [icon for icon in icons if icon in text]
    assert REPLACEMENT * 2 not in text  # no icon left behind as question marks either
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        pdf_of(make_answers(**EVERYTHING))
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_no_notes_prints_the_content_s_word_for_none():
    text = text_of(pdf_of(make_answers()))
    content = default_content()
    assert f"{content.ui.summary.notes} {content.ui.summary.no_notes}" in text


def test_a_note_is_printed_as_plain_text_not_markup():
    note = "**bold** __it__ --under-- <b>x</b> [link](http://e.invalid) {nb} \\n"
    text = text_of(pdf_of(make_answers(notes=note)))
    assert note in text


# --- Characters the font lacks. ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "👍🏽👨‍👩‍👧 ❤️ 🧴🫧" * 10,
        "漢字かなカナ한국어" * 20,
        "𐌰𐌱𐌲𐌳 𝔊𝔬𝔱𝔥𝔦𝔠" * 20,
        "\u200b\u200d\ufeff\ufe0f\u00ad\u2028\u2029 mixed é ü ñ",
        "Arabic مرحبا Hebrew שלום Devanagari नमस्ते Thai สวัสดี",
        "e\u0301\u0302\u0303 combining",
    ],
    ids=["emoji", "cjk", "gothic-and-math", "invisible", "other-scripts", "combining"],
)
def test_characters_the_font_lacks_are_replaced_and_never_fatal(note, caplog):
    answers = make_answers(notes=note)
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        pdf = pdf_of(answers)
    assert pdf.startswith(b"%PDF-")
    assert pages_of(pdf) <= 2
    if "👍" in note:  # colour emoji print in the font's own drawing or are left out, never as "?"
        assert REPLACEMENT not in printable(note)
        assert words(printable(note)) in text_of(pdf)
    assert not [r for r in caplog.records if "missing" in r.getMessage()]


def test_printable_keeps_what_the_font_has_and_replaces_the_rest():
    assert printable(ACCENTED_NOTE) == ACCENTED_NOTE
    assert printable("漢字") == REPLACEMENT * 2
    assert printable("𐌰") == REPLACEMENT
    assert printable("\ud800") == REPLACEMENT  # a lone surrogate
    assert printable("👍🏽") in ("👍", "")  # the skin tone is dropped with nothing in its place
    assert printable("so sore 🫧🫧 help 🧴") == "so sore help"  # a symbol the font lacks is left out cleanly
    assert printable("a\U000e0061b\u2066c") == "abc"  # invisible format characters the font lacks are dropped
    assert printable("a\r\nb\rc\u2028d\u2029e\x85f") == "a\nb\nc\nd\ne\nf"
    assert printable("a\tb") == "a    b"
    assert printable("a\x07b\x1bc") == "abc"
    assert printable("e\u0301") == "é"  # composed, so the accent sits on its letter


def test_the_embedded_fonts_and_their_licence_ship_with_the_code():
    for path in FONT_FILES.values():
        assert path.is_file()
        assert path.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true")
    licence = (FONT_FILES[""].parent / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence
    assert "Arev Fonts Copyright" in licence


# --- Short, stable, in memory. ----------------------------------------------------------------------------


@pytest.mark.parametrize("answers", LARGEST.values(), ids=LARGEST.keys())
def test_the_largest_answer_sets_take_three_pages_at_most_in_type_a_clinician_reads(answers):
    """Every box ticked raises 28 flags: with each flag's reason and what to do at 8 pt, they cannot fit on two
    pages; the type stays readable and the PDF takes a third page."""
    pdf = pdf_of(answers)
    assert pages_of(pdf) <= 3
    check_type_sizes(pdf, default_content())


USUAL = {
    "no flags": make_answers(),
    "typical": TYPICAL,
    "one urgent flag and eleven others": make_answers(
        current_symptoms=["infection_signs"],
        pregnancy="breastfeeding",
        conditions=["asthma", "g6pd_deficiency"],
        marks=["red_marks", "rolling", "raised"],
        skin_type="VI",
        other_treatments=["laser"],
        routes=["not_decided"],
        setting="not_decided",
        goals=["fade_red_marks", "smooth_pits", "lighter_skin_overall"],
        active_acne="many_inflamed",
        notes="Worried about my sister’s keloids.",
    ),
}


@pytest.mark.parametrize("answers", USUAL.values(), ids=USUAL.keys())
def test_a_usual_answer_set_takes_two_pages_at_most(answers):
    assert pages_of(pdf_of(answers)) <= 2


def test_a_long_note_keeps_a_dozen_lines_and_loses_no_words():
    text = text_of(pdf_of(make_answers(notes=MANY_LINES_NOTE)))
    assert text.count("line") >= 100


@pytest.mark.slow
def test_the_same_answers_and_day_give_the_same_bytes():
    answers = make_answers(**EVERYTHING, notes=ACCENTED_NOTE)
    assert pdf_of(answers) == pdf_of(answers)
    assert pdf_of(answers, today=date(2027, 1, 2)) != pdf_of(answers)


def test_the_file_says_the_day_it_was_made_but_not_the_time():
    reader = PdfReader(io.BytesIO(pdf_of(TYPICAL)))
    made = reader.metadata.creation_date
    assert (made.year, made.month, made.day, made.hour, made.minute, made.second) == (2026, 11, 30, 0, 0, 0)
    assert reader.metadata.title.startswith(default_content().ui.app_title)


def test_nothing_is_written_to_disk(monkeypatch):
    real_open = builtins.open

    def read_only(file, mode="r", *args, **kwargs):
        if any(flag in mode for flag in "wax+"):
            raise AssertionError(f"render_pdf opened {file!r} for writing")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", read_only)
    monkeypatch.setattr(Path, "write_bytes", lambda *a: pytest.fail("render_pdf wrote a file"))
    assert pdf_of(TYPICAL).startswith(b"%PDF-")


def test_all_text_sits_inside_the_page():
    reader = PdfReader(io.BytesIO(pdf_of(make_answers(**EVERYTHING, notes=LONGEST_NOTE))))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        spots: list[tuple[str, float, float]] = []

        def seen(text, cm, tm, *_, spots=spots):
            if text.strip():
                spots.append((text, tm[4], tm[5]))

        page.extract_text(visitor_text=seen)
        assert spots
        for text, x, y in spots:
            assert 0 < x < width and 0 < y < height, (text, x, y)


# --- Rendered as a person sees it. ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "answers"),
    [
        ("quiet", make_answers()),
        ("typical", TYPICAL),
        ("largest", LARGEST["every flag, long note"]),
        ("twelve-flags-fil", USUAL["one urgent flag and eleven others"]),
    ],
)
@pytest.mark.integration  # Debian's poppler-utils draws the pages
def test_every_page_renders_with_pdftoppm(name, answers, tmp_path):
    """Pages drawn by poppler, as a viewer would; copies go to SCREENSHOTS to be looked at."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: `make test` installs Debian's poppler-utils"
    pdf = pdf_of(answers, default_content("fil") if name.endswith("-fil") else None)
    source = tmp_path / f"{name}.pdf"
    source.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(source), str(tmp_path / name)], check=True, timeout=120)
    images = sorted(tmp_path.glob(f"{name}-*.png"))
    assert len(images) == pages_of(pdf)
    shots = SCREENSHOTS
    shots.mkdir(parents=True, exist_ok=True)
    for image in images:
        assert image.stat().st_size > 5_000  # a drawn page, not a blank one
        assert ink_within(image) == (True, True, True, True), image.name
        shutil.copy(image, shots / f"pdf-{image.name}")


# Where ink may be, in mm from the page's edges: the text and rules keep the 10 mm side margins and the top
# one; the page number and title sit in the bottom margin, clear of the edge a printer cannot reach.
CLEAR_OF_EDGES = {"left": 9, "top": 8, "right": 9, "bottom": 5}


def ink_within(image: Path, dpi: int = 60) -> tuple[bool, bool, bool, bool]:
    """Whether the page drawn in `image` leaves each edge's band (left, top, right, bottom) blank."""
    page = Image.open(image).convert("L")
    width, height = page.size
    band = {side: round(mm * dpi / 25.4) for side, mm in CLEAR_OF_EDGES.items()}
    left, top, right, bottom = page.point(lambda v: 255 if v < 250 else 0).getbbox() or (width, height, 0, 0)
    return (
        left >= band["left"],
        top >= band["top"],
        right <= width - band["right"],
        bottom <= height - band["bottom"],
    )


# --- Properties: any answers make a PDF ----------------------------------------------------------------------------


REAL_NOTES = [
    "",
    "It bleeds when I shave 😭",
    "I had 3 sessions at a salon.\nMy face itched after the 2nd 🫧🧴 one.",
    "Tatlong session na po ako 🙏 — nangati pagkatapos.",
]


# Found by the property below: the flags' bold words made them a line taller than the plain guess, so the
# answers went in one flag too late and the note fell to page two.
NOTE_PUSHED_OFF = make_answers(
    current_symptoms=["breathing_or_swelling"],
    age_group="under_18",
    conditions=[
        "kidney",
        "liver",
        "thyroid",
        "g6pd_deficiency",
        "kidney_stones",
        "cancer_treatment",
        "asthma",
        "sulfite_sensitivity",
    ],
    previous_reaction="yes",
    isotretinoin="more_than_6_months_ago",
    skin_type="I",
    marks=["rolling", "brown_marks"],
    severity="flat_only",
    mark_age="3_to_12_months",
    active_acne="few",
    keloid_history="yes",
    routes=["injection", "oral", "inhaled", "topical"],
    setting="other_medical",
    goals=["fade_red_marks"],
    notes=REAL_NOTES[3],
)


def test_the_note_stays_on_page_one_when_bold_words_make_the_flags_taller_than_guessed():
    check_page_one(NOTE_PUSHED_OFF, pdf_of(NOTE_PUSHED_OFF), default_content())


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.answers(), st.sampled_from(["en", "fil"]), st.sampled_from(REAL_NOTES))
def test_any_answers_make_a_readable_pdf_with_the_patient_picture_on_page_one(answers, language, note):
    """For any answers in either language: body text 8 pt or more, nothing under 7 pt; page one holds the next
    step, the flags that fit beside every answer and the note; every claim with its grade."""
    answers = answers.model_copy(update={"notes": note})
    content = default_content(language)
    pdf = render_pdf(evaluate(answers, content), answers, content, today=DAY)
    assert pdf.startswith(b"%PDF-")
    # Two pages for usual answers; every flag's reason and action at 8 pt take a third (a fourth in the longer
    # Filipino wording, for answers that raise nearly every flag): known, and left open in issue 26.
    assert 1 <= pages_of(pdf) <= (3 if language == "en" else 4)
    check_type_sizes(pdf, content)
    check_page_one(answers, pdf, content)
    if language == "en":
        check_first_things_first(answers, pdf)


# --- The Filipino edition: every character printed, the unreviewed notice once -------------------------------------


def _texts(value) -> list[str]:
    """Every string inside a content model's data."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def test_the_pdf_font_has_a_glyph_for_every_character_of_the_filipino_edition():
    from fontTools.ttLib import TTFont

    from exports.pdf import FONT_FILES

    covered = set.intersection(*(set(TTFont(path, lazy=True).getBestCmap()) for path in FONT_FILES.values()))
    used = {c for text in _texts(load_content(language="fil").model_dump()) for c in text if c.isprintable()}
    # Icons (emoji) are left out of the PDF on purpose: the words carry the meaning.
    missing = {c for c in used - {chr(p) for p in covered} if not _is_icon(c)}
    assert not missing, f"the PDF font cannot draw {sorted(missing)}"


def _is_icon(character: str) -> bool:
    return (ord(character) >= 0x2190 and not character.isalnum()) or ord(character) in (0xFE0F, 0x200D)


FILIPINO_ANSWERS = {
    "every flag": make_answers(
        current_symptoms=["rash_or_blisters"],
        distress="self_harm_thoughts",
        pregnancy="pregnant",
        isotretinoin="current",
        marks=["brown_marks", "boxcar", "keloid"],
        routes=["injection"],
        setting="spa_or_salon",
        notes="Tatlong session na po ako.",
    ),
    "a usual answer set": make_answers(
        marks=["brown_marks"], skin_type="IV", routes=["injection"], setting="spa_or_salon"
    ),
}


@pytest.mark.parametrize("answers", FILIPINO_ANSWERS.values(), ids=FILIPINO_ANSWERS)
def test_the_filipino_pdf_prints_every_character_of_its_words(answers):
    """Extracted with pypdf, the PDF holds its Filipino words as they are in the content: nothing replaced,
    nothing dropped, the unreviewed-translation notice once."""
    import io

    from pypdf import PdfReader

    from exports import render_pdf
    from logic.layout import layout

    filipino = load_content(language="fil")
    summary = evaluate(answers, filipino)
    pdf = render_pdf(summary, answers, filipino)
    squeezed = "".join("".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    lay = layout(summary, filipino)
    expected = [
        lay.next_step.label,
        lay.next_step.instruction,
        *(item.flag.title for item in lay.flags),
        *(card.mark.name for card in lay.marks),
        filipino.ui.summary.about,
        filipino.language.notice,
        answers.notes,
    ]
    for text in filter(None, expected):
        assert "".join(text.split()) in squeezed, text
    assert squeezed.count("".join(filipino.language.notice.split())) == 1


@pytest.mark.parametrize("language", ["en", "fil"])
def test_the_notice_that_no_doctor_checked_the_wording_is_on_page_one_before_the_flags(language):
    content = default_content(language)
    answers = make_answers(current_symptoms=["rash_or_blisters"], marks=["brown_marks"], routes=["injection"])
    pdf = render_pdf(evaluate(answers, content), answers, content, today=DAY)
    page_one = words(PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    notice, flags = words(content.review_notice), words(content.ui.summary.flags)
    assert notice in page_one
    assert page_one.index(notice) < page_one.index(flags)
    assert words(text_of(pdf)).count(notice) == 1
