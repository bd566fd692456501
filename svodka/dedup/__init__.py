"""Near-duplicates: reposts and lightly edited copies, found by MinHash-LSH on word shingles.

Signatures are computed where the article is extracted and kept in the store, so an
incremental ingest rebuilds the LSH index from them and finds copies of older articles.
"""
from svodka.dedup.minhash import NUM_PERM, SHINGLE_WORDS, THRESHOLD, jaccard, signature
from svodka.dedup.index import NearDuplicateIndex

__all__ = ["NUM_PERM", "SHINGLE_WORDS", "THRESHOLD", "NearDuplicateIndex", "jaccard",
           "signature"]
