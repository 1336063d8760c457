"""What benchmarks/browser.py runs under: `streamlit run` on a free port, the websocket's frames as Chromium's network
stack saw them (DevTools protocol), and the probe it injects into every page (browser_probe.js) with this Streamlit's
protobuf field numbers."""

import base64
import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


# --- the server -------------------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(store: Path, log: Path, script: str = "app.py"):
    """`streamlit run <script>` (the app, or the floor's app) headless on a free port against `store`, from the
    repository's root (its .streamlit/config.toml); yields its URL once /_stcore/health answers."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("ATS_ADMIN_PASSWORD", "ATS_ADMIN_PASSWORD_FILE")}
    env.update(ATS_STORE=str(store), ATS_HMAC_KEY="browser-benchmark-key-not-secret")
    with open(log, "w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.headless", "true",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 120
            while True:
                try:
                    if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                        break
                except OSError:
                    if proc.poll() is not None or time.time() > deadline:
                        raise RuntimeError(f"streamlit did not start; see {log}")
                    time.sleep(0.2)
            yield url
        finally:
            proc.terminate()
            proc.wait(timeout=30)


# --- the websocket, as Chromium's network stack saw it -----------------------------------------------------------

@dataclass
class Frame:
    ts: float  # seconds, DevTools' monotonic network clock
    sent: bool
    kind: str | None  # the ForwardMsg or BackMsg type (new_session, delta, script_finished, rerun_script, ...)
    status: int | None  # script_finished's status
    n_bytes: int


class Wire:
    """Every binary websocket frame of one tab, from the DevTools protocol (Playwright's own websocket events carry
    no timestamp), decoded with Streamlit's protobuf classes."""

    def __init__(self, context, page):
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        self.back, self.forward = BackMsg, ForwardMsg
        self.early = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")
        self.frames: list[Frame] = []
        cdp = context.new_cdp_session(page)
        cdp.on("Network.webSocketFrameSent", lambda p: self._add(p, True))
        cdp.on("Network.webSocketFrameReceived", lambda p: self._add(p, False))
        cdp.send("Network.enable")

    def _add(self, params: dict, sent: bool) -> None:
        response = params["response"]
        if response.get("opcode") != 2:  # binary frames carry Streamlit's messages
            return
        data = base64.b64decode(response["payloadData"])
        msg = (self.back if sent else self.forward).FromString(data)
        kind = msg.WhichOneof("type")
        status = msg.script_finished if kind == "script_finished" else None
        self.frames.append(Frame(params["timestamp"], sent, kind, status, len(data)))

    def finishes(self, start: int) -> list[int]:
        return [i for i, f in enumerate(self.frames[start:], start) if f.kind == "script_finished"]

    def measure(self, start: int, n_finished: int) -> tuple[float, int]:
        """Server ms and bytes received of the frames from `start` to the n-th script_finished after it."""
        end = self.finishes(start)[n_finished - 1] + 1
        server, opened, received = 0.0, None, 0
        for f in self.frames[start:end]:
            if f.sent:
                if f.kind == "rerun_script" and opened is None:
                    opened = f.ts
                continue
            received += f.n_bytes
            if f.kind == "new_session" and opened is None:  # a run the server started without a request
                opened = f.ts
            if f.kind == "script_finished" and f.status != self.early and opened is not None:
                server, opened = server + (f.ts - opened), None
        return server * 1000, received


def build_probe() -> str:
    """browser_probe.js with the protobuf field numbers of this Streamlit."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    fields = {
        "new_session": ForwardMsg.DESCRIPTOR.fields_by_name["new_session"].number,
        "script_finished": ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number,
        "rerun_script": BackMsg.DESCRIPTOR.fields_by_name["rerun_script"].number,
        "early_for_rerun": ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN"),
    }
    return Path(__file__).with_name("browser_probe.js").read_text().replace("__FIELDS__", json.dumps(fields))
