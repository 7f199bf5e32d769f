"""Name variants (issue 11): transliterations cluster, namesakes stay apart, and no word that is not a name clusters.

Every person, place and article here is invented for these tests.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from analysis import names
from analysis.compare import metadata_anomalies, name_variants
from analysis.lexicon import LEXICON_DIR, LexiconError, read_lexicon
from analysis.names import cluster_names, cluster_names_all_pairs, same_person
from analysis.sourcing import find_quotes, merge_speaker_variants

from .conftest import corpus_of


def clusters_of(table: pd.DataFrame) -> dict[str, set[str]]:
    return {str(c): set(v) for c, v in table.groupby("cluster")["variant"]}


def cluster_with(table: pd.DataFrame, variant: str) -> set[str]:
    """The spellings clustered with ``variant`` (just itself when it is in no cluster)."""
    return next((v for v in clusters_of(table).values() if variant in v), {variant})


# ---------------------------------------------------------------- folding rules --


@pytest.mark.parametrize(
    "spellings, other",
    [
        # th / t (and an English "ea" for е)
        (["Xenia Thorstrom", "Xenia Torstrem", "Xenia Torstream"], "Xenia Thornbury"),
        # y / j / i
        (["Yulia Rybak", "Julia Ribak", "Iuliia Rybak"], "Yana Rybak"),
        # ks / x, with y / i and a Ukrainian first name
        (["Oleksiy Maksymenko", "Alexei Maximenko", "Aleksey Maksimenko"], "Alexandra Maksimenko"),
        # -iy / -y / -ii endings, in first names and surnames (folded alike before this issue too)
        (["Vasiliy Gorodetsky", "Vasily Gorodetskii", "Vasilii Gorodetskiy"], "Vasily Gorodok"),
        # Ukrainian and Russian forms of one given name (name_variants.toml)
        (["Dmytro Palyuga", "Dmitry Palyuga", "Dmitriy Palyuga"], "Maria Palyuga"),
        (["Oleksandr Kovalenko", "Alexander Kovalenko", "Aleksandr Kovalenko"], "Alexandra Kovalenko"),
        (["Serhiy Tkachuk", "Sergei Tkachuk", "Sergey Tkachuk"], "Semyon Tkachuk"),
    ],
)
def test_transliterations_cluster_and_other_people_stay_apart(spellings: list[str], other: str) -> None:
    counts = [(name, len(spellings) - i) for i, name in enumerate(spellings)] + [(other, 1)]
    for ordered in (counts, counts[::-1]):  # whichever spelling is the most frequent
        canonical = cluster_names(ordered)
        assert len({canonical[name] for name in spellings}) == 1, canonical
        assert canonical[other] == other and canonical[other] not in {canonical[name] for name in spellings}
        assert canonical == cluster_names_all_pairs(ordered)


@pytest.mark.parametrize(
    "first, second",
    [
        ("Anna Petrova", "Olga Petrova"),  # two women who share a surname
        ("Anna Petrova", "Anne Petrova"),  # two known names, one letter apart
        ("Dmitry Palyuga", "Maria Palyuga"),
        ("Alexander Petrov", "Alexandra Petrova"),  # the usual genders differ
        ("Mark Vellum", "Mary Vellum"),
        ("Oleg Kovalenko", "Oleksandr Kovalenko"),
        ("Patricia Vellum", "Marcia Vellum"),  # an unknown first name 71 similar to a known one
    ],
)
def test_people_who_share_a_surname_stay_apart(first: str, second: str) -> None:
    assert not same_person(first, second)
    canonical = cluster_names([(first, 2), (second, 1)])
    assert canonical[first] != canonical[second]


def test_transliterations_cluster_across_articles() -> None:
    corpus = corpus_of(
        "Xenia Thorstrom signed the appeal. Dmytro Palyuga sent it on.",
        "Xenia Torstrem, a deputy, signed first. Dmitry Palyuga agreed.",
        "Deputy Xenia Torstream was summoned. Maria Palyuga, his sister, was not.",
    )
    table = name_variants(corpus)
    assert cluster_with(table, "Xenia Thorstrom") == {"Xenia Thorstrom", "Xenia Torstrem", "Xenia Torstream"}
    assert cluster_with(table, "Dmytro Palyuga") == {"Dmytro Palyuga", "Dmitry Palyuga"}
    assert "Maria Palyuga" not in set(table["variant"])


def test_an_initial_joins_the_only_compatible_first_name() -> None:
    corpus = corpus_of(
        "Dmitry Palyuga and Maria Palyuga both signed.",
        "Dmytro Palyuga spoke, so did Maria Palyuga. Later D. Palyuga left, and M. Palyuga stayed.",
        "K. Palyuga was not there. John F. Palyuga neither.",
    )
    table = name_variants(corpus)
    assert "D. Palyuga" in cluster_with(table, "Dmitry Palyuga")
    assert "M. Palyuga" in cluster_with(table, "Maria Palyuga")
    assert "D. Palyuga" not in cluster_with(table, "Maria Palyuga")
    assert not any(v.startswith(("K.", "F.")) for v in table["variant"])  # no such first name: joins no one
    for row in table.itertuples():
        assert corpus.set_index("article").loc[row.article, "text"][row.start : row.end] == row.text


def test_a_lone_surname_shared_by_two_people_joins_the_one_its_article_names() -> None:
    corpus = corpus_of(
        "Anna Brook spoke first. Brook said the vote was rigged.",
        "Oleg Brook did not speak. Brook said he stayed home.",
        "Brook was quoted again, with no first name.",
    )
    table = name_variants(corpus)
    anna, oleg = cluster_with(table, "Anna Brook"), cluster_with(table, "Oleg Brook")
    assert anna == {"Anna Brook", "Brook"} and oleg == {"Oleg Brook", "Brook"}
    lone = table[(table["variant"] == "Brook")]
    assert set(lone["article"]) == {"a0", "a1"}  # the third article names neither in full


# ------------------------------------------------------------------- no name --


@pytest.mark.parametrize(
    "texts, junk",
    [
        # a capitalised common word at a sentence start joins no surname
        (["Marta Till spoke for the deputies.", "Still, nothing changed. Still the deputies waited."], "Still"),
        # a headline is no person, and its last word no surname
        (["Smolninskoye Deputies\n\nThe deputies met.", "Deputies met on Monday. The deputies voted."], "Deputies"),
        (["Tough Choices\n\nText.", "Choices were hard, the deputies said. The choices stayed."], "Choices"),
        # a place's name is no surname, even when someone bears it
        (["Elena Ostrovia spoke.", "Talks in Ostrovia ended.", "Ostrovia voted. Trade in Ostrovia grew."],
         "Ostrovia"),
        # "the Gazette" is a newspaper, not Mr Gazette
        (["Don Gazette, the mayor, spoke.", "The Gazette reported it. Readers of the Gazette agreed."], "Gazette"),
    ],
)
def test_a_word_that_is_not_a_name_never_makes_a_cluster(texts: list[str], junk: str) -> None:
    table = name_variants(corpus_of(*texts))
    assert junk not in set(table["variant"])


@pytest.mark.parametrize(
    "text, junk",
    [
        ("Media Matters Reports Deputies Summoned. Media Matters said so. Later Matters rested.", "Media Matters"),
        ("The Sorry Sarah show aired. Sarah was not on it. Sorry Sarah won again.", "Sorry Sarah"),
    ],
)
def test_headline_phrases_are_no_cluster(text: str, junk: str) -> None:
    table = name_variants(corpus_of(text, "Nothing else. The matters were closed and nobody was sorry."))
    assert junk not in set(table["cluster"]) | set(table["variant"])


def test_a_name_made_of_words_the_corpus_writes_capitalised_is_a_person() -> None:
    # "pat" and "rush" are Dale–Chall words, but "Pat" is a listed first name, and a corpus that
    # writes "Rush" capitalised far more often than "rush" says it is a name.
    texts = ["Pat Halloran spoke. Halloran left.", "Rush Kemble spoke. Rush Kemble left. Kemble stayed.",
             "Rush Kemble again, Rush Kemble.", "Rush Kemble once more. Kemble said so."]
    table = name_variants(corpus_of(*texts))
    assert cluster_with(table, "Pat Halloran") == {"Pat Halloran", "Halloran"}
    assert cluster_with(table, "Rush Kemble") == {"Rush Kemble", "Kemble"}
    # the same words written in lower case: "Tough Choices" is a headline
    table = name_variants(corpus_of("Tough Choices\n\nText.", "The choices were tough. Tough choices again."))
    assert table.empty


def test_an_honorific_is_no_first_name() -> None:
    table = name_variants(corpus_of("Tessa Jowlen spoke. But Ms Jowlen left.", "But Ms Jowlen said no."))
    assert cluster_with(table, "Tessa Jowlen") == {"Tessa Jowlen", "Jowlen"}
    assert "Ms Jowlen" not in set(table["variant"])


def test_a_possessive_ends_the_name() -> None:
    table = name_variants(corpus_of("Vera Kostina’s Plans For Smolensk were read. Later Kostina spoke."))
    assert cluster_with(table, "Vera Kostina") == {"Vera Kostina", "Kostina"}


def test_a_lone_surname_elsewhere_joins_only_someone_named_in_full_twice() -> None:
    corpus = corpus_of("Rustam Islamov spoke.", "Islamov was quoted.", "Olena Verbytska spoke.",
                       "Verbytska, Olena Verbytska, said it again.", "Verbytska was quoted.")
    table = name_variants(corpus)
    assert "Islamov" not in set(table["variant"])  # named in full once, in another article
    assert set(table[table["variant"] == "Verbytska"]["article"]) == {"a3", "a4"}


def test_a_misspelt_surname_joins_only_where_the_person_is_named_in_full() -> None:
    corpus = corpus_of("Dmitry Palyuga agreed, Payuga said.", "Payuga was mentioned elsewhere.")
    table = name_variants(corpus)
    assert set(table[table["variant"] == "Payuga"]["article"]) == {"a0"}


def test_body_names_are_not_common_words_or_possessives() -> None:
    corpus = corpus_of("The district voted. Her district agreed.", "The Marlow administration and Marlow's administration.",
                       "The Smolensk council met. The Smolenskoe council did not.")
    table = name_variants(corpus)
    assert "The district" not in set(table["cluster"]) and "Her district" not in set(table["variant"])
    assert not any("Marlow" in v for v in table["variant"])  # one body, with and without a possessive
    assert cluster_with(table, "Smolensk council") == {"Smolensk council", "Smolenskoe council"}
    labels = metadata_anomalies(corpus)
    assert not labels["text"].str.contains("district").any()


# ---------------------------------------------------------------- speakers --


def test_speaker_clustering_merges_transliterations_and_keeps_namesakes_apart() -> None:
    quotes = find_quotes(corpus_of("“We stay,” said Dmytro Palyuga.", "“We go,” said Dmitry Palyuga.",
                                   "“Fine,” said Maria Palyuga.", "“No,” said Xenia Thorstrom.",
                                   "“Yes,” said Xenia Torstrem."))
    canonical = merge_speaker_variants(quotes)
    assert canonical["Dmytro Palyuga"] == canonical["Dmitry Palyuga"]
    assert canonical["Maria Palyuga"] not in (canonical["Dmitry Palyuga"], "Dmitry Palyuga", "Dmytro Palyuga")
    assert canonical["Xenia Thorstrom"] == canonical["Xenia Torstrem"]


# ---------------------------------------------------------------- the data --


def test_every_fold_rule_is_data_and_listed_in_the_module_docstring() -> None:
    data = tomllib.loads((LEXICON_DIR / "name_variants.toml").read_text(encoding="utf-8"))
    table = re.findall(r"^(\S+)\s{2,}(\S+)\s{2,}\S", names.__doc__ or "", flags=re.MULTILINE)
    listed = [(old, new) for old, new in table if old not in ("from", "=====")]
    assert listed == [(rule["from"], rule["to"]) for rule in data["fold"]]
    assert all(rule.get("why") for rule in data["fold"])


def test_editing_the_lexicon_takes_effect_on_the_next_call(tmp_path: Path) -> None:
    shipped = (LEXICON_DIR / "name_variants.toml").read_text(encoding="utf-8")
    own = tmp_path / "name_variants.toml"
    own.write_text(shipped, encoding="utf-8")
    corpus = corpus_of("Mikhail Orlovsky spoke.", "Michael Orlovsky answered.")
    assert cluster_with(name_variants(corpus, lexicon_dir=str(tmp_path)), "Mikhail Orlovsky") == {"Mikhail Orlovsky"}
    own.write_text(shipped + '\n[[given_names]]\ngender = "male"\nspellings = ["Mikhail", "Michael"]\n',
                   encoding="utf-8")
    table = name_variants(corpus, lexicon_dir=str(tmp_path))
    assert cluster_with(table, "Mikhail Orlovsky") == {"Mikhail Orlovsky", "Michael Orlovsky"}
    without_th = re.sub(r'\[\[fold\]\]\nfrom = "th"\nto = "t"\n[^\n]*\n', "", shipped)
    own.write_text(without_th, encoding="utf-8")
    assert not names.same_person("Xenia Thorstrom", "Xenia Torstrem", rules=names.name_rules(str(tmp_path)))
    assert names.same_person("Xenia Thorstrom", "Xenia Torstrem")  # the shipped rules are untouched


def test_a_malformed_name_lexicon_names_the_file_and_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "name_variants.toml"
    bad.write_text('[[fold]]\nfrom = "th"\n\n[[given_names]]\ngender = "male"\nspellings = ["Dmitry", "Dmytro"]\n',
                   encoding="utf-8")
    with pytest.raises(LexiconError, match=r"name_variants\.toml: fold, item 1\.to: .*missing"):
        read_lexicon(bad)
    bad.write_text('fold = []\n\n[[given_names]]\ngender = "other"\nspellings = ["Dmitry", "Dmytro"]\n',
                   encoding="utf-8")
    with pytest.raises(LexiconError, match=r"name_variants\.toml: given_names, item 1\.gender"):
        read_lexicon(bad)
