"""Settings: one frozen object, from arguments, else COCREATE_* environment variables, else defaults."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .errors import SettingsError

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
Backend = Literal["extractive", "openai", "ollama"]
Auth = Literal["none", "oidc"]


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "cocreate"


class Settings(BaseSettings):
    """Every setting of cocreate. Build it once (``Settings()``) and pass it down."""

    # populate_by_name: an aliased field (the API key) is still set by its own name, as an argument.
    model_config = SettingsConfigDict(env_prefix="COCREATE_", frozen=True, extra="ignore", populate_by_name=True)

    data_dir: Path = Field(default_factory=_default_data_dir, description="Where the index, drafts and feedback live.")
    corpus_dir: Path | None = Field(default=None, description="A corpus directory; default: the one shipped with the package.")

    embed_model: str = Field(default=DEFAULT_EMBED_MODEL, description="sentence-transformers model name or local path.")
    embed_device: str = "cpu"
    chroma_url: str | None = Field(default=None, description="http://host:port of a Chroma server; default: embedded store.")
    chroma_timeout: float = Field(default=15.0, gt=0, le=600, description="Seconds any one Chroma call may take.")

    search_k: int = Field(default=5, ge=1, le=50)
    # Measured on the gold set (eval/): the offline dense model adds little for Danish questions.
    bm25_weight: float = Field(default=1.0, ge=0.0)
    dense_weight: float = Field(default=0.2, ge=0.0, description="Dense weight for English questions.")
    dense_weight_da: float = Field(default=0.1, ge=0.0, description="Dense weight for Danish questions.")
    rrf_k: int = Field(default=60, ge=1)
    # Glossary expansion of English questions into Danish terms. Measured with `cocreate eval --compare`: with the
    # corpus's English renderings indexed it lowers English hit@5 (0.95 -> 0.88), so it is off by default; turn it
    # on for Danish documents of your own that have no English rendering.
    query_expansion: bool = False
    max_question_chars: int = Field(default=2000, ge=10)

    llm: Backend = "extractive"
    llm_base_url: str | None = None
    llm_model: str | None = None
    # The key for the endpoint: COCREATE_LLM_API_KEY, else the OPENAI_API_KEY that OpenAI clients read.
    llm_api_key: SecretStr | None = Field(default=None, validation_alias=AliasChoices("COCREATE_LLM_API_KEY", "OPENAI_API_KEY"))
    # A total deadline per model call (a whole streamed answer, not each piece): a local model on a CPU needs a
    # minute or two for a full answer; past it the extractive answer is shown. Connecting gets its own, short limit.
    llm_timeout: float = Field(default=120.0, gt=0, le=3600, description="Seconds for a whole model reply.")
    llm_connect_timeout: float = Field(default=10.0, gt=0, le=600, description="Seconds to connect to the model server.")
    llm_context_tokens: int = Field(default=8192, ge=512)
    llm_answer_tokens: int = Field(default=700, ge=64)

    # Drafts and feedback: a SQLite file in the data dir by default; postgresql+psycopg://… for a shared deployment.
    database_url: SecretStr | None = Field(default=None, description="SQLAlchemy URL of the drafts and feedback database.")
    auth: Auth = Field(default="none", description="none (one person or a trusted machine) or oidc (st.login, drafts have owners).")

    def __init__(self, **values: object) -> None:
        try:
            super().__init__(**values)
        except ValidationError as exc:
            raise SettingsError(_explain(exc, set(values))) from None

    @field_validator("chroma_url", "llm_base_url", "llm_model", "database_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    def api_key(self) -> str | None:
        """The LLM key as text (COCREATE_LLM_API_KEY, else OPENAI_API_KEY), or None."""
        return self.llm_api_key.get_secret_value() if self.llm_api_key is not None else None

    def index_dir(self) -> Path:
        return self.data_dir / "index"

    def drafts_path(self) -> Path:
        return self.data_dir / "drafts.sqlite3"

    def database(self) -> str:
        """The drafts and feedback database: COCREATE_DATABASE_URL, else the SQLite file in the data dir."""
        if self.database_url is not None:
            return self.database_url.get_secret_value()
        return f"sqlite:///{self.drafts_path()}"

    def feedback_path(self) -> Path:
        return self.data_dir / "feedback.jsonl"

    def ingest_dir(self) -> Path:
        return self.data_dir / "ingested"


def _explain(exc: ValidationError, given: set[str]) -> str:
    """One line per bad value: the variable (or argument) that set it, what it was, what is allowed."""
    lines = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "?"
        source = name if name in given else f"COCREATE_{name.upper()}"
        value = error.get("input")
        lines.append(f"{source}={value!r} is not allowed: it must be {_allowed(name)}.")
    return " ".join(lines)


def _allowed(name: str) -> str:
    field = Settings.model_fields.get(name)
    if field is None:
        return "a valid value"
    annotation = field.annotation
    args = getattr(annotation, "__args__", ())
    if getattr(annotation, "__origin__", None) is Literal:
        return "one of " + ", ".join(str(a) for a in args)
    kind = {int: "a whole number", float: "a number", bool: "true or false", Path: "a path"}.get(annotation, "text")
    limits = {attr: getattr(rule, attr) for rule in field.metadata for attr in ("ge", "gt", "le", "lt") if getattr(rule, attr, None) is not None}
    if "ge" in limits and "le" in limits:
        return f"{kind} from {limits['ge']:g} to {limits['le']:g}"
    words = {"ge": "at least", "gt": "above", "le": "at most", "lt": "below"}
    return " ".join([kind, " and ".join(f"{words[a]} {v:g}" for a, v in limits.items())]).strip()
