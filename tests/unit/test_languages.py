"""Languages are data: a translation is a folder of the same files and keys, checked against the English."""

import shutil
import tomllib
from pathlib import Path

import pytest
import tomli_w

from logic import ContentError, evaluate, load_content
from logic.content import CONTENT_DIR, NOT_TRANSLATED, is_translated, languages
from logic.vocab import FlagId
from tests.factories import make_answers

WORD_FILES = ("general", "flags", "article", "marks", "questions", "ui")


def words_only(data, fixed: tuple[str, ...], at: str = ""):
    """A file's data as a translation holds it: every text kept, the values that are not words left out."""
    if isinstance(data, dict):
        inner = f"{at}." if at else ""
        return {k: words_only(v, fixed, f"{inner}{k}") for k, v in data.items() if is_translated(f"{inner}{k}", fixed)}
    if isinstance(data, list):
        return [words_only(v, fixed, at) for v in data]
    return "Zx " + data if isinstance(data, str) else data


@pytest.fixture
def with_translation(tmp_path) -> Path:
    """A copy of the content with a made-up language `zz` whose every text starts with "Zx "."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("fil"))
    (target / "zz").mkdir()
    for name in WORD_FILES:
        english = tomllib.loads((CONTENT_DIR / f"{name}.toml").read_text(encoding="utf-8"))
        (target / "zz" / f"{name}.toml").write_text(
            tomli_w.dumps(words_only(english, NOT_TRANSLATED[name])), encoding="utf-8"
        )
    (target / "zz" / "language.toml").write_text(
        'name = "Zedish"\ncode = "zz"\nreviewed_by_clinician = false\nnotice = "Zx not checked yet."\n'
        'claim_opening = "Zx The article says"\n',
        encoding="utf-8",
    )
    return target


def edit(directory: Path, name: str, change) -> None:
    path = directory / "zz" / f"{name}.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def broken(directory: Path) -> str:
    with pytest.raises(ContentError) as caught:
        load_content(directory, "zz")
    return str(caught.value)


def test_english_is_the_source_and_says_so():
    content = load_content()
    assert (content.language.code, content.language.name, content.language.reviewed_by_clinician) == (
        "en",
        "English",
        True,
    )


def test_a_language_is_added_by_adding_its_folder(with_translation):
    assert languages(with_translation) == {"en": "English", "zz": "Zedish"}
    content = load_content(with_translation, "zz")
    assert content.language.notice == "Zx not checked yet."
    summary = evaluate(make_answers(changing_spot=True), content)
    english = evaluate(make_answers(changing_spot=True), load_content(with_translation))
    assert summary.flags[0].title == "Zx " + english.flags[0].title
    # Ids, answer values, grades, sources and the rules do not change with the language.
    assert [(f.id, f.level, f.when, f.sources) for f in summary.flags] == [
        (f.id, f.level, f.when, f.sources) for f in english.flags
    ]
    assert summary.flags[0].id is FlagId.CHANGING_SPOT
    assert [s.evidence for s in summary.article] == [s.evidence for s in english.article]
    assert summary.references == english.references


def test_an_unknown_language_is_named():
    with pytest.raises(ContentError) as caught:
        load_content(language="xx")
    assert "there is no content in the language 'xx'" in str(caught.value)


def test_a_missing_key_names_the_language_file_and_key(with_translation):
    edit(with_translation, "flags", lambda d: d["changing_spot"].pop("action"))
    message = broken(with_translation)
    assert "zz/flags.toml" in message
    assert "changing_spot.action: missing (the English has it)" in message


def test_an_extra_key_is_refused(with_translation):
    edit(with_translation, "marks", lambda d: d["keloid"].update(colour="Zx red"))
    assert "keloid.colour: not in the English" in broken(with_translation)


def test_a_key_that_is_not_words_must_stay_out(with_translation):
    edit(with_translation, "article", lambda d: d["risks"].update(evidence="supported"))
    assert "zz/article.toml" in (message := broken(with_translation))
    assert "risks.evidence: not translated: leave it out" in message


def test_a_placeholder_that_differs_from_the_english_is_refused(with_translation):
    edit(with_translation, "ui", lambda d: d["nav"].update(progress="Zx {number} / {all}: {title}"))
    message = broken(with_translation)
    assert "zz/ui.toml" in message
    assert "nav.progress: placeholders {all}, {number}, {title} differ from the English {number}, {title}, {total}" in (
        message
    )


def test_a_list_keeps_its_length(with_translation):
    edit(with_translation, "general", lambda d: d["provider_questions"]["always"].pop())
    assert "provider_questions.always: needs 3 items, as in English" in broken(with_translation)


def test_an_unreviewed_translation_must_say_so(with_translation):
    (with_translation / "zz" / "language.toml").write_text(
        'name = "Zedish"\ncode = "zz"\nreviewed_by_clinician = false\nclaim_opening = "Zx The article says"\n',
        encoding="utf-8",
    )
    message = broken(with_translation)
    assert "zz/language.toml" in message
    assert "a translation no clinician has reviewed must say so" in message


def test_each_claim_starts_with_the_language_s_own_opening(with_translation):
    edit(with_translation, "article", lambda d: d["risks"].update(claim="Zx Injections are safe."))
    message = broken(with_translation)
    assert "zz/article.toml" in message
    assert "risks.claim: must start with 'Zx The article says'" in message


def test_words_are_translated_even_where_a_key_shares_a_name_with_an_id_list():
    assert is_translated("evidence.supported.label", NOT_TRANSLATED["general"])
    assert not is_translated("evidence.supported.icon", NOT_TRANSLATED["general"])
    assert is_translated("summary.sources", NOT_TRANSLATED["ui"])
    assert not is_translated("risks.evidence", NOT_TRANSLATED["article"])
    assert not is_translated("risks.sources", NOT_TRANSLATED["article"])
    assert set(NOT_TRANSLATED) == set(WORD_FILES)


def test_the_filipino_edition_loads_complete_and_says_it_is_not_yet_reviewed():
    assert languages() == {"en": "English", "fil": "Filipino"}
    filipino, english = load_content(language="fil"), load_content()
    assert filipino.language.code == "fil"
    assert not filipino.language.reviewed_by_clinician and filipino.language.notice
    assert filipino.general.next_step["now"].label != english.general.next_step["now"].label
    assert filipino.references == english.references
    for flag in FlagId:
        assert filipino.flags[flag].sources == english.flags[flag].sources
        assert filipino.flags[flag].title != english.flags[flag].title


def _texts(value) -> list[str]:
    """Every string inside a content model's data."""
    if isinstance(value, dict):
        return [t for v in value.values() for t in _texts(v)]
    if isinstance(value, list | tuple):
        return [t for v in value for t in _texts(v)]
    return [value] if isinstance(value, str) else []


def test_the_pdf_font_has_a_glyph_for_every_character_of_the_filipino_edition():
    from fontTools.ttLib import TTFont

    from logic.pdf import FONT_FILES

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

    from logic import render_pdf
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
        *lay.questions,
        filipino.ui.summary.about,
        filipino.language.notice,
        answers.notes,
    ]
    for text in filter(None, expected):
        assert "".join(text.split()) in squeezed, text
    assert squeezed.count("".join(filipino.language.notice.split())) == 1


def test_the_english_files_say_nothing_of_a_translation_and_the_filipino_markdown_says_it_once():
    from logic import render_markdown

    answers = FILIPINO_ANSWERS["a usual answer set"]
    english, filipino = load_content(), load_content(language="fil")
    assert filipino.language.notice not in render_markdown(evaluate(answers, english), answers, english)
    markdown = render_markdown(evaluate(answers, filipino), answers, filipino)
    assert markdown.count(filipino.language.notice) == 1
