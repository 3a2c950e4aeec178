"""A large, valid, wholly invented case for benchmarks and load tests.

It starts from the shipped example (Adult A): the same review, panel, family,
narrative and recommendations, so every document has real content. It then
adds invented agencies (up to the number asked for) with their own
practitioners and IMRs, and fills the chronology with varied entries built
from phrases that read like agency records. The same seed gives the same case.

    .venv/bin/python bench/synthetic_case.py --agencies 15 --entries 2500 --out big.yaml
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scrdocs.case.casefile import _CaseLoader, parse_case  # noqa: E402
from scrdocs.examples import example_case_path  # noqa: E402
from scrdocs.case.model import Case  # noqa: E402

# --------------------------------------------------------------------------
# Agencies beyond the example's nine. Each kind has the practitioners who
# record in it and the phrases its records use.

_EXTRA_AGENCIES = [
    ("pharmacy", "Eastbrook Community Pharmacy", "Pharmacy", "pharmacy"),
    ("fire", "Northshire Fire and Rescue Service", "Fire", "fire"),
    ("dwp", "Department for Work and Pensions (Northshire)", "DWP", "benefits"),
    ("bank", "Northshire Building Society", "Building Society", "finance"),
    ("carers", "Northshire Carers Centre", "Carers Centre", "voluntary"),
    ("church", "St Brigid's Parish Outreach", "Parish", "voluntary"),
    ("ageuk", "Age Concern Northshire", "Age Concern", "voluntary"),
    ("podiatry", "Northshire Podiatry Service", "Podiatry", "health"),
    ("optom", "Clearview Opticians (domiciliary)", "Opticians", "health"),
    ("dental", "Northshire Community Dental Service", "Dental", "health"),
    ("ooh", "Northshire GP Out of Hours Service", "OOH", "health"),
    ("111", "NHS 111 Northshire", "111", "health"),
    ("trading", "Northshire Trading Standards", "Trading Standards", "finance"),
    ("energy", "Northshire Energy Advice Service", "Energy Advice", "voluntary"),
    ("probation", "Probation Service (Northshire)", "Probation", "justice"),
    ("dv", "Northshire Domestic Abuse Service", "DA Service", "voluntary"),
    ("drug", "Northshire Drug and Alcohol Service", "DAS", "health"),
    ("lpa", "Office of the Public Guardian", "OPG", "finance"),
    ("library", "Northshire Home Library Service", "Home Library", "voluntary"),
    ("transport", "Northshire Patient Transport Service", "PTS", "health"),
]

_JOB_TITLES = {
    "pharmacy": ["Pharmacist", "Pharmacy Technician"],
    "fire": ["Home Safety Officer", "Watch Manager"],
    "benefits": ["Visiting Officer", "Work Coach"],
    "finance": ["Branch Manager", "Vulnerable Customer Officer", "Investigations Officer"],
    "voluntary": ["Support Worker", "Volunteer Coordinator", "Outreach Worker"],
    "health": ["Practitioner", "Clinician", "Nurse"],
    "justice": ["Probation Officer"],
}

_FIRST = ["Aoife", "Bartek", "Chioma", "Deepa", "Eamon", "Fatima", "Gethin", "Hui Min", "Ines", "Jolanta",
          "Kwame", "Lorna", "Magnus", "Nadia", "Oisín", "Parveen", "Quentin", "Rhiannon", "Sanjay", "Tamsin",
          "Uchenna", "Vera", "Wen", "Xander", "Yusuf", "Zofia"]
_LAST = ["Achebe", "Brannigan", "Cheung", "Dabrowski", "Ellery", "Farouk", "Griffiths", "Halloran", "Iqbal",
         "Jankowski", "Kerrigan", "Lund", "McBride", "Nkemelu", "O'Driscoll", "Patel", "Quarshie", "Rossiter",
         "Szymańska", "Thackeray", "Umeh", "Varga", "Whitlock", "Yeung", "Zielinski"]

# Phrases by kind of agency: how a contact starts, what was found, what was done.
_CONTACTS = {
    "visit": ["Home visit by {p}", "Planned visit by {p}", "Unannounced visit by {p}", "Joint visit by {p} and {q}",
              "Follow-up visit by {p}", "Review visit by {p}"],
    "phone": ["Telephone call from Daughter to {a}", "Telephone call from Son to {a}", "{p} telephoned Son",
              "{p} telephoned Adult A; Son answered", "Telephone call from Neighbour to {a}",
              "Voicemail left for {p} by Daughter", "{p} returned a call from Daughter"],
    "paper": ["Letter received by {a}", "Email from {a2} to {a}", "Referral received by {a} from {a2}",
              "Record reviewed by {p}", "Supervision discussion between {p} and their manager",
              "Case discussed at the {a} allocation meeting"],
}
# What was seen (only on a visit) and what was said (any contact).
_SEEN = [
    "Adult A seen in her chair; she was dressed and appeared comfortable",
    "Adult A seen in bed; the room was cold and the curtains drawn",
    "the kitchen held little fresh food; Son said he shopped daily",
    "there was a strong smell of urine in the bedroom",
    "weight recorded at {w} kg, down from the previous record",
    "blood glucose {g} mmol/l; medication blister packs partly used",
    "pressure areas checked: sacrum red but intact",
    "Son appeared tired and smelt of alcohol",
    "the heating was off and the prepayment meter showed low credit",
    "Adult A was seen alone for part of the visit and said she felt safe",
    "Adult A could not recall the last visit and asked who the worker was",
    "Adult A was tearful and said she missed her daughter",
    "no concerns noted at this visit",
]
_SAID = [
    "Adult A said she was 'managing fine' and did not want any fuss",
    "Son reported that his mother had not slept and had been calling out at night",
    "Son said money was tight since the Carer's Allowance claim was delayed",
    "Daughter reported that she had not been allowed into the house for {n} weeks",
    "Daughter said her mother's pension was being spent within a week",
    "Adult A said she did not want to go into a care home",
    "Son declined an offer of a carer's assessment",
    "Son said his mother was asleep and could not come to the phone",
    "Neighbour said she had heard shouting late at night",
    "the caller asked for a visit as soon as possible",
]
_DONE = [
    "Advice given and recorded",
    "Referral made to Adult Social Care",
    "Information shared with the GP by secure email",
    "Care plan updated",
    "Follow-up booked in {n} weeks",
    "No further action recorded",
    "Discussed with the team manager; to monitor",
    "Safeguarding concern considered but not raised",
    "Safeguarding concern raised with Adult Social Care",
    "Leaflet on carers' support left with Son",
    "Equipment ordered",
    "Case closed",
    "Task set for the duty worker",
    "Daughter advised to contact the bank",
    "Next of kin details checked and updated",
]
_EXPECTED = [
    "The adult should be seen alone at each visit where possible. Not achieved.",
    "A capacity assessment was indicated and not completed.",
    "Policy requires information about possible financial abuse to be shared with ASC. Not followed.",
    "Practice met the agency's standard.",
    "A second no-access visit should be escalated to the safeguarding lead. Not done.",
    "The carer's assessment offer should be repeated at every review. Not recorded.",
]
_SOURCES = ["Case notes", "Electronic patient record", "Daily care record", "Incident log", "Contact record",
            "Supervision notes", "Interview with practitioner", "Correspondence file", "Call recording summary"]


def _example_data() -> dict[str, Any]:
    return yaml.load(example_case_path().read_text(encoding="utf-8"), Loader=_CaseLoader)  # noqa: S506


def _invented_agency(rnd: random.Random, spec: tuple[str, str, str, str]) -> dict[str, Any]:
    aid, name, short, kind = spec
    author = f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}"
    return {
        "id": aid, "name": name, "short_name": short,
        "imr_author": {"name": author, "job_title": "Safeguarding Lead"},
        "sign_off": {"name": f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}", "job_title": "Director of Operations"},
        "imr_requested": "02/05/2023", "imr_due": "30/06/2023",
        "imr_received": f"{rnd.randrange(20, 31)}/06/2023", "signed_off": "30/06/2023",
        "imr": {
            "summary_of_involvement": (f"{name} had occasional contact with Adult A and her family during the "
                                       f"period under review, mostly with Son."),
            "analysis": (f"{short} staff recorded what they saw but did not connect it with what other agencies "
                         f"knew. Concerns were treated as matters for {short} alone.\n\n"
                         f"The IMR author found that staff were unsure when to raise a safeguarding concern."),
            "lessons": "Concerns seen in one service are safeguarding information for all.",
            "recommendations": [{
                "number": 1,
                "recommendation": f"{short} should train front-line staff to recognise and report neglect by a carer.",
                "agencies": [aid], "lead_agency": aid,
                "key_actions": ["Deliver a one-hour briefing to all front-line staff.", "Audit referrals after six months."],
                "evidence": "Training records and audit report.",
                "key_outcome": "90% of front-line staff trained by 31/12/2024.",
                "target_date": "31/12/2024", "lead_person": "Safeguarding Lead",
                "monitoring": "Board Learning and Development Sub Group", "status": "in progress",
            }],
        },
    }


def _practitioners(rnd: random.Random, agency: dict[str, Any], kind: str, taken: set[str]) -> list[dict[str, Any]]:
    people = []
    for i in range(1, rnd.randrange(2, 5)):
        title = rnd.choice(_JOB_TITLES.get(kind, ["Practitioner"]))
        pseudonym = f"{agency['short_name'].split()[0][:4].upper()}{i}"
        while pseudonym in taken:
            pseudonym += "x"
        taken.add(pseudonym)
        people.append({"id": f"{agency['id']}_p{i}", "name": f"{rnd.choice(_FIRST)} {rnd.choice(_LAST)}",
                       "role": "practitioner", "job_title": title, "agency": agency["id"],
                       "sex": rnd.choice("MF"), "pseudonym": pseudonym})
    return people


def _entry(rnd: random.Random, day: date, agency: dict[str, Any], workers: list[str], others: list[str],
           tor_count: int) -> dict[str, Any]:
    mode = rnd.choices(["visit", "phone", "paper"], weights=[5, 4, 2])[0]
    p = rnd.choice(workers)
    q = rnd.choice([w for w in workers if w != p] or workers)
    contact = rnd.choice(_CONTACTS[mode]).format(p=p, q=q, a=agency["short_name"], a2=rnd.choice(others))
    found = rnd.sample(_SEEN if mode == "visit" else _SAID, k=rnd.choice([1, 1, 2]))
    if mode == "visit" and rnd.random() < 0.3:
        found.append(rnd.choice(_SAID))
    details = {"w": f"{rnd.uniform(38, 62):.1f}", "g": f"{rnd.uniform(4, 19):.1f}", "n": rnd.randrange(1, 9)}
    findings = "; ".join(f.format(**details) for f in found)
    text = f"{contact}. {findings[0].upper()}{findings[1:]}. {rnd.choice(_DONE).format(**details)}."
    seen = mode == "visit" and rnd.random() < 0.85
    entry: dict[str, Any] = {
        "date": day.strftime("%d/%m/%Y"),
        "agency": agency["id"],
        "source": rnd.choice(_SOURCES),
        "subject_of_recording": rnd.choice(["Adult A", "Adult A", "Adult A", "Son", "Daughter"]),
        "event": text,
        "seen": seen,
        "seen_alone": seen and rnd.random() < 0.3,
        "wishes_sought": seen and rnd.random() < 0.5,
        "relevance": ", ".join(f"ToR {n}" for n in sorted(rnd.sample(range(1, tor_count + 1), k=rnd.choice([1, 1, 2])))),
    }
    if mode != "paper" or rnd.random() < 0.3:
        entry["time"] = f"{rnd.randrange(7, 23):02d}:{rnd.choice(range(0, 60, 5)):02d}"
    if rnd.random() < 0.15:
        entry["expected_practice"] = rnd.choice(_EXPECTED)
    if rnd.random() < 0.01:
        entry["date_uncertain"] = True
        entry["comments"] = "Date estimated from the surrounding records."
    return entry


def make_case_data(agencies: int = 15, entries: int = 2500, seed: int = 1) -> dict[str, Any]:
    """The synthetic case as plain data (what a YAML case file holds)."""
    if agencies < 1 or entries < 0:
        raise ValueError("need at least one agency and a non-negative number of entries")
    if agencies > 9 + len(_EXTRA_AGENCIES):
        raise ValueError(f"at most {9 + len(_EXTRA_AGENCIES)} agencies can be invented")
    rnd = random.Random(seed)
    data = copy.deepcopy(_example_data())
    kept = data["agencies"][:agencies]
    kept_ids = {a["id"] for a in kept}
    kinds = {a["id"]: "health" for a in kept}
    taken = {p["pseudonym"] for p in data["people"]}
    new_people: list[dict[str, Any]] = []
    for spec in _EXTRA_AGENCIES[: max(0, agencies - len(kept))]:
        agency = _invented_agency(rnd, spec)
        kept.append(agency)
        kept_ids.add(agency["id"])
        kinds[agency["id"]] = spec[3]
        new_people += _practitioners(rnd, agency, spec[3], taken)
    data["agencies"] = kept

    # Only the people, recommendations and IMR references that still make sense.
    data["people"] = [p for p in data["people"] if p.get("agency") in (None, *kept_ids)] + new_people
    for holder in [data, *(a.get("imr") or {} for a in kept)]:
        recs = []
        for rec in holder.get("recommendations", []):
            rec["agencies"] = [a for a in rec.get("agencies", []) if a in kept_ids]
            if rec.get("lead_agency") not in kept_ids:
                rec.pop("lead_agency", None)
            if rec["agencies"]:
                recs.append(rec)
        if "recommendations" in holder:
            holder["recommendations"] = recs
    for number, rec in enumerate(data.get("recommendations", []), start=1):
        rec["number"] = number

    workers: dict[str, list[str]] = {aid: [] for aid in kept_ids}
    for person in data["people"]:
        if person.get("agency") in workers:
            workers[person["agency"]].append(person["pseudonym"])
    for aid, names in workers.items():
        if not names:
            names.append("the duty worker")

    period = data["review"]["period_under_review"]
    start, end = (date(*map(int, reversed(period[k].split("/")))) for k in ("start", "end"))
    span = (end - start).days
    tor_count = len(data["review"]["terms_of_reference"]) or 1
    order = sorted(kept, key=lambda a: a["id"])
    weights = [rnd.uniform(0.3, 3.0) for _ in order]
    names = [a["short_name"] for a in order]
    chronology = []
    for _ in range(entries):
        agency = rnd.choices(order, weights=weights)[0]
        day = start + timedelta(days=rnd.randrange(span + 1))
        others = [n for n in names if n != agency["short_name"]] or names
        chronology.append(_entry(rnd, day, agency, workers[agency["id"]], others, tor_count))
    data["chronology"] = chronology
    data["review"]["title"] = "Adult A (synthetic benchmark case)"
    return data


def make_case(agencies: int = 15, entries: int = 2500, seed: int = 1) -> Case:
    """A large valid synthetic case (deterministic for a given seed)."""
    return parse_case(make_case_data(agencies, entries, seed), f"<synthetic seed={seed}>")


def write_case(path: str | Path, agencies: int = 15, entries: int = 2500, seed: int = 1) -> Path:
    path = Path(path)
    data = make_case_data(agencies, entries, seed)
    parse_case(data, str(path))  # never write a file that would not load
    header = (f"# Synthetic, wholly fictional case for benchmarks: {agencies} agencies, {entries} chronology\n"
              f"# entries, seed {seed}. Made by bench/synthetic_case.py from the Adult A example.\n")
    path.write_text(header + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=15)
    ap.add_argument("--entries", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="YAML file to write")
    args = ap.parse_args(argv)
    path = write_case(args.out, args.agencies, args.entries, args.seed)
    print(f"Wrote {path}: {args.agencies} agencies, {args.entries} chronology entries (seed {args.seed}).")


if __name__ == "__main__":
    main()
