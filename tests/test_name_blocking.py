"""Name clustering is blocked by surname keys, and finds the same clusters as comparing all pairs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from analysis import compare, load_corpus, names
from analysis.compare import name_variants
from analysis.corpus import Corpus
from analysis.names import cluster_names, cluster_names_all_pairs

from .conftest import SEEDS, corpus_of
from .corpus_generator import generate_articles

FIXTURES = Path(__file__).parent / "fixtures" / "mini"


def _name_counts(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """The (name, count) pairs ``name_variants`` clusters, caught on their way in."""
    seen: list[tuple[str, int]] = []

    def recording(counts, threshold=85.0, **options):  # type: ignore[no-untyped-def]
        counts = list(counts)
        seen.extend(counts)
        return cluster_names(counts, threshold, **options)

    monkeypatch.setattr(compare, "cluster_names", recording)
    name_variants(corpus)
    return seen


@pytest.mark.parametrize(
    "corpus",
    [
        pytest.param(lambda: load_corpus(SEEDS), id="seeds"),
        pytest.param(lambda: load_corpus(FIXTURES), id="fixtures"),
        pytest.param(lambda: corpus_of(*(a["text"] for a in generate_articles(120))), id="generated"),
    ],
)
def test_blocked_clusters_equal_all_pairs(corpus: Callable[[], Corpus], monkeypatch: pytest.MonkeyPatch) -> None:
    counts = _name_counts(corpus(), monkeypatch)
    assert counts
    assert cluster_names(counts) == cluster_names_all_pairs(counts)


def test_transliterations_still_merge() -> None:
    counts = [("Xenia Torstrem", 3), ("Ksenia Torstrem", 1), ("Dmitry Palyuga", 2), ("Dmitriy Palyuga", 1),
              ("Dmitrii Paliuga", 1), ("Ekaterina Volkova", 2), ("Katerina Volkova", 1)]
    canonical = cluster_names(counts)
    assert canonical == cluster_names_all_pairs(counts)
    assert canonical["Ksenia Torstrem"] == "Xenia Torstrem"
    assert canonical["Dmitriy Palyuga"] == canonical["Dmitrii Paliuga"] == "Dmitry Palyuga"
    assert canonical["Katerina Volkova"] == "Ekaterina Volkova"


def test_names_are_compared_only_within_a_block(monkeypatch: pytest.MonkeyPatch) -> None:
    # 180 surnames that share neither their first nor their last two letters: no pair to compare.
    letters = "abcdpfglmnoqrstuvz"  # none that spelling folding rewrites (no "ea", "ii", "th", …)
    counts = [(f"Anna {a.upper()}{b}mmm{b}{a}", 1) for a in letters for b in letters[:10]]
    calls = 0
    judge = names.same_person

    def counting(a: str, b: str, threshold: float = 85.0) -> bool:
        nonlocal calls
        calls += 1
        return judge(a, b, threshold)

    monkeypatch.setattr(names, "same_person", counting)
    canonical = cluster_names(counts)
    assert len(set(canonical.values())) == len(counts)
    assert calls == 0  # all pairs would be 180 × 179 / 2


def test_a_lone_word_joins_only_a_surname_sharing_a_blocking_key() -> None:
    # "Brussels" is 86 similar to "Russes" but shares neither end: the city is no spelling of the troupe.
    found = name_variants(corpus_of("The Ballets Russes toured Europe.", "Talks in Brussels ended late."))
    assert "Brussels" not in set(found["variant"])
    # "Stefani" is also 86 similar to "Estefan": compared with Stefani's block only, it has one owner.
    found = name_variants(corpus_of("Gwen Stefani sang first. Later Stefani waved.", "Gloria Estefan sang next."))
    assert set(found.loc[found["cluster"] == "Gwen Stefani", "variant"]) == {"Gwen Stefani", "Stefani"}
