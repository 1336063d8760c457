// Unit names and a scale bar over the Peta page's map (ui/maps.py), drawn in the page, not by MapLibre: MapLibre
// text needs glyph files, which Plotly's map styles fetch from a CDN (the dashboard works offline), and Plotly has no
// scale control. The figure's layout.meta says where the view's names and label points are ({labels_url, labels_on}:
// a static file per store version, [[kode, name, lon, lat, width, height], ...], fetched once per page like the
// GeoJSON); this script follows the MapLibre map of every Plotly map on the page and redraws on every move: a scale bar
// of a round distance (1, 2 or 5 x 10^n m) about 100 px long, and the names of the figure's units whose box is wide
// and tall enough for them, largest first, none overlapping. Names are set as text, never as HTML.
(function () {
  if (window.__atsMapOverlay) return;
  window.__atsMapOverlay = true;
  const EARTH = 40075016.686; // m around the equator
  const TILE = 512; // MapLibre's tile size: the world is 512 * 2^zoom px wide

  function roundDistance(maxMeters) {
    const p = Math.pow(10, Math.floor(Math.log10(maxMeters)));
    return [5, 2, 1].map((n) => n * p).find((d) => d <= maxMeters) || p;
  }

  function metersPerPixel(map) {
    const lat = map.getCenter().lat;
    return (EARTH * Math.cos((lat * Math.PI) / 180)) / (TILE * Math.pow(2, map.getZoom()));
  }

  function el(tag, style, parent) {
    const e = document.createElement(tag);
    Object.assign(e.style, style);
    if (parent) parent.appendChild(e);
    return e;
  }

  const HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff";

  function overlay(map) {
    const root = el("div", { position: "absolute", inset: "0", pointerEvents: "none", zIndex: 2, overflow: "hidden" },
      map.getContainer());
    root.className = "ats-map-overlay";
    const labels = el("div", { position: "absolute", inset: "0" }, root);
    const scale = el("div", { position: "absolute", left: "12px", bottom: "14px", font: "12px sans-serif",
      color: "#222", textShadow: HALO }, root);
    scale.className = "ats-map-scale";
    const text = el("div", { marginBottom: "2px" }, scale);
    const bar = el("div", { height: "6px", border: "2px solid #222", borderTop: "none", background: "rgba(255,255,255,.6)" },
      scale);
    return { root, labels, scale, text, bar };
  }

  function drawScale(map, o) {
    const mpp = metersPerPixel(map);
    const meters = roundDistance(mpp * 120);
    o.bar.style.width = `${(meters / mpp).toFixed(1)}px`;
    o.text.textContent = meters >= 1000 ? `${meters / 1000} km` : `${meters} m`;
    o.scale.dataset.meters = String(meters);
    o.scale.dataset.metersPerPixel = String(mpp);
  }

  // label files by URL: {items} once fetched, largest unit first; every map on the page is redrawn when one arrives
  const files = new Map();
  function labelsOf(url) {
    if (!url) return [];
    let file = files.get(url);
    if (!file) {
      file = { items: null };
      files.set(url, file);
      fetch(url).then((r) => (r.ok ? r.json() : [])).catch(() => []).then((items) => {
        file.items = items.sort((a, b) => b[4] * b[5] - a[4] * a[5]);
        document.querySelectorAll(".js-plotly-plot").forEach((gd) => gd.__atsRedraw && gd.__atsRedraw());
      });
    }
    return file.items || [];
  }

  // the units a figure draws (its traces' locations), once per figure
  const unitSets = new WeakMap();
  function unitsOf(gd) {
    if (!unitSets.has(gd.data)) unitSets.set(gd.data, new Set(gd.data.flatMap((t) => [...(t.locations || [])])));
    return unitSets.get(gd.data);
  }

  function drawLabels(gd, map, o) {
    const meta = (gd.layout && gd.layout.meta) || {};
    o.labels.replaceChildren();
    if (!meta.labels_on) return;
    const items = labelsOf(meta.labels_url);
    if (!items.length) return;
    const units = unitsOf(gd);
    const width = o.root.clientWidth;
    const height = o.root.clientHeight;
    const pxPerDegree = (TILE * Math.pow(2, map.getZoom())) / 360; // along a parallel (Web Mercator)
    const placed = [];
    for (const [kode, name, lon, lat, w, h] of items) {
      const tw = name.length * 6.3 + 4;
      const th = 14;
      if (w * pxPerDegree < tw) continue; // too narrow for its name at this zoom: not projected at all
      if (!units.has(kode)) continue;
      const p = map.project([lon, lat]);
      const a = map.project([lon - w / 2, lat - h / 2]);
      const b = map.project([lon + w / 2, lat + h / 2]);
      if (Math.abs(b.x - a.x) < tw || Math.abs(b.y - a.y) < th * 1.5) continue; // the name does not fit the unit
      const box = [p.x - tw / 2, p.y - th / 2, p.x + tw / 2, p.y + th / 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) continue;
      if (placed.some((q) => !(box[2] < q[0] || box[0] > q[2] || box[3] < q[1] || box[1] > q[3]))) continue;
      placed.push(box);
      const label = el("span", { position: "absolute", left: `${p.x}px`, top: `${p.y}px`, transform: "translate(-50%, -50%)",
        font: "11px sans-serif", color: "#1a1a1a", whiteSpace: "nowrap", textShadow: HALO }, o.labels);
      label.className = "ats-map-label";
      label.textContent = name;
      if (placed.length >= 250) break;
    }
  }

  function follow(gd) {
    const layout = gd._fullLayout;
    const map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
    if (!map) return;
    if (gd.__atsMap !== map) { // a new map (Plotly draws a new one for a new figure): a new overlay
      gd.__atsMap = map;
      const o = overlay(map);
      const redraw = () => { drawScale(map, o); drawLabels(gd, map, o); gd.__atsMeta = gd.layout.meta; };
      gd.__atsRedraw = redraw;
      map.on("move", redraw);
      map.on("resize", redraw);
      redraw();
    } else if (gd.__atsMeta !== gd.layout.meta) { // the same map, new names or the labels switched
      gd.__atsRedraw();
    }
  }

  setInterval(() => document.querySelectorAll(".js-plotly-plot").forEach(follow), 300);
})();
