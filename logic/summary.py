"""What `evaluate` returns: frozen value objects whose JSON is the contract's summary shape (version 3)."""

from datetime import date

from pydantic import BaseModel, ConfigDict

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
    When,
)


class Frozen(BaseModel):
    """The base of every value object in `logic`: immutable, and strict about its keys."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(Frozen):
    """One answer that made a flag fire."""

    field: Field
    value: str | bool


class Reference(Frozen):
    """One source the summary cites, from the project's bibliography (`content/references.toml`)."""

    id: str
    short: str
    citation: str
    kind: ReferenceKind
    url: str | None = None
    checked: date


class PlanEntry(Frozen):
    """The answer to "should I do this, and will it help my marks?" for one way of taking glutathione."""

    route: Route
    advice: Advice
    title: str  # the advice in a few plain words
    reason: str  # one line saying why
    sources: tuple[str, ...]


class FlagResult(Frozen):
    id: FlagId
    level: Level
    when: When
    title: str
    reason: str
    action: str
    triggered_by: tuple[Trigger, ...]
    sources: tuple[str, ...]
    source: str


class MarkResult(Frozen):
    mark: Mark
    name: str
    glutathione_fit: GlutathioneFit
    description: str
    recognise: str
    glutathione: str
    what_works: str
    sources: tuple[str, ...]


class SectionResult(Frozen):
    section: SectionId
    title: str
    article_says: str
    evidence: Evidence
    evidence_meaning: str
    verdict: str
    evidence_note: str
    sources: tuple[str, ...]
    shown_because: tuple[Relevance, ...]
    why_shown: tuple[str, ...]


class Summary(Frozen):
    level: Level
    next_step: NextStep
    plan: tuple[PlanEntry, ...]
    flags: tuple[FlagResult, ...]
    marks: tuple[MarkResult, ...]
    article: tuple[SectionResult, ...]
    questions_for_provider: tuple[str, ...]
    references: tuple[Reference, ...]
    disclaimer: str
    content_version: str
