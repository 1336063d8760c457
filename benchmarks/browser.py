"""Browser benchmark: the time a person waits in a real browser, from a click or a key to the app being idle
with its figure painted, for a fixed script of steps through every page, against a full reload of the same view.

`streamlit run app.py` (headless, free port) on a demo store; Debian's Chromium (/usr/bin/chromium) driven by
Playwright's sync API, never a downloaded browser. The script: open /peta on Palopo; change measure, classes,
sex, round; switch to Bone; map level kecamatan; drill into a kecamatan by clicking the map; the province
(kab/kota "Semua"), by kab/kota and by desa, and a measure change there; open /tren and change the breakdown
and a filter; open /penanganan and /kla; switch the language to English.

Per step and pass (cold: a fresh server and browser context; warm: the same script again on the same server and
context), over --runs runs (one server per run):
- ms: from the input (the last trusted key or pointer press, or the navigation start of a page load) to the app
  being idle with the expected element changed and painted (see benchmarks/README.md: "idle" there), p50 and p95;
  for peta_open, a page load, the map's first paint (the server's SVG when the page sent one, ui/map_svg.py), and
  interactive_ms to the Plotly map painted;
- server_ms: from each rerun request sent over the websocket to the script_finished message received, summed
  over the step's reruns, at the network timestamps Chromium's DevTools protocol gives (median over runs);
- ws_bytes: payload bytes of the websocket frames received from the input to idle (median over runs).
Baseline (warm pass): a full page load of the URL the step ended on, in another tab of the same browser on the
same server, timed the same way to the same view: what the step would cost if every change were a link.
The floor (both passes, unless --no-floor): page loads of a tiny Streamlit app (benchmarks/floor/app.py: a title and a
selectbox; with a scatter; with a choropleth), each timed as peta_open is, on its own server; the summary gives every
page step's p50 and p95 over floor_plotly's.

Usage: python benchmarks/browser.py [--runs 5] [--regions 73] [--store PATH] [--quick] [--no-floor]
Prints one JSON line per pass and step, then one summary line per pass with the slowest step.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.browser_wire import Wire, build_probe, streamlit_server  # noqa: E402
from benchmarks.common import OUT, default_store, ensure_store, percentile  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic", "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]
VIEWPORT = {"width": 1366, "height": 768}  # the laptop of issue 21
PROVINCE = "73"  # Sulawesi Selatan: the province of the demo's kab/kota
TARGET_MS = {"interaction": 1000, "page": 2000}  # issue 21: a click answers within a second, a page within two


def text(key: str) -> str:
    """A user-facing text in Bahasa Indonesia, from the app's own catalogue (so a reworded label is followed)."""
    from ui.i18n import CATALOGUE

    return CATALOGUE[key][0]


# --- the steps ---------------------------------------------------------------------------------------------------

@dataclass
class Step:
    name: str
    act: Callable  # the timed input: (page) -> None
    expect: dict  # what browser_probe.js waits for (map prefix and code length, title, charts, what changed)
    setup: Callable | None = None  # untimed preparation: open a dropdown, type the option, point at the map
    load: bool = False  # a page load: timed from the navigation start
    page: bool = False  # a page opened (issue 21's target: 2 s), else an interaction (1 s)
    first_paint: bool = False  # a page load of the map: its first paint may be the server's SVG (ui/map_svg.py)
    floor: bool = False  # a page load of the floor's app (benchmarks/floor/app.py), not of the dashboard

    @property
    def kind(self) -> str:
        return "floor" if self.floor else "page" if self.page else "interaction"


def select(scope: str, label: str, option: str | Callable, before: tuple[str, ...] = ()) -> tuple[Callable, Callable]:
    """Setup and input of a selectbox choice: open it and type the option (setup), press Enter (the input). A choice
    the select already shows would change nothing, and the step would wait its whole timeout for a rerun that never
    comes (prov_desa_measure picks the default measure: run without peta_measure it waited 180 s): the setup fails at
    once instead, naming `before`, the script's earlier steps that choose on the same select."""
    def setup(page):
        box = page.locator(f"[data-testid='{scope}']").get_by_role("combobox", name=label, exact=True)
        if not callable(option) and box.input_value() == option:
            raise StepError(f"'{label}' already shows '{option}': the step would change nothing"
                            + (f"; run {' or '.join(before)} before it (--steps)" if before else ""))
        box.click()
        page.keyboard.type(option(page) if callable(option) else option)

    return setup, lambda page: page.keyboard.press("Enter")


def previous_round(page) -> str:
    """The round before the latest among the open round dropdown's options ('Terbaru (Y)', 'Y', 'Y-1', ...)."""
    page.get_by_role("option").first.wait_for()
    options = page.get_by_role("option").all_inner_texts()
    if len(options) < 3:
        raise StepError(f"no earlier survey round to choose: {options}")
    return options[2]


def level_choice(label: str, other: str) -> tuple[Callable, Callable]:
    """Choose the map level `label`; when the app already shows it (it chose the level itself), go to `other` first
    (untimed), so that the step always times a real change of level."""
    setup, act = select("stMain", text("peta.level"), label)

    def prepare(page):
        box = page.locator("[data-testid='stMain']").get_by_role("combobox", name=text("peta.level"), exact=True)
        if box.input_value() == label:
            other_setup, other_act = select("stMain", text("peta.level"), other)
            other_setup(page)
            page.evaluate("window.__bench.mark()")
            other_act(page)
            wait_ready(page, {"map": {"prefix": PROVINCE + "."}, "changed": "map", "needRequest": True}, 180)
        setup(page)

    return prepare, act


def map_click(kode: str, lon: float, lat: float) -> tuple[Callable, Callable]:
    """Point at (lon, lat) on the map, placed by its projection once every unit is drawn, until Plotly's hover is on
    `kode` (untimed: scroll, hover), then click."""
    point = {}

    def setup(page):
        page.locator("[data-testid='stMain'] .js-plotly-plot").first.scroll_into_view_if_needed()
        deadline = time.time() + 30
        while True:
            x, y, painted = page.evaluate(
                """([lon, lat]) => {
                    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => g._fullLayout && g._fullLayout.geo);
                    const geo = gd && gd._fullLayout.geo._subplot;
                    if (!geo || !geo.projection || !window.__bench.painted(gd)) return [0, 0, false];
                    const p = geo.projection([lon, lat]);
                    const r = gd.querySelector('.main-svg').getBoundingClientRect();
                    return [r.left + p[0], r.top + p[1], true];
                }""",
                [lon, lat],
            )
            if painted and 0 < y < VIEWPORT["height"]:
                page.mouse.move(x - 3, y)
                page.mouse.move(x, y)
                hovered = page.evaluate("() => ([...document.querySelectorAll('.js-plotly-plot')]"
                                        ".find(g => g._fullLayout && g._fullLayout.geo)._hoverdata || [])"
                                        ".map(h => h.location)")
                if kode in hovered:
                    break
            if time.time() > deadline:
                raise StepError(f"the map never drew {kode} under the pointer at a visible point to click")
            page.wait_for_timeout(200)
        point.update(x=x, y=y)

    return setup, lambda page: page.mouse.click(point["x"], point["y"])


def steps(url: str, start_kab: str, switch_kab: str, names: dict, target: dict) -> list[Step]:
    def peta_map(prefix, length=None, changed="map"):
        return {"map": {"prefix": prefix + ".", "length": length}, "changed": changed}

    chose = {}  # (scope, label) -> the steps so far that choose on that select, in the script's order

    def choose(name, scope, label, option, expect):
        setup, act = select(scope, label, option, tuple(chose.get((scope, label), ())))
        chose.setdefault((scope, label), []).append(name)
        return Step(name, act, expect, setup)

    def level(name, label, other, expect):
        setup, act = level_choice(label, other)
        return Step(name, act, expect, setup)

    def nav(name, key):
        click = lambda page: page.locator("[data-testid='stSidebarNav']").get_by_role("link", name=text(f"nav.{key}"), exact=True).click()  # noqa: E731
        return Step(name, click, {"title": text(f"{key}.title"), "charts": 1}, page=True)

    charts = {"charts": 1, "changed": "charts"}
    drill_setup, drill_act = map_click(target["kode"], target["lon"], target["lat"])
    return [
        Step("peta_open", lambda page: page.goto(f"{url}/peta?kab={start_kab}", wait_until="commit"), peta_map(start_kab, 13, None), load=True, page=True,
             first_paint=True),
        choose("peta_measure", "stMain", text("peta.measure"), text("measure.ats_pct"), peta_map(start_kab)),
        choose("peta_classes", "stMain", text("peta.method"), text("method.natural_breaks"), peta_map(start_kab)),
        choose("peta_sex", "stSidebar", text("filter.sex"), text("sex.P"), peta_map(start_kab)),
        choose("peta_round", "stSidebar", text("filter.round"), previous_round, peta_map(start_kab)),
        choose("peta_kab", "stSidebar", text("filter.kab"), names[switch_kab], peta_map(switch_kab)),
        choose("peta_level_kec", "stMain", text("peta.level"), text("level.kec"), peta_map(switch_kab, 8)),
        Step("peta_drill", drill_act, peta_map(target["kode"], 13), drill_setup),
        choose("prov_all", "stSidebar", text("filter.kab"), text("filter.all"), peta_map(PROVINCE)),
        level("prov_kab", text("level.kab"), text("level.kec"), peta_map(PROVINCE, 5)),
        level("prov_desa", text("level.kel"), text("level.kab"), peta_map(PROVINCE, 13)),
        choose("prov_desa_measure", "stMain", text("peta.measure"), text("measure.n_ats"), peta_map(PROVINCE, 13)),
        nav("tren_open", "tren"),
        choose("tren_breakdown", "stMain", text("tren.by"), text("by.sex"), charts),
        choose("tren_sex", "stSidebar", text("filter.sex"), text("sex.L"), charts),
        nav("penanganan_open", "penanganan"),
        nav("kla_open", "kla"),
        # the language changes the heading and the chart's texts: both waited for (a chart is redrawn a task or more
        # after the run's elements, ui/plotly_chart.py; the heading alone let the old chart pass for the new view)
        Step("lang_en", lambda page: page.locator("[data-testid='stSidebar']").get_by_text("English", exact=True).click(),
             {"charts": 1, "changed": ["heading", "charts"]}),
    ]


# The floor: a page load of a tiny Streamlit app (benchmarks/floor/app.py), each on its own server, with the app's
# flags, config, browser and probe: what any page of this kind costs here, against which peta_open is read.
FLOOR_APP = "benchmarks/floor/app.py"
FLOOR = {  # step: (the floor app's ?chart=, what the probe waits for besides its title)
    "floor_text": ("none", {}),  # Streamlit's start, a title and a selectbox (its code loaded at first use)
    "floor_plotly": ("scatter", {"charts": 1}),  # the same and a scatter: Streamlit's Plotly chunk, evaluated
    "floor_plotly_geo": ("geo", {"charts": 1, "map": {"prefix": "73.73.", "length": 8}}),  # a choropleth: Palopo's kecamatan
}


def chosen(script: list[Step], names: str | None) -> list[Step]:
    """The steps of `names` (comma-separated; all when None), led by the page load of the map when the first of them
    is not a page load: a step runs on the page its predecessor left."""
    if not names:
        return script
    wanted = {name.strip() for name in names.split(",") if name.strip()}
    unknown = wanted - {step.name for step in script}
    if unknown:
        raise SystemExit(f"--steps: unknown step(s) {', '.join(sorted(unknown))}; the steps are "
                         + ", ".join(step.name for step in script))
    kept = [step for step in script if step.name in wanted]
    return kept if kept[0].load else [script[0], *kept]


def floor_step(url: str, name: str) -> Step:
    chart, expect = FLOOR[name]
    return Step(name, lambda page: page.goto(f"{url}/?chart={chart}", wait_until="commit"), {"title": "Floor", **expect},
                load=True, page=True, floor=True)


class StepError(RuntimeError):
    pass


class NotIdle(StepError):
    """The app did not become idle in time: the rest of the pass is not run."""


def wait_ready(page, expect: dict, timeout_s: float, grace_s: float = 30) -> dict:
    expect = {"grace_ms": grace_s * 1000, **expect}
    try:
        handle = page.wait_for_function("(e) => window.__bench.ready(e)", arg=expect, polling="raf", timeout=timeout_s * 1000)
    except Exception as e:  # playwright's TimeoutError
        raise NotIdle(f"not idle with the expected view within {timeout_s:.0f} s ({type(e).__name__})") from None
    result = handle.json_value()
    if not result["ok"]:
        raise StepError(result["error"])
    return result


def run_step(page, wire: Wire, step: Step, timeout_s: float, expect_extra: dict | None = None) -> dict:
    """Time one step; its server time and bytes from the frames between its input and its last script_finished. A
    first_paint step's time ends at the first paint of its map, the server's SVG when the page sent one; its
    interactive_ms at the Plotly map painted (the same moment when no SVG was sent)."""
    expect = {**step.expect, **(expect_extra or {}), **({"firstPaint": True} if step.first_paint else {})}
    if step.setup:
        step.setup(page)
    if not step.load:
        page.evaluate("window.__bench.mark()")
        expect["needRequest"] = True
    else:
        expect["fromNavigation"] = True
    start = len(wire.frames)
    step.act(page)
    result = wait_ready(page, expect, timeout_s)
    interactive = result
    if result.get("firstMap"):  # painted as the server's SVG: wait on for the Plotly map (its view is the step's)
        interactive = wait_ready(page, {**expect, "firstPaint": False}, timeout_s)
    deadline = time.time() + 10  # DevTools events reach Python when Playwright next talks to the browser
    while len(wire.finishes(start)) < result["finished"] and time.time() < deadline:
        page.evaluate("0")
    server_ms, n_bytes = wire.measure(start, result["finished"]) if result["finished"] else (None, None)
    timed = {"ms": result["ms"], "server_ms": server_ms, "ws_bytes": n_bytes, "url": page.url, "view": interactive["view"]}
    return {**timed, "interactive_ms": interactive["ms"]} if step.first_paint else timed


def new_tab(context):
    page = context.new_page()
    return page, Wire(context, page)


def try_step(page, wire: Wire, step: Step, timeout_s: float, log, tag: str = "") -> dict:
    try:
        r = run_step(page, wire, step, timeout_s)
    except StepError as e:
        r = {"error": str(e)}
    except Exception as e:  # a control that is not there (a changed page): the step cannot be driven
        r = {"error": f"{type(e).__name__}: {str(e).splitlines()[0][:300]}"}
    log(f"  {tag}{step.name}: " + (f"{r['ms']:.0f} ms, server {r['server_ms'] or 0:.0f} ms, {r['ws_bytes'] or 0} B" if "ms" in r else r["error"])
        + (f", interactive {r['interactive_ms']:.0f} ms" if "interactive_ms" in r else ""))
    return r


def run_pass(context, script: list[Step], timeout_s: float, log) -> dict:
    page, wire = new_tab(context)
    results = {}
    for step in script:
        if any("not idle" in r.get("error", "") for r in results.values()):
            results[step.name] = {"error": "not run: an earlier step did not end"}
            continue
        results[step.name] = try_step(page, wire, step, timeout_s, log)
    page.close()
    return results


def run_floor(browser, probe: str, store: Path, timeout_s: float, log) -> tuple[dict, dict]:
    """The floor's steps, each as peta_open is timed: a fresh server (`streamlit run benchmarks/floor/app.py`) and
    browser context, the page loaded in a new tab (cold), then again in another tab of that context (warm)."""
    cold, warm = {}, {}
    for name in FLOOR:
        with streamlit_server(store, OUT / "streamlit_browser_floor.log", FLOOR_APP) as url:
            context = browser.new_context(viewport=VIEWPORT)
            context.add_init_script(probe)
            for tag, results in (("cold ", cold), ("warm ", warm)):
                page, wire = new_tab(context)
                results[name] = try_step(page, wire, floor_step(url, name), timeout_s, log, tag)
                page.close()
            context.close()
    return cold, warm


def reloads(context, script: list[Step], warm: dict, timeout_s: float, log) -> dict:
    """The naive baseline: each view the warm pass ended on, opened by its URL in a fresh tab (a full page load)."""
    page, wire = new_tab(context)
    out = {}
    for step in script:
        done = warm.get(step.name, {})
        if "url" not in done:
            continue
        # any view drawn and idle; whether it is the step's view is told by comparing the figures' data after
        expect = {k: ({"prefix": ""} if k == "map" else v) for k, v in step.expect.items() if k != "changed"}
        load = Step(step.name, lambda p, u=done["url"]: p.goto(u, wait_until="commit"), expect, load=True)
        try:
            r = run_step(page, wire, load, timeout_s)
        except Exception as e:
            out[step.name] = {"error": str(e).splitlines()[0][:300]}
            continue
        same = r["view"]["map"] == done["view"]["map"] if "map" in step.expect else r["view"]["charts"] == done["view"]["charts"]
        if not same or r["view"]["heading"] != done["view"]["heading"]:
            link, shown = (u.split("/", 3)[-1] for u in (done["url"], r["url"]))  # without the server's address
            out[step.name] = {"ms": r["ms"], "error": f"the link /{link} opens another view (the app shows /{shown})"}
        else:
            out[step.name] = {"ms": r["ms"]}
        log(f"  reload {step.name}: {r['ms']:.0f} ms" + (f" ({out[step.name]['error']})" if "error" in out[step.name] else ""))
    page.close()
    return out


# --- the run -----------------------------------------------------------------------------------------------------

def target_kecamatan(kab: str) -> dict:
    """The largest kecamatan of the kab/kota (by area), and a point inside it, from ../shared/geo."""
    import geopandas as gpd

    kec = gpd.read_file(ROOT.parent / "shared" / "geo" / "kecamatan_73_63.geojson")
    kec = kec[kec["kode"].str.startswith(kab + ".")]
    if kec.empty:
        raise SystemExit(f"no kecamatan of {kab} in ../shared/geo/kecamatan_73_63.geojson to click on")
    row = kec.loc[kec.to_crs("EPSG:32750").area.idxmax()]
    point = row.geometry.representative_point()
    return {"kode": row["kode"], "lon": point.x, "lat": point.y}


def kab_names(*kodes: str) -> dict:
    from data import reference

    wilayah = reference.load_wilayah()
    return dict(wilayah[wilayah["kode"].isin(kodes)][["kode", "nama"]].itertuples(index=False))


def aggregate(label: str, pass_name: str, script: list[Step], runs: list[dict], base: list[dict] | None) -> list[dict]:
    lines = []
    for step in script:
        done = [r[step.name] for r in runs if "ms" in r.get(step.name, {})]
        errors = sorted({r[step.name]["error"] for r in runs if "error" in r.get(step.name, {})})
        ms = [d["ms"] for d in done]
        line = {"store": label, "pass": pass_name, "step": step.name, "kind": step.kind}
        if ms:
            line.update(
                p50_ms=round(statistics.median(ms)), p95_ms=round(percentile(ms, 0.95)),
                server_ms=round(statistics.median(d["server_ms"] for d in done)) if all(d["server_ms"] is not None for d in done) else None,
                ws_bytes=round(statistics.median(d["ws_bytes"] for d in done)) if all(d["ws_bytes"] is not None for d in done) else None,
                runs=len(ms), ms=[round(m) for m in ms],
            )
            interactive = [d["interactive_ms"] for d in done if "interactive_ms" in d]
            if interactive:  # a first_paint step: to the Plotly map, when the first paint was the server's SVG
                line.update(interactive_p50_ms=round(statistics.median(interactive)),
                            interactive_p95_ms=round(percentile(interactive, 0.95)))
        else:
            line.update(p50_ms=None, p95_ms=None, server_ms=None, ws_bytes=None, runs=0)
        if errors:
            line["error"] = "; ".join(errors)
        if base is not None:
            reload_ms = [b[step.name]["ms"] for b in base if "ms" in b.get(step.name, {}) and "error" not in b[step.name]]
            reload_errors = sorted({b[step.name]["error"] for b in base if "error" in b.get(step.name, {})})
            if reload_ms:
                line["reload_p50_ms"] = round(statistics.median(reload_ms))
                if ms:
                    line["reload_ratio"] = round(line["reload_p50_ms"] / line["p50_ms"], 2)
            if reload_errors:
                line["reload_error"] = "; ".join(reload_errors)
        lines.append(line)
    return lines


def summary(label: str, pass_name: str, lines: list[dict], meta: dict) -> dict:
    floor = [line for line in lines if line["kind"] == "floor"]
    lines = [line for line in lines if line["kind"] != "floor"]  # the floor is no step of the app's
    timed = [line for line in lines if line["p95_ms"]]
    slowest = max(timed, key=lambda line: line["p95_ms"], default=None)
    fastest = min(timed, key=lambda line: line["p95_ms"], default=None)
    # issue 21's "no step more than 3x the fastest", read among the clicks (a page load has its own target, 2 s)
    clicks = [line for line in timed if line["kind"] == "interaction"]
    slow_click = max(clicks, key=lambda line: line["p95_ms"], default=None)
    fast_click = min(clicks, key=lambda line: line["p95_ms"], default=None)
    return {
        "summary": True, "store": label, "pass": pass_name,
        "slowest_step": slowest and slowest["step"], "slowest_p95_ms": slowest and slowest["p95_ms"],
        "fastest_step": fastest and fastest["step"], "fastest_p95_ms": fastest and fastest["p95_ms"],
        "spread": round(slowest["p95_ms"] / fastest["p95_ms"], 1) if timed else None,
        "slowest_click": slow_click and slow_click["step"], "fastest_click": fast_click and fast_click["step"],
        "click_spread": round(slow_click["p95_ms"] / fast_click["p95_ms"], 2) if clicks else None,
        # issue 21's targets: an interaction within 1 s, a page within 2 s (p95)
        "over_target": [line["step"] for line in timed if line["p95_ms"] > TARGET_MS[line["kind"]]],
        "errors": [line["step"] for line in lines + floor if "error" in line],
        **floor_ratios(lines, floor),
        **meta,
    }


def floor_ratios(lines: list[dict], floor: list[dict]) -> dict:
    """The floor's p50 and p95, and every page step's (and peta_open's interactive time's) p50 and p95 over
    floor_plotly's: how far a page of the app is above a Streamlit page that shows one Plotly chart."""
    if not floor:
        return {}
    out = {"floor_ms": {line["step"]: [line["p50_ms"], line["p95_ms"]] for line in floor}}
    base = next((line for line in floor if line["step"] == "floor_plotly" and line["p50_ms"]), None)
    if base:
        ratio = lambda p50, p95: [round(p50 / base["p50_ms"], 2), round(p95 / base["p95_ms"], 2)]  # noqa: E731
        out["vs_floor_plotly"] = {line["step"]: ratio(line["p50_ms"], line["p95_ms"])
                                  for line in lines if line["kind"] == "page" and line["p50_ms"]}
        out["vs_floor_plotly"].update({f"{line['step']}_interactive": ratio(line["interactive_p50_ms"], line["interactive_p95_ms"])
                                       for line in lines if "interactive_p50_ms" in line})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per pass (one server per run); default 5")
    parser.add_argument("--quick", action="store_true", help="one run: a smoke test of the script")
    parser.add_argument("--regions", help="demo regions of the store (default: the demo's own; 73: all of Sulawesi Selatan)")
    parser.add_argument("--store", type=Path, help="store to use (built with --regions when missing); default benchmarks/out/")
    parser.add_argument("--start-kab", default="73.73", help="kab/kota the map opens on (default Kota Palopo)")
    parser.add_argument("--switch-kab", default="73.08", help="kab/kota switched to (default Kabupaten Bone)")
    parser.add_argument("--timeout", type=float, default=180, help="seconds a step may take before it counts as failed")
    parser.add_argument("--no-floor", action="store_true", help="skip the floor's steps (benchmarks/floor/app.py)")
    parser.add_argument("--steps", help="only these steps, comma-separated, in the script's order (list the steps a step "
                        "needs: tren_open before tren_sex; a choice the page already shows fails at once, naming the "
                        "steps that change it: peta_measure before prov_desa_measure); peta_open is run first when "
                        "the first is no page load")
    args = parser.parse_args()
    runs = 1 if args.quick else args.runs
    store = args.store or default_store(args.regions)
    label = store.stem.removeprefix("demo_")
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    built = ensure_store(store, args.regions)
    if built is not None:
        print(json.dumps({"store": label, "built_s": round(built, 1)}), flush=True)
    names, target = kab_names(args.start_kab, args.switch_kab), target_kecamatan(args.switch_kab)
    chosen(steps("", args.start_kab, args.switch_kab, names, target), args.steps)  # unknown names: said before any server starts
    probe = build_probe()
    OUT.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    meta = {"runs": runs, "cpus": os.cpu_count(), "load_avg_start": [round(x, 2) for x in os.getloadavg()],
            "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()}
    started = time.time()
    cold, warm, base = [], [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Not counted: a first pass writes the static GeoJSON of every view (once per store version) and brings the
        # store file and the code into the OS cache, as on any server that ran before; every cold run then starts alike.
        for run in range(0 if args.quick else -1, runs):
            with streamlit_server(store, OUT / f"streamlit_browser_{label}.log") as url:
                script = chosen(steps(url, args.start_kab, args.switch_kab, names, target), args.steps)
                context = browser.new_context(viewport=VIEWPORT)
                context.add_init_script(probe)
                if run < 0:
                    log(f"warm-up pass, not counted ({label})")
                    run_pass(context, script, args.timeout, log)
                else:
                    log(f"run {run + 1}/{runs} cold ({label})")
                    cold.append(run_pass(context, script, args.timeout, log))
                    log(f"run {run + 1}/{runs} warm")
                    warm.append(run_pass(context, script, args.timeout, log))
                    log(f"run {run + 1}/{runs} reloads")
                    base.append(reloads(context, script, warm[-1], args.timeout, log))
                context.close()
            if not args.no_floor:  # after the app's server has stopped: the floor's servers, one per step, alone
                log(f"run {run + 1}/{runs} floor" if run >= 0 else "floor warm-up, not counted")
                floor_cold, floor_warm = run_floor(browser, probe, store, args.timeout, log)
                if run >= 0:
                    cold[-1].update(floor_cold)
                    warm[-1].update(floor_warm)
        browser.close()
    meta.update(load_avg_end=[round(x, 2) for x in os.getloadavg()], minutes=round((time.time() - started) / 60, 1))
    script += [] if args.no_floor else [floor_step("", name) for name in FLOOR]
    for pass_name, results, baseline in (("cold", cold, None), ("warm", warm, base)):
        lines = aggregate(label, pass_name, script, results, baseline)
        for line in lines:
            print(json.dumps(line), flush=True)
        print(json.dumps(summary(label, pass_name, lines, meta)), flush=True)


if __name__ == "__main__":
    main()
