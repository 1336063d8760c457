"""benchmarks/browser.py --quick on a small demo store (Palopo and Takalar): every step of its fixed script is driven
in Debian's Chromium against `streamlit run` and reports its time, server time and websocket bytes, cold and warm.
A smoke test of the benchmark, not a timed assertion."""

import json
import subprocess
import sys

from data.config import ROOT
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
