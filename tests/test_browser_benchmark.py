"""benchmarks/browser.py --quick on a small demo store (Palopo and Takalar): every step of its fixed script, and the
floor's page loads (benchmarks/floor/app.py), are driven in Debian's Chromium against `streamlit run` and report their
time, server time and websocket bytes, cold and warm. A smoke test of the benchmark, not a timed assertion."""

import json
import subprocess
import sys
import time

import pytest

from data.config import ROOT
from tests.test_browser import browser, demo_store, streamlit_server  # noqa: F401 (fixtures)
from tests.test_browser import pytestmark as browser_marks

pytestmark = browser_marks  # needs ../shared and Debian's chromium, as the browser tests

STEPS = [
    "peta_open", "peta_measure", "peta_classes", "peta_sex", "peta_round", "peta_kab", "peta_level_kec", "peta_drill",
    "prov_all", "prov_kab", "prov_desa", "prov_desa_measure", "tren_open", "tren_breakdown", "tren_sex",
    "penanganan_open", "kla_open", "lang_en",
]
FLOOR = ["floor_text", "floor_plotly", "floor_plotly_geo"]  # after the app's steps, each line like theirs


def test_quick_run_times_every_step(tmp_path):
    store = tmp_path / "demo.duckdb"
    done = subprocess.run(
        [sys.executable, "benchmarks/browser.py", "--quick", "--store", str(store), "--regions", "73.73,73.05",
         "--switch-kab", "73.05"],
        cwd=ROOT, capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for pass_name in ("cold", "warm"):
        steps = {line["step"]: line for line in lines if line.get("pass") == pass_name and "step" in line}
        assert list(steps) == STEPS + FLOOR, (pass_name, list(steps))
        for name, line in steps.items():
            assert "error" not in line, (pass_name, name, line["error"])
            assert line["runs"] == 1 and line["p50_ms"] > 0 and line["p95_ms"] >= line["p50_ms"], line
            assert line["server_ms"] > 0 and line["ws_bytes"] > 0, line
            assert (line["kind"] == "floor") == (name in FLOOR), line
            if pass_name == "warm" and name not in FLOOR and "reload_error" not in line:  # a full load of the same view
                assert line["reload_p50_ms"] > 0 and line["reload_ratio"] > 0, line
        if pass_name == "warm":
            assert steps["peta_open"].get("reload_p50_ms", 0) > 0, steps["peta_open"]  # a link that reproduces its view
        summary = [line for line in lines if line.get("summary") and line["pass"] == pass_name]
        assert len(summary) == 1 and summary[0]["slowest_step"] in STEPS and summary[0]["errors"] == []
        clicks = [steps[name] for name in (summary[0]["slowest_click"], summary[0]["fastest_click"])]
        assert all(line["kind"] == "interaction" for line in clicks), clicks  # the spread among clicks
        assert summary[0]["click_spread"] == round(clicks[0]["p95_ms"] / clicks[1]["p95_ms"], 2) >= 1, summary[0]
        assert list(summary[0]["floor_ms"]) == FLOOR and all(ms > 0 for p in summary[0]["floor_ms"].values() for ms in p)
        ratios = summary[0]["vs_floor_plotly"]  # every page step against floor_plotly, p50 and p95
        assert set(ratios) == {"peta_open", "peta_open_interactive", "tren_open", "penanganan_open", "kla_open"}, ratios
        assert all(r > 0 for pair in ratios.values() for r in pair), ratios


def test_map_draw_times_both_plotly_js_on_the_app_s_figures(demo_store):  # noqa: F811
    """benchmarks/map_draw.py: the province's desa map drawn over its kab/kota map with the dashboard's plotly.js and
    with the plotly package's, on the app's own figures (here Palopo's and Takalar's desa of the demo store)."""
    done = subprocess.run([sys.executable, "benchmarks/map_draw.py", "--runs", "4", "--store", str(demo_store)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    line = json.loads(done.stdout.strip().splitlines()[-1])
    assert line["units"] > 100 and line["runs"] == 4, line  # every desa of the two kab/kota, each draw checked
    for name in ("bundle", "baseline"):
        assert 0 < line[f"{name}_p50_ms"] <= line[f"{name}_p95_ms"], line
    assert line["speedup_p50"] == round(line["baseline_p50_ms"] / line["bundle_p50_ms"], 2), line


# A page of the app's shape without the app: what browser_probe.js sees of charts (a drawn Plotly chart is a
# .js-plotly-plot with data, its processed traces and an SVG), Streamlit's placeholders and its script run state.
PAGE = """<div data-testid="stMain"><h1>Tren</h1><div id="charts"></div></div>
<script>
  function chart(hidden) {  // a drawn chart; `hidden`: as Streamlit mounts one before its container is measured
    const box = document.createElement("div"), gd = document.createElement("div");
    gd.className = "js-plotly-plot"; if (hidden) gd.style.display = "none";
    gd.data = [{x: [1, 2], y: [document.querySelectorAll(".js-plotly-plot").length, 3]}];
    gd._fullData = [{_input: gd.data[0]}];
    gd.appendChild(Object.assign(document.createElement("div"), {className: "main-svg"}));
    box.appendChild(gd); document.getElementById("charts").appendChild(box); return gd;
  }
  function loading() {  // Streamlit's Suspense placeholder of an element whose code is still loading
    const s = document.createElement("div"); s.dataset.testid = "stSkeleton"; s.style.height = "10px";
    document.getElementById("charts").appendChild(s); return s;
  }
</script>"""


def test_probe_waits_for_every_chart_of_the_page(browser):  # noqa: F811
    """The reload of a Tren or Penanganan link was judged another view (issue 21, `reload_error`): the probe took the
    page as ready while one chart was still Streamlit's placeholder, or mounted and hidden until measured, and its
    view then missed that chart. Neither is ready now; the view must also hold two frames in a row."""
    from benchmarks.browser_wire import build_probe

    page = browser.new_page()
    page.set_content(PAGE)
    page.add_script_tag(content=build_probe())
    expect = {"title": "Tren", "charts": 1, "grace_ms": 60_000}

    def ready_after_frames():
        return page.evaluate("""(e) => new Promise((done) => { let n = 0; const tick = () => {
            const r = window.__bench.ready(e); if (r || ++n > 5) done(r); else requestAnimationFrame(tick); };
            requestAnimationFrame(tick); })""", expect)

    page.evaluate("() => { window.__bench.state = 'idle'; chart(false); window.__skeleton = loading(); }")
    assert ready_after_frames() is None  # one chart drawn, another still loading
    page.evaluate("() => { window.__skeleton.remove(); window.__late = chart(true); }")
    assert ready_after_frames() is None  # mounted, not yet measured: on screen and not drawn
    page.evaluate("() => { window.__late.style.display = ''; }")
    ready = ready_after_frames()
    assert ready and ready["ok"] and len(ready["view"]["charts"].split(",")) == 2, ready
    page.close()


# The floor's page but its chart: the run ended (the probe's state), the title and the selectbox drawn (not placeholders)
REST_DRAWN = """() => window.__bench.state === "idle" && document.querySelector("h1")?.innerText.trim() === "Floor"
    && !!document.querySelector("[data-testid='stSelectbox'] input")"""


def test_floor_plotly_is_ready_only_once_its_chart_is_drawn(browser, tmp_path):  # noqa: F811
    """floor_plotly is timed to its chart drawn, not to the page's start: with Streamlit's Plotly chunk held back, the
    floor's page is idle, titled and its selectbox drawn, and the probe still refuses to call floor_plotly ready (its
    chart is Streamlit's placeholder); its time ends after the chunk is let through, with
    the scatter drawn. The same server, flags, probe and step as benchmarks/browser.py's floor."""
    from benchmarks.browser import FLOOR, FLOOR_APP, floor_step, new_tab, run_step
    from benchmarks.browser_wire import build_probe, streamlit_server

    def ready_after_frames(page, expect):
        return page.evaluate("""(e) => new Promise((done) => { let n = 0; const tick = () => {
            const r = window.__bench.ready(e); if (r || ++n > 5) done(r); else requestAnimationFrame(tick); };
            requestAnimationFrame(tick); })""", {"grace_ms": 60_000, "fromNavigation": True, "title": "Floor", **expect})

    held = {}
    with streamlit_server(tmp_path / "no_store.duckdb", tmp_path / "floor.log", FLOOR_APP) as url:
        context = browser.new_context()
        context.add_init_script(build_probe())
        page, wire = new_tab(context)

        def hold(route):  # the chart's code: let through once the rest of the page is drawn
            deadline = time.time() + 60
            while not (rest := page.evaluate(REST_DRAWN)) and time.time() < deadline:
                time.sleep(0.1)
            held.update(rest=rest, plotly=ready_after_frames(page, FLOOR["floor_plotly"][1]),
                        skeletons=page.locator("[data-testid='stSkeleton']").count(), at=page.evaluate("performance.now()"))
            page.evaluate("() => { window.__bench.idleSince = null; window.__bench.candidate = null; }")
            route.continue_()

        context.route("**/static/js/PlotlyChart.*.js", hold)
        result = run_step(page, wire, floor_step(url, "floor_plotly"), timeout_s=120)
        context.close()
    assert held, "the step ended before the page asked for Plotly's chunk: ready without its chart"
    assert held["rest"], held  # idle, titled, the selectbox drawn: all but the chart
    assert held["plotly"] is None and held["skeletons"] >= 1, held  # the chart a placeholder: not ready
    assert result["ms"] > held["at"], (result, held)  # timed to the chart drawn, after the chunk was let through
    charts = result["view"]["charts"].split(",")
    assert len(charts) == 1 and charts[0] not in ("", "-"), result
    assert result["server_ms"] > 0 and result["ws_bytes"] > 0, result


def test_a_choice_the_page_already_shows_fails_at_once_naming_the_step_that_makes_it_a_change(demo_store, browser):  # noqa: F811
    """`--steps peta_classes,...,prov_desa_measure` (peta_measure left out) made prov_desa_measure wait its whole
    timeout (180 s): it picks "Jumlah ATS", the page's default measure, so its Enter changed nothing and no rerun came.
    On the real page, with the default measure shown, its setup fails at once and says which step to run before it;
    a choice that changes the select goes on (its list opened, the option typed)."""
    from benchmarks.browser import StepError, kab_names, steps, text

    target = {"kode": "73.05.01", "lon": 0.0, "lat": 0.0}  # peta_drill's point: not driven here
    with streamlit_server(demo_store, "streamlit_bench_steps.log") as url:
        script = {step.name: step for step in steps(url, "73.73", "73.05", kab_names("73.73", "73.05"), target)}
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}/peta?kab=73.73")
        measure = page.locator("[data-testid='stMain']").get_by_role("combobox", name=text("peta.measure"), exact=True)
        measure.wait_for(timeout=180_000)
        assert measure.input_value() == text("measure.n_ats")  # what prov_desa_measure picks
        with pytest.raises(StepError, match="already shows 'Jumlah ATS'.*run peta_measure before it"):
            script["prov_desa_measure"].setup(page)
        assert page.get_by_role("listbox").count() == 0  # failed before opening the select
        script["peta_measure"].setup(page)  # another measure: the select opened, the option typed
        page.get_by_role("option", name=text("measure.ats_pct")).wait_for(timeout=30_000)
        page.close()
