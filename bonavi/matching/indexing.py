"""Building the classifier's index from the raw jobtag folder, with an embedding cache so rebuilding and
evaluating do not re-embed sentences already embedded (e5 on one core: ≈ 20 ms a sentence)."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings

from .classifier import EMBEDDINGS_PATH, INDEX_FORMAT, INDEX_PATH, quantise
from .embedder import EMBEDDER_NAME, Embedder
from .profiles import JOBTAG_ATTRIBUTION, Occupation, Row, read_jobtag
from .reranker import Reranker
from .terms import content_terms


def cache_path() -> Path:
    return Path(settings.BASE_DIR) / "var" / "matching" / "e5-cache.npz"


class EmbeddingCache:
    """text → vector, separately for passages and queries, kept in var/ (never committed)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or cache_path()
        self.data: dict[str, np.ndarray] = {}
        if self.path.exists():
            with np.load(self.path) as z:
                keys = [str(k) for k in z["keys"]]
                vecs = z["vecs"]
            self.data = {k: vecs[i] for i, k in enumerate(keys)}
        self.dirty = False

    @staticmethod
    def key(kind: str, text: str) -> str:
        return kind + ":" + hashlib.sha1(text.encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str], *, kind: str, progress: Any = None) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if self.key(kind, t) not in self.data]
        batch = 64
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            vecs = embedder.passages(chunk) if kind == "p" else embedder.queries(chunk)
            for t, v in zip(chunk, vecs, strict=True):
                self.data[self.key(kind, t)] = v.astype(np.float32)
            self.dirty = True
            if progress:
                progress(min(start + batch, len(missing)), len(missing))
        if missing:
            self.save()
        dim = embedder.dim
        return (
            np.stack([self.data[self.key(kind, t)] for t in texts])
            if texts
            else np.zeros((0, dim), np.float32)
        )

    def save(self) -> None:
        if not self.dirty:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = list(self.data)
        np.savez(self.path, keys=np.array(keys), vecs=np.stack([self.data[k] for k in keys]))
        self.dirty = False


def index_document(occupations: list[Occupation], rows: list[Row], *, source_hash: str) -> dict[str, Any]:
    return {
        "format": INDEX_FORMAT,
        "attribution": JOBTAG_ATTRIBUTION,
        "source_hash": source_hash,
        "embedder": EMBEDDER_NAME,
        "occupations": [o.__dict__ for o in occupations],
        "rows": [[r.occupation, r.kind, r.text, " ".join(content_terms(r.text))] for r in rows],
    }


def store_reranker(index_path: Path, model: Reranker) -> None:
    """Add the fitted re-ranker to a written index file (the index's rows are what it was fitted against)."""
    with gzip.open(index_path, "rt", encoding="utf-8") as fh:
        doc = json.load(fh)
    doc["reranker"] = model.as_dict()
    with gzip.open(index_path, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(doc, fh, ensure_ascii=False, separators=(",", ":"))


def source_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((folder / "occupations").glob("*.json")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def build_index(
    folder: Path, *, embedder: Embedder | None, out_dir: Path | None = None, progress: Any = None
) -> tuple[Path, Path | None, int]:
    occupations, rows = read_jobtag(folder)
    doc = index_document(occupations, rows, source_hash=source_hash(folder))
    index_path = (out_dir / INDEX_PATH.name) if out_dir else INDEX_PATH
    index_path.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(index_path, "wt", encoding="utf-8", compresslevel=9) as fh:
        json.dump(doc, fh, ensure_ascii=False, separators=(",", ":"))
    if embedder is None:
        return index_path, None, len(rows)
    cache = EmbeddingCache()
    emb = cache.embed(embedder, [r.text for r in rows], kind="p", progress=progress)
    q, scale = quantise(emb)
    emb_path = (out_dir / EMBEDDINGS_PATH.name) if out_dir else EMBEDDINGS_PATH
    np.savez_compressed(emb_path, q=q, scale=scale)
    return index_path, emb_path, len(rows)
