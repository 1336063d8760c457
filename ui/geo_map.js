// The screen map (ui/geo_map.py): a Plotly figure drawn by plotly.js's geo-only bundle (static/plotly/), in a
// Streamlit component without an iframe or shadow root, so that the page's CSS, the overlay (ui/map_overlay.js) and
// the tests reach it as they reach any Plotly chart. One chart element per map: a new figure is drawn into it with
// Plotly.react (a change of measure, class, filter or level), a click on a unit is sent to Python as the trigger
// value "click" (the unit's code).
//
// The bundle sets window.Plotly when it runs, as Streamlit's own Plotly chunk does: whichever came first keeps the
// name, and this map keeps its bundle as window.__atsPlotlyGeo (the overlay's redraw uses gd.__atsPlotly).
const GEO = "__atsPlotlyGeo";

function bundle(url) {
  if (window[GEO]) return Promise.resolve(window[GEO]);
  if (!window.__atsPlotlyGeoLoading) {
    window.__atsPlotlyGeoLoading = new Promise((resolve, reject) => {
      const before = window.Plotly;
      const script = document.createElement("script");
      script.src = url;
      script.async = true;
      script.onload = () => {
        window[GEO] = window.Plotly;
        if (before) window.Plotly = before;
        resolve(window[GEO]);
      };
      script.onerror = () => { window.__atsPlotlyGeoLoading = null; reject(new Error(`${url} not loaded`)); };
      document.head.appendChild(script);
    });
  }
  return window.__atsPlotlyGeoLoading;
}

// Streamlit's Plotly chunk, which the page's other charts need (Tren, the unit profile's sparkline), fetched and
// evaluated once the map is drawn and the tab is idle: not before the map, whose page load it would slow by its
// 0.7-0.9 s of evaluation (ui/preload.py).
function later(chunk) {
  if (!chunk || window.__atsChunkAsked) return;
  window.__atsChunkAsked = true;
  const url = new URL(chunk, document.baseURI).href; // the page's, not this module's
  const go = () => import(url).catch(() => {});
  if (window.requestIdleCallback) window.requestIdleCallback(go, { timeout: 3000 });
  else setTimeout(go, 200);
}

export default function (component) {
  const { parentElement, data, setTriggerValue } = component;
  const spec = JSON.parse(typeof data === "string" ? data : new TextDecoder().decode(data)); // bytes from Python
  let gd = parentElement.querySelector(".ats-geo-map");
  if (!gd) {
    gd = document.createElement("div");
    gd.className = "ats-geo-map";
    parentElement.appendChild(gd);
  }
  gd.style.height = `${spec.figure.layout.height || 560}px`;
  gd.__atsClick = (location) => setTriggerValue("click", location); // this run's: the latest callback's
  gd.__atsPending = spec;
  bundle(spec.bundle).then((Plotly) => {
    if (gd.__atsPending !== spec) return; // a newer figure came meanwhile: it draws
    gd.__atsPlotly = Plotly;
    return Plotly.react(gd, spec.figure.data, spec.figure.layout, spec.config).then(() => {
      if (!gd.__atsClicks) {
        gd.__atsClicks = true;
        gd.on("plotly_click", (event) => {
          const point = (event.points || []).find((p) => p.location);
          if (point) gd.__atsClick(point.location);
        });
      }
      later(spec.chunk);
    });
  }).catch((error) => {
    gd.textContent = String(error);
  });
}
