"""The review page's routes: the documents list, a document, the word index, and the changes (all POST)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..errors import ScrdocsError
from ..redaction.reviewer_decisions import DecisionConflict, add_decision, default_replacement, withdraw_decision
from .guard import Guard, Secrets
from .session import ReviewSession
from .signing import SignOffJob

log = logging.getLogger("scrdocs")
HERE = Path(__file__).parent
CATEGORIES = ("PERSON", "LOCATION", "STREET_ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH",
              "ORGANIZATION", "CASE_REFERENCE", "OTHER")


class _State:
    def __init__(self, session: ReviewSession, keys: Secrets, reviewer: str = "", role: str = ""):
        self.session, self.keys = session, keys
        self.reviewer, self.role = reviewer, role
        self.job = SignOffJob(session)

    @property
    def by(self) -> str:
        return f"{self.reviewer} ({self.role})" if self.role else self.reviewer


def make_app(session: ReviewSession, keys: Secrets, *, reviewer: str = "", role: str = "") -> Any:
    state = _State(session, keys, reviewer, role)
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(u=lambda path, **extra: _url(keys, path, **extra), csrf=keys.csrf,
                                 categories=CATEGORIES)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.update(state=state, session=session, message=request.query_params.get("message"))
        return templates.TemplateResponse(request, name, context, status_code=status)

    async def documents(request: Request) -> Response:
        rules = session.rules()
        views = session.views(rules)
        from .not_a_name import marked

        return page(request, "documents.html", views=views, totals=session.totals(views),
                    stale=rules.stale(), unused=session.unused(rules), unexplained=session.unexplained(views),
                    decisions=rules.decisions, not_names=marked(session))

    async def document(request: Request) -> Response:
        try:
            view = session.document(int(request.path_params["number"]))
        except (KeyError, ValueError):
            return page(request, "error.html", 404, error="There is no such document in this review.")
        return page(request, "document.html", view=view, count=len(session.documents),
                    version=session.decisions().version)

    async def words(request: Request) -> Response:
        views = session.views()
        return page(request, "words.html", words=session.word_index(views), version=session.decisions().version)

    async def decide(request: Request) -> Response:
        form = await request.form()
        back = _safe_back(str(form.get("back") or "/"))
        if not keys.csrf_ok(str(form.get("csrf") or "")):
            return page(request, "error.html", 403, error="This change did not come from the review page: nothing was saved.")
        if not state.reviewer:
            return _back(keys, back, "Enter your name and role at the top of the page first: each decision records who made it.")
        try:
            _record(session, state, form)
        except DecisionConflict as e:
            return page(request, "error.html", 409, error=str(e), back=back)
        except (ScrdocsError, ValueError) as e:
            return page(request, "error.html", 400, error=str(e), back=back)
        return _back(keys, back, None, anchor=str(form.get("anchor") or ""))

    async def reviewer(request: Request) -> Response:
        form = await request.form()
        if not keys.csrf_ok(str(form.get("csrf") or "")):
            return page(request, "error.html", 403, error="This change did not come from the review page.")
        state.reviewer = str(form.get("reviewer") or "").strip()
        state.role = str(form.get("role") or "").strip()
        return _back(keys, _safe_back(str(form.get("back") or "/")), None)

    async def sign_off(request: Request) -> Response:
        form = await request.form()
        if not keys.csrf_ok(str(form.get("csrf") or "")):
            return page(request, "error.html", 403, error="This change did not come from the review page.")
        name, role = str(form.get("reviewer") or "").strip(), str(form.get("role") or "").strip()
        try:
            state.job.start(name, role, expected_version=int(str(form.get("version") or "-1")))
        except (ScrdocsError, ValueError) as e:
            return _back(keys, "/", str(e))
        return _back(keys, "/", "Signing off: the pack is being rebuilt with your decisions.")

    async def not_a_name(request: Request) -> Response:
        from .not_a_name import mark_not_a_name

        form = await request.form()
        if not keys.csrf_ok(str(form.get("csrf") or "")):
            return page(request, "error.html", 403, error="This change did not come from the review page: nothing was saved.")
        if not state.reviewer:
            return _back(keys, "/", "Enter your name and role at the top of the page first: each decision records who made it.")
        try:
            mark_not_a_name(session, int(str(form.get("finding") or "0")), by=state.by,
                            version=int(str(form.get("version") or "-1")))
        except DecisionConflict as e:
            return page(request, "error.html", 409, error=str(e), back="/")
        except (ScrdocsError, ValueError) as e:
            return page(request, "error.html", 400, error=str(e), back="/")
        return _back(keys, "/", "Marked not a name: the leak check will accept that place when the pack is built "
                                "again (sign off, or run scrdocs pack).", anchor="leak-report")

    async def status(request: Request) -> Response:
        return JSONResponse(state.job.status())

    routes = [Route("/", documents), Route("/doc/{number}", document), Route("/words", words),
              Route("/decide", decide, methods=["POST"]), Route("/reviewer", reviewer, methods=["POST"]),
              Route("/sign-off", sign_off, methods=["POST"]), Route("/not-a-name", not_a_name, methods=["POST"]),
              Route("/status", status),
              Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")]
    app = Starlette(routes=routes)
    app.state.review = state
    return Guard(app, keys)


def _record(session: ReviewSession, state: _State, form: Any) -> None:
    """One decision from the page's form, against the version the page showed."""
    version = int(str(form.get("version") or "-1"))
    action = str(form.get("action") or "")
    if action == "withdraw":
        withdraw_decision(session.decisions_file, version, str(form.get("decision") or ""), review=session.review)
        return
    scope = "everywhere" if form.get("everywhere") else "here"
    category = str(form.get("category") or "PERSON")
    category = category if category in CATEGORIES else "PERSON"
    replacement = str(form.get("replacement") or "").strip() or None
    fields: dict[str, Any] = {"action": action, "scope": scope, "by": state.by, "category": category,
                              "reason": str(form.get("reason") or "").strip()}
    piece = str(form.get("piece") or "")
    found = session.find_piece(str(form.get("document") or ""), piece) if piece else None
    if found is not None:
        doc, where = found
        start, end = int(str(form.get("start"))), int(str(form.get("end")))
        if not 0 <= start < end <= len(where.text):
            raise ValueError("That selection is not inside the paragraph: select the words again.")
        text = where.text[start:end].strip()
        start += len(where.text[start:end]) - len(where.text[start:end].lstrip())
        end = start + len(text)
        fields["text"] = text
        if scope == "here":
            fields.update(document=doc.name, location=where.location, start=start, end=end, piece=piece)
    else:
        fields["text"] = str(form.get("text") or "").strip()  # the word index: a word, everywhere
        fields["scope"] = "everywhere"
    if action == "remove":
        fields["replacement"] = replacement or (default_replacement(category) if form.get("added") else None)
    if not fields["text"]:
        raise ValueError("No words were chosen: select the words again.")
    add_decision(session.decisions_file, version, review=session.review, **fields)


def _url(keys: Secrets, path: str, **extra: Any) -> str:
    query = "&".join(f"{k}={quote(str(v))}" for k, v in extra.items())
    return f"{path}?token={keys.token}" + (f"&{query}" if query else "")


def _safe_back(path: str) -> str:
    return path if path.startswith("/") and not path.startswith("//") else "/"


def _back(keys: Secrets, path: str, message: str | None, anchor: str = "") -> RedirectResponse:
    url = _url(keys, path, **({"message": message} if message else {}))
    return RedirectResponse(url + (f"#{quote(anchor)}" if anchor else ""), status_code=303)
