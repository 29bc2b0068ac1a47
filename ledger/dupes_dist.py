"""The text-reuse dataflow of `ledger.reuse` as a Dask job over Parquet shards, for archives past
one machine: shingles -> signatures -> bands (and anchors) -> candidate pairs -> verification
-> passages -> components. Every step is the in-process code run per partition, or a shuffle
and a merge, so the job reports exactly the pairs `reuse.find` reports (tests/test_duplicates_dist.py).

    python -m ledger.dupes_dist SHARDS_DIR [--scheduler tcp://host:8786] [--out pairs.parquet]

Shards: Parquet files with columns `doc` (int64, unique across shards) and `text`.
"""
from __future__ import annotations

import argparse
import sys

import numpy as np
import pandas as pd

from . import minhash, passages, reuse, shingles

_U = np.uint64
_SHIFT = _U(shingles.HASH_BITS)


def _local(part: pd.DataFrame, recurring: np.ndarray) -> tuple[shingles.Shingled, np.ndarray]:
    """The partition's Shingled (local document numbers) and local -> global document ids."""
    return shingles.shingle(part["text"].tolist(), recurring=recurring), part["doc"].to_numpy(np.int64)


def _sentences(part: pd.DataFrame) -> pd.DataFrame:
    h, n = shingles.sentence_counts(part["text"].tolist())
    return pd.DataFrame({"sentence": h, "docs": n})


def _shingle_rows(part: pd.DataFrame, recurring: np.ndarray) -> pd.DataFrame:
    sh, ids = _local(part, recurring)
    return pd.DataFrame({"doc": ids[(sh.keys >> _SHIFT).astype(np.int64)], "h": sh.keys & shingles.MASK40})


def _doc_rows(part: pd.DataFrame, recurring: np.ndarray) -> pd.DataFrame:
    """Per document: shingle count, band keys and signature (bytes), for documents with one."""
    sh, ids = _local(part, recurring)
    long_docs = np.flatnonzero(sh.sizes >= minhash.SHORT)
    sig = minhash.signatures(sh, long_docs)
    return pd.DataFrame({"doc": ids[long_docs], "sig": [row.tobytes() for row in sig],
                         "bands": [row.tobytes() for row in minhash.band_keys(sig)]})


def _positional_rows(part: pd.DataFrame, recurring: np.ndarray) -> pd.DataFrame:
    pos = shingles.positional(part["text"].tolist(), recurring)
    ids = part["doc"].to_numpy(np.int64)
    owner = np.repeat(np.arange(len(ids)), np.diff(pos.ptr))
    return pd.DataFrame({"doc": ids[owner], "h": pos.hashes, "unit": pos.unit})


def _bucket_rows(part: pd.DataFrame, key: str, min_count: int = 1) -> pd.DataFrame:
    """Pairs (a < b) of documents meeting in a run of equal `key` (the rows of one key are all in
    this partition after the shuffle)."""
    part = part.sort_values([key, "doc"], kind="stable")
    a, b = minhash.bucket_pairs(part[key].to_numpy(_U), part["doc"].to_numpy(np.int64), min_count)
    return pd.DataFrame({"a": a, "b": b})


def _anchor_rows(part: pd.DataFrame) -> pd.DataFrame:
    """(a, b) once per shared anchor, for anchors in 2..ANCHOR_MAX_DOCS documents."""
    df = part.groupby("h")["doc"].transform("size")
    part = part[(df >= 2) & (df <= passages.ANCHOR_MAX_DOCS)].sort_values(["h", "doc"], kind="stable")
    keys, docs = part["h"].to_numpy(_U), part["doc"].to_numpy(np.int64)
    out_a, out_b = [], []
    start = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1]))) if len(keys) else np.zeros(0, np.int64)
    for s, e in zip(start.tolist(), [*start[1:].tolist(), len(keys)]):  # buckets hold <= ANCHOR_MAX_DOCS
        i, j = np.triu_indices(e - s, 1)
        out_a.append(docs[s:e][i])
        out_b.append(docs[s:e][j])
    cat = lambda xs: np.concatenate(xs) if xs else np.zeros(0, np.int64)  # noqa: E731
    return pd.DataFrame({"a": cat(out_a), "b": cat(out_b)})


def _estimate_rows(part: pd.DataFrame) -> pd.DataFrame:
    sa = np.frombuffer(b"".join(part["sig_a"]), _U).reshape(len(part), -1)
    sb = np.frombuffer(b"".join(part["sig_b"]), _U).reshape(len(part), -1)
    keep = (sa == sb).mean(axis=1) >= reuse.ESTIMATE_MIN if len(part) else np.zeros(0, bool)
    return part.loc[keep, ["a", "b"]]


def find(ddf, n_docs: int) -> pd.DataFrame:
    """Pairs (a, b, shared, size_a, size_b, passage) of the documents in `ddf` (a Dask frame with
    `doc` and `text`), as `reuse.find` decides them."""
    import dask

    sentences = ddf.map_partitions(_sentences, meta={"sentence": "u8", "docs": "i8"})
    counts = sentences.groupby("sentence")["docs"].sum().compute()
    recurring = np.sort(counts[counts >= shingles.recurring_limit(n_docs)].index.to_numpy(_U))
    rec = dask.delayed(recurring)  # one copy sent to every worker

    sh = ddf.map_partitions(_shingle_rows, rec, meta={"doc": "i8", "h": "u8"}).persist()
    sizes = sh.groupby("doc").size().rename("size").to_frame().reset_index()
    docs = ddf.map_partitions(_doc_rows, rec, meta={"doc": "i8", "sig": "O", "bands": "O"}).persist()

    # bands: one row per (document, band key); pairs meeting in a bucket, kept when their
    # signatures agree on ESTIMATE_MIN of the bins
    bands = docs.map_partitions(lambda p: pd.DataFrame({
        "doc": np.repeat(p["doc"].to_numpy(np.int64), minhash.BANDS),
        "band": np.frombuffer(b"".join(p["bands"]), _U) if len(p) else np.zeros(0, _U)}), meta={"doc": "i8", "band": "u8"})
    lsh = bands.shuffle(on="band").map_partitions(_bucket_rows, "band", meta={"a": "i8", "b": "i8"}).drop_duplicates()
    sig = docs[["doc", "sig"]]
    lsh = lsh.merge(sig.rename(columns={"doc": "a", "sig": "sig_a"}), on="a").merge(
        sig.rename(columns={"doc": "b", "sig": "sig_b"}), on="b")
    lsh = lsh.map_partitions(_estimate_rows, meta={"a": "i8", "b": "i8"})

    # anchors: pairs sharing MIN_ANCHORS anchors; short texts: pairs sharing any shingle
    anchors = sh[(sh["h"] & _U((1 << passages.ANCHOR_BITS) - 1)) == 0]
    anchor_pairs = anchors.shuffle(on="h").map_partitions(_anchor_rows, meta={"a": "i8", "b": "i8"})
    anchor_pairs = anchor_pairs.groupby(["a", "b"]).size().rename("n").reset_index()
    anchor_pairs = anchor_pairs[anchor_pairs["n"] >= passages.MIN_ANCHORS][["a", "b"]]
    short = sh.merge(sizes[sizes["size"] < minhash.SHORT][["doc"]], on="doc")
    short_pairs = short.shuffle(on="h").map_partitions(_bucket_rows, "h", meta={"a": "i8", "b": "i8"})
    cand = dd_concat([lsh, anchor_pairs, short_pairs]).drop_duplicates()

    # verification: |A ∩ B| by joining A's shingles with B's
    inter = cand.merge(sh.rename(columns={"doc": "a"}), on="a").merge(sh.rename(columns={"doc": "b"}), on=["b", "h"])
    shared = inter.groupby(["a", "b"]).size().rename("shared").reset_index()
    pairs = shared.merge(sizes.rename(columns={"doc": "a", "size": "size_a"}), on="a").merge(
        sizes.rename(columns={"doc": "b", "size": "size_b"}), on="b").compute()
    return _decide(ddf, sh, pairs, rec)


def dd_concat(frames):
    import dask.dataframe as dd

    return dd.concat(frames)


def _decide(ddf, sh, pairs: pd.DataFrame, rec) -> pd.DataFrame:
    """Near-copies, and the pairs whose copied paragraphs hold PASSAGE_MIN shingles both ways."""
    import dask.dataframe as dd

    pairs = pairs.reset_index(drop=True)
    j = pairs["shared"] / (pairs["size_a"] + pairs["size_b"] - pairs["shared"])
    c = pairs["shared"] / np.minimum(pairs["size_a"], pairs["size_b"])
    near = (j >= reuse.JACCARD) | (c >= reuse.CONTAINMENT)
    maybe = pairs.loc[~near & (pairs["shared"] >= passages.PASSAGE_MIN), ["a", "b"]]
    pairs["passage"] = False
    if len(maybe):
        pos = ddf.map_partitions(_positional_rows, rec, meta={"doc": "i8", "h": "u8", "unit": "i8"})
        m = dd.from_pandas(maybe, npartitions=max(1, ddf.npartitions))
        copied = [_copied(pos, sh, m, probe, base).compute() for probe, base in (("a", "b"), ("b", "a"))]
        both = maybe.merge(copied[0], on=["a", "b"], how="left").merge(copied[1], on=["a", "b"], how="left",
                                                                        suffixes=("_a", "_b")).fillna(0)
        ok = both[(both["copied_a"] >= passages.PASSAGE_MIN) & (both["copied_b"] >= passages.PASSAGE_MIN)]
        hit = pairs.merge(ok[["a", "b"]].assign(hit=True), on=["a", "b"], how="left")["hit"]
        pairs["passage"] = hit.fillna(False).astype(bool).to_numpy() & ~near.to_numpy()
    out = pairs[near | pairs["passage"]]
    return out.sort_values(["a", "b"]).reset_index(drop=True)


def _copied(pos, sh, maybe, probe: str, base: str):
    """Per pair: shingles in the units of `probe` at least UNIT_SHARE found in `base`."""
    rows = maybe.merge(pos.rename(columns={"doc": probe}), on=probe)
    found = sh.rename(columns={"doc": base}).assign(hit=1)
    rows = rows.merge(found, on=[base, "h"], how="left")
    rows["hit"] = rows["hit"].fillna(0)
    units = rows.groupby(["a", "b", "unit"]).agg(total=("hit", "size"), matched=("hit", "sum")).reset_index()
    units["copied"] = units["total"].where(units["matched"] >= passages.UNIT_SHARE * units["total"], 0)
    return units.groupby(["a", "b"])["copied"].sum().rename("copied").reset_index()


def components(n: int, pairs: pd.DataFrame) -> np.ndarray:
    """Cluster labels from the (small) verified pair list, on the client."""
    return minhash.components(n, pairs["a"].to_numpy(np.int64), pairs["b"].to_numpy(np.int64))


def main(argv: list[str] | None = None) -> int:
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    ap = argparse.ArgumentParser(prog="python -m ledger.dupes_dist", description=__doc__.split("\n")[0])
    ap.add_argument("shards", help="folder of Parquet files with columns doc, text")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    ap.add_argument("--out", help="write the pairs to this Parquet file")
    args = ap.parse_args(argv)
    client = Client(args.scheduler) if args.scheduler else Client(LocalCluster(processes=True))
    with client:
        ddf = dd.read_parquet(args.shards, columns=["doc", "text"])
        pairs = find(ddf, int(ddf["doc"].count().compute()))
    if args.out:
        pairs.to_parquet(args.out, index=False)
    print(f"{len(pairs):,} pairs ({int(pairs['passage'].sum()):,} by a shared passage)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
