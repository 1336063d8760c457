"""The meeting pack (pack/, `python -m data report`): every number on its slides (native chart data, sentences, the
KLA table) is the read queries' for that view, as a viewer sees them; the PDF has the same slides (its pages rendered
to tests/artifacts/pack_*.png to be looked at); bad input is refused before any file is written."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation

from data import protection
from tests.conftest import ROOT, needs_shared, run_query
from ui.fmt import count, count_in, number, rate
from ui.i18n import language, t

pytestmark = needs_shared
ARTIFACTS = ROOT / "tests" / "artifacts"
KAB = "73.73"  # Kota Palopo: three demo rounds (2024-2026)
SLIDES = ("title", "headline", "map", "map_rate", "trend", "units", "reasons", "handling", "kla", "closing")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def report(store: Path, *args, out: Path | None = None):
    env = {**os.environ, "ATS_STORE": str(store), "ATS_ACCESS_DB": str(store.with_suffix(".access.sqlite"))}
    return subprocess.run([sys.executable, "-m", "data", "report", *args, *(["--out", str(out)] if out else [])],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """A real demo store of Kota Palopo, built by the command line as a user would."""
    path = tmp_path_factory.mktemp("pack") / "demo.duckdb"
    env = {**os.environ, "ATS_STORE": str(path)}
    subprocess.run([sys.executable, "-m", "data", "demo", "--regions", KAB], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)
    return path


@pytest.fixture(scope="module")
def deck(demo_store, tmp_path_factory):
    """The pack of Palopo's latest round written by `python -m data report`, as (JSON lines, PPTX, PDF path)."""
    out = tmp_path_factory.mktemp("pack_out")
    done = report(demo_store, "--wilayah", KAB, out=out)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["format"] for line in lines] == ["pptx", "pdf"]
    assert all(line["status"] == "written" and Path(line["file"]).exists() for line in lines)
    assert "100% done" in done.stderr and "map" not in done.stdout  # progress on stderr only
    assert sorted(p.name for p in out.iterdir()) == sorted(Path(line["file"]).name for line in lines)  # no leftovers
    return lines, Presentation(lines[0]["file"]), Path(lines[1]["file"])


def slide_of(prs, key: str):
    return prs.slides[SLIDES.index(key)]


def texts(slide) -> list[str]:
    return [p.text for shape in slide.shapes if shape.has_text_frame for p in shape.text_frame.paragraphs if p.text]


def part(slide, name: str) -> list[str]:
    """The paragraphs of the slide's text box `name` (pack.deck names them: title, view, sentences, footer)."""
    return [p.text for shape in slide.shapes if shape.name == name for p in shape.text_frame.paragraphs if p.text]


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def chart_data(chart) -> tuple[list[str], dict[str, list]]:
    plot = chart.plots[0]
    return list(plot.categories), {s.name: list(s.values) for s in plot.series}


def numbers_in(lines) -> set[str]:
    return {m for line in lines for m in NUMBER.findall(line)}


def said(*values) -> set[str]:
    """Every way a sentence may write these numbers: counts and rates with 0, 1 or 2 decimals (Indonesian)."""
    out = set()
    for v in values:
        if v is None or pd.isna(v):
            continue
        out |= {number(v, d, "id") for d in (0, 1, 2)} | ({str(int(v))} if float(v).is_integer() else set())
    return out


def test_every_number_on_the_slides_is_the_read_queries(demo_store, deck):
    lines, prs, _ = deck
    assert len(prs.slides) == len(SLIDES) == lines[0]["slides"]
    q = lambda name, **p: run_query(demo_store, name, role="viewer", **p)  # noqa: E731  the screen's numbers
    rounds = q("survey_rounds", kode_induk=KAB)
    r = int(rounds["survey_round"].max())
    assert lines[0]["round"] == r
    view_line = f"Sulawesi Selatan › Kota Palopo · putaran {r}"
    for slide in prs.slides:
        assert part(slide, "view") == [view_line] or slide == prs.slides[0], texts(slide)  # on every slide
        assert "kueri " in slide.notes_slide.notes_text_frame.text or slide in (prs.slides[0], prs.slides[-1])

    # headline: the kab/kota's row of ats_by_wilayah, as the Peta page's summary line
    own = q("ats_by_wilayah", level="kab", kode_induk="73", survey_round=r).set_index("kode").loc[KAB]
    cov = rounds.set_index("survey_round").loc[r]
    slide = slide_of(prs, "headline")
    cats, series = chart_data(charts(slide)[0])
    assert cats == [t("kategori.DO"), t("kategori.LTM"), t("kategori.BPB")]
    assert list(series.values())[0] == [own["n_do"], own["n_ltm"], own["n_bpb"]]
    words = texts(slide)
    assert any(count(own["n_ats"], own["n_ats_hidden"], "id") in w and count(own["n_anak"], False, "id") in w
               and rate(own["ats_pct"], False, 1, "id") in w for w in words), words
    allowed = said(own["n_ats"], own["n_anak"], own["ats_pct"], *cov[["n_kel_enumerated", "n_kel_total",
                                                                      "coverage_pct", "n_keluarga"]], r, 7, 18, 100)
    assert numbers_in(part(slide, "sentences")) <= allowed, numbers_in(part(slide, 'sentences')) - allowed

    # trend: the rounds up to the pack's round
    trend = q("ats_trend_by_round", level="kab", kode_induk=KAB).sort_values("survey_round")
    slide = slide_of(prs, "trend")
    (cats, rates), (cov_cats, coverage) = (chart_data(c) for c in charts(slide))
    assert cats == cov_cats == [str(int(x)) for x in trend["survey_round"]]
    assert list(rates.values())[0] == list(trend["ats_pct"])
    assert list(coverage.values())[0] == list(trend["coverage_pct"])
    prev, last = trend.iloc[-2], trend.iloc[-1]
    words = texts(slide)
    columns = ["survey_round", "n_ats", "ats_pct"]
    assert numbers_in(part(slide, "sentences")) <= said(*prev[columns], *last[columns], 100)
    assert any(number(prev["n_ats"], 0, "id") in w and number(last["n_ats"], 0, "id") in w for w in words)

    # units: the ten desa/kelurahan with the most ATS, and with the highest rates among those with a published rate
    # on at least ATS_MIN_DENOMINATOR children; hidden counts ("< 5") appear nowhere as numbers
    units = q("ats_by_wilayah", level="kel", kode_induk=KAB, survey_round=r)
    surveyed = units[units["is_surveyed"]]
    most = surveyed[surveyed["n_ats"].notna()].sort_values(["n_ats", "nama"], ascending=[False, True]).head(10)
    rated = surveyed[surveyed["ats_pct"].notna() & (surveyed["n_anak"] >= protection.min_denominator())]
    highest = rated.sort_values(["ats_pct", "nama"], ascending=[False, True]).head(10)
    slide = slide_of(prs, "units")
    (cats, n), (rate_cats, pct) = (chart_data(c) for c in charts(slide))
    assert cats == list(most["nama"]) and list(n.values())[0] == list(most["n_ats"])
    assert rate_cats == list(highest["nama"]) and list(pct.values())[0] == list(highest["ats_pct"])
    assert not any(1 <= v < protection.min_cell() for v in list(n.values())[0])
    left_out = len(surveyed) - len(rated)
    words = texts(slide)
    assert left_out and any(w.startswith(f"{left_out} desa/kelurahan") for w in words), words
    allowed = said(*most["n_ats"].head(3), *highest.iloc[0][["ats_pct", "n_anak"]], left_out,
                   protection.min_denominator(), r, 100)
    assert numbers_in(part(slide, "sentences")) <= allowed

    # reasons: each bar segment is a row of handling_reason_by_kategori; the sentence's total is theirs
    reasons = q("handling_reason_by_kategori", kode=KAB, survey_round=r)
    slide = slide_of(prs, "reasons")
    cats, series = chart_data(charts(slide)[0])
    names = {t(f"alasan.{a}"): a for a in reasons["alasan"]}
    cell = reasons.set_index(["alasan", "kategori_ats"])["n_confirmed"]
    for k in ("DO", "LTM", "BPB"):
        for cat, v in zip(cats, series[t(f"kategori.{k}")]):
            published = cell.get((names[cat], k))
            assert v == (None if published is None or pd.isna(published) else published), (cat, k)  # hidden: no bar
    totals = reasons.groupby("alasan")["n_confirmed"].sum()
    assert [names[c] for c in cats] == list(totals.sort_values(ascending=False).index[:len(cats)])
    words = texts(slide)
    # a reason with a hidden category is named without a total, and the sentence says some counts are under k
    complete = totals[~totals.index.isin(reasons.loc[reasons["n_confirmed"].isna(), "alasan"])]
    assert numbers_in(part(slide, "sentences")) <= said(totals.sum(), *complete.sort_values(ascending=False).head(3),
                                                        protection.min_cell())

    # handling: the funnel of the round and the returns per round
    funnel = q("handling_funnel", kode=KAB, survey_round=r)
    summary = q("handling_summary_by_round", kode=KAB)
    slide = slide_of(prs, "handling")
    (cats, steps), (round_cats, returned) = (chart_data(c) for c in charts(slide))
    shown = lambda values: [None if pd.isna(v) else v for v in values]  # noqa: E731  a hidden count: no bar
    assert cats == [t(f"step.{s}") for s in funnel["step"]] and list(steps.values())[0] == shown(funnel["n"])
    assert round_cats == [str(int(x)) for x in summary["survey_round"]]
    assert list(returned.values())[0] == shown(summary["n_returned"])
    row = summary.set_index("survey_round").loc[r]
    as_of = pd.Timestamp(funnel["as_of"].iloc[0])
    words = texts(slide)
    hidden = [c for c in ("n_identified", "n_confirmed", "n_returned", "n_retained") if row[f"{c}_hidden"]]
    assert all(f"< {protection.min_cell()}" in " ".join(part(slide, "sentences")) for _ in hidden[:1])
    # the latest round's handling runs until the next round's census (15 July): the slide says so, as the page does,
    # with the returns of the previous, complete round
    in_progress = r == rounds["survey_round"].max() and as_of < pd.Timestamp(r + 1, 7, 15)
    prev = summary.set_index("survey_round").loc[r - 1] if (r - 1) in set(summary["survey_round"]) else None
    running = [w for w in part(slide, "sentences") if w.startswith(f"Penanganan putaran {r} masih berjalan")]
    assert len(running) == (1 if in_progress else 0), words
    if in_progress and prev is not None:  # a hidden count of the previous round keeps its mark ("< 5"), never "–"
        assert f"pada putaran {r - 1} yang sudah lengkap, {count_in(prev, 'n_returned')} anak" in running[0]
    # a withheld rate is said in words ("angka per 100 ... ditahan"), not as "ditahan per 100 yang terkonfirmasi"
    said_words = " ".join(part(slide, "sentences"))
    assert "ditahan per 100" not in said_words, said_words
    for shown_row in (row, *([prev] if in_progress and prev is not None else [])):
        assert (t("pack.handling.per100_withheld") in said_words) >= bool(shown_row["return_pct_hidden"]), said_words
    extra = (r - 1, *prev[["n_returned", "return_pct"]]) if in_progress and prev is not None else ()
    assert numbers_in(part(slide, "sentences")) <= said(*row[["n_identified", "n_confirmed", "n_returned", "return_pct",
                                              "n_retained", "n_retention_base", "retention_pct"]],
                                         r, as_of.day, as_of.year, 100, *extra,
                                         *([protection.min_cell()] if hidden else []))

    # KLA: the scorecard of the year of the round, value and target as the KLA page writes them
    card = q("kla_indicators_by_kab", tahun=r, kode_kab=KAB)
    table = next(s for s in slide_of(prs, "kla").shapes if s.has_table).table
    rows = [[c.text for c in row.cells] for row in table.rows][1:]
    assert [row[0] for row in rows] == list(card["kode"])
    for row, (_, k) in zip(rows, card.iterrows()):
        digits = 0 if k["satuan"] == "jumlah" else 1
        if k["nilai_hidden"]:  # a census value small-cell protection withholds, as the KLA page says it
            assert row[2] == row[4] == t("fmt.withheld")
        else:
            assert row[2] == number(k["nilai"], digits, "id") + ("%" if k["satuan"] == "persen" else "")
            assert row[4] == t(f"kla.status.{k['status']}")
        assert row[3].endswith(number(k["target"], digits, "id") + ("%" if k["satuan"] == "persen" else ""))
    n_hijau = int((card["status"] == "hijau").sum())
    assert any(w.startswith(f"Tahun {r}: {n_hijau} dari {int(card['nilai'].notna().sum())}")
               for w in texts(slide_of(prs, "kla")))

    # the maps are images, the demo label is on every slide's footer
    for key in ("map", "map_rate"):
        assert sum(1 for s in slide_of(prs, key).shapes if s.shape_type == 13) == 1  # PICTURE
    assert all("data demo (sintetis)" in part(s, "footer")[0] for s in prs.slides)


def test_each_charts_embedded_workbook_holds_the_numbers_it_draws(deck):
    """What a planner edits in PowerPoint ("Edit data") is the chart's embedded workbook: on every chart of the deck it
    holds the categories and every series' values the chart draws (so the exactness above holds in the sheets too)."""
    import io

    import openpyxl

    _, prs, _ = deck
    checked = 0
    for slide in prs.slides:
        for chart in charts(slide):
            cats, series = chart_data(chart)
            sheet = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob)).worksheets[0]
            rows = list(sheet.iter_rows(values_only=True))
            assert list(rows[0][1:]) == list(series), (slide, rows[0])
            assert [r[0] for r in rows[1:]] == cats
            for j, values in enumerate(series.values(), start=1):
                assert [r[j] for r in rows[1:]] == values, (rows[0][j], values)
            checked += 1
    assert checked >= 8


def test_the_pdf_has_the_same_slides_and_its_pages_are_rendered(deck):
    import pypdfium2 as pdfium

    lines, prs, pdf_path = deck
    doc = pdfium.PdfDocument(str(pdf_path))
    assert len(doc) == len(prs.slides) == lines[1]["slides"]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for i, (page, slide) in enumerate(zip(doc, prs.slides), start=1):
        text = page.get_textpage().get_text_range()
        flat = " ".join(text.split())
        title = texts(slide)[0]
        assert " ".join(title.split()) in flat, (i, title, flat[:200])
        for sentence in texts(slide)[1:3]:  # the view line and the first sentence (wrapped on the page)
            assert " ".join(sentence.split())[:60] in flat, (i, sentence)
        page.render(scale=1.5).to_pil().save(ARTIFACTS / f"pack_page_{i}.png")
    doc.close()


def test_chart_titles_stay_clear_of_the_value_labels(demo_store, deck, monkeypatch):
    """The trend slide's line chart: in the deck the value axis runs from 0 to about a fifth above the highest point,
    so the label over the first point stays under the chart's title; on every PDF page with charts, no chart title's
    box crosses a value label's box."""
    import matplotlib.pyplot as plt
    from pptx.oxml.ns import qn

    from pack import content, pdf

    _, prs, _ = deck
    for chart in charts(slide_of(prs, "trend"))[:1]:  # the coverage chart, a rate of at most 100: the test below
        values = [v for series in chart_data(chart)[1].values() for v in series if v is not None]
        axis = chart.value_axis
        assert axis.minimum_scale == 0 and axis.maximum_scale >= 1.15 * max(values), (axis.maximum_scale, values)
    for chart in charts(slide_of(prs, "units")):  # ranked bars: the value axis under them, far from the title
        assert chart.value_axis._element.find(qn("c:crosses")).get("val") == "max"
    monkeypatch.setenv("ATS_STORE", str(demo_store))
    pack = content.build(KAB)
    checked = 0
    for slide in (s for s in pack.slides if s.charts):
        fig = plt.figure(figsize=(pdf.W, pdf.H))
        try:
            pdf._page(fig, slide, pack)
            fig.draw_without_rendering()
            for ax in fig.axes:
                if not ax.get_title(loc="left"):
                    continue
                title = ax.title if ax.title.get_text() else ax._left_title
                box = title.get_window_extent()
                labels = [label.get_window_extent() for label in ax.texts if label.get_text()]
                assert not any(box.overlaps(b) for b in labels), (slide.key, ax.get_title(loc="left"))
                checked += bool(labels)
        finally:
            plt.close(fig)
    assert checked >= 6  # charts with value labels: headline, trend (2), units (2), handling (2); reasons has none


def test_the_census_coverage_axis_stops_at_100(deck):
    """The trend slide's census coverage (desa/kelurahan enumerated per 100, which cannot pass 100) had its value axis
    to 120, a fifth above its highest column as for a count. It stops at 100; a column whose label would pass the
    top has it inside its end, in white, under the chart's title (the PDF's titles and labels: the test above)."""
    from pptx.enum.chart import XL_LABEL_POSITION

    from pack.content import Chart
    from pack.deck import label_inside, value_top

    _, prs, _ = deck
    coverage = charts(slide_of(prs, "trend"))[1]
    assert coverage.chart_title.text_frame.text.startswith("Cakupan sensus")
    values = chart_data(coverage)[1]["Cakupan"]
    assert max(values) * 1.2 > 100  # Palopo's demo: nearly every desa enumerated, the axis would pass 100
    assert coverage.value_axis.minimum_scale == 0 and coverage.value_axis.maximum_scale == 100
    for point, v in zip(coverage.plots[0].series[0].points, values):
        inside = point.data_label.position == XL_LABEL_POSITION.INSIDE_END
        assert inside == (v * 1.2 > 100), (v, point.data_label.position)
    rate = Chart("column", "x", ("2024", "2025"), (("a", (40.0, 50.0)),), 1, "", ceiling=100)
    assert value_top(rate) == 60 and not label_inside(rate, 50.0)  # far under the ceiling: as any chart
    count = Chart("column", "x", ("2024",), (("a", (98.0,)),), 0)
    assert value_top(count) == 120 and not label_inside(count, 98.0)  # a count has no ceiling


def test_bad_input_is_refused_before_any_file_is_written(demo_store, tmp_path):
    out = tmp_path / "out"
    for args, code in ((["--wilayah", "73.99"], "unknown_wilayah"),
                       (["--wilayah", "73.73.01"], "level"),
                       (["--wilayah", KAB, "--round", "2019"], "round_not_surveyed"),
                       (["--wilayah", KAB, "--format", "docx"], "format")):
        done = report(demo_store, *args, out=out)
        assert done.returncode == 2, (args, done.stderr)
        line = json.loads(done.stdout.strip().splitlines()[-1])
        assert line["status"] == "refused" and line["code"] == code, line
        assert done.stderr.strip().startswith("error: ") and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not out.exists() or not any(out.iterdir())
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    done = report(demo_store, "--wilayah", KAB, out=blocked / "packs")
    assert done.returncode == 2 and json.loads(done.stdout)["code"] == "out_unwritable", done.stdout


def test_a_province_makes_one_pack_per_kab_kota_then_its_own(demo_store, tmp_path):
    done = report(demo_store, "--wilayah", "73", "--format", "pptx", "--lang", "en", out=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["kode"] for line in lines] == [KAB, "73"]  # the demo surveyed Palopo only
    province = Presentation(lines[1]["file"])
    assert "Out-of-School Children in Sulawesi Selatan" in texts(province.slides[0])
    kla = texts(province.slides[SLIDES.index("kla")])
    assert any("judged per kab/kota" in w for w in kla), kla
    units = chart_data(charts(province.slides[SLIDES.index("units")])[0])
    assert units[0] == ["Kota Palopo"]  # the kab/kota level; the others were not surveyed


def test_one_round_only_gives_a_sentence_instead_of_a_trend(use_store):
    """Kabupaten Bone has one fixture round: the trend slide says there is no trend yet, with no chart; in English."""
    from pack import content

    pack = content.build("73.08", lang="en")  # as the anonymous viewer
    trend = next(s for s in pack.slides if s.key == "trend")
    assert not trend.charts
    assert trend.sentences == ("Kabupaten Bone has been surveyed in one round only (2023), so there is no trend to "
                               "show yet.",)
    with language("en"):
        assert pack.slides[0].title == t("pack.title.title", wilayah="Kabupaten Bone")
    assert pack.stem == "meeting-pack_73.08_Kabupaten-Bone_2023_en"


def test_the_map_page_builds_the_pack_of_the_kab_kota_shown(use_store):
    """The Peta page's button builds the pack of the kab/kota chosen (Palopo, latest fixture round 2025) with the
    visitor's numbers (a viewer's), and offers the PowerPoint and the PDF; a population filter is said not to apply."""
    import io

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["sex"] = "P"
    at.run()
    assert not at.exception, at.exception
    assert any(c.value == t("pack.filters_note") for c in at.caption)
    at.button(key="pack_build").click().run()
    assert not at.exception, at.exception
    held = at.session_state["pack_files"]
    assert held["stem"] == "paket-rapat_73.73_Kota-Palopo_2025_id" and held["pdf"].startswith(b"%PDF")
    prs = Presentation(io.BytesIO(held["pptx"]))
    own = run_query(use_store, "ats_by_wilayah", role="viewer", level="kab", kode_induk="73", survey_round=2025)
    own = own.set_index("kode").loc[KAB]
    _, series = chart_data(charts(slide_of(prs, "headline"))[0])
    assert list(series.values())[0] == [None if pd.isna(v) else v for v in own[["n_do", "n_ltm", "n_bpb"]]]
    offered = {b.key: b.label for b in at.get("download_button") if b.key.startswith("pack_")}
    assert offered == {"pack_pptx": "Unduh PowerPoint", "pack_pdf": "Unduh PDF"}, offered


def test_presentation_mode_shows_the_pack_one_slide_at_a_time(use_store):
    """?presentasi=1&slide=2 on the Peta page: the second slide of the pack of the kab/kota chosen as an image, no map
    page under it, previous/next buttons bound to the arrow keys that move the link's slide, and a way out."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.query_params["presentasi"] = "1"
    at.query_params["slide"] = "2"
    at.run()
    assert not at.exception, at.exception
    assert not at.title, "the map page runs under the presentation"
    assert len(at.get("image")) == 1
    assert at.button(key="present_next").proto.shortcut.lower() == "right"
    assert at.button(key="present_prev").proto.shortcut.lower() == "left"
    assert any(m.value == "2 / 10" for m in at.markdown)
    at.button(key="present_next").click().run()
    assert at.query_params["slide"] in ("3", ["3"]) and any(m.value == "3 / 10" for m in at.markdown)
    at.button(key="present_exit").click().run()
    assert "presentasi" not in at.query_params and at.title[0].value == "Peta anak tidak sekolah"


def test_the_kla_slide_and_the_coverage_line_say_what_small_cell_protection_withholds(use_store):
    """The fixture's Palopo 2025: APS 16-18 counts 3 children in school, so the viewer's pack writes "ditahan"
    in the KLA table as the KLA page does (entered values as typed); its desa-level coverage counts are not on a
    kab/kota pack, whose households (16) are published."""
    from pack import content

    pack = content.build("73.73")  # as the anonymous viewer
    kla = next(s for s in pack.slides if s.key == "kla")
    rows = {row[0]: row for row in kla.tables[0].rows}
    assert rows["IV.2c"][2] == rows["IV.2c"][4] == "ditahan"
    assert not any(c == "42,9%" for row in rows.values() for c in row)  # the analyst's value
    headline = next(s for s in pack.slides if s.key == "headline")
    assert any("16 keluarga" in s for s in headline.sentences), headline.sentences


def test_a_hidden_count_in_a_chart_is_labelled_with_its_mark_never_0(demo_store, deck):
    """Palopo's latest round has fewer than 5 children back in school (a viewer's pack): the funnel's last bar and the
    returns of that round have no value in the chart data and read "< 5" as their label, in the deck and in the PDF
    (the PDF drew them as "0" before)."""
    import pypdfium2

    _, prs, pdf = deck
    slide = slide_of(prs, "handling")
    marks = {}
    for chart in charts(slide):
        for series in chart.plots[0].series:
            for j, (value, point) in enumerate(zip(series.values, series.points)):
                if value is None:
                    marks[(chart.chart_title.text_frame.text, j)] = point.data_label.text_frame.text
    assert marks and set(marks.values()) == {f"< {protection.min_cell()}"}, marks
    page = pypdfium2.PdfDocument(str(pdf))[SLIDES.index("handling")].get_textpage().get_text_range()
    assert page.count(f"< {protection.min_cell()}") >= len(marks) + 1  # the labels and the sentence


def test_a_line_without_a_value_is_broken_not_drawn_at_0():
    """A withheld rate on the trend slide's line (PDF) leaves a gap with no label; it was drawn as a point at 0."""
    import matplotlib.pyplot as plt

    from pack import pdf
    from pack.content import Chart

    fig = plt.figure(figsize=(10, 5))
    chart = Chart("line", "ATS per 100", ("2024", "2025", "2026"), (("rate", (3.9, None, 3.0)),), 1, "per 100")
    pdf._chart(fig, (0.05, 0.1, 0.9, 0.8), chart, type("Pack", (), {"lang": "id"})())
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts] == ["3,9", "3,0"]
    drawn = list(ax.lines[0].get_ydata())
    assert drawn[0] == 3.9 and drawn[2] == 3.0 and drawn[1] != drawn[1]  # NaN: no point at 2025
    plt.close(fig)
