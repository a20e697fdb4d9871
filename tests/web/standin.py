"""A stand-in for the answers registry until main has it (deleted then)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from corridor.answers import ingest as ingest_answer
from corridor.answers.base import Answer
from corridor.errors import ConfigError, CorridorError
from corridor.web.api import Backend


@dataclass(frozen=True, slots=True, kw_only=True)
class ProvQuery:
    pass


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class ProvResult:
    name: ClassVar[str] = "provenance"
    query: Any
    ingests: Any

    def document(self):
        from corridor.reports.tabular import json_records

        return {"schema": "corridor.provenance/1", "ingests": json_records(self.ingests)}

    def tables(self):
        return {"ingests": self.ingests}


def provenance(ws, q):
    df = ws.provenance().order_by("ingested_at").execute()
    df["ingested_at"] = df["ingested_at"].astype(str)
    return ProvResult(query=q, ingests=df)


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckQuery:
    text: str
    date: str | None = None


def check(ws, q):
    return ProvResult(query=q, ingests=ws.provenance().execute().head(0))


ANSWERS = {
    "provenance": Answer(name="provenance", query=ProvQuery, run=provenance, schema="corridor.provenance/1"),
    "check": Answer(name="check", query=CheckQuery, run=check, schema="corridor.claims/1"),
    "ingest": ingest_answer.ANSWER,
}


def parse_query(name, params):
    q = ANSWERS[name].query
    try:
        return q(**{k: v for k, v in params.items() if k not in ("lang", "format", "table")})
    except TypeError as exc:
        raise ConfigError(str(exc)) from None


def error_document(exc):
    if not isinstance(exc, CorridorError):
        return {"schema": "corridor.error/1", "code": "internal", "message": "internal", "problems": []}
    return {"schema": "corridor.error/1", "code": type(exc).__dict__.get("code", "error"), "message": str(exc), "problems": []}


def csv(result, lang, table=None):
    return result.tables()["ingests" if table is None else table].to_csv(index=False)


def xlsx(result, lang):
    import io

    buf = io.BytesIO()
    result.tables()["ingests"].to_excel(buf)
    return buf.getvalue()


BACKEND = Backend(answers=ANSWERS, parse_query=parse_query,
                  document=lambda r, lang: {**r.document(), "lang": lang}, csv=csv, xlsx=xlsx,
                  error_document=error_document)


def app_factory():
    import os
    from pathlib import Path

    from corridor.web.app import create_app
    from corridor.web.settings import ServeSettings

    return create_app(ServeSettings(workspace=Path(os.environ["CORRIDOR_WORKSPACE"])), backend=BACKEND)
