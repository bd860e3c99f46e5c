"""The peer a user would otherwise take: the LangChain tutorial RAG setup over the raw text, for side-by-side runs."""
from __future__ import annotations

from typing import Any, Sequence

from assistant import comparable


class TutorialPeer:
    """RecursiveCharacterTextSplitter(1000, 200) over the raw report text, in Chroma, with the same embeddings."""

    def __init__(self, embeddings: Any, raw_text: str) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.chunks = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_text(raw_text)
        self.embeddings = embeddings
        client = chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        name = f"tutorial-peer-{id(self)}"
        self.collection = client.create_collection(name, metadata={"hnsw:space": "cosine"}, embedding_function=None)
        self.collection.add(
            ids=[str(i) for i in range(len(self.chunks))], documents=self.chunks, embeddings=embeddings.embed_documents(self.chunks)
        )

    def search(self, query: str, k: int = 5) -> list[str]:
        result = self.collection.query(query_embeddings=[self.embeddings.embed_query(query)], n_results=k)
        return list(result["documents"][0])


def text_matches(text: str, gold: Sequence[str], gold_texts: dict[str, str]) -> set[str]:
    """Gold ids whose passage opening (200 characters, blind to spacing and hyphens) the text mostly holds."""
    hay = comparable(text)
    found = set()
    for g in gold:
        needle = comparable(gold_texts.get(g, ""))[:200]
        if needle and (needle in hay or _overlap(needle, hay) >= 0.6):
            found.add(g)
    return found


def _overlap(needle: str, hay: str, size: int = 20) -> float:
    grams = [needle[i : i + size] for i in range(0, max(1, len(needle) - size + 1), size)]
    return sum(g in hay for g in grams) / len(grams)
