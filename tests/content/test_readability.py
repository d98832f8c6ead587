"""Plain language: the wording is checked for a reading age of about 12.

Bound: Flesch-Kincaid grade 7 for all the prose together (a US grade 7 reader is 12 to 13 years old) and
grade 8 for any one file, because some files are dense with medical names that no rewording removes
(glutathione, isotretinoin, hyperpigmentation) and each of them adds syllables the formula counts as
difficulty. textstat 0.7.4 is pinned because later releases download a pronunciation dictionary at run
time, which this project's machines cannot do; 0.7.4 counts syllables with pyphen, offline.
"""

import re
import tomllib

import pytest
import textstat

from logic.content import CONTENT_DIR

FILES = ("general", "flags", "article", "marks", "questions", "ui")
WHOLE_BOUND = 7.0
FILE_BOUND = 8.0
NOT_PROSE = {"source", "sources", "content_version", "icon", "markdown_file", "answers_file", "pdf_file", "fhir_file"}


def prose(value, key: str = "") -> list[str]:
    if isinstance(value, dict):
        return [text for k, v in value.items() if k not in NOT_PROSE for text in prose(v, k)]
    if isinstance(value, list):
        return [text for v in value for text in prose(v, key)]
    return [value] if isinstance(value, str) and len(value.split()) >= 6 else []


def texts(name: str) -> list[str]:
    return prose(tomllib.loads((CONTENT_DIR / f"{name}.toml").read_text(encoding="utf-8")))


def grade(parts: list[str]) -> float:
    return textstat.flesch_kincaid_grade(" ".join(parts))


def test_the_check_tells_plain_words_from_hard_ones():
    plain = ["The cat sat on the mat. It was warm. We had tea and cake after school."]
    hard = [
        "Pharmacokinetic characterisation of intravenously administered glutathione necessitates comprehensive"
        " multidisciplinary investigation of hepatotoxicity and nephrotoxicity."
    ]
    assert grade(plain) < 3 < FILE_BOUND < grade(hard)


@pytest.mark.parametrize("name", FILES)
def test_each_content_file_reads_at_about_age_twelve(name):
    parts = texts(name)
    assert len(parts) >= 10
    assert grade(parts) <= FILE_BOUND, f"{name}.toml reads at grade {grade(parts)}"


def test_all_the_wording_together_reads_at_about_age_twelve():
    everything = [t for name in FILES for t in texts(name)]
    assert grade(everything) <= WHOLE_BOUND


# --- Filipino -----------------------------------------------------------------------------------------------
# Flesch-Kincaid is built on English syllable counts and says nothing about Filipino, whose affixes make
# plain words long (nagbibigay, makakakuha). What makes a health leaflet hard in any language is long
# sentences and padding, so the Filipino is held to the sentence lengths the plain English already has,
# with a margin for Filipino's extra function words (ang, ng, sa, na), and to no more than half again the
# words of the English it translates.
FIL_MEAN_SENTENCE = 16  # words; the English is about 13
FIL_LONGEST_SENTENCE = 45
FIL_WORDS_PER_ENGLISH_WORD = 1.5
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def sentences(parts: list[str]) -> list[str]:
    return [s for part in parts for s in _SENTENCE.split(part) if s.strip()]


def filipino_texts(name: str) -> list[str]:
    return prose(tomllib.loads((CONTENT_DIR / "fil" / f"{name}.toml").read_text(encoding="utf-8")))


def test_the_check_tells_short_filipino_sentences_from_long_ones():
    plain = sentences(["Magpatingin ka sa doktor ngayong araw. Huwag nang magpa-drip."])
    assert max(len(s.split()) for s in plain) < 10 < FIL_LONGEST_SENTENCE


def test_the_filipino_wording_keeps_to_short_sentences():
    every = sentences([t for name in FILES for t in filipino_texts(name)])
    lengths = [len(s.split()) for s in every]
    assert sum(lengths) / len(lengths) <= FIL_MEAN_SENTENCE
    assert [s for s in every if len(s.split()) > FIL_LONGEST_SENTENCE] == []


@pytest.mark.parametrize("name", FILES)
def test_the_filipino_is_not_padded_beyond_the_english(name):
    english = sum(len(t.split()) for t in texts(name))
    filipino = sum(len(t.split()) for t in filipino_texts(name))
    assert filipino <= FIL_WORDS_PER_ENGLISH_WORD * english, f"{name}: {filipino} words for {english} in English"
