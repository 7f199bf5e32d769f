"""Article labels and corpus descriptions, checked on hand-made tables."""

import pandas as pd

from analysis import article_labels, corpus_description, corpus_name, load_corpus, source_line

from .conftest import SEEDS


def _articles(**columns):
    return pd.DataFrame(columns)


def test_label_outlet_date_then_short_id():
    table = _articles(
        article=["a1", "000_8f6f3232b2e62415", "x", "y"],
        outlet=["Harbour Times", "", "Eastern Wire", ""],
        date=["2022-09-01", "", "", ""],
        label=["", "", "", "My own label"],
    )
    assert article_labels(table) == {
        "a1": "Harbour Times, 2022-09-01",
        "000_8f6f3232b2e62415": "000_8f6f32…",
        "x": "Eastern Wire",
        "y": "My own label",
    }


def test_labels_are_unique():
    table = _articles(article=["p", "q", "r"], outlet=["Post"] * 3, date=["2022-01-01", "2022-01-01", "2022-01-02"])
    assert article_labels(table) == {
        "p": "Post, 2022-01-01 (p)", "q": "Post, 2022-01-01 (q)", "r": "Post, 2022-01-02",
    }
    # Short ids that collide fall back to the full id.
    long = _articles(article=["abcdefghijkl1", "abcdefghijkl2"], outlet=["Post", "Post"], date=["", ""])
    assert article_labels(long) == {"abcdefghijkl1": "Post (abcdefghijkl1)", "abcdefghijkl2": "Post (abcdefghijkl2)"}


def test_seed_labels_and_description():
    corpus = load_corpus(SEEDS)
    labels = article_labels(corpus)
    assert labels["003_f5e4e8201eb882f6"] == "Washington Examiner, 2025-01-22"
    assert labels["002_a6792d8b72d2b792"] == "002_a6792d…"  # a date but no outlet: the id says more
    assert corpus_description(corpus, name=corpus_name(SEEDS)) == "seeds: 5 articles, 1 outlet, 2022-09-12 to 2025-01-22"
    assert source_line(corpus, name="seeds") == "Framing Lens analysis of seeds (5 articles, 1 outlet, 2022-09-12 to 2025-01-22)"


def test_label_column_is_read_from_tables(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text('{"id": "a", "text": "Some text here.", "label": "Mine"}\n', encoding="utf-8")
    corpus = load_corpus(table)
    assert corpus.articles["label"].tolist() == ["Mine"]
    assert article_labels(corpus) == {"a": "Mine"}
    assert corpus_description(corpus, name="t.jsonl") == "t.jsonl: 1 article"


def test_row_names_per_outlet_and_per_article():
    from analysis.labels import row_names

    table = _articles(article=["a", "b", "c", "d"], outlet=["Post", "Post", "", "Wire"], date=["", "", "", ""],
                      label=["", "", "Post", ""])
    # "Post" repeats, so rows are outlets; c has no outlet and its label collides with an outlet's name.
    assert row_names(table) == ("outlet", ["Post", "Post", "Post (c)", "Wire"])
    assert row_names(table, by="article") == ("article", ["Post (a)", "Post (b)", "Post (c)", "Wire"])
    assert row_names(table.iloc[[0, 3]]) == ("article", ["Post", "Wire"])
    import pytest

    with pytest.raises(ValueError, match="by='site'"):
        row_names(table, by="site")


def test_ids_that_shorten_alike_are_shown_whole():
    table = _articles(article=["breitbart_2015-11-11_a", "breitbart_2015-11-12_b", "cnn_1"], outlet=["", "", ""])
    assert article_labels(table) == {
        "breitbart_2015-11-11_a": "breitbart_2015-11-11_a", "breitbart_2015-11-12_b": "breitbart_2015-11-12_b",
        "cnn_1": "cnn_1",
    }
