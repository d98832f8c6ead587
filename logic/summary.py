"""What `evaluate` returns: frozen value objects whose JSON is the spec's summary shape."""

from pydantic import BaseModel, ConfigDict

from .vocab import Evidence, Field, FlagId, GlutathioneFit, Level, Mark, Relevance, SectionId


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Trigger(_Value):
    """One answer that made a flag fire."""

    field: Field
    value: str | bool


class FlagResult(_Value):
    id: FlagId
    level: Level
    title: str
    reason: str
    action: str
    triggered_by: tuple[Trigger, ...]
    source: str


class MarkResult(_Value):
    mark: Mark
    name: str
    glutathione_fit: GlutathioneFit
    description: str
    recognise: str
    glutathione: str
    what_works: str
    sources: tuple[str, ...]


class SectionResult(_Value):
    section: SectionId
    title: str
    article_says: str
    evidence: Evidence
    evidence_note: str
    source: str
    shown_because: tuple[Relevance, ...]
    why_shown: tuple[str, ...]


class Summary(_Value):
    level: Level
    flags: tuple[FlagResult, ...]
    marks: tuple[MarkResult, ...]
    article: tuple[SectionResult, ...]
    questions_for_provider: tuple[str, ...]
    disclaimer: str
    content_version: str
