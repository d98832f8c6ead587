"""What a Philippine dermatologist reading the summaries found missing or wrong (issue 23), checked over the
summaries of the people each finding concerns, in English and in Filipino: the downloaded Markdown, which holds
every word the summary shows, must carry the fact."""

import tomllib
from pathlib import Path

import pytest

from exports import render_markdown
from logic import default_content, evaluate
from logic.content import CONTENT_DIR
from logic.layout import layout
from logic.vocab import FlagId, Route
from tests.factories import make_answers

LANGUAGES = ("en", "fil")

# Who the finding concerns, the flag that must carry it, and words that say it in each language (all of them
# must be in the flag's reason, action or question).
FINDINGS = {
    "breastfeeding on leftover isotretinoin: stop, it may pass into milk, call the prescriber or a dermatologist": (
        {"pregnancy": "breastfeeding", "isotretinoin": "current"},
        FlagId.ISOTRETINOIN_PREGNANCY,
        {
            "en": ["breastfeeding", "milk", "Stop taking isotretinoin now", "or a dermatologist", "left over"],
            "fil": ["nagpapasuso", "gatas", "pag-inom ng isotretinoin", "o ang isang dermatologist", "tira"],
        },
    ),
    "acne with fever on isotretinoin: say you take it, call the prescriber today": (
        {"current_symptoms": ["acne_with_fever"], "isotretinoin": "current"},
        FlagId.ACNE_WITH_FEVER,
        {
            "en": ["first weeks of isotretinoin", "If you take isotretinoin, tell them", "prescribed it today"],
            "fil": ["unang linggo", "Kung umiinom ka ng isotretinoin, sabihin ito", "nagreseta nito"],
        },
    ),
    "jaundice after drips: hospital emergency room today for tests, 911 if breathless, G6PD": (
        {"current_symptoms": ["jaundice_or_dark_urine"], "routes": ["injection"], "setting": "spa_or_salon"},
        FlagId.POSSIBLE_ORGAN_HARM,
        {
            "en": ["emergency room as soon as you can today", "blood and urine tests", "911", "G6PD", "no urine"],
            "fil": ["ER ng ospital", "blood test at urine test", "911", "G6PD", "hindi ka na umiihi"],
        },
    ),
    "a changing spot: a dermatologist within two weeks, and the biopsy question": (
        {"changing_spot": True},
        FlagId.CHANGING_SPOT,
        {
            "en": ["dermatologist", "two weeks", "skin cancer", "biopsy"],
            "fil": ["dermatologist", "dalawang linggo", "skin cancer", "biopsy"],
        },
    ),
    "kidney disease alone: the drip's high-dose vitamin C harms kidneys too": (
        {"conditions": ["kidney"]},
        FlagId.ORGAN_CONDITION,
        {"en": ["kidneys", "vitamin C", "same drip"], "fil": ["kidney", "vitamin C", "parehong drip"]},
    ),
    "asthma: the sulfite forms from glutathione itself, so preservative-free is no safer": (
        {"conditions": ["asthma"]},
        FlagId.INHALED_GLUTATHIONE_ASTHMA,
        {
            "en": ["forms from the glutathione itself", "“preservative-free” product is no safer"],
            "fil": ["nabubuo mula mismo sa glutathione", "hindi mas ligtas ang produktong “preservative-free”"],
        },
    ),
    "not sure about a past reaction: not told they had one, and no drips at all": (
        {"previous_reaction": "not_sure", "routes": ["injection"], "setting": "not_decided"},
        FlagId.PREVIOUS_REACTION,
        {
            "en": ["or may have had", "Avoid glutathione injections and drips."],
            "fil": ["o baka nagkaroon ka na", "Iwasan ang glutathione injection at drip."],
        },
    ),
    "thoughts of self-harm: the page tells nobody, so the lines are how to reach someone": (
        {"distress": "self_harm_thoughts"},
        FlagId.SELF_HARM,
        {
            "en": ["This page does not tell anyone", "1553"],
            "fil": ["Walang ibang makakaalam ng isinagot mo rito", "1553"],
        },
    ),
    "whitening cream in pregnancy: the Philippine rules first, mercury can reach the baby": (
        {"pregnancy": "pregnant", "other_treatments": ["whitening_products"]},
        FlagId.UNREGULATED_LIGHTENING_PRODUCTS,
        {
            "en": ["Philippine FDA", "mercury", "unborn", "clobetasol", "In the Philippines, hydroquinone, tretinoin"],
            "fil": ["Philippine FDA", "mercury", "sinapupunan", "clobetasol", "Sa Pilipinas, gamot ang hydroquinone"],
        },
    ),
}


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("finding", FINDINGS, ids=range(len(FINDINGS)))
def test_each_finding_is_in_the_summary_of_the_person_it_concerns(finding, code):
    changes, flag_id, words = FINDINGS[finding]
    content = default_content(code)
    answers = make_answers(**changes)
    summary = evaluate(answers, content)
    flags = {flag.id: flag for flag in summary.flags}
    assert flag_id in flags, f"{finding}: {flag_id} did not fire"
    flag = flags[flag_id]
    said = " ".join([flag.reason, flag.action, *summary.questions_for_provider])
    markdown = render_markdown(summary, answers, content)
    for phrase in words[code]:
        assert phrase in said, f"{finding} ({code}): {phrase!r} missing"
        assert phrase in markdown, f"{finding} ({code}): {phrase!r} not in the Markdown"


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_philippine_rule_comes_before_the_us_one(code):
    content = default_content(code)
    reason = content.flags[FlagId.UNREGULATED_LIGHTENING_PRODUCTS].reason
    assert reason.index("Philippine FDA") < reason.index("US")


def test_the_acne_fever_flag_cites_the_source_on_isotretinoin_and_acne_fulminans():
    assert "greywal_2017" in default_content().flags[FlagId.ACNE_WITH_FEVER].sources


def _words(directory: Path) -> str:
    """Every text in the files of words of one language, as one string."""

    def walk(value: object) -> list[str]:
        if isinstance(value, dict):
            return [text for item in value.values() for text in walk(item)]
        if isinstance(value, list):
            return [text for item in value for text in walk(item)]
        return [value] if isinstance(value, str) else []

    names = ("flags", "general", "article", "marks", "questions", "ui")
    return "\n".join(
        text for name in names for text in walk(tomllib.loads((directory / f"{name}.toml").read_text("utf-8")))
    )


@pytest.mark.parametrize(("code", "directory"), [("en", CONTENT_DIR), ("fil", CONTENT_DIR / "fil")])
def test_no_place_to_go_that_is_not_philippine_usage(code, directory):
    words = _words(directory).lower()
    for foreign in ("urgent care", "(gp)", " gp ", "midwife"):
        assert foreign not in words, f"{code}: {foreign!r}"


def test_the_filipino_skin_type_questions_ask_about_sunburn_not_tanning():
    """Filipino readers take "nasusunog sa araw" as tanning, which turns the burn question into the tan question."""
    filipino = default_content("fil").questions
    assert "nasusunog" not in filipino.skin_type_helper.burn.label
    assert "sunburn" in filipino.skin_type_helper.burn.label
    assert all("nasusunog" not in label for label in filipino.fields["skin_type"].options.values())


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_drip_advisories_are_said_once_in_the_plan_and_nobody_is_told_to_ask_what_a_drip_is_approved_for(code):
    """Asking "what is it approved for" reads as a way to go ahead; the regulators advise against the drips, and
    the plan's injection line says so, once: the note shown to the same people does not repeat it."""
    content = default_content(code)
    answers = make_answers(routes=["injection"], setting="other_medical")
    summary = evaluate(answers, content)
    flags = {flag.id: flag for flag in summary.flags}
    action = flags[FlagId.INJECTION_NOT_APPROVED].action
    (injection,) = [entry for entry in summary.plan if entry.route is Route.INJECTION]
    for body in ("Philippine FDA", "Philippine Dermatological Society"):
        assert body in injection.reason
        assert body not in action
    assert ("approved for" if code == "en" else "para saan ito aprubado") not in action
    said = [entry.reason for entry in summary.plan]
    said += [text for flag in summary.flags for text in (flag.reason, flag.action)]
    assert " ".join(said).count("Philippine Dermatological Society") == 1


@pytest.mark.parametrize(("code", "melasma"), [("en", "may be melasma"), ("fil", "puwedeng melasma ito")])
def test_brown_patches_in_pregnancy_are_named_as_possible_melasma(code, melasma):
    """Glutathione is sold hardest for melasma-like patches in pregnancy; the brown-marks card says what they may
    be and where to find out, with its source."""
    content = default_content(code)
    answers = make_answers(pregnancy="pregnant", marks=["brown_marks"])
    markdown = render_markdown(evaluate(answers, content), answers, content)
    assert melasma in markdown
    assert "mayoclinic.org" in markdown and "Mayo Clinic" in markdown


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_crisis_lines_are_complete_and_the_philippines_comes_first(language):
    """Someone with thoughts of self-harm reads every line they can call, the Philippine ones first (local first)."""
    action = default_content(language).flags[FlagId.SELF_HARM].action
    philippines = ("1553", "0917-899-8727", "0919-057-1553")
    elsewhere = ("988", "116 123", "findahelpline.com")
    assert all(number in action for number in (*philippines, *elsewhere)), action
    assert max(action.index(n) for n in philippines) < min(action.index(n) for n in elsewhere)


@pytest.mark.parametrize(
    ("code", "answer"),
    [("en", "promises more than any study has shown"), ("fil", "mas malaki ang pangako nila")],
)
def test_a_pregnant_woman_told_a_drip_will_clear_her_melasma_reads_a_direct_answer(code, answer):
    """ "The clinic says a drip will fix it" is the question she came with: the brown-marks card answers it, with
    the source that says melasma has no quick cure and can come back."""
    content = default_content(code)
    answers = make_answers(pregnancy="pregnant", marks=["brown_marks"], routes=["injection"], setting="other_medical")
    markdown = render_markdown(evaluate(answers, content), answers, content)
    assert answer in markdown
    assert "Singapore General Hospital" in markdown


@pytest.mark.parametrize(
    ("code", "call"), [("en", "call your local emergency number now"), ("fil", "tumawag ngayon din")]
)
def test_anaphylaxis_first_aid_starts_with_what_everyone_can_do(code, call):
    """Few people carry an adrenaline auto-injector: the first thing the action says is to stop the drip and call;
    the auto-injector comes after, for those who carry one."""
    action = default_content(code).flags[FlagId.POSSIBLE_ANAPHYLAXIS].action
    assert action.index(call) < action.index("auto-injector")


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_changing_spot_alone_is_not_labelled_an_emergency(code):
    """A changing spot is urgent with a two-week time frame: the label over it must not read as "now"."""
    content = default_content(code)
    answers = make_answers(changing_spot=True)
    markdown = render_markdown(evaluate(answers, content), answers, content)
    label = content.general.levels["urgent"].label
    assert label in markdown
    for now in ("Urgent", "Apurahan", "emergency", "agad"):
        assert now not in label, label


@pytest.mark.parametrize(
    ("code", "had"), [("en", "I have had, or was offered"), ("fil", "Nagpa-glutathione drip na ako")]
)
def test_the_drip_question_fits_someone_who_already_had_drips(code, had):
    content = default_content(code)
    answers = make_answers(current_symptoms=["jaundice_or_dark_urine"], routes=["injection"], setting="home_service")
    summary = evaluate(answers, content)
    assert any(had in question for question in summary.questions_for_provider)


# --- A second reading (content 2026-12-06.7): wording a worried person would act on wrongly --------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_breastfeeding_mother_on_isotretinoin_reads_about_breastfeeding_first(code):
    """The flag's reason opens with who must not take it, breastfeeding included, before the pregnancy figures;
    her question for the doctor is not one the page already answered ("how long before trying for a baby")."""
    content = default_content(code)
    summary = evaluate(make_answers(pregnancy="breastfeeding", isotretinoin="current"), content)
    (flag,) = [flag for flag in summary.flags if flag.id is FlagId.ISOTRETINOIN_PREGNANCY]
    first_sentence = flag.reason.split(". ")[0]
    assert ("breastfeeding" if code == "en" else "nagpapasuso") in first_sentence
    milk = flag.reason.index("milk" if code == "en" else "gatas")
    assert milk < flag.reason.index("1 in 5" if code == "en" else "1 sa bawat 5")
    assert ("someone else" if code == "en" else "ibang tao") in flag.action
    question = content.flags[FlagId.ISOTRETINOIN_PREGNANCY].question
    assert ("breastfeeding" if code == "en" else "nagpapasuso") in question


@pytest.mark.parametrize("code", LANGUAGES)
def test_nobody_about_to_book_a_drip_is_told_there_is_no_rush(code):
    content = default_content(code)
    summary = evaluate(make_answers(routes=["injection"], setting="spa_or_salon", conditions=["kidney"]), content)
    box = content.general.next_step[summary.next_step]
    assert summary.next_step == "before_treatment"
    assert ("no rush" if code == "en" else "magmadali") not in box.instruction.lower()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_urgent_group_s_label_names_no_time_its_flags_do_not_share(code):
    """Anaphylaxis (now) and a changing spot (within about two weeks) sit under the same label: it says neither
    "soon" nor "see a doctor", which would be wrong for one of them."""
    label = default_content(code).general.levels["urgent"].label.lower()
    for time_word in {"en": ("soon", "now", "today", "doctor"), "fil": ("agad", "ngayon", "doktor", "madaling")}[code]:
        assert time_word not in label


@pytest.mark.parametrize("code", LANGUAGES)
def test_help_now_never_sends_someone_to_the_emergency_room_alone(code):
    """Anaphylaxis first aid says not to stand or walk; the box above it must not send the person off on foot."""
    instruction = default_content(code).general.next_step["now"].instruction
    assert ("have someone take you" if code == "en" else "magpahatid sa pinakamalapit na ER") in instruction


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_pregnant_woman_using_whitening_cream_asks_her_ob_gyn_before_any_cream_for_marks(code):
    content = default_content(code)
    summary = evaluate(make_answers(pregnancy="pregnant", other_treatments=["whitening_products"]), content)
    (flag,) = [flag for flag in summary.flags if flag.id is FlagId.UNREGULATED_LIGHTENING_PRODUCTS]
    prescribed = flag.action.index("prescribe" if code == "en" else "magreseta")
    assert "OB-GYN" in flag.action[prescribed:]
    assert "bozzo_2011" in content.flags[FlagId.UNREGULATED_LIGHTENING_PRODUCTS].sources


@pytest.mark.parametrize("code", LANGUAGES)
def test_someone_planning_a_drip_with_keloids_is_not_told_to_see_a_dermatologist_before_an_injection(code):
    action = default_content(code).flags[FlagId.KELOID_RISK].action
    assert "injection" not in action


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_brown_marks_card_leaves_pregnancy_to_the_flag_that_fits_it(code):
    """Everyone with brown marks reads the card; only someone pregnant, trying or breastfeeding reads about
    pregnancy, once, in the flag raised for them, which names the creams the card calls stronger."""
    content = default_content(code)
    pregnancy_words = ("pregnan", "breastfeed") if code == "en" else ("buntis", "pagbubuntis", "nagpapasuso")
    card = evaluate(make_answers(marks=["brown_marks"]), content).marks[0]
    assert not [word for word in pregnancy_words if word in card.what_works.lower()]
    pregnant = evaluate(make_answers(marks=["brown_marks"], pregnancy="pregnant"), content)
    (flag,) = [flag for flag in pregnant.flags if flag.id is FlagId.PREGNANCY_OR_BREASTFEEDING]
    for cream in ("retinoid", "hydroquinone"):
        assert cream in card.what_works.lower()
        assert cream in f"{flag.reason} {flag.action}".lower()


# --- A fourth reading (a helper playing a Manila dermatologist, content 2026-12-06.10). -----------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_thoughts_of_self_harm_alone_open_on_a_free_line_not_an_ambulance(code):
    """The box over the summary said "call your local emergency number now" to everyone with these thoughts,
    while step 1 says to call it only if they might act on them and otherwise a free line today."""
    content = default_content(code)
    now = content.general.next_step["now"]
    box = layout(evaluate(make_answers(distress="self_harm_thoughts"), content), content).next_step
    assert box.emergency, "still the emergency layout: the rest waits behind one control"
    assert (box.label, box.instruction) == (now.only[FlagId.SELF_HARM].label, now.only[FlagId.SELF_HARM].instruction)
    assert "911" not in box.instruction
    (step_1,) = box.first
    assert "1553" in step_1 and "emergency number" in step_1 and "911" in step_1, "and when to call 911 instead"
    with_anaphylaxis = make_answers(distress="self_harm_thoughts", current_symptoms=["breathing_or_swelling"])
    box = layout(evaluate(with_anaphylaxis, content), content).next_step
    assert (box.label, box.instruction) == (now.label, now.instruction), "an ambulance when one is needed"


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_pregnant_woman_is_told_to_leave_hydroquinone_to_her_ob_gyn(code):
    content = default_content(code)
    summary = evaluate(make_answers(pregnancy="pregnant", marks=["brown_marks"]), content)
    (flag,) = [flag for flag in summary.flags if flag.id is FlagId.PREGNANCY_OR_BREASTFEEDING]
    hydroquinone = flag.action.index("hydroquinone")
    assert "OB-GYN" in flag.action[hydroquinone:]


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_breastfeeding_mother_on_isotretinoin_tells_her_baby_s_doctor(code):
    content = default_content(code)
    summary = evaluate(make_answers(pregnancy="breastfeeding", isotretinoin="current"), content)
    (flag,) = [flag for flag in summary.flags if flag.id is FlagId.ISOTRETINOIN_PREGNANCY]
    assert ("your baby’s doctor" if code == "en" else "doktor ng baby mo") in flag.action


@pytest.mark.parametrize("code", LANGUAGES)
def test_new_sunken_scars_are_not_promised_to_fade_like_flat_marks(code):
    content = default_content(code)
    summary = evaluate(make_answers(marks=["boxcar"], mark_age="under_3_months"), content)
    (flag,) = [flag for flag in summary.flags if flag.id is FlagId.RECENT_MARKS]
    for text in (flag.reason, content.general.relevance["recent_marks"]):
        assert ("dent or a bump" if code == "en" else "lubog o umbok") in text


def test_leftover_isotretinoin_is_not_sent_back_to_a_prescriber_for_a_change_of_mood():
    action = default_content().flags[FlagId.RECENT_ISOTRETINOIN].action
    assert "who prescribes" not in action and "tell a doctor straight away" in action


@pytest.mark.parametrize("code", LANGUAGES)
def test_someone_wanting_lighter_skin_reads_each_lightening_fact_once(code):
    content = default_content(code)
    answers = make_answers(goals=["lighter_skin_overall", "fade_dark_marks"], marks=["brown_marks"])
    summary = evaluate(answers, content)
    said = [f"{flag.reason} {flag.action}" for flag in summary.flags]
    said += [f"{section.verdict} {section.evidence_note}" for section in summary.article]
    gone = "six months" if code == "en" else "anim na buwan"
    assert sum(gone.lower() in text.lower() for text in said) == 1, "that the change had gone, said once"
    realistic = "realistic" if code == "en" else "makatotohanan"
    assert sum(realistic in question for question in summary.questions_for_provider) <= 1


@pytest.mark.parametrize("code", LANGUAGES)
def test_keloids_on_darker_skin_are_warned_that_freezing_can_leave_pale_patches(code):
    content = default_content(code)
    (card,) = evaluate(make_answers(marks=["keloid"], skin_type="VI"), content).marks
    assert ("pale patches" if code == "en" else "mapusyaw na patch") in card.what_works
    assert "van_leeuwen_2015" in card.sources
