"""Judge-based faithfulness with a configured language model: claims are extracted, then each is verified."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

PROMPTS = Path(__file__).resolve().parent / "prompts"


def _prompt(name: str) -> Any:
    from langchain_core.prompts import ChatPromptTemplate

    from assistant import load_prompt_spec

    spec = load_prompt_spec(name, PROMPTS)
    role = {"system": "system", "user": "human", "assistant": "ai"}
    return ChatPromptTemplate.from_messages([(role[m["role"]], m["content"]) for m in spec["messages"]])


def faithfulness(model: Any, answer: str, passages: Sequence[str], max_claims: int = 12) -> tuple[float | None, list[tuple[str, bool]]]:
    """Share of the answer's claims the model judges supported by the passages (None when there are no claims)."""
    from langchain_core.output_parsers import StrOutputParser

    from assistant import fence

    claims_text = (_prompt("judge_claims") | model | StrOutputParser()).invoke({"answer": fence(answer)})
    claims = [c.strip(" -•\t") for c in claims_text.splitlines() if len(c.strip(" -•\t").split()) >= 3][:max_claims]
    if not claims:
        return None, []
    verify = _prompt("judge_verify") | model | StrOutputParser()
    joined = fence("\n\n".join(f"[{n}] {p}" for n, p in enumerate(passages, start=1)))
    verdicts = []
    for claim in claims:
        reply = verify.invoke({"claim": fence(claim), "passages": joined}).strip().upper()
        verdicts.append((claim, reply.startswith("SUPPORTED")))
    return sum(v for _, v in verdicts) / len(verdicts), verdicts
