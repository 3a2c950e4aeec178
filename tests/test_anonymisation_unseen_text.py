"""Issue 11 on kinds of document the engine was not tuned on: a first name shared with a case person is
never given that person's pseudonym unless the mention is tied to them; lower-case names in message
threads and notes; initials standing for a person; names with diacritics and other-language names.

Every rule that leaves a word alone or refuses a pseudonym sits beside a real (fictional) name that must
still be removed, so a rule that stopped finding names would fail here too.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from scrdocs.case.casefile import load_case
from scrdocs.redaction import Redactor

FIXTURES = Path(__file__).parent / "fixtures" / "redaction"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def no_model():
    return Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))


@pytest.fixture()
def engine():
    return Redactor(load_case(FIXTURES / "case.yaml"), "publication")


# -- a shared first name: the case person's pseudonym only where the mention is tied to them --------------

@pytest.mark.parametrize("text, expected", [
    ("A worker at the launderette named Grace is thought to know her PIN.",
     "A worker at the launderette named [name] is thought to know her PIN."),
    ("A man called Will was seen at the door.", "A man called [name] was seen at the door."),
    ("For the minutes: Grace in the finance team confirmed the transfers.",
     "For the minutes: [name] in the finance team confirmed the transfers."),
    ("The nurse, Grace, said no.", "The nurse, [name], said no."),
])
def test_a_first_name_that_is_someone_else_is_neutral(no_model, text, expected):
    assert no_model.redact_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Grace O'Neill visited. Grace said the rent was paid.", "Daughter visited. Daughter said the rent was paid."),
    ("Grace rang about the rent.", "Daughter rang about the rent."),
    ("Grace (daughter) rang.", "Daughter rang."),
    ("A worker named Grace O'Neill rang.", "A worker named Daughter rang."),  # her full name: it is her
])
def test_the_case_person_herself_keeps_her_pseudonym(no_model, text, expected):
    assert no_model.redact_text(text) == expected


def test_in_a_message_thread_a_first_name_is_tied_only_by_a_surer_mention(no_model):
    thread = ("[03/12/2022, 22:15] Grace: mum where r u?? u left with Grace\n"
              "[03/12/2022, 22:16] Grace: u left with Will\n"
              "[03/12/2022, 22:17] Will: its Will, ring me")
    # a sender label is a handset's contact name: the case person's only under a surer form in the same text
    assert no_model.redact_text(thread) == (
        "[03/12/2022, 22:15] [name]: mum where r u?? u left with [name]\n"
        "[03/12/2022, 22:16] [name]: u left with [name]\n"
        "[03/12/2022, 22:17] [name]: its [name], ring me")
    named = "[03/12/2022, 22:15] Grace: Will Marlow came round\n[03/12/2022, 22:16] Edith: did Will stay?"
    assert no_model.redact_text(named) == "[03/12/2022, 22:15] [name]: Son came round\n[03/12/2022, 22:16] [name]: did Son stay?"
    sure = "[03/12/2022, 22:15] Grace: Will Marlow came round\n[03/12/2022, 22:16] Will: its me\nGrace O'Neill's phone."
    assert no_model.redact_text(sure) == "[03/12/2022, 22:15] Daughter: Son came round\n[03/12/2022, 22:16] Son: its me\nDaughter's phone."


@pytest.mark.needs_model
def test_a_handset_export_from_and_to_a_first_name_is_neutral(engine):
    """ "21/08/2021 21:30 from ellie: u ok hun": an export's "from X:" / "to X:" lines are a thread too."""
    export = ("21/08/2021 21:30 from ellie: u ok hun\n"
              "22/08/2021 09:00 to edith: edith where r u\n"
              "22/08/2021 09:05 from Tracey Pilkington: call me")
    assert engine.redact_text(export) == ("21/08/2021 21:30 from [name]: u ok hun\n"
                                          "22/08/2021 09:00 to [name]: [name] where r u\n"
                                          "22/08/2021 09:05 from Person 1: call me")


def test_a_neutral_first_name_is_listed_to_confirm():
    fresh = Redactor(load_case(FIXTURES / "case.yaml"), str(FIXTURES / "no_ner.yaml"))
    fresh.redact_text("A worker at the launderette named Grace is thought to know her PIN.")
    [entry] = [e.to_dict() for e in fresh.decisions.entries() if e.to_dict()["replacement"] == "[name]"]
    assert entry["status"] == "to_confirm" and "introduced" in entry["reason"]


def test_the_tie_words_are_data_checked_when_loaded(tmp_path, monkeypatch):
    from scrdocs.errors import RulesError
    from scrdocs.redaction import name_ties

    (tmp_path / "name_ties.yaml").write_text("introductions: []\n", encoding="utf-8")
    monkeypatch.setattr(name_ties, "data_dir", lambda name: tmp_path)
    name_ties.rules.cache_clear()
    try:
        with pytest.raises(RulesError, match="introductions"):
            name_ties.rules()
    finally:
        name_ties.rules.cache_clear()


# -- lower-case names, initials, other languages (the model's profile: the signals run beside NER) ---------


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    ("[24/09/2021, 09:30] Grace: mohammed keeps coming round can u ring me",
     "[24/09/2021, 09:30] [name]: [name] keeps coming round can u ring me"),
    ("[02/09/2024, 20:30] Grace: hope says she owes him 50 quid, who even is hope",
     "[02/09/2024, 20:30] [name]: [name] says she owes him 50 quid, who even is [name]"),
    ("Class teacher reports that he told friends kimberley hits him at home.",
     "Class teacher reports that he told friends [name] hits him at home."),
    ("Patient asked that daniel todd is not told she is here.", "Patient asked that [name] is not told she is here."),
    ("yeah so um i went round and then umang from the shop said she looked proper ill",
     "yeah so um i went round and then [name] from the shop said she looked proper ill"),
])
def test_lower_case_names_in_threads_and_notes_are_removed(engine, text, expected):
    assert engine.redact_text(text) == expected


@pytest.mark.needs_model
@pytest.mark.parametrize("text", [
    "[10/07/2021, 08:45] Grace: send it pls hun, there is no hope",
    "A teddy bear was left on the stairs.",
    "She was filled with hope and rose early.",
])
def test_ordinary_lower_case_words_stay(engine, text):
    assert engine.redact_text(text) == text.replace("] Grace:", "] [name]:")  # a sender label alone: neutral


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    ("Call graded standard by MB. Medication reconciliation by LN, pharmacist.",
     "Call graded standard by [name]. Medication reconciliation by [name], pharmacist."),
    ("Mum (KT) said no. Seen by JW. JW and AB attended.", "Mum ([name]) said no. Seen by [name]. [name] and [name] attended."),
    ("Records show that GH completed the assessment, but ST did not share it.",
     "Records show that [name] completed the assessment, but [name] did not share it."),
])
def test_initials_in_a_person_slot_are_removed(engine, text, expected):
    assert engine.redact_text(text) == expected


@pytest.mark.needs_model
def test_known_acronyms_in_a_person_slot_stay(engine):
    text = "Referred by DWP and by CPS. Adult Social Care (ASC) attended. Seen by IDVA staff."
    assert engine.redact_text(text) == text


def test_the_known_acronyms_are_data():
    from scrdocs.redaction.name_signals import known_acronyms

    known = known_acronyms()
    assert {"dwp", "marac", "camhs"} <= known  # known_acronyms.yaml and the glossary
    assert "tm" not in known  # "TM: Team Manager" is a role: beside a cue it is someone


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    ("Attending: PC Bohumil Ondruš.", "Attending: Person 1."),
    ("She was seen by my colleague Dr Nhiên Nguyễn in the clinic.", "She was seen by my colleague Dr [name] in the clinic."),
    ("Mum (Loot Faizan) said they will be with relatives.", "Mum ([name]) said they will be with relatives."),
    ("She is worried about the new boyfriend called Lakshit.", "She is worried about the new boyfriend called [name]."),
])
def test_names_of_other_languages_are_removed_whole(engine, text, expected):
    assert engine.redact_text(text) == expected


# -- the new user's findings --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stranger_case():
    """The fixture's case without Grace and Will: the words are nobody's in the case file."""
    import yaml

    from scrdocs import parse_case

    data = yaml.safe_load((FIXTURES / "case.yaml").read_text(encoding="utf-8"))
    data["people"] = [p for p in data["people"] if p["id"] not in ("grace", "will")]
    return Redactor(parse_case(data, "<test>"), "publication")


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    ("Grace will call back.", "[name] will call back."),
    ("Will to chase the GP.", "[name] to chase the GP."),
    ("Will update her tomorrow. She will attend. Will she cope?", "Will update her tomorrow. She will attend. Will she cope?"),
])
def test_word_like_names_given_an_action_are_people_and_the_modal_stays(stranger_case, text, expected):
    assert stranger_case.redact_text(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Ellie from the approved premises confirmed his curfew.", "[name] from the approved premises confirmed his curfew."),
    ("Ellie from a bail hostel rang; Ellie Hollis was out.", "[name] from a bail hostel rang; Neighbour was out."),
    ("Resident asked for Grace, believed to be an old friend.", "Resident asked for [name], believed to be an old friend."),
    ("Grace, thought to be a cousin, rang Will Marlow.", "[name], thought to be a cousin, rang Son."),
])
def test_a_first_name_from_a_place_or_hedged_is_neutral(no_model, text, expected):
    assert no_model.redact_text(text) == expected


def test_initials_two_case_people_share_are_neutral(tmp_path):
    """ "Signature: EH" when Ellie Hollis and an Eric Hale are both in the case file: neither's pseudonym."""
    import yaml

    data = yaml.safe_load((FIXTURES / "case.yaml").read_text(encoding="utf-8"))
    data["people"].append({"id": "eric", "name": "Eric Hale", "role": "other", "relationship": "friend",
                           "sex": "M", "pseudonym": "Friend"})
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    shared = Redactor(load_case(path), str(FIXTURES / "no_ner.yaml"))
    out = shared.redact_text("I know her neighbour, Ellie, to say hello to.\nSignature: EH\nChecked: EMM")
    assert out == "I know her neighbour, Neighbour, to say hello to.\nSignature: [name]\nChecked: ADULT A"


def test_a_case_persons_first_name_from_housing_is_neutral(no_model):
    assert no_model.redact_text("Will from housing rang.") == "[name] from housing rang."


# -- the count held at zero on the unseen kinds of document ---------------------------------------------------

@pytest.mark.needs_model
@pytest.mark.slow
def test_no_false_pseudonyms_on_the_unseen_kinds_of_document():
    """A corpus from bench/stress_templates_unseen.yaml (a fixed seed: bench/stress_quality.py --templates
    bench/stress_templates_unseen.yaml --seed 5150 --documents 120 reads a failure again)."""
    import yaml

    sys.path.insert(0, str(ROOT / "bench"))
    try:
        quality = _load("stress_quality", ROOT / "bench" / "stress_quality.py")
        stress = _load("stress_corpus", ROOT / "bench" / "stress_corpus.py")
        templates = ROOT / "bench" / "stress_templates_unseen.yaml"
        corpus = stress.generate(documents=120, seed=5150, templates=templates)
        predicted, _ = quality.predict(corpus.docs, corpus.case, "publication")
        designations = quality.designation_words(yaml.safe_load(templates.read_text(encoding="utf-8")))
        fakes = quality.false_pseudonyms(corpus.docs, corpus.gold, predicted, designations)
    finally:
        sys.path.remove(str(ROOT / "bench"))
    assert [(f["text"], f["replacement"], f["gold"]) for f in fakes] == []
    assert [g for g in corpus.gold if g["group"] == "shared_first_name"], "no shared first names: the count says nothing"


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.needs_model
@pytest.mark.parametrize("text, expected", [
    ("Adult's name: Edith Marlow\nReferrer name: Riley Mcbride\nGP: Łukasz Kowalczyk\nReferrer role: Paramedic",
     "role: Paramedic"),
    ("Adult's name: Edith Marlow Referrer name: Tracey Pilkington", "Referrer name: Person 1"),
    ("Adult's name: Edith Marlow Assessor: Tracey Pilkington", "Assessor: Person 1"),
])
def test_a_name_never_runs_into_the_next_fields_label(engine, text, expected):
    """ "Edith Marlow" + "\\nReferrer name:": the label opens the next field; the name stops before it."""
    out = engine.redact_text(text)
    # the label word may go as an unknown person (fail closed), never inside the case person's pseudonym
    assert out.startswith("Adult's name: Adult A\n" if "\n" in text else "Adult's name: Adult A ") and out.endswith(expected), out
    assert "GP1 role" not in out and "Adult A name" not in out


def test_initials_another_name_in_the_text_has_are_neutral(no_model):
    """ "Submitted by: EH" beside "Referrer name: Eve Hartley": the initials may be hers, not the neighbour's."""
    assert no_model.redact_text("Submitted by: EH\nReferrer name: Eve Hartley") .startswith("Submitted by: [name]\n")
    # the neighbour's own full name in the text leaves her initials hers
    assert no_model.redact_text("Submitted by: EH\nReferrer name: Ellie Hollis") == \
        "Submitted by: NEIGHBOUR\nReferrer name: Neighbour"


@pytest.mark.needs_model
def test_a_word_like_name_before_a_plural_noun_is_the_word(engine):
    assert engine.redact_text("03/10/2024: Grace cards were spread across the table.") == \
        "03/10/2024: [name] cards were spread across the table."
