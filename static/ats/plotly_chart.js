// A figure of the pages (ui/plotly_chart.py): a Plotly figure drawn by the dashboard's own plotly.js (static/plotly/),
// in a Streamlit component without an iframe or shadow root, so that the page's CSS, the map's overlay
// (ui/map_overlay.js) and the tests reach it as they reach any Plotly chart. One chart element per key: a new figure
// is drawn into it with Plotly.react (a change of measure, class, filter or level), a click on a map's unit is sent
// to Python as the trigger value "click" (the unit's code).
//
// A module served from static/ (imported by the component's few lines of inline code, and by every page load's
// preload, ui/preload.py): Streamlit sends a component's inline code with every element of it, 6.4 KB per chart per
// rerun when this module was inline.

// The dashboard's plotly.js, loaded once per tab (a module is evaluated once per URL): the page load's preload calls
// load() before the server has run the page, the charts wait for the same promise.
let loading = null;

export function load(url) {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => { loading = null; reject(new Error(`${url} not loaded`)); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

// The GeoJSON files of a figure (its traces' geojson URLs: one file, one trace per class), fetched and parsed here
// into Plotly's own store by URL (window.PlotlyGeoAssets, which its geo traces read before they fetch) before the
// figure is drawn. Left to Plotly, the first trace fetches the file and the others wait for it at most 5 s (100 x
// 50 ms), then the draw fails and the map stays blank though the file comes: on a slow link a desa file takes that
// long. One fetch per URL and page, shared with the overlay's fetch ahead of a likely next view (ui/map_overlay.js).
function geojson(url) {
  const assets = window.PlotlyGeoAssets || (window.PlotlyGeoAssets = { topojson: {} });
  if (assets[url] && typeof assets[url] === "object") return Promise.resolve(assets[url]);
  const fetches = window.__atsGeoFetches || (window.__atsGeoFetches = new Map());
  if (!fetches.has(url)) {
    fetches.set(url, fetch(url).then((r) => {
      if (!r.ok) throw new Error(`${url}: ${r.status}`);
      return r.json();
    }).then((geo) => {
      if (!(assets[url] && typeof assets[url] === "object")) assets[url] = geo;
      return assets[url];
    }).catch((error) => {
      fetches.delete(url); // asked again by the next figure that needs it
      throw error;
    }));
  }
  return fetches.get(url);
}
window.__atsGeoJSON = geojson;

function files(figure) {
  const urls = new Set(figure.data.map((trace) => trace.geojson).filter((u) => typeof u === "string"));
  // the key is the URL as the trace names it (relative: fetch resolves it against the page, as Plotly does); a file
  // that failed is left to Plotly, which fetches it itself and says what failed
  return Promise.all([...urls].map((url) => geojson(url).catch(() => null)));
}

// Full screen, for a projector: Streamlit's chart had this button in its toolbar; these charts have it in their
// modebar. A chart fills the screen while it is full screen (a figure drawn meanwhile too) and comes back to its
// height after.
const FULL = { width: 24, height: 24, transform: "matrix(1 0 0 1 0 0)", // Material's "fullscreen"
  path: "M7 14H5v5h5v-2H7v-3zm-2-4h2V7h3V5H5v5zm12 7h-3v2h5v-5h-2v3zM14 5v2h3v3h2V5h-5z" };

function isFull(gd) { return document.fullscreenElement === gd; }

function fit(gd) {
  const Plotly = gd.__atsPlotly;
  if (!Plotly || !gd._fullLayout) return;
  const [open, close] = gd.__atsFullTitles;
  const button = gd.querySelector(`.modebar-btn[data-title="${open}"], .modebar-btn[data-title="${close}"]`);
  if (button) button.setAttribute("data-title", isFull(gd) ? close : open);
  Plotly.relayout(gd, { height: isFull(gd) ? window.innerHeight : gd.__atsHeight });
}

function fullButton(gd, titles) {
  gd.__atsFullTitles = titles;
  if (!gd.__atsFullListening) {
    gd.__atsFullListening = true;
    gd.addEventListener("fullscreenchange", () => fit(gd));
  }
  return { name: "ats-fullscreen", title: titles[0], icon: FULL,
    click: () => (isFull(gd) ? document.exitFullscreen() : gd.requestFullscreen()).catch(() => {}) };
}

export function draw(component) {
  const { parentElement, data, setTriggerValue } = component;
  const text = typeof data === "string" ? data : new TextDecoder().decode(data); // bytes from Python
  let gd = parentElement.querySelector(".ats-chart");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ats-chart";
    parentElement.appendChild(gd);
  }
  gd.__atsClick = (location) => setTriggerValue("click", location); // this run's: the latest callback's
  // called when the element leaves the page (another page, a map no longer shown), not between its figures: Plotly's
  // listeners (the window's resize, with responsive) go with it
  const cleanup = () => { if (gd.__atsPlotly) gd.__atsPlotly.purge(gd); };
  if (text === gd.__atsText) return cleanup; // the figure drawn (or being drawn) already: nothing to do
  gd.__atsText = text;
  const spec = JSON.parse(text);
  gd.style.height = `${spec.figure.layout.height || 560}px`;
  Promise.all([load(spec.bundle), files(spec.figure)]).then(([Plotly]) => {
    if (gd.__atsText !== text) return; // a newer figure came meanwhile: it draws
    gd.__atsPlotly = Plotly;
    gd.__atsHeight = spec.figure.layout.height || 560;
    const layout = isFull(gd) ? { ...spec.figure.layout, height: window.innerHeight } : spec.figure.layout;
    const config = { ...spec.config, modeBarButtonsToAdd: [fullButton(gd, spec.fullscreen)] };
    return Plotly.react(gd, spec.figure.data, layout, config).then(() => {
      if (!gd.__atsClicks) {
        gd.__atsClicks = true;
        gd.on("plotly_click", (event) => {
          const point = (event.points || []).find((p) => p.location);
          if (point) gd.__atsClick(point.location);
        });
      }
    });
  }).catch((error) => {
    gd.__atsText = null; // the next run tries again
    gd.textContent = `${spec.failed} (${error.message || error})`;
  });
  return cleanup;
}
