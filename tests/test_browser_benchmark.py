"""benchmarks/browser.py --quick on a small demo store (Palopo and Takalar): every step of its fixed script is driven
in Debian's Chromium against `streamlit run` and reports its time, server time and websocket bytes, cold and warm.
A smoke test of the benchmark, not a timed assertion."""

import json
import subprocess
import sys

from data.config import ROOT
from tests.test_browser import browser  # noqa: F401 (fixture)
from tests.test_browser import pytestmark as browser_marks

pytestmark = browser_marks  # needs ../shared and Debian's chromium, as the browser tests

STEPS = [
    "peta_open", "peta_measure", "peta_classes", "peta_sex", "peta_round", "peta_kab", "peta_level_kec", "peta_drill",
    "prov_all", "prov_kab", "prov_desa", "prov_desa_measure", "tren_open", "tren_breakdown", "tren_sex",
    "penanganan_open", "kla_open", "lang_en",
]


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
        assert list(steps) == STEPS, (pass_name, list(steps))
        for name, line in steps.items():
            assert "error" not in line, (pass_name, name, line["error"])
            assert line["runs"] == 1 and line["p50_ms"] > 0 and line["p95_ms"] >= line["p50_ms"], line
            assert line["server_ms"] > 0 and line["ws_bytes"] > 0, line
            if pass_name == "warm" and "reload_error" not in line:  # the baseline: a full load of the same view
                assert line["reload_p50_ms"] > 0 and line["reload_ratio"] > 0, line
        if pass_name == "warm":
            assert steps["peta_open"].get("reload_p50_ms", 0) > 0, steps["peta_open"]  # a link that reproduces its view
        summary = [line for line in lines if line.get("summary") and line["pass"] == pass_name]
        assert len(summary) == 1 and summary[0]["slowest_step"] in STEPS and summary[0]["errors"] == []


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
    from benchmarks.browser import build_probe

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
