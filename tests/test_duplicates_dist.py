"""The Dask job (ledger/dupes_dist.py) over Parquet shards, on a local cluster of two worker
processes, reports exactly the pairs the in-process path (ledger/reuse.py) reports: the same
pairs, the same exact overlaps, the same passage decisions."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from ledger import reuse

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
import dupecorpus  # noqa: E402

dd = pytest.importorskip("dask.dataframe", reason="the `test` extra installs dask[dataframe,distributed]")
distributed = pytest.importorskip("distributed")


def test_dask_job_reports_exactly_the_in_process_pairs(tmp_path):
    import pandas as pd

    from ledger import dupes_dist

    corpus = dupecorpus.build(300, seed=4)
    texts = corpus.texts
    shards = tmp_path / "shards"
    shards.mkdir()
    order = np.random.default_rng(1).permutation(len(texts))  # documents scattered over the shards
    for n, part in enumerate(np.array_split(order, 3)):
        pd.DataFrame({"doc": part.astype(np.int64), "text": [texts[i] for i in part]}).to_parquet(
            shards / f"part-{n}.parquet", index=False)

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            distributed.Client(cluster):
        ddf = dd.read_parquet(str(shards), columns=["doc", "text"])
        got = dupes_dist.find(ddf, len(texts))

    want = reuse.find(texts)
    assert len(want.pairs.a) > 60 and want.passage.sum() > 5  # copies, updates and partial copies present
    assert list(zip(got["a"], got["b"])) == list(zip(want.pairs.a.tolist(), want.pairs.b.tolist()))
    assert got["shared"].tolist() == want.pairs.shared.tolist()
    assert got["size_a"].tolist() == want.pairs.size_a.tolist() and got["size_b"].tolist() == want.pairs.size_b.tolist()
    assert got["passage"].tolist() == want.passage.tolist()
    labels = dupes_dist.components(len(texts), got)
    assert labels.tolist() == reuse.minhash.components(len(texts), want.pairs.a, want.pairs.b).tolist()
