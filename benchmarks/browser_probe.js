// Injected into every page the browser benchmark opens (before the app's own scripts): follows Streamlit's
// script run state from its websocket and tells, each animation frame, whether the app is idle with the
// expected figure painted. Field numbers come from Streamlit's protobuf descriptors (filled in by browser_wire.py).
(() => {
  const F = __FIELDS__;
  const B = (window.__bench = {
    state: "init", // init | requested | running | idle, as Streamlit's frontend derives its scriptRunState
    lastInput: 0, // performance.now() of the last trusted key or pointer press
    requests: 0, // rerun requests sent since mark()
    finished: 0, // script_finished messages received since mark()
    lastStatus: null,
    before: null,
    idleSince: null,
  });
  for (const type of ["keydown", "mousedown", "pointerdown"]) {
    window.addEventListener(type, (e) => { if (e.isTrusted) B.lastInput = performance.now(); }, true);
  }

  // The top-level fields of a protobuf message: {field number: varint value, or -1 for other wire types}.
  function fields(bytes) {
    const out = {};
    let i = 0;
    const varint = () => {
      let x = 0, scale = 1, b;
      do { b = bytes[i++]; x += (b & 127) * scale; scale *= 128; } while (b & 128 && i < bytes.length);
      return x;
    };
    while (i < bytes.length) {
      const tag = varint(), field = Math.floor(tag / 8), wire = tag & 7;
      if (wire === 0) out[field] = varint();
      else if (wire === 2) { const n = varint(); i += n; out[field] = -1; }
      else if (wire === 1) { i += 8; out[field] = -1; }
      else if (wire === 5) { i += 4; out[field] = -1; }
      else break;
    }
    return out;
  }

  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        if (!(e.data instanceof ArrayBuffer)) return;
        const f = fields(new Uint8Array(e.data));
        if (F.new_session in f) B.state = "running";
        if (F.script_finished in f) {
          B.finished += 1;
          B.lastStatus = f[F.script_finished];
          // FINISHED_EARLY_FOR_RERUN: the run was stopped for a newer request, which runs next
          if (B.lastStatus !== F.early_for_rerun && B.state === "running") B.state = "idle";
        }
      });
    }
    send(data) {
      const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : null;
      if (bytes && F.rerun_script in fields(bytes)) { B.requests += 1; B.state = "requested"; }
      return super.send(data);
    }
  };

  // A digest of a Plotly figure's data (not of the objects Plotly adds: uid, _private keys): equal digests, same figure.
  const digests = new WeakMap();
  function digestOf(value) {
    let h = 2166136261;
    const mix = (x) => { h = Math.imul(h ^ x, 16777619); };
    const walk = (v, depth) => {
      if (v === null || v === undefined) return mix(1);
      if (typeof v === "number") { mix(Number.isFinite(v) ? Math.round(v * 1e4) | 0 : 2); return mix((v * 1e4 / 4294967296) | 0); }
      if (typeof v === "string") { for (let i = 0; i < v.length; i++) mix(v.charCodeAt(i)); return mix(3); }
      if (typeof v === "boolean") return mix(v ? 4 : 5);
      if (depth > 8 || typeof v !== "object") return mix(6);
      if (ArrayBuffer.isView(v) || Array.isArray(v)) { for (let i = 0; i < v.length; i++) walk(v[i], depth + 1); return mix(7); }
      for (const k of Object.keys(v)) {
        if (k === "uid" || k.startsWith("_")) continue;
        walk(k, depth + 1); walk(v[k], depth + 1);
      }
      return mix(8);
    };
    walk(value, 0);
    return (h >>> 0).toString(16);
  }
  function digest(gd) {
    if (!digests.has(gd.data)) digests.set(gd.data, digestOf(gd.data));
    return digests.get(gd.data);
  }

  const main = () => document.querySelector("[data-testid='stMain']") || document.body;
  // Streamlit hides a chart it has just mounted (display: none on the plot itself) until its container is measured, a
  // frame or more later: such a chart is on screen and not yet drawn. Counted as hidden, the page looked ready without
  // it, and the view then differed from a reload of its link (reload_error; q-link).
  const unsized = (gd) => gd.style.display === "none" && gd.parentElement && gd.parentElement.offsetParent !== null;
  // charts on screen (a chart in a hidden tab or expander is not waited for). The app's charts are a component
  // (ui/plotly_chart.py) whose element is on the page before its module has made the plot in it: such an element is a
  // chart on screen, not yet drawn (counted only by the plots drawn, a page of three charts looked ready with one).
  const slots = () => [...main().querySelectorAll("[data-testid^='stBidiComponent']")]
    .filter((c) => c.offsetParent !== null && !c.querySelector(".js-plotly-plot"));
  const charts = () => [...main().querySelectorAll(".js-plotly-plot")].filter((gd) => gd.offsetParent !== null || unsized(gd))
    .concat(slots());
  // the geo subplot of the map (ui/maps.py: an SVG choropleth), once Plotly has made its projection
  const mapOf = (gd) => gd._fullLayout && gd._fullLayout.geo && gd._fullLayout.geo._subplot
    && gd._fullLayout.geo._subplot.projection && gd._fullLayout.geo._subplot;
  // Plotly has drawn this very data: every trace processed, no pending promise (a map's GeoJSON fetch)
  const drawn = (gd) => !!(!unsized(gd) && gd.data && gd.data.length && gd._fullData && gd._fullData.length === gd.data.length
    && gd._fullData.every((t, i) => t._input === gd.data[i]) && gd.querySelector(".main-svg")
    && !(gd._promises && gd._promises.length));
  // every unit of the map's traces is a filled path of the choropleth layer (the browser paints the SVG at the frame)
  const painted = (gd) => {
    if (!mapOf(gd)) return false;
    const units = gd.data.reduce((n, t) => n + (t.locations || []).length, 0);
    const paths = gd.querySelectorAll(".choroplethlayer path.choroplethlocation");
    return units > 0 && paths.length === units && [...paths].every((p) => p.getAttribute("d") && p.getAttribute("fill"));
  };
  B.painted = (gd) => drawn(gd) && painted(gd);
  // The map's first paint on a page load, drawn by the server (ui/map_svg.py) while Plotly's chunk loads: shown (its
  // element not hidden by the CSS that hides it once the Plotly map is drawn), with a filled path of every unit.
  const firstMap = () => [...main().querySelectorAll("svg.ats-first-map")].find((s) => s.getBoundingClientRect().width > 0);
  const firstMapMissing = (svg, m) => {
    const paths = [...svg.querySelectorAll("path")];
    if (!paths.length) return "the first map has no units";
    const off = paths.find((p) => !p.dataset.kode.startsWith(m.prefix) || (m.length && p.dataset.kode.length !== m.length));
    if (off) return `the first map shows ${off.dataset.kode}, expected units under ${m.prefix}`;
    if (!paths.every((p) => p.getAttribute("d") && p.getAttribute("fill"))) return "the first map is not filled";
    return null;
  };
  const heading = () => { const h = main().querySelector("h1"); return h ? h.innerText.trim() : ""; };
  const mapChart = () => charts().find((gd) => mapOf(gd) || (gd._fullData && gd._fullData.some((t) => t.type === "choropleth")));
  const view = () => {
    const m = mapChart();
    return { heading: heading(), map: m && drawn(m) ? digest(m) : null, charts: charts().map((gd) => (drawn(gd) ? digest(gd) : "-")).join(",") };
  };

  B.mark = () => { B.before = view(); B.requests = 0; B.finished = 0; B.lastInput = 0; B.idleSince = null; B.candidate = null; };

  // The run state is idle and the status widget shows no running indicator (its fade-out is not waited for).
  function idle(needRequest) {
    if (B.state !== "idle" || (needRequest && B.requests === 0)) return false;
    const widget = document.querySelector("[data-testid='stStatusWidget']");
    if (widget && !widget.classList.contains("StatusWidget-exit") && widget.querySelector("[data-testid='stStatusWidgetRunningIcon']")) return false;
    return !document.querySelector("[data-stale='true']");
  }

  // What is still missing for the expectation e, or null when it is met.
  function missing(e) {
    if (e.title && !heading().startsWith(e.title)) return `heading is "${heading()}", expected "${e.title}"`;
    // e.firstPaint (a page load of the map): the server's SVG, when it is the map shown, stands for the Plotly map,
    // whose chart in the same box is Streamlit's placeholder meanwhile
    const svg = e.firstPaint && e.map && firstMap();
    // an element whose code Streamlit still loads (React.lazy: a chart, a table) is its Suspense placeholder meanwhile
    const loading = [...main().querySelectorAll("[data-testid='stSkeleton']")]
      .filter((x) => x.offsetParent !== null && !(svg && x.closest(".st-key-peta_map_box"))).length;
    if (loading) return `${loading} elements still loading`;
    if (svg) return firstMapMissing(svg, e.map);
    const all = charts();
    if (all.length < (e.charts || 0)) return `${all.length} charts on screen, expected at least ${e.charts}`;
    const undrawn = all.filter((gd) => !drawn(gd)).length;
    if (undrawn) return `${undrawn} of ${all.length} charts not drawn`;
    if (e.map) {
      const gd = mapChart();
      if (!gd) return "no map on screen";
      const kodes = gd.data.flatMap((t) => [...(t.locations || [])]);
      if (!kodes.length) return "the map has no units";
      const off = kodes.find((k) => !k.startsWith(e.map.prefix) || (e.map.length && k.length !== e.map.length));
      if (off) return `the map shows ${off} (${kodes.length} units), expected units under ${e.map.prefix}` + (e.map.length ? ` of code length ${e.map.length}` : "");
      if (!painted(gd)) return "the map is not painted";
    }
    const now = view();
    // e.changed: what the input changes, one part or several (each must have changed)
    const changed = [].concat(e.changed || []);
    if (changed.includes("map") && now.map === B.before.map) return "the map's data did not change";
    if (changed.includes("charts") && now.charts === B.before.charts) return "no chart's data changed";
    if (changed.includes("heading") && now.heading === B.before.heading) return "the heading did not change";
    return null;
  }

  // Evaluated every animation frame by browser.py: {ok, ms, view} when idle with the expectation met;
  // {ok: false, error} when an error shows or the app stayed idle for e.grace_ms without meeting it.
  // The view must be met at two frames in a row, unchanged (React may mount or redraw a chart a frame after the others):
  // the time is that of the first of them.
  B.ready = (e) => {
    const now = performance.now();
    if (!idle(e.needRequest)) { B.idleSince = null; B.candidate = null; return null; }
    const error = main().querySelector("[data-testid='stException'], [data-testid='stAlertContentError']");
    if (error) return { ok: false, error: "the app shows an error: " + error.innerText.slice(0, 300) };
    const problem = missing(e);
    if (problem === null) {
      const v = view(), first = !!(e.firstPaint && e.map && firstMap()), key = JSON.stringify([v, first]);
      if (B.candidate && B.candidate.key === key) return { ok: true, ms: B.candidate.ms, finished: B.finished, view: v, firstMap: first };
      B.candidate = { key, ms: now - (e.fromNavigation ? 0 : B.lastInput) };
      return null;
    }
    B.candidate = null;
    if (B.idleSince === null) B.idleSince = now;
    if (now - B.idleSince > e.grace_ms) return { ok: false, error: `idle for ${Math.round(e.grace_ms / 1000)} s but ${problem}` };
    return null;
  };
  B.finishedCount = () => B.finished;
})();
