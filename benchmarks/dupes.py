"""Duplicate detection at archive scale: our pipeline end to end from raw text against tuned
datasketch and rensa on the same generated corpus (benchmarks/dupecorpus.py, with truth), every
contender timed best of the same N runs (wall and CPU), then quality per category of reuse.

    python benchmarks/dupes.py 10000                 # needs `pip install -e '.[bench]'`
    python benchmarks/dupes.py 100000 --contender-limit 20000 --repeat 2

Contenders (the cheaper job: no boilerplate removal, no verification, no passages): 5-word
shingles tokenised in Python the same way for both, 128 permutations, 32 bands x 4 rows, every
article inserted and queried. datasketch: `MinHash.bulk` with xxh32, `MinHashLSH` insertion
session. rensa: `RMinHash.from_token_sets` (Rust), `RMinHashLSH.insert_many` and `query_all`.
"""
from __future__ import annotations

import argparse
import itertools
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import dupecorpus  # noqa: E402
from ledger import minhash, reuse, shingles  # noqa: E402

_TOKEN = re.compile(r"\w+")


def ours(texts: list[str]):
    """End to end from raw text: shingles, candidates, verification, passages, clusters."""
    found = reuse.find(texts)
    minhash.components(len(texts), found.pairs.a, found.pairs.b)
    return found


def shingle_strings(texts: list[str]) -> list[list[str]]:
    """The contenders' shingles: 5 consecutive lower-cased words (zip, no index loop)."""
    out = []
    for t in texts:
        toks = _TOKEN.findall(t.lower())
        out.append(list(map(" ".join, zip(*(toks[i:] for i in range(shingles.SHINGLE))))) or [" ".join(toks)])
    return out


def datasketch_run(texts: list[str]) -> int:
    import xxhash
    from datasketch import MinHash, MinHashLSH

    sets = [[s.encode() for s in doc] for doc in shingle_strings(texts)]
    sigs = MinHash.bulk(sets, num_perm=minhash.NUM_PERM, hashfunc=xxhash.xxh32_intdigest)
    lsh = MinHashLSH(num_perm=minhash.NUM_PERM, params=(minhash.BANDS, minhash.NUM_PERM // minhash.BANDS))
    with lsh.insertion_session() as session:
        for i, m in enumerate(sigs):
            session.insert(i, m)
    return sum(len(lsh.query(m)) for m in sigs)


def rensa_run(texts: list[str]) -> int:
    from rensa import RMinHash, RMinHashLSH

    objs = RMinHash.from_token_sets(shingle_strings(texts), minhash.NUM_PERM, 42)
    lsh = RMinHashLSH(0.5, minhash.NUM_PERM, minhash.BANDS)
    lsh.insert_many(objs)
    return sum(map(len, lsh.query_all(objs)))


def timed(fn, texts: list[str], repeat: int):
    """(result, best wall seconds, CPU seconds of that run) over `repeat` runs."""
    best = (float("inf"), 0.0)
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        result = fn(texts)
        best = min(best, (time.perf_counter() - w, time.process_time() - c))
    return result, *best


def recall(found: set, truth: set) -> str:
    return f"{len(found & truth) / len(truth):.3f} ({len(truth):,})" if truth else "n/a"


def quality(corpus: dupecorpus.Corpus, found) -> list[str]:
    """Lines: recall per planted category, look-alikes paired, unplanted pairs, verification."""
    got = set(zip(found.pairs.a.tolist(), found.pairs.b.tolist()))
    positive = {p for p, c in corpus.truth.items() if c in dupecorpus.POSITIVE}
    copies = sorted(corpus.pairs("copy"))
    exact = minhash.verify(found.sh, *np.array(copies).T) if copies else None
    high = {p for p, j in zip(copies, exact.jaccard.tolist()) if j >= 0.8} if copies else set()
    briefs = corpus.brief
    lines = [f"| copies, Jaccard >= 0.8 | {recall(got, high)} |",
             *(f"| {c} | {recall(got, corpus.pairs(c))} |" for c in dupecorpus.POSITIVE),
             f"| templated briefs paired (of any two briefs of one template) | "
             f"{sum(1 for a, b in got if a in briefs and b in briefs)} |",
             f"| same-topic stories of different events paired | {len(corpus.pairs('same-topic') & got)} of "
             f"{len(corpus.pairs('same-topic')):,} |",
             f"| reported pairs not planted (precision) | {len(got - positive)} of {len(got):,} "
             f"({1 - len(got - positive) / max(1, len(got)):.4f}) |"]
    sample = random.Random(1).sample(sorted(got), min(200, len(got)))
    sets = {d: set(found.sh.hashes(d).tolist()) for d in itertools.chain.from_iterable(sample)}
    index = {p: i for i, p in enumerate(zip(found.pairs.a.tolist(), found.pairs.b.tolist()))}
    ok = all(int(found.pairs.shared[index[(a, b)]]) == len(sets[a] & sets[b]) for a, b in sample)
    lines.append(f"| reported pairs re-verified with Python sets (sample of {len(sample)}) | "
                 f"{'all exact' if ok else 'MISMATCH'} |")
    return lines


def rewrite_recall(stories: int) -> str:
    """D603 on a generated ledger of rewrites and same-company stories of other events."""
    from ledger.engine import Options, run_check

    files, truth = dupecorpus.ledger_files(stories=stories, seed=5)
    folder = Path(tempfile.mkdtemp())
    try:
        for name, content in files.items():
            (folder / name).write_text(content, encoding="utf-8")
        found = {f.article_id for f in run_check([folder], Options(select=["D603"])).findings if f.rule == "D603"}
    finally:
        shutil.rmtree(folder)
    planted = {b for (a, b), c in truth.items() if c == "rewrite"}
    same_topic = {b for (a, b), c in truth.items() if c == "same-topic"} - planted
    return (f"| rewrites (D603, {stories * 3} generated articles) | {len(found & planted) / len(planted):.3f} "
            f"({len(planted)}); same-company stories of other events paired: {len(found & same_topic)} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", type=int, nargs="?", default=10000)
    ap.add_argument("--repeat", type=int, default=3, help="best of N timed runs, the same N for every contender")
    ap.add_argument("--contender-limit", type=int, default=20000, help="articles given to datasketch and rensa")
    ap.add_argument("--no-contenders", action="store_true")
    args = ap.parse_args()

    t0 = time.perf_counter()
    corpus = dupecorpus.build(args.articles)
    texts = corpus.texts
    print(f"corpus: {len(texts):,} articles, {sum(map(len, texts)) / 1e6:.1f} M chars, "
          f"generated in {time.perf_counter() - t0:.1f} s; shingle/batch threads: {shingles.WORKERS}")
    ours(texts[:300])  # warm-up: imports, first allocations
    found, wall, cpu = timed(ours, texts, args.repeat)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("ours (shingles, MinHash+LSH, anchors, verification, passages)", len(texts), wall, cpu)]
    if not args.no_contenders:
        subset = texts[: args.contender_limit]
        for name, fn in (("datasketch (tuned)", datasketch_run), ("rensa (tuned)", rensa_run)):
            _, w, c = timed(fn, subset, args.repeat)
            rows.append((name, len(subset), w, c))

    base = rows[0][1] / rows[0][2]
    print(f"\n| contender (best of {args.repeat}) | articles | wall s | CPU s | articles/s (wall) | articles/CPU-s | ours is |")
    print("|---|---|---|---|---|---|---|")
    for name, n, w, c in rows:
        print(f"| {name} | {n:,} | {w:.2f} | {c:.2f} | {n / w:,.0f} | {n / c:,.0f} | "
              f"{'' if name.startswith('ours') else f'{base / (n / w):.1f}x (wall)'} |")
    print(f"\npeak RSS after ours: {rss:,.0f} MiB; {len(found.pairs.a):,} pairs reported "
          f"({int(found.passage.sum()):,} by a shared passage only)")
    print("\n| quality on the generated corpus | value |\n|---|---|")
    for line in quality(corpus, found):
        print(line)
    print(rewrite_recall(24))


if __name__ == "__main__":
    main()
