"""The editable wording: TOML files in `content/`, validated into frozen models when first loaded.

A clinician edits the TOML; nothing here needs to change. A file that is broken (bad TOML, a missing
field, an id the code does not know, an id left without text) stops loading with `ContentError`, whose
message names the file and the field.

Languages are data. `content/*.toml` is English, the source. Another language is a folder named by its code
(`content/fil/`) with a `language.toml` and, for each file of words, the same tables and keys holding that
language's text; what is not words (sources, grades, icons, the content version, file names, the
bibliography) is never translated and stays out of those files. A missing or extra key, or a `{placeholder}`
that differs from the English, stops loading with the language, file and key named. Ids, answer values and
the rules never change with the language.
"""

import re
import tomllib
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Self

import pydantic
from pydantic import BaseModel, StringConstraints, model_validator

from . import errors
from .answers import Answers, field_options, is_multi, is_text, is_yes_no, needs_one
from .errors import FILE_MISSING, ContentError, content_problems, no_language, not_toml, unreadable
from .rules import PLAN_RULES
from .summary import Frozen, Reference
from .vocab import (
    Advice,
    Evidence,
    Field,
    FlagId,
    GlutathioneFit,
    Level,
    Mark,
    NextStep,
    ReferenceKind,
    Relevance,
    Route,
    SectionId,
    SkinType,
    Step,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
ReferenceId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Sources = Annotated[tuple[ReferenceId, ...], pydantic.Field(min_length=1)]


def _require_all(mapping: dict[Any, Any], kind: type[StrEnum], ids: Iterable[StrEnum] | None = None) -> None:
    """Every id of `kind` (or just `ids`, some of them) is a key of `mapping`."""
    missing = [str(i) for i in (kind if ids is None else ids) if i not in mapping]
    if missing:
        raise ValueError(errors.missing_ids(kind, missing))


# --- general.toml ------------------------------------------------------------------------------------


class LevelText(Frozen):
    label: Text
    headline: Text
    icon: Text


class LabelText(Frozen):
    label: Text
    meaning: Text
    icon: Text


class ProviderQuestions(Frozen):
    always: tuple[Text, ...]
    routes: dict[Route, Text]
    # For someone who would rather not say whether they are pregnant or breastfeeding: a question they can
    # ask in private, since no flag can say it for them.
    pregnancy_unsaid: Text

    @model_validator(mode="after")
    def _complete(self) -> Self:
        _require_all(self.routes, Route)
        return self


class NextStepWords(Frozen):
    """Who to contact and how soon, in words made for one flag."""

    label: Text
    instruction: Text


class NextStepText(Frozen):
    """What the summary opens with for one time frame: who to contact and how soon."""

    label: Text
    instruction: Text
    icon: Text
    # Words for when one flag alone sets this time frame and the general ones would send the person to the
    # wrong help (thoughts of self-harm alone: a free line now, not an ambulance); that flag's action names
    # its own help, so an urgent message under its question does not add the emergency numbers first.
    only: dict[FlagId, NextStepWords] = pydantic.Field(default_factory=dict)

    def for_flags(self, flags: Iterable[FlagId]) -> "NextStepText | NextStepWords":
        """The words for the flags that set this time frame: those made for a flag that alone sets it, if any;
        otherwise the time frame's own."""
        ids = set(flags)
        return self.only.get(next(iter(ids)), self) if len(ids) == 1 else self


class General(Frozen):
    content_version: Text
    disclaimer: Text
    next_step: dict[NextStep, NextStepText]
    levels: dict[Level, LevelText]
    evidence: dict[Evidence, LabelText]
    fit: dict[GlutathioneFit, LabelText]
    relevance: dict[Relevance, Text]
    provider_questions: ProviderQuestions

    @model_validator(mode="after")
    def _complete(self) -> Self:
        _require_all(self.next_step, NextStep)
        _require_all(self.levels, Level)
        _require_all(self.evidence, Evidence)
        _require_all(self.fit, GlutathioneFit)
        _require_all(self.relevance, Relevance)
        return self


# --- flags.toml, article.toml, marks.toml --------------------------------------------------------------


class FlagText(Frozen):
    title: Text
    reason: Text
    action: Text
    sources: Sources
    question: Text | None = None


class SectionText(Frozen):
    title: Text
    claim: Text  # starts with the language's claim_opening, "The article says" in English
    evidence: Evidence
    verdict: Text
    note: Text
    sources: Sources


class ReferenceText(Frozen):
    """One bibliography entry, refused unless its citation is complete for its kind (see references.toml)."""

    short: Text
    citation: Text
    kind: ReferenceKind
    url: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$")] | None = None
    checked: date

    @model_validator(mode="after")
    def _complete_for_its_kind(self) -> Self:
        problems = citation_gaps(self.kind, self.citation, self.url)
        if problems:
            raise ValueError("; ".join(problems))
        return self


# What a complete citation holds. A journal article: its authors first ("Surname AB,"), a year, and the journal's
# volume and pages ("2016;26(3):177-181") or a DOI. Anything else: a public link to it.
_ARTICLE_KINDS = (ReferenceKind.TRIAL, ReferenceKind.SYSTEMATIC_REVIEW, ReferenceKind.CASE_SERIES)
# A surname may start with a lowercase particle, as Vancouver style keeps it: "van Leeuwen MCE", "dela Cruz J".
_PARTICLES = "van|von|der|den|de|del|dela|della|da|di|du|le|la"
_AUTHORS = re.compile(rf"^(?:(?:{_PARTICLES}) )*[A-Z][A-Za-z'’-]+(?: [A-Za-z'’-]+)* [A-Z]{{1,3}}[,.]")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_VOLUME_PAGES = re.compile(r"\b(?:19|20)\d{2}[^;.]*;\s*\d+(?:\([^)]*\))?:\s*[A-Za-z]?\d+")
_DOI = re.compile(r"\bdoi:\s*10\.\d{4,}/\S+", re.IGNORECASE)


def citation_gaps(kind: ReferenceKind, citation: str, url: str | None) -> list[str]:
    """What a citation of this kind lacks, one phrase each; empty when it is complete."""
    article = kind in _ARTICLE_KINDS or (kind is ReferenceKind.EXPERT_REVIEW and url is None)
    if not article:
        return [] if url else [errors.citation_needs_link(kind)]
    gaps = []
    if not _AUTHORS.match(citation):
        gaps.append(errors.CITATION_NEEDS_AUTHORS)
    if not _YEAR.search(citation):
        gaps.append(errors.CITATION_NEEDS_YEAR)
    if not (_VOLUME_PAGES.search(citation) or _DOI.search(citation)):
        gaps.append(errors.CITATION_NEEDS_JOURNAL)
    return gaps


class MarkText(Frozen):
    name: Text
    recognise: Text
    description: Text
    glutathione: Text
    what_works: Text
    sources: Sources
    question: Text | None = None


# --- plan.toml ------------------------------------------------------------------------------------------


class PlanText(Frozen):
    """The plan's words for one route and advice: the advice in a few plain words, and one line saying why."""

    title: Text
    reason: Text
    sources: Sources


PlanTexts = dict[Route, dict[Advice, PlanText]]


def _plan_complete(plan: PlanTexts) -> None:
    """A text for every advice the rules can give each route (`logic/rules.py`), and none they cannot."""
    for route in Route:
        given = plan.get(route, {})
        wanted = [advice for advice, _ in PLAN_RULES.get(route, ())]
        missing = [f"{route}.{a}" for a in wanted if a not in given]
        if missing:
            raise ValueError(errors.missing_ids(Advice, missing))
        extra = [f"{route}.{a}" for a in given if a not in wanted]
        if extra:
            raise ValueError(errors.plan_not_given(extra))


# --- questions.toml -------------------------------------------------------------------------------------


class StepText(Frozen):
    title: Text
    intro: Text


class QuestionText(Frozen):
    label: Text
    help: Text
    options: dict[str, Text] = pydantic.Field(default_factory=dict)
    none_label: Text | None = None


_FITZPATRICK_TYPES = tuple(t for t in SkinType if t is not SkinType.NOT_SURE)


class HelperQuestion(Frozen):
    label: Text
    options: dict[SkinType, Text]


class SkinTypeHelper(Frozen):
    title: Text
    intro: Text
    burn: HelperQuestion
    tan: HelperQuestion
    colour: HelperQuestion

    @model_validator(mode="after")
    def _complete(self) -> Self:
        for question in (self.burn, self.tan, self.colour):
            _require_all(question.options, SkinType, _FITZPATRICK_TYPES)
        return self


class Questions(Frozen):
    steps: dict[Step, StepText]
    fields: dict[Field, QuestionText]
    skin_type_helper: SkinTypeHelper

    @model_validator(mode="after")
    def _complete(self) -> Self:
        _require_all(self.steps, Step)
        _require_all(self.fields, Field)
        for field, text in self.fields.items():
            expected = _option_keys(field)
            given = set(text.options)
            if given != set(expected):
                missing = [k for k in expected if k not in given]
                raise ValueError(errors.options_differ(field, missing, sorted(given - set(expected))))
            may_be_empty = is_multi(field) and not needs_one(field)
            if text.none_label is not None and not may_be_empty:
                raise ValueError(errors.none_label_not_taken(field))
            if text.none_label is None and may_be_empty:
                raise ValueError(errors.none_label_needed(field))
        return self


def _option_keys(field: Field) -> tuple[str, ...]:
    if is_yes_no(field):
        return ("true", "false")
    if is_text(field):
        return ()
    return tuple(str(v) for v in field_options(field))


# --- ui.toml ---------------------------------------------------------------------------------------------


class WelcomeText(Frozen):
    what_it_is: Text
    what_it_is_not: Text
    privacy: Text
    duration: Text
    start: Text
    emergency: Text  # the signs that cannot wait, before Start; nav.emergency_call follows


class NavText(Frozen):
    back: Text
    next: Text
    review: Text
    see_summary: Text
    start_over: Text
    edit: Text
    progress: Text
    reminder: Text  # an urgent answer given on an earlier page, at the top of each later page
    emergency_call: Text  # the emergency numbers, said once
    what_to_do_now: Text  # the control an urgent message carries, and the title of the page it opens
    now_intro: Text
    back_to_questions: Text
    back_to_review: Text  # Next's words on a page opened with Change from the review
    change_answers: Text  # on the summary: back to the review, every answer kept
    start_over_ask: Text  # "Start over" asks first, with these words and two answers
    start_over_yes: Text
    start_over_no: Text
    skip: Text  # the page's "skip to main content" link
    connection_restored: Text  # the server was lost and the tab's copy brought the answers back


class ValidationText(Frozen):
    heading: Text  # the page's banner when an answer is missing
    heading_too_long: Text  # ... when the note is too long
    heading_not_allowed: Text  # ... when an answer is not one the question takes
    choose_one: Text
    choose_one_plain: Text
    choose_some: Text
    choose_some_plain: Text
    choose_any: Text
    alone: Text
    notes_too_long: Text
    notes_control: Text
    why: Text
    notes_limit: Text
    notes_cut: Text


class HelperText(Frozen):
    suggestion: Text
    use: Text


class ReviewText(Frozen):
    title: Text
    intro: Text


class SummaryText(Frozen):
    title: Text
    intro: Text
    why: Text
    and_word: Text
    do_first: Text
    plan: Text  # the plan's heading: the question the person came with
    plan_more: Text  # the label of the fold under each plan line: its reason and sources
    read_rest: Text
    see_step: Text
    flags: Text
    no_flags: Text
    action: Text
    why_seeing: Text
    why_more: Text
    source: Text
    marks: Text
    glutathione: Text
    recognise: Text
    what_works: Text
    mark_more: Text
    mark_more_folded: Text
    sources: Text
    article: Text
    article_intro: Text
    grade_key: Text
    article_says: Text
    evidence: Text
    claim_more: Text
    shown_because: Text
    questions: Text
    downloads: Text
    answers: Text
    question: Text
    answer: Text
    notes: Text
    no_notes: Text
    about: Text
    content_version: Text
    made_on: Text
    reviewed: Text  # the about part's line for a recorded clinician review: {reviewer}, {qualification}, ...
    download_markdown: Text
    markdown_file: Text


class FilesText(Frozen):
    save_answers: Text
    save_help: Text
    answers_file: Text
    resume_title: Text
    resume_help: Text
    resume_label: Text
    resume_failed: Text
    download_pdf: Text
    pdf_file: Text
    pdf_title: Text
    page: Text
    download_fhir: Text
    fhir_file: Text
    choose_file: Text  # the file chooser's button, in place of Streamlit's own words
    file_limit: Text
    refused: Text  # a file the browser turns away before sending it, in place of Streamlit's English
    remove_file: Text  # the name of the button that removes such a file
    not_answers_file: Text  # a saved answers file that can't be used: one line per problem
    no_answer: Text
    wrong_answer: Text
    not_a_question: Text
    fhir_not_read: Text  # a FHIR QuestionnaireResponse that cannot be read as this questionnaire's answers
    too_many: Text  # a download refused: asked too often
    gone: Text  # a download refused: the file is no longer offered
    failed: Text  # a download that could not be made


class LanguageText(Frozen):
    label: Text  # the language switch's name, for screen readers


class Interface(Frozen):
    app_title: Text
    tagline: Text
    welcome: WelcomeText
    nav: NavText
    validation: ValidationText
    helper: HelperText
    review: ReviewText
    summary: SummaryText
    files: FilesText
    language: LanguageText


# --- All of it ----------------------------------------------------------------------------------------


class ClinicianReview(Frozen):
    """A review that happened: who read the wording, their qualification, when, and which content version."""

    reviewer: Text
    qualification: Text
    date: date
    content_version: Text


class Language(Frozen):
    """Which language the words are in, and whether a clinician fluent in it has checked them.

    `reviewed_by_clinician` is true only with a `review` recorded beside it; until then the `notice` says, near
    the top of the welcome page and of every summary, that no doctor has checked the wording."""

    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
    name: Text
    reviewed_by_clinician: bool
    review: ClinicianReview | None = None
    notice: str = ""  # said once near the top of the welcome page and of every summary while unreviewed
    claim_opening: Text  # how every article claim starts, so it reads as the article's claim: "The article says"

    @model_validator(mode="after")
    def _notice_until_reviewed(self) -> Self:
        if self.reviewed_by_clinician and self.review is None:
            raise ValueError(errors.REVIEWED_WITHOUT_RECORD)
        if not self.reviewed_by_clinician and self.review is not None:
            raise ValueError(errors.RECORD_WITHOUT_REVIEWED)
        if not self.reviewed_by_clinician and not self.notice.strip():
            raise ValueError(errors.UNREVIEWED_WITHOUT_NOTICE)
        return self


class Content(Frozen):
    language: Language
    general: General
    flags: dict[FlagId, FlagText]
    plan: PlanTexts
    article: dict[SectionId, SectionText]
    marks: dict[Mark, MarkText]
    questions: Questions
    ui: Interface
    references: dict[str, ReferenceText]

    def reference(self, reference_id: str) -> Reference:
        """One bibliography entry as the summary carries it."""
        return Reference(id=reference_id, **self.references[reference_id].model_dump())

    def review_record(self) -> str | None:
        """The about part's line naming who checked the wording, when and which version; None until recorded."""
        review = self.language.review
        if review is None:
            return None
        return self.ui.summary.reviewed.format(
            reviewer=review.reviewer,
            qualification=review.qualification,
            date=review.date.isoformat(),
            version=review.content_version,
        )

    @property
    def review_notice(self) -> str | None:
        """What every page and file says, near its top, while no clinician review is recorded."""
        return None if self.language.reviewed_by_clinician else self.language.notice

    def sources_line(self, sources: Iterable[str]) -> str:
        """Several references as one readable line, by their short names."""
        return "; ".join(self.references[s].short for s in sources)

    def field_label(self, field: Field) -> str:
        return self.questions.fields[field].label

    def option_label(self, field: Field, value: StrEnum | bool | str) -> str:
        """The label of one answer value; text answers are returned as they are."""
        if is_text(field):
            return str(value)
        key = str(value).lower() if isinstance(value, bool) else str(value)
        return self.questions.fields[field].options[key]

    def answer_text(self, answers: Answers, field: Field) -> str:
        """One answer in words, as the review page and the downloads show it."""
        values = answers.values_of(field)
        if is_multi(field) and not values:
            return str(self.questions.fields[field].none_label)
        return "; ".join(self.option_label(field, v) for v in values)


# The files that are one entry per id: the ids, and the model of one entry.
_ENTRY_FILES: dict[str, tuple[type[StrEnum], type[BaseModel]]] = {
    "flags": (FlagId, FlagText),
    "article": (SectionId, SectionText),
    "marks": (Mark, MarkText),
}
# The files that are one model as a whole.
_MODEL_FILES: dict[str, type[BaseModel]] = {"general": General, "questions": Questions, "ui": Interface}
_CITING = ("flags", "plan", "marks", "article")  # the files whose entries cite the bibliography
_WORDS = ("general", "flags", "plan", "article", "marks", "questions", "ui")  # the files a translation has too
_FILES = (*_WORDS, "references")
SOURCE_LANGUAGE = "en"
# What in each file is not words a person reads (ids of sources, grades, icons, the version, file names): a
# translation leaves these out and keeps the English. A path's parts are matched one by one; * matches any key.
NOT_TRANSLATED: dict[str, tuple[str, ...]] = {
    "general": ("content_version", "*.*.icon"),
    "flags": ("*.sources",),
    "plan": ("*.*.sources",),
    "article": ("*.sources", "*.evidence"),
    "marks": ("*.sources",),
    "questions": (),
    "ui": ("summary.markdown_file", "files.answers_file", "files.pdf_file", "files.fhir_file"),
}
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def languages(directory: Path = CONTENT_DIR) -> dict[str, str]:
    """The languages there is content for, code -> the language's own name; English first."""
    found = {SOURCE_LANGUAGE: _read_toml(directory / "language.toml").get("name", "English")}
    for path in sorted(directory.glob("*/language.toml")):
        found[path.parent.name] = _read_toml(path).get("name", path.parent.name)
    return found


def load_content(directory: Path = CONTENT_DIR, language: str = SOURCE_LANGUAGE) -> Content:
    """Read and validate every content file, in `language`. Raises ContentError naming the file and field."""
    translated = directory if language == SOURCE_LANGUAGE else directory / language
    if not (translated / "language.toml").is_file():
        raise ContentError(translated / "language.toml", [no_language(language)])
    parts: dict[str, Any] = {}
    try:
        parts["language"] = Language.model_validate(_read_toml(translated / "language.toml"))
    except pydantic.ValidationError as error:
        raise ContentError(translated / "language.toml", content_problems(error)) from None
    for name in _FILES:
        path = directory / f"{name}.toml"
        data = _read_toml(path)
        if language != SOURCE_LANGUAGE and name in _WORDS:
            path = translated / f"{name}.toml"
            data = _translate(data, _read_toml(path), path, NOT_TRANSLATED[name])
        try:
            if name in _MODEL_FILES:
                parts[name] = _MODEL_FILES[name].model_validate(data)
            elif name == "plan":
                parts[name] = pydantic.TypeAdapter(PlanTexts).validate_python(data)
                _plan_complete(parts[name])
            elif name == "references":
                parts[name] = pydantic.TypeAdapter(dict[ReferenceId, ReferenceText]).validate_python(data)
                _no_duplicate_references(parts[name])
            else:
                ids, item = _ENTRY_FILES[name]
                parts[name] = pydantic.TypeAdapter(dict[ids, item]).validate_python(data)
                _require_all(parts[name], ids)
        except pydantic.ValidationError as error:
            raise ContentError(path, content_problems(error)) from None
        except ValueError as error:
            raise ContentError(path, [str(error)]) from None
    _check_citations(parts, directory)
    _check_claims(parts, translated)
    return Content.model_construct(**parts)


def _check_claims(parts: dict[str, Any], directory: Path) -> None:
    """Each article claim is stated as the article's, so its grade cannot be read as a fact or about the reader."""
    opening = parts["language"].claim_opening
    wrong = [
        errors.claim_not_stated(s, opening) for s, t in parts["article"].items() if not t.claim.startswith(opening)
    ]
    if wrong:
        raise ContentError(directory / "article.toml", wrong)


def _no_duplicate_references(references: dict[str, ReferenceText]) -> None:
    """Two entries for one work (the same citation or the same link) would number one source twice."""
    for what in ("citation", "url"):
        seen: dict[str, str] = {}
        for reference_id, entry in references.items():
            value = getattr(entry, what)
            if value is None:
                continue
            if value in seen:
                raise ValueError(errors.same_source_twice(reference_id, seen[value], what))
            seen[value] = reference_id


def _findable(reference: ReferenceText) -> bool:
    """Whether anyone can look the source up: a public link, a DOI or a PubMed number."""
    return reference.url is not None or bool(_DOI.search(reference.citation)) or "PMID" in reference.citation


def _check_citations(parts: dict[str, Any], directory: Path) -> None:
    """Every cited id is in the bibliography, every entry of the bibliography is cited, and no entry rests only
    on sources nobody can look up."""
    known = parts["references"]
    cited: set[str] = set()
    for name in _CITING:
        entries = dict(_citing_entries(parts[name]))
        unknown = [
            errors.not_in_bibliography(entry_id, source)
            for entry_id, entry in entries.items()
            for source in entry.sources
            if source not in known
        ]
        if unknown:
            raise ContentError(directory / f"{name}.toml", unknown)
        cited.update(source for entry in entries.values() for source in entry.sources)
        unfindable = [
            errors.no_findable_source(entry_id)
            for entry_id, entry in entries.items()
            if not any(_findable(known[source]) for source in entry.sources)
        ]
        if unfindable:
            raise ContentError(directory / f"{name}.toml", unfindable)
    uncited = [errors.never_cited(reference_id) for reference_id in known if reference_id not in cited]
    if uncited:
        raise ContentError(directory / "references.toml", uncited)


def _citing_entries(part: dict[Any, Any], at: str = "") -> Iterator[tuple[str, Any]]:
    """Each entry of a citing file with its dotted id; the plan's entries sit one table deeper."""
    for key, value in part.items():
        if isinstance(value, dict):
            yield from _citing_entries(value, f"{at}{key}.")
        else:
            yield f"{at}{key}", value


@cache
def default_content(language: str = SOURCE_LANGUAGE) -> Content:
    """The shipped content in one language, loaded once per process and never changed."""
    return load_content(language=language)


def is_translated(path: str, fixed: tuple[str, ...]) -> bool:
    """Whether the value at the dotted `path` is words (a translation has it) or one of the `fixed` ones."""
    parts = path.split(".")
    return not any(
        len(pattern.split(".")) == len(parts)
        and all(p in ("*", part) for p, part in zip(pattern.split("."), parts, strict=True))
        for pattern in fixed
    )


def _translate(
    english: dict[str, Any], translation: dict[str, Any], path: Path, fixed: tuple[str, ...]
) -> dict[str, Any]:
    """The English data with every text replaced by the translation's, which must have exactly its keys."""
    problems: list[str] = []
    merged = _merge(english, translation, "", problems, fixed)
    if problems:
        raise ContentError(path, problems)
    return merged


def _merge(source: Any, target: Any, at: str, problems: list[str], fixed: tuple[str, ...]) -> Any:
    """One value of the English (`source`) with the translation's (`target`) put in; problems are collected."""
    if isinstance(source, dict):
        if not isinstance(target, dict):
            problems.append(errors.not_like_english(at, "expected a table"))
            return source
        inner = f"{at}." if at else ""
        wanted = [k for k in source if is_translated(f"{inner}{k}", fixed)]
        problems += [errors.untranslated(f"{inner}{k}") for k in wanted if k not in target]
        problems += [errors.not_to_translate(f"{inner}{k}", in_english=k in source) for k in target if k not in wanted]
        return {
            k: _merge(v, target[k], f"{inner}{k}", problems, fixed) if k in wanted and k in target else v
            for k, v in source.items()
        }
    if isinstance(source, list):
        if not isinstance(target, list) or len(target) != len(source):
            problems.append(errors.not_like_english(at, f"needs {len(source)} items"))
            return source
        return [
            _merge(s, t, f"{at}[{i}]", problems, fixed) for i, (s, t) in enumerate(zip(source, target, strict=True))
        ]
    if not isinstance(source, str) or not isinstance(target, str):
        problems.append(errors.not_like_english(at, "expected text"))
        return source
    ours, theirs = sorted(_PLACEHOLDER.findall(source)), sorted(_PLACEHOLDER.findall(target))
    if ours != theirs:
        problems.append(errors.placeholders_differ(at, theirs, ours))
    return target


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ContentError(path, [FILE_MISSING]) from None
    except tomllib.TOMLDecodeError as error:
        raise ContentError(path, [not_toml(error)]) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, [unreadable(error)]) from None
