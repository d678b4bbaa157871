"""The reviewer page and HTTP API (``imrpredict serve``): FastAPI, one model loaded and verified at start.

Every answer about items is built by ``imrpredict.scoring.core`` (the same code as ``imrpredict predict --json``),
batches by ``score_table`` (the same code as ``imrpredict score``). Bad input gets a 4xx with ``{"error": ...}``
naming what is wrong; nothing a client sends produces a stack trace or stops the server.
"""

from __future__ import annotations

import hmac
import secrets
import shutil
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

import anyio
import orjson
import pandas as pd
from fastapi import FastAPI, File, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from imrpredict.serve.batches import BatchRunner, read_status, sniff_table_format
from imrpredict.serve.schemas import BatchCreated, BatchStatus, ErrorResponse, LetterResponse, PredictRequest, PredictResponse

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MB = 1 << 20
LETTER_FIELDS = ("case_number", "date_assigned", "date_of_injury", "ur_denial_date", "application_received", "priority", "age", "sex", "layout")
ERRORS: dict[int | str, dict[str, Any]] = {code: {"model": ErrorResponse} for code in (400, 401, 404, 409, 413, 415, 422, 503)}


@dataclass(frozen=True)
class ServeSettings:
    bundle: Path
    token: str | None = None
    work_dir: Path | None = None  # batches and uploads; a fresh temporary folder when None
    max_json_mb: float = 2.0
    max_letter_mb: float = 20.0
    max_batch_mb: float = 512.0
    timeout_s: float = 30.0  # per request's scoring or letter reading
    batch_reasons: int = 5


class FastJSON(JSONResponse):
    """JSON rendered by orjson: a response of reasons and evidence in ~0.01 ms instead of ~0.25 ms (NaN as null)."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class _TooLarge(Exception):
    pass


class LimitsAndAuth:
    """ASGI middleware: request body size per route (413 before the body is read when Content-Length says so,
    else while it streams) and the bearer token on every route but /healthz."""

    def __init__(self, app: ASGIApp, settings: ServeSettings, page: Callable[[], str]) -> None:
        self.app = app
        self.settings = settings
        self.page = page

    def _limit(self, path: str) -> int:
        s = self.settings
        if path.startswith("/v1/batches"):
            return int(s.max_batch_mb * MB)
        if path.startswith("/v1/letters"):
            return int(s.max_letter_mb * MB) + 64 * 1024  # room for the multipart envelope
        return int(s.max_json_mb * MB)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        token = self.settings.token
        if token and path != "/healthz":
            given = headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                if path == "/" and scope["method"] == "GET":  # the page itself, which asks for the token
                    response: Any = HTMLResponse(self.page(), status_code=401, headers={"WWW-Authenticate": "Bearer"})
                else:
                    msg = "missing or wrong token: send 'Authorization: Bearer <token>' (the server was started with --token)"
                    response = _error(401, msg, {"WWW-Authenticate": "Bearer"})
                await response(scope, receive, send)
                return
        limit = self._limit(path)
        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit:
            await _error(413, f"request body is {int(length) / MB:.1f} MB; the limit for {path} is {limit / MB:.0f} MB")(scope, receive, send)
            return
        seen = 0
        started = False

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _TooLarge
            return message

        async def tracked_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, tracked_send)
        except _TooLarge:
            if not started:
                await _error(413, f"request body is over the limit for {path} ({limit / MB:.0f} MB)")(scope, receive, send)


def _readable(exc: RequestValidationError) -> str:
    """'summary: String should have at most 100000 characters' instead of pydantic's nested list."""
    parts = []
    for err in exc.errors()[:3]:
        loc = [str(x) for x in err.get("loc", ()) if x != "body"]
        where = ".".join(loc) or "body"
        msg = str(err.get("msg", "invalid"))
        if not loc and err.get("type") == "missing":
            return "the request body is empty: send JSON such as {\"summary\": \"...\", \"items\": [\"...\"]}"
        if err.get("type") == "json_invalid":
            msg = "the body is not valid JSON" + (f" ({err.get('ctx', {}).get('error')})" if err.get("ctx") else "")
            where = "body"
        parts.append(f"{where}: {msg}")
    return "; ".join(parts) or "invalid request"


def page_html() -> str:
    return files("imrpredict.serve").joinpath("page.html").read_text(encoding="utf-8")


def create_app(settings: ServeSettings) -> FastAPI:
    """Build the app: load and verify the model once; batches and uploads go under ``settings.work_dir``."""
    from imrpredict import load_model
    from imrpredict.scoring.core import explain_rows, model_info

    model = load_model(settings.bundle)
    model.predict_threads = 1  # a request scores a few rows: one OpenMP team per call costs more than it saves
    info = model_info(model)
    work = settings.work_dir or Path(tempfile.mkdtemp(prefix="imrpredict-serve-"))
    (work / "uploads").mkdir(parents=True, exist_ok=True)
    runner = BatchRunner(work / "batches", Path(model.metadata["path"]), settings.batch_reasons)
    page = page_html()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        runner.stop()  # a batch still running when the server stops does not outlive it

    app = FastAPI(
        lifespan=lifespan,
        title="imrpredict",
        version=str(info.get("imrpredict_version")),
        description="Pre-screen California IMR requests: probability that the reviewer overturns the UR denial, per item.",
    )
    app.state.model = model
    app.state.runner = runner

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _readable(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, f"internal error ({type(exc).__name__}); the server keeps running")

    limiter: list[anyio.CapacityLimiter] = []  # made in the event loop, on first use

    async def in_thread(fn: Callable[[], Any]) -> Any:
        """Run scoring off the event loop, one at a time per process: concurrent requests queue in order instead of
        sharing the GIL, so each finishes in its own service time rather than N times it."""
        if not limiter:
            limiter.append(anyio.CapacityLimiter(1))
        try:
            with anyio.fail_after(settings.timeout_s):
                return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True, limiter=limiter[0])
        except TimeoutError as exc:
            raise HTTPException(503, f"timed out after {settings.timeout_s:.0f} s; try fewer items or a shorter summary") from exc

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        """200 when the model is loaded (this route never needs the token)."""
        return {"status": "ok", "model": {k: info[k] for k in ("name", "version", "bundle_sha256")}}

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse(page)

    @app.get("/v1/model", responses=ERRORS)
    def model_card() -> dict[str, Any]:
        """The model panel: training data, CV metrics with CIs, chance warning, version and bundle hash."""
        return info

    @app.post("/v1/predict", response_model=PredictResponse, responses=ERRORS)
    async def predict(req: PredictRequest) -> JSONResponse:
        """Probability of overturn per item, with reasons, the sentences behind them and what is not stated."""
        from imrpredict.scoring.core import clean_summary

        if req.partial is not None and len(req.partial) != len(req.items):
            raise HTTPException(422, f"partial has {len(req.partial)} values for {len(req.items)} items; give one per item or none")
        n = len(req.items)
        extra = req.model_dump(exclude={"summary", "items", "partial"}, exclude_none=True)
        columns = {"item": req.items, "summary": [req.summary] * n, **{k: [v] * n for k, v in extra.items()}}
        if req.partial is not None:
            columns["partial"] = req.partial
        results = await in_thread(lambda: explain_rows(model, columns))
        # a Response is sent as is: the core already built these records to the schema, validating them again cost
        # about a third of a request's time
        return FastJSON({"model": info, "summary": clean_summary(req.summary), "items": results})

    @app.post("/v1/letters", response_model=LetterResponse, responses=ERRORS)
    async def letter(file: Annotated[UploadFile, File(description="One DWC/Maximus determination letter, PDF or UTF-8 text")]) -> JSONResponse:
        """Read one letter and pre-screen every item it disputes (the decisions it states are never read)."""
        from imrpredict.dataset import read_letter_file
        from imrpredict.letters.errors import LetterError
        from imrpredict.scoring.core import clean_summary, letter_rows

        limit = int(settings.max_letter_mb * MB)
        raw = await file.read(limit + 1)
        if len(raw) > limit:
            raise HTTPException(413, f"the letter is over {settings.max_letter_mb:.0f} MB")
        if not raw.strip():
            raise HTTPException(422, "the uploaded file is empty")
        if raw.startswith(b"%PDF"):
            suffix = ".pdf"
        else:
            if b"\x00" in raw[:4096]:
                raise HTTPException(415, "the file is neither a PDF nor a text file; upload the letter as PDF or UTF-8 text")
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise HTTPException(415, f"the text is not valid UTF-8 (byte {exc.start}); save the letter as UTF-8 text or upload the PDF") from exc
            suffix = ".txt"
        path = work / "uploads" / f"letter-{secrets.token_hex(8)}{suffix}"  # our name, never the client's
        path.write_bytes(raw)
        try:
            records = await in_thread(lambda: read_letter_file(path))
        except LetterError as exc:
            raise HTTPException(422, f"cannot read this letter: {exc.reason}") from exc
        finally:
            path.unlink(missing_ok=True)
        rows = pd.DataFrame(letter_rows(records))
        results = await in_thread(lambda: explain_rows(model, rows))
        head = records[0].as_dict()
        fields = {k: (str(head[k]) if head.get(k) is not None else None) for k in LETTER_FIELDS}
        return FastJSON({"model": info, "summary": clean_summary(head["summary"]), "items": results, "letter": {**fields, "items": len(records)}})

    @app.post("/v1/batches", response_model=BatchCreated, status_code=202, responses=ERRORS)
    async def create_batch(
        file: Annotated[UploadFile, File(description="Items table: Parquet, CSV or JSONL with item and summary columns")],
    ) -> dict[str, str]:
        """Queue an items table for scoring; poll GET /v1/batches/{id}, then download /result."""
        from imrpredict.scoring.batch import ScoreInputError, check_utf8, input_columns

        head = await file.read(4096)
        if not head.strip():
            raise HTTPException(422, "the uploaded table is empty")
        fmt = sniff_table_format(head)
        batch_id, folder = runner.new()
        dest = folder / f"input.{fmt}"

        def save() -> None:
            with open(dest, "wb") as fh:
                fh.write(head)
                shutil.copyfileobj(file.file, fh, 1 << 20)
            if fmt != "parquet":
                check_utf8(dest)
            columns = input_columns(dest, "utf-8")
            missing = [c for c in ("item", "summary") if c not in columns]
            if missing:
                raise ScoreInputError(f"the table has no {' or '.join(missing)} column (found: {', '.join(map(str, columns[:20]))})")

        try:
            await in_thread(save)
        except ScoreInputError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise HTTPException(422, str(exc).replace(str(dest), "upload")) from exc
        runner.submit(folder, fmt)
        return {"id": batch_id}

    def _folder(batch_id: str) -> Path:
        folder = runner.folder(batch_id)
        if folder is None:
            raise HTTPException(404, f"no batch {batch_id!r} on this server")
        return folder

    @app.get("/v1/batches/{batch_id}", response_model=BatchStatus, responses=ERRORS)
    def batch_status(batch_id: str) -> dict[str, Any]:
        st = read_status(_folder(batch_id))
        keys = ("state", "rows_done", "rows_total", "scored", "errors", "error", "result_format")
        return {"id": batch_id, **{k: st.get(k) for k in keys}}

    @app.get("/v1/batches/{batch_id}/result", responses={200: {"description": "The scored table, as `imrpredict score` writes it"}, **ERRORS})
    def batch_result(batch_id: str) -> FileResponse:
        folder = _folder(batch_id)
        st = read_status(folder)
        if st.get("state") != "done":
            raise HTTPException(409, f"batch {batch_id} is {st.get('state')}" + (f": {st['error']}" if st.get("error") else "; poll its status"))
        fmt = st["result_format"]
        media = {"parquet": "application/vnd.apache.parquet", "csv": "text/csv", "jsonl": "application/jsonl"}[fmt]
        return FileResponse(folder / f"result.{fmt}", media_type=media, filename=f"imrpredict-scores-{batch_id[:8]}.{fmt}")

    app.add_middleware(LimitsAndAuth, settings=settings, page=lambda: page)
    return app


def app_from_env() -> FastAPI:
    """uvicorn's factory for ``imrpredict serve`` (each worker process builds its app from the same settings)."""
    import json
    import os

    raw = json.loads(os.environ["IMRPREDICT_SERVE_SETTINGS"])
    work = Path(raw["work_dir"]) if raw.get("work_dir") else None
    return create_app(ServeSettings(bundle=Path(raw["bundle"]), token=raw.get("token"), work_dir=work, timeout_s=float(raw["timeout_s"])))
