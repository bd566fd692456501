"""An in-memory LSH index over stored signatures, asked "which stored article is this a copy of?"."""
from __future__ import annotations

from collections.abc import Iterable

from svodka.dedup.minhash import NUM_PERM, SCHEME, SEED, THRESHOLD, to_array


class NearDuplicateIndex:
    def __init__(self, threshold: float = THRESHOLD, num_perm: int = NUM_PERM):
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._signatures: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def _minhash(self, data: bytes):
        from datasketch import LeanMinHash

        return LeanMinHash(seed=SEED, hashvalues=to_array(data), scheme=SCHEME)

    def add(self, key: str, data: bytes) -> None:
        if key in self._signatures:
            return
        minhash = self._minhash(data)
        self._lsh.insert(key, minhash)
        self._signatures[key] = minhash

    def add_all(self, items: Iterable[tuple[str, bytes | None]]) -> None:
        for key, data in items:
            if data:
                self.add(key, data)

    def best_match(self, data: bytes | None) -> tuple[str, float] | None:
        """The most similar indexed article at or above the threshold (ties: smallest id)."""
        if not data or not self._signatures:
            return None
        minhash = self._minhash(data)
        best: tuple[str, float] | None = None
        for key in sorted(self._lsh.query(minhash)):
            similarity = float(minhash.jaccard(self._signatures[key]))
            if similarity >= self.threshold and (best is None or similarity > best[1]):
                best = (key, similarity)
        return best
