"""Sign-off from the page: when nothing is left to confirm, rebuild the pack with the decisions, behind the leak gate.

The rebuild runs in a thread (a regulator pack takes about a minute); the page
polls :meth:`SignOffJob.status`. A pack that fails its leak check is not moved
into place (``build_pack`` keeps it as ``DIR.failed``): the page then lists each
finding with the action that clears it.
"""

from __future__ import annotations

import threading
from typing import Any

from ..errors import LeakError, ScrdocsError

_ACTIONS = {
    "case": "A name or detail of a person in the case file is still in the copy. Open the document here, select "
            "the words and remove them (apply to every occurrence), or correct the agency document.",
    "ner": "The language model reads a name here that nothing removed. Remove it (every occurrence) on the "
           "word index, or keep it everywhere if it may stay (it is not a person's name).",
    "second opinion": "A full name nothing accounts for. Remove it on the word index; if it is a person, add them "
                      "to the case file's people so they get a pseudonym everywhere.",
    "unreadable": "A part the leak check cannot read: take it out of the agency document and hand it in again.",
    "case, to confirm": "An ordinary word that is also a case person's name or alias, used here in a way that does "
                        "not say which it is. If it is the word, press Not a name (this place only); if it is the "
                        "person, open the document and remove it. Do not change the document's words.",
}


def action_for(detector: str) -> str:
    return _ACTIONS.get(detector, "Read the place listed: if it names someone, remove the words on this page.")


class SignOffJob:
    """The one sign-off a page can run at a time."""

    def __init__(self, session: Any):
        self.session = session
        self.state = "idle"  # idle | running | done | failed
        self.message = ""
        self.findings: list[dict[str, str]] = []
        self._thread: threading.Thread | None = None

    def status(self) -> dict[str, Any]:
        return {"state": self.state, "message": self.message, "findings": self.findings}

    def start(self, reviewer: str, role: str, *, expected_version: int) -> None:
        if self.state == "running":
            raise ScrdocsError("The pack is already being rebuilt.", hint="Wait for it to finish.")
        if self.session.source != "pack":
            raise ScrdocsError("Sign-off is for packs: these are copies made by `scrdocs redact`.",
                               hint="Run `scrdocs redact` again: it applies your decisions.")
        if not reviewer or not role:
            raise ScrdocsError("Enter your name and your role to sign off.")
        rules = self.session.rules()
        if rules.decisions.version != expected_version:
            raise ScrdocsError("The decisions changed since this page was loaded (another tab or run).",
                               hint="Reload the page, look at the change, and sign off again.")
        views = self.session.views(rules)
        totals = self.session.totals(views)
        left = totals["to_confirm"] + totals["unexplained"]
        if left:
            raise ScrdocsError(f"{left} decision{'s are' if left != 1 else ' is'} still to confirm.",
                               hint="Review each one (the documents list shows where), then sign off.")
        from ..packs.sign_off import SignOff
        from ..redaction.reviewer_decisions import now

        from ..packs.leak_gate.word_names import NOT_A_NAME_DOCUMENT

        not_names = tuple({"where": d.location or "", "by": d.by, "at": d.at} for d in rules.decisions.decisions
                          if d.document == NOT_A_NAME_DOCUMENT)
        counts = {k: totals[k] for k in ("removed", "kept", "confirm_total", "reviewed")}
        counts["marked_not_a_name"] = len(not_names)
        sign_off = SignOff(reviewer, role, now(), counts, decisions_version=rules.decisions.version,
                           not_a_name=not_names)
        self.state, self.message, self.findings = "running", "Rebuilding the pack with your decisions...", []
        self._thread = threading.Thread(target=self._run, args=(rules, sign_off), daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, rules: Any, sign_off: Any) -> None:
        from ..packs.pack import build_pack

        s = self.session
        try:
            result = build_pack(s.case, s.profile, s.folder, includes=s.includes, case_path=s.case_path,
                                reviewer=rules, sign_off=sign_off)
        except LeakError as e:
            self.state = "failed"
            self.message = str(e).splitlines()[0]
            self.findings = s.leak_findings = _findings(s.folder)
        except ScrdocsError as e:
            self.state, self.message = "failed", str(e)
        except Exception as e:  # noqa: BLE001 - shown on the page; the pack on disk is untouched
            self.state, self.message = "failed", f"The pack could not be rebuilt ({type(e).__name__})."
        else:
            self.state, s.leak_findings = "done", []
            self.message = (f"Signed off by {sign_off.reviewer} ({sign_off.role}). The pack was rebuilt with your "
                            f"decisions and passed the leak check ({len(result.leak_report.files)} files): "
                            f"{result.out_dir}")


def _findings(folder: Any) -> list[dict[str, Any]]:
    """Each line of the failed attempt's leak report, with the action that clears it; a finding "to confirm"
    also with what the page needs to mark it "not a name" (``confirm``: its file, place, offsets, fingerprint)."""
    import json

    from ..packs.pack_gate import FINDINGS_NAME, LEAK_REPORT_NAME

    report = folder.with_name(folder.name + ".failed") / LEAK_REPORT_NAME
    if not report.is_file():
        report = folder / LEAK_REPORT_NAME
    if not report.is_file():
        return []
    try:
        data = json.loads((report.parent / FINDINGS_NAME).read_text(encoding="utf-8"))
        to_confirm = {int(f["id"]): f for f in data.get("to_confirm", [])}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        to_confirm = {}
    out = []
    number = 0
    for line in report.read_text(encoding="utf-8").splitlines():
        if line.startswith("    find it: ") and out:
            out[-1]["where"] = line.removeprefix("    find it: ")
            continue
        if not line.startswith("  - "):
            continue
        number += 1
        finding = line[4:]
        detector = finding.rsplit("(found by ", 1)[-1].rstrip(")") if "(found by " in finding else "unreadable"
        item: dict[str, Any] = {"finding": finding, "action": action_for(detector), "id": number}
        if number in to_confirm:
            item["confirm"] = to_confirm[number]
        out.append(item)
    return out


def leak_findings(folder: Any) -> list[dict[str, str]]:
    return _findings(folder)
