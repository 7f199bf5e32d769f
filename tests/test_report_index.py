"""The report's front page: answers first, then charts with how to read them, the errors, and the error rates.

One report is built with a tiny notebook of our own (it saves named charts; no analysis runs in it);
the sections are then checked on that page and on pages rendered from hand-made data.
"""

import html
import json
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

from analysis.accuracy import ACCURACY_COLUMNS, read_accuracy, record_accuracy
from analysis.report import build_report
from analysis.report_index import MAX_ERROR_ROWS, IndexData, chart_reading, index_data, index_page

HOSTILE = "<script>alert(1)</script>"
CHARTS = [
    "01-corpus-overview--article-length",  # known: gets its line
    "02-term-usage--family-rates-by-voice--by-outlet",  # a variant of a known chart: gets that chart's line
    "06-cross-article--reuse-heatmap--by-outlet",  # a variant of a chart whose reading holds only as it is
    "07-new-notebook--mystery-chart",  # unknown: no line
]


class _Headings(HTMLParser):
    """Every heading's level and text, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._open = tag
            self.found.append((tag, ""))

    def handle_endtag(self, tag):
        if tag == self._open:
            self._open = None

    def handle_data(self, data):
        if self._open:
            tag, text = self.found[-1]
            self.found[-1] = (tag, text + data)


def headings(page: str) -> list[str]:
    parser = _Headings()
    parser.feed(page)
    return [text for _, text in parser.found]


def _chart_notebook(folder):
    """One notebook that saves a PNG and an SVG for each of ``CHARTS``."""
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    params = nbformat.v4.new_code_cell('corpus: str = ""\nfigures_dir: str = ""\nsummary_path: str = ""')
    params.metadata["tags"] = ["parameters"]
    work = nbformat.v4.new_code_cell(
        "import pathlib\n"
        f"for slug in {CHARTS!r}:\n"
        "    pathlib.Path(figures_dir, slug + '.png').write_bytes(b'png')\n"
        "    pathlib.Path(figures_dir, slug + '.svg').write_text('<svg/>')\n"
    )
    nb.cells = [params, work]
    nbformat.write(nb, folder / "01-charts.ipynb")
    return folder


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    root = tmp_path_factory.mktemp("index")
    corpus = root / "coverage"
    corpus.mkdir()
    texts = {
        "a1": "The war went on. “We will not stop,” said Ivan Petrov, a municipal deputy.\n",
        "a2": "The special military operation went on, the Kremlin said.\n",
        "b1": "Nothing was said about the conflict today.\n",
    }
    for article, text in texts.items():
        (corpus / f"{article}.txt").write_text(text, encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        f'id,outlet,date\na1,"{HOSTILE}",2022-09-01\na2,"{HOSTILE}",2022-09-02\nb1,Plain Outlet,2022-09-03\n',
        encoding="utf-8",
    )
    (corpus / "<img src=x onerror=alert(2)>.dat").write_text("not an article", encoding="utf-8")
    index = build_report(corpus, root / "out", notebooks_dir=_chart_notebook(root / "notebooks"))
    return index.read_text(encoding="utf-8")


def test_page_opens_with_the_answers_then_charts_errors_and_accuracy(report):
    assert headings(report) == ["At a glance", "Charts", "Problems met while loading",
                                "How accurate are these measures", "Notebook pages"]
    glance = report[report.index("At a glance"):report.index('id="charts"')]
    # One row per outlet: the two articles of the hostile outlet together, then the plain one.
    assert glance.count("<tr><td") == 2
    assert "Plain Outlet" in glance and "Ivan Petrov (1)" in glance
    assert "coverage: 3 articles, 2 outlets, 2022-09-01 to 2022-09-03" in report  # the corpus, named
    assert "Framing Lens analysis of coverage (3 articles" in glance  # its source line


def test_untrusted_names_are_escaped(report):
    assert HOSTILE not in report and "<img src=x" not in report
    assert html.escape(HOSTILE) in report  # the outlet's row, escaped
    assert html.escape("<img src=x onerror=alert(2)>.dat") in report  # the errors table's source, escaped


def test_each_chart_has_its_reading_line_or_none(report):
    captions = {slug: report[report.index(f'alt="{slug}"'):].split("</figcaption>")[0] for slug in CHARTS}
    assert chart_reading("01-corpus-overview--article-length").startswith("One bar per article")
    assert html.escape(chart_reading("01-corpus-overview--article-length")) in captions[CHARTS[0]]
    assert html.escape(chart_reading("02-term-usage--family-rates-by-voice")) in captions[CHARTS[1]]
    for slug in CHARTS[2:]:  # no line rather than a wrong one
        assert chart_reading(slug) == ""
        assert captions[slug].split("<figcaption>")[1] == f"<code>{slug}</code>"


def test_chart_reading_matches_whole_slug_parts_only():
    guide = {"02-a--rates": {"read": "rates"}, "02-a--rates-by-voice": {"read": "by voice"},
             "03-b--heatmap": {"read": "heatmap", "variants": False}}
    assert chart_reading("02-a--rates", guide) == "rates"
    assert chart_reading("02-a--rates-by-voice--by-outlet", guide) == "by voice"  # the longest known part
    assert chart_reading("02-a--ratesx", guide) == ""
    assert chart_reading("03-b--heatmap-by-outlet", guide) == ""
    assert chart_reading("03-b--heatmap", guide) == "heatmap"


def test_errors_table_lists_each_problem(report):
    errors = report[report.index('id="errors"'):report.index('id="accuracy"')]
    assert "1 problem: 1 unsupported_file." in errors
    assert "<td>unsupported_file</td>" in errors


def _page(tmp_path, *, errors=None, accuracy=None, problem=""):
    figures = tmp_path / "figures"
    figures.mkdir(exist_ok=True)
    data = IndexData("c: 0 articles", "Framing Lens analysis of c (0 articles)",
                     pd.DataFrame(), errors if errors is not None else pd.DataFrame(),
                     accuracy if accuracy is not None or problem else read_accuracy(tmp_path / "none.json"), problem)
    return index_page(data, [], tmp_path)


def test_huge_errors_tables_are_summarised(tmp_path):
    errors = pd.DataFrame({"article": [f"x{i}" for i in range(250)], "source": "s",
                           "problem": ["empty"] * 200 + ["binary"] * 50, "detail": "d"})
    page = _page(tmp_path, errors=errors)
    assert "250 problems: 200 empty, 50 binary." in page
    assert f"The first {MAX_ERROR_ROWS} of 250 problems." in page
    assert page.count("<td>x") == MAX_ERROR_ROWS


def test_accuracy_section_shows_the_recorded_rows(report):
    recorded = read_accuracy()
    assert not recorded.empty, "analysis/data/accuracy.json has no rows: run the accuracy benchmarks with --record"
    section = report[report.index('id="accuracy"'):report.index('id="notebooks"')]
    for row in recorded.to_dict("records"):
        assert html.escape(row["dataset"]) in section
        assert f"<td class=n>{row['f1']:.3f}</td>" in section
        assert html.escape(row["command"]) in section
    assert set(recorded["split"]) >= {"test"}


def test_missing_empty_or_broken_accuracy_file_says_not_measured(tmp_path):
    missing = index_data(tmp_path, accuracy_path=tmp_path / "absent.json")
    assert missing.accuracy is not None and missing.accuracy.empty
    empty = tmp_path / "empty.json"
    empty.write_text("", encoding="utf-8")
    for path in (tmp_path / "absent.json", empty):
        page = index_page(index_data(tmp_path, accuracy_path=path), [], tmp_path)
        assert "<p>Not measured: no accuracy figures are recorded" in page
    broken = tmp_path / "broken.json"
    broken.write_text('{"rows": [{"task": "quotations"}]}', encoding="utf-8")
    data = index_data(tmp_path, accuracy_path=broken)
    assert data.accuracy is None and f"{broken}: row 1 lacks dataset" in data.accuracy_problem
    assert "Not measured: the accuracy figures could not be read" in index_page(data, [], tmp_path)


def test_record_accuracy_replaces_the_same_measurement_and_keeps_others(tmp_path):
    path = tmp_path / "accuracy.json"
    row = dict.fromkeys(ACCURACY_COLUMNS, "x") | {"precision": 0.123456, "recall": 0.5, "f1": 0.25,
                                                   "speaker_accuracy": None, "n": 10}
    record_accuracy([row, row | {"split": "dev"}], path=path)
    record_accuracy([row | {"f1": 0.75}], path=path)
    table = read_accuracy(path)
    assert list(table["split"]) == ["dev", "x"] and list(table["f1"]) == [0.25, 0.75]
    assert table["precision"].iloc[0] == 0.1235 and pd.isna(table["speaker_accuracy"].iloc[0])
    saved = path.read_text(encoding="utf-8")
    assert json.loads(saved)["rows"][1]["speaker_accuracy"] is None
    record_accuracy([], path=path)
    assert path.read_text(encoding="utf-8") == saved  # same figures, same bytes
    with pytest.raises(ValueError, match="lacks command"):
        record_accuracy([{c: 1 for c in ACCURACY_COLUMNS if c != "command"}], path=path)
