"""logic/partial.py: a page's answers checked before the end, the flags they already raise, the skin type helper."""

from logic import default_content, load_content
from logic.errors import allowed
from logic.partial import (
    Problem,
    early_flags,
    early_summary,
    field_problems,
    finished,
    suggest_skin_type,
    unfinished_step,
)
from logic.vocab import Field, FlagId, Level, NextStep, ProblemKind, SkinType, Step
from tests.factories import answers_dict, make_answers
from tests.support.content_edits import edit

CONTENT = default_content()
FIELDS = ", ".join(str(f) for f in Field)


# --- logic/partial.py: a page's answers, checked before the end -----------------------------------------


def test_field_problems_names_the_missing_and_the_wrong_and_nothing_else():
    draft = {"current_symptoms": ["rash_or_blisters"], "distress": "sometimes", "marks": ["boxcar", "boxcar"]}
    fields = [Field.CURRENT_SYMPTOMS, Field.CHANGING_SPOT, Field.DISTRESS, Field.MARKS, Field.NOTES]
    assert field_problems(draft, fields) == {
        Field.CHANGING_SPOT: Problem(ProblemKind.MISSING, "changing_spot: missing"),
        Field.DISTRESS: Problem(
            ProblemKind.NOT_ALLOWED, f'distress: "sometimes" is not allowed; allowed: {allowed(Field.DISTRESS)}'
        ),
        Field.MARKS: Problem(
            ProblemKind.REPEATED_VALUE, "marks: boxcar is given more than once; each value may appear only once"
        ),
    }
    assert field_problems({"notes": "x" * 501}, [Field.NOTES]) == {
        Field.NOTES: Problem(ProblemKind.TOO_LONG, "notes: 501 characters is too long; at most 500 are allowed")
    }
    assert field_problems(answers_dict(), list(Field)) == {}
    assert field_problems({}, []) == {}


def test_early_flags_are_only_those_the_valid_answers_given_so_far_raise():
    flags = early_flags({"current_symptoms": ["breathing_or_swelling"], "changing_spot": True, "distress": "bad"})
    assert [f.id for f in flags] == [FlagId.POSSIBLE_ANAPHYLAXIS, FlagId.CHANGING_SPOT]
    assert [f.level for f in flags] == [Level.URGENT, Level.URGENT]
    assert early_flags({}) == ()
    assert early_flags({"shoe_size": 9, "marks": "boxcar"}) == ()
    # A flag needing two answers waits for both, whatever the neutral background would say.
    assert early_flags({"conditions": ["g6pd_deficiency"]}) == ()
    both = early_flags({"conditions": ["g6pd_deficiency"], "routes": ["injection"]}, CONTENT)
    assert [f.id for f in both] == [FlagId.IV_VITAMIN_C_RISK, FlagId.INJECTION_NOT_APPROVED]
    assert both[0].title == CONTENT.flags[FlagId.IV_VITAMIN_C_RISK].title


def test_the_skin_type_helper_suggests_the_darkest_type_it_was_told():
    assert suggest_skin_type(SkinType.II, SkinType.IV, SkinType.III) is SkinType.IV
    assert suggest_skin_type(SkinType.VI, SkinType.I, None) is SkinType.VI
    assert suggest_skin_type(None, SkinType.NOT_SURE, SkinType.I) is SkinType.I
    assert suggest_skin_type(SkinType.NOT_SURE, None) is SkinType.NOT_SURE
    assert suggest_skin_type() is SkinType.NOT_SURE


# --- logic/partial.py: early flags in edited wording


def test_early_flags_are_worded_from_the_content_given(content_copy):
    edit(content_copy, "flags", lambda d: d["changing_spot"].update(title="Reworded for this test"))
    flags = early_flags({"changing_spot": True}, load_content(content_copy))
    assert [f.title for f in flags] == ["Reworded for this test"]


def test_a_draft_is_finished_only_when_every_answer_is_there_and_valid():
    assert finished(answers_dict()) == make_answers()
    assert finished(answers_dict(notes="mine")) == make_answers(notes="mine")
    assert finished({k: v for k, v in answers_dict().items() if k != "notes"}) == make_answers()
    assert finished({k: v for k, v in answers_dict().items() if k != "goals"}) is None
    assert finished(answers_dict(marks=["not_sure", "boxcar"])) is None
    assert finished({}) is None


def test_the_first_unfinished_step_is_the_earliest_with_a_missing_or_wrong_answer():
    draft = answers_dict()
    assert unfinished_step({k: v for k, v in draft.items() if k != "goals"}) is Step.PLANS
    assert unfinished_step({**draft, "skin_type": "VII", "routes": []}) is Step.SKIN_AND_MARKS
    assert unfinished_step({**draft, "distress": "sometimes", "skin_type": "VII"}) is Step.SAFETY
    assert unfinished_step({k: v for k, v in draft.items() if k != "age_group"}) is Step.ABOUT_YOU
    assert unfinished_step(draft) is Step.SAFETY  # nothing to name: the first step


def test_the_early_summary_s_next_step_is_set_by_the_answers_given_so_far():
    assert early_summary({}).next_step is NextStep.NONE
    assert early_summary({"current_symptoms": ["jaundice_or_dark_urine"]}).next_step is NextStep.TODAY
    now = early_summary({"current_symptoms": ["breathing_or_swelling", "jaundice_or_dark_urine"], "marks": "x"})
    assert now.next_step is NextStep.NOW
    assert [f.id for f in now.flags] == [
        f.id for f in early_flags({"current_symptoms": ["breathing_or_swelling", "jaundice_or_dark_urine"]})
    ]
    assert now.flags[0].id == FlagId.POSSIBLE_ANAPHYLAXIS
