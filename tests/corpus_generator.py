"""Generated corpora of any size, from our own article templates (no benchmark or seed text).

Every article covers one invented event: councillors in an invented city sign an
appeal against a regional governor, and are summoned and fined for it. Outlets
differ the way real coverage does: in the words they choose for the fighting
("war", "invasion", "special military operation"), whom they quote and how
("said", "claimed"), how loaded their own words are, which wire passage they
copy, how they spell names, and which figures they give. Some articles have no
quotation, no framing term or no figure, so every chart meets its empty case.

Deterministic: the same arguments give byte-identical files.

Command line (for trying the report on a corpus of your own size)::

    python -m tests.corpus_generator 200 /tmp/gen200            # a folder of .txt + metadata.csv
    python -m tests.corpus_generator 40 /tmp/gen40.jsonl        # a JSONL table with outlet and date
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import date, timedelta
from pathlib import Path

__all__ = ["OUTLETS", "generate_articles", "write_corpus"]

OUTLETS = [
    "Harbour Times",
    "Eastern Wire",
    "The Morning Ledger",
    "Capital Post",
    "Riverside Gazette",
    "The Extremely Long-Named Regional Evening Chronicle and Weekly Advertiser",
    "Northern Herald",
    "Kestrel News Agency",
    "Daily Beacon",
    "Lakeside Observer",
    "Valley Courier",
    "The Sentinel",
]

_FIGHTING = ["the war", "the invasion", "the special military operation", "the conflict", "the fighting"]
_SIGNERS = ["seven", "nine", "ten", "12", "more than 20"]
_NAMES = [("Ksenia Volkova", "Xenia Volkova"), ("Oleksandr Petrenko", "Alexander Petrenko"),
          ("Dmitry Sorokin", "Dmitriy Sorokin")]
_CUES = ["said", "said", "told reporters", "claimed", "insisted", "warned"]
_LOADED = ["draconian", "shameful", "outrageous", "reckless", "disgraceful"]
_WIRE = (
    "The appeal, published on the council's website, asked the governor to step down and said that "
    "the decision to send troops had cost the region dearly in lives and money."
)
_FILLER = [
    "The council building stood quiet on Monday morning as officials arrived for a closed meeting.",
    "Residents gathered outside the town hall, where a small crowd read the appeal aloud.",
    "Local shops closed early, and the tram service along the embankment was suspended for the afternoon.",
    "The city of Marlow has about 90,000 inhabitants and elects 25 councillors every five years.",
    "Several councillors declined to comment, saying they had received legal advice.",
    "The regional administration did not respond to a request for comment by the time of publication.",
    "Observers noted that municipal councils rarely take a public position on national policy.",
]


def generate_articles(n: int, *, seed: int = 7, outlets: int | None = None, start: date = date(2022, 9, 1)) -> list[dict]:
    """``n`` articles as dicts with ``id``, ``text``, ``outlet``, ``date`` and ``title``.

    ``outlets`` caps how many outlets are used (default: up to twelve, cycling), so a
    large corpus has several articles per outlet.
    """
    rng = random.Random(seed)
    pool = OUTLETS[: outlets or len(OUTLETS)]
    articles = []
    for i in range(n):
        outlet = pool[i % len(pool)]
        day = start + timedelta(days=rng.randrange(0, 40))
        articles.append({
            "id": f"gen{i:04d}",
            "outlet": outlet,
            "date": day.isoformat(),
            "title": f"Marlow councillors ask governor to resign ({i + 1})",
            "text": _article(rng, i),
        })
    return articles


def _article(rng: random.Random, i: int) -> str:
    fighting = rng.choice(_FIGHTING)
    name = rng.choice(_NAMES)[rng.randrange(2)]
    surname = name.split()[-1]
    signers = rng.choice(_SIGNERS)
    fine = rng.choice([780, 788, 800])
    paragraphs = [
        f"MARLOW — {signers.capitalize()} councillors in Marlow have signed an appeal calling on the regional "
        f"governor to resign over {fighting}, a rare act of dissent by elected officials.",
    ]
    kind = i % 6  # every sixth article lacks one ingredient, so each empty case occurs
    if kind != 1:
        cue = rng.choice(_CUES)
        paragraphs.append(f"“We cannot stay silent while {fighting} goes on,” {name}, a councillor, {cue}.")
        paragraphs.append(f"{surname} added that the council had voted {rng.choice(['5 to 2', '7 to 3'])} to send the appeal.")
    if kind != 2:
        paragraphs.append(f"The governor's office called the appeal a provocation and said {fighting} was going to plan.")
    if kind != 3:
        paragraphs.append(f"Police later summoned {rng.choice(['four', 'five', 'seven'])} of the councillors, and a court "
                          f"fined each of them {fine} dollars for discrediting the army.")
    if kind == 4:
        paragraphs = [p.replace(fighting, "the events") for p in paragraphs]  # an article with no framing term
    if rng.random() < 0.5:
        paragraphs.append(_WIRE)
    if rng.random() < 0.4:
        paragraphs.append(f"Critics described the fines as {rng.choice(_LOADED)}.")
    paragraphs += rng.sample(_FILLER, k=rng.randrange(1, 4))
    return "\n\n".join(paragraphs) + "\n"


def write_corpus(articles: list[dict], target: str | Path, *, metadata: bool = True) -> Path:
    """Write ``articles`` as a folder of ``.txt`` files (with ``metadata.csv`` unless ``metadata`` is False),
    or as a ``.jsonl``/``.csv`` table when ``target`` ends so. Returns ``target``."""
    path = Path(target)
    columns = ["id", "text", *(["outlet", "date", "title"] if metadata else [])]
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps({c: a[c] for c in columns}, ensure_ascii=False) + "\n" for a in articles),
                        encoding="utf-8")
        return path
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
            writer.writeheader()
            writer.writerows(articles)
        return path
    path.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (path / f"{article['id']}.txt").write_text(article["text"], encoding="utf-8")
    if metadata:
        with (path / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=["id", "outlet", "date", "title"], extrasaction="ignore",
                                    lineterminator="\n")
            writer.writeheader()
            writer.writerows(articles)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many articles")
    parser.add_argument("target", help="a folder, or a .jsonl/.csv table")
    parser.add_argument("--outlets", type=int, help="use at most this many outlets")
    parser.add_argument("--no-metadata", action="store_true", help="leave out outlet, date and title")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    articles = generate_articles(args.n, seed=args.seed, outlets=args.outlets)
    print(write_corpus(articles, args.target, metadata=not args.no_metadata))


if __name__ == "__main__":
    main()
