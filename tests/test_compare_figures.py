"""Figures: a quantity is what is counted and what happened to it; money keeps its currency;
dates, times, ages and street numbers are never counts; conflicts only within one quantity.

Every sentence here is our own (invented towns, people and outlets)."""

from __future__ import annotations

import math

from analysis.compare import figure_conflicts, figures_by_quantity, numeric_claims
from tests.conftest import corpus_of


def claims_of(*texts: str) -> list[tuple[str, float, str, str]]:
    table = numeric_claims(corpus_of(*texts))
    return [(r.text, r.value, r.noun, r.quantity) for r in table.itertuples()]


def quantity_of(text: str, claim: str) -> str:
    found = [q for t, _, _, q in claims_of(text) if t == claim]
    assert len(found) == 1, claims_of(text)
    return found[0]


# ------------------------------------------------------------ events --

def test_what_happened_to_the_counted_people_is_part_of_the_quantity():
    text = ("Police in Zarechny summoned seven deputies on Tuesday. Five of them were charged with insulting the "
            "governor. Four deputies are due in court next week. The appeal was signed by 12 deputies.")
    assert [(t, n, q) for t, _, n, q in claims_of(text)] == [
        ("seven deputies", "deputies", "summoned"),
        ("Five of them", "deputies", "charged"),
        ("Four deputies", "deputies", "in_court"),
        ("12 deputies", "deputies", "signatories"),
    ]


def test_the_nearest_event_word_in_the_clause_decides_both_before_and_after_the_count():
    assert quantity_of("Eleven councillors were detained outside the town hall.", "Eleven councillors") == "detained"
    assert quantity_of("Riot police detained eleven protesters in Borovsk.", "eleven protesters") == "detained"
    assert quantity_of("The flood in Krasny Yar killed nine people.", "nine people") == "killed"
    assert quantity_of("Nine people were injured when the roof fell.", "Nine people") == "injured"


def test_an_event_in_a_relative_clause_yields_to_the_main_verb():
    summoned = "Six deputies who signed the appeal were summoned by investigators."
    assert quantity_of(summoned, "Six deputies") == "summoned"
    # With no other event word, the relative clause tells what happened to them.
    signed = "Marta Ilyina, one of nine deputies who signed the appeal, said she was not afraid."
    assert quantity_of(signed, "nine deputies") == "signatories"


def test_an_event_word_in_another_clause_does_not_count():
    # The semicolon ends the clause: the appeal belongs to the first half only.
    text = "Thirty officials attended the session; the appeal went unanswered."
    assert quantity_of(text, "Thirty officials") == ""
    # A clause word ("after") starts a new clause too.
    text = "Eight deputies were summoned after the petition appeared online."
    assert quantity_of(text, "Eight deputies") == "summoned"


def test_a_count_with_no_event_word_near_it_is_not_compared():
    text = "The venue in Dubki holds almost 9,000 people, and the organisers expect strong demand for tickets."
    assert quantity_of(text, "almost 9,000 people") == ""


# ------------------------------------------------------- not counts --

def test_the_day_of_a_date_and_an_ordinal_are_never_counts():
    text = ("Seven deputies were summoned. They are due in court on 7 September, and again on September 7 "
            "next year, or on the 7th.")
    assert [t for t, _, _, _ in claims_of(text)] == ["Seven deputies"]


def test_times_and_scores_are_never_counts():
    text = "Seven deputies were summoned to appear at 7 pm, or by 7:30 at the latest. The vote ended 7-7."
    assert [t for t, _, _, _ in claims_of(text)] == ["Seven deputies"]


def test_ages_are_ages_never_counts():
    text = ("Seven deputies signed the appeal. The youngest, aged 24, was detained. "
            "Deputy Gleb Sorin, 45 years old, was sentenced to two years in prison.")
    found = {t: (n, q) for t, _, n, q in claims_of(text)}
    assert found["24"] == ("age", "age")
    assert found["45 years old"] == ("age", "age")
    assert found["two years"] == ("years", "prison")


def test_street_numbers_are_never_counts_but_a_saint_is_no_street():
    text = "Seven deputies were summoned to 7 Lesnaya Street. 5 St Petersburg deputies were detained there."
    assert [(t, q) for t, _, _, q in claims_of(text)] == [("Seven deputies", "summoned"),
                                                            ("5 St Petersburg deputies", "detained")]


def test_a_year_is_skipped_unless_it_counts_something():
    text = "In 2021, 14 deputies signed the appeal. Police detained 2000 protesters."
    assert [(t, v, q) for t, v, _, q in claims_of(text)] == [("14 deputies", 14.0, "signatories"),
                                                              ("2000 protesters", 2000.0, "detained")]


def test_a_number_in_a_name_or_a_decimal_after_a_comma_is_no_count_and_no_age():
    text = ("Four people were killed in the Dubki crash. Channel 4 showed the wreck. The winner was Vera Lopatina, "
            "45.4 percent of the vote.")
    assert [(t, q) for t, _, _, q in claims_of(text)] == [("Four people", "killed")]


def test_spelled_out_multipliers_scale_the_count():
    text = "The governor won 2.4 million votes in the Kamensk region."
    assert claims_of(text) == [("2.4 million votes", 2_400_000.0, "votes", "votes")]


# ------------------------------------------------------------- money --

def test_money_keeps_its_currency_and_what_it_was_paid_for():
    text = ("A court in Lipetsk ordered the blogger to pay a fine of 780 dollars. Her colleague was fined $788. "
            "A third blogger was fined 47,000 roubles. The Lipetsk Courier reported a profit of €5m. "
            "Rent in the town costs $213 per resident.")
    assert claims_of(text) == [
        ("780 dollars", 780.0, "USD", "fines (USD)"),
        ("$788", 788.0, "USD", "fines (USD)"),
        ("47,000 roubles", 47_000.0, "RUB", "fines (RUB)"),
        ("€5m", 5_000_000.0, "EUR", "profits (EUR)"),
        ("$213", 213.0, "USD", ""),  # a rate, not a total
    ]


def test_a_qualified_amount_keeps_its_qualifier_and_range():
    table = numeric_claims(corpus_of("The Tambov Voice was fined more than $1,000 last spring."))
    assert table[["text", "value", "qualifier", "low", "noun", "quantity"]].values.tolist() == [
        ["more than $1,000", 1000.0, "more than", 1001.0, "USD", "fines (USD)"]]
    assert math.isnan(table.iloc[0]["high"])


def test_a_conversion_in_parentheses_shares_the_event_of_the_amount_it_converts():
    text = "The broadcaster was given a $550,000 (£290,000) fine by the regulator."
    assert [(t, q) for t, _, _, q in claims_of(text)] == [("$550,000", "fines (USD)"), ("£290,000", "fines (GBP)")]


# --------------------------------------------------------- conflicts --

def test_conflicts_only_between_values_of_the_same_quantity():
    corpus = corpus_of(
        "Ten deputies signed the appeal to the governor of Zarechny.",  # the Zarechny Herald
        "The appeal was signed by seven deputies, the Borovsk Post says.",
        "Police summoned seven deputies on Monday.",
        "Five deputies were charged on Friday.",
        "Investigators summoned seven deputies, the Dubki Gazette adds.",
    )
    claims = numeric_claims(corpus)
    assert set(zip(claims["article"], claims["quantity"], strict=True)) == {
        ("a0", "signatories"), ("a1", "signatories"), ("a2", "summoned"), ("a3", "charged"), ("a4", "summoned")}
    conflicts = figure_conflicts(claims)
    assert conflicts[["quantity", "article", "other_article"]].values.tolist() == [["signatories", "a0", "a1"]]
    assert list(figures_by_quantity(claims)["quantity"]) == ["signatories", "signatories", "summoned", "summoned"]


def test_money_conflicts_only_in_one_currency():
    corpus = corpus_of(
        "The Lipetsk Courier says the blogger must pay a fine of 780 dollars.",
        "The blogger was fined $788, according to the Tambov Voice.",
        "The Ryazan Daily writes that she was fined 780 euros.",
        "The Oryol Bulletin reports a fine of 80,000 roubles for a second blogger.",
    )
    conflicts = figure_conflicts(numeric_claims(corpus))
    assert conflicts[["quantity", "article", "values", "other_article", "other_values"]].values.tolist() == [
        ["fines (USD)", "a0", "780 dollars", "a1", "$788"]]
    assert (conflicts["low"].tolist(), conflicts["other_high"].tolist()) == ([780.0], [788.0])


def test_qualified_figures_conflict_only_when_their_ranges_cannot_both_hold():
    corpus = corpus_of("More than 30 deputies signed the appeal.", "The appeal was signed by 35 deputies.",
                       "Only 12 deputies signed the appeal.")
    conflicts = figure_conflicts(numeric_claims(corpus))
    pairs = conflicts[["article", "other_article"]].values.tolist()
    assert pairs == [["a0", "a2"], ["a1", "a2"]]  # "more than 30" allows 35, not 12
    assert math.isnan(conflicts.iloc[0]["high"])  # open above


# ----------------------------------------------------------- lexicon --

def test_events_come_from_the_lexicon_with_prefixes(tmp_path):
    (tmp_path / "quantities.toml").write_text(
        '[quantities.stranded]\nnouns = ["Passengers"]\nevents = ["Strand*"]\n'
        '[quantities.rescued]\nnouns = ["passengers"]\nevents = ["rescued", "taken to safety"]\n',
        encoding="utf-8")
    table = numeric_claims(corpus_of("Forty passengers were stranded at Dubki station. By noon twelve passengers "
                                     "were taken to safety."), lexicon_dir=str(tmp_path))
    assert table[["text", "quantity"]].values.tolist() == [["Forty passengers", "stranded"],
                                                          ["twelve passengers", "rescued"]]


def test_an_open_bound_keeps_the_articles_range_open():
    corpus = corpus_of("The appeal had 19 signatories at first; by night it was signed by more than 40 deputies.",
                       "The Kamensk Post says 45 deputies signed the appeal.")
    table = figures_by_quantity(numeric_claims(corpus))
    first = table[table["article"] == "a0"].iloc[0]
    assert first["low"] == 19.0 and math.isnan(first["high"])  # 19, and more than 40: no upper bound
    assert figure_conflicts(numeric_claims(corpus)).empty  # 45 fits "more than 40"


def test_ages_are_neither_compared_nor_charted_as_figures():
    corpus = corpus_of(
        "Nikita Orlov, 34, signed the appeal with 11 other deputies.",
        "Anna Brook, 52, said 12 deputies signed the appeal.",
    )
    claims = numeric_claims(corpus)
    assert "age" in set(claims["quantity"])  # the ages are read, as ages
    assert "age" not in set(figures_by_quantity(claims)["quantity"])  # two people's ages are no disagreement
    assert "age" not in set(figure_conflicts(claims)["quantity"])
    assert "age" in set(figures_by_quantity(claims, uncompared=())["quantity"])
