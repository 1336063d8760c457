// Unit names and a scale bar over the Peta page's map (ui/maps.py: an SVG choropleth on Plotly's geo subplot), drawn
// in the page: Plotly's geo subplot has no scale control, and names as SVG text of a trace would travel in every
// figure. The figure's layout.meta says where the view's names and label points are ({labels_url, labels_on}: a
// static file per store version, [[kode, name, lon, lat, width, height], ...], fetched once per page like the
// GeoJSON). Positions come from the subplot's own d3 projection (gd._fullLayout.geo._subplot.projection, which maps
// [lon, lat] to px of the chart's SVG), read afresh at every redraw: after a zoom or pan (plotly_relayouting while the
// wheel or drag moves it, plotly_relayout at its end), a new figure (plotly_afterplot) and a reset. The scale bar is
// a round distance (1, 2 or 5 x 10^n m) about 100 px long, measured on the ground across the map's centre; the names
// are those of the figure's units whose largest part's box (the label file's room) is wide and tall enough for them,
// none overlapping: the surveyed units first, then the units not surveyed in the round (a trace whose meta says
// {surveyed: false}, ui/maps.py), largest first in each (a province's only name fell on a large grey unit). Names are
// set as text, never as HTML.
(function () {
  if (window.__atsMapOverlay) return;
  window.__atsMapOverlay = true;
  const RADIUS = 6371008.8; // mean Earth radius, m

  function roundDistance(maxMeters) {
    const p = Math.pow(10, Math.floor(Math.log10(maxMeters)));
    return [5, 2, 1].map((n) => n * p).find((d) => d <= maxMeters) || p;
  }

  function groundMeters([lon1, lat1], [lon2, lat2]) { // great-circle distance (haversine)
    const r = Math.PI / 180;
    const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2
      + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
    return 2 * RADIUS * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  function el(tag, style, parent) {
    const e = document.createElement(tag);
    Object.assign(e.style, style);
    if (parent) parent.appendChild(e);
    return e;
  }

  const HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff, 0 0 4px #fff";

  // the geo subplot of a chart, once Plotly has made its projection
  function geoOf(gd) {
    const geo = gd._fullLayout && gd._fullLayout.geo;
    return geo && geo._subplot && geo._subplot.projection ? geo._subplot : null;
  }

  function overlay(container) {
    const root = el("div", { position: "absolute", inset: "0", pointerEvents: "none", zIndex: 2, overflow: "hidden" },
      container);
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

  // metres on the ground per px of the map, along the horizontal through the map's centre
  function metersPerPixel(sub, o) {
    const x = o.root.clientWidth / 2;
    const y = o.root.clientHeight / 2;
    const a = sub.projection.invert([x - 50, y]);
    const b = sub.projection.invert([x + 50, y]);
    return a && b ? groundMeters(a, b) / 100 : null;
  }

  function drawScale(sub, o) {
    const mpp = metersPerPixel(sub, o);
    o.scale.style.display = mpp ? "" : "none";
    if (!mpp) return;
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

  // The files a likely next view draws (the figure's meta.ahead: a province's kecamatan and desa while it is shown by
  // kab/kota, ui/maps.py), fetched and parsed while the page is idle: the GeoJSON by the map's own loader into Plotly's
  // store of GeoJSON by URL (static/ats/plotly_chart.js `geojson`, which a figure's draw waits for), so the change of level does
  // not wait for the desa's 1.9 MB; the names (.labels.json) into the overlay's own, so they come with the new map.
  // Once per URL and page.
  const ahead = new Set();
  function whenIdle(f) {
    (window.requestIdleCallback || ((g) => setTimeout(g, 200)))(f);
  }
  function fetchAhead(urls) {
    for (const url of urls || []) {
      if (ahead.has(url)) continue;
      ahead.add(url);
      if (url.endsWith(".labels.json")) whenIdle(() => labelsOf(url));
      else whenIdle(() => window.__atsGeoJSON && window.__atsGeoJSON(url).catch(() => {}));
    }
  }

  // the units a figure draws (its traces' locations), once per figure: kode -> surveyed in the round or not
  const unitSets = new WeakMap();
  function unitsOf(gd) {
    if (!unitSets.has(gd.data)) {
      unitSets.set(gd.data, new Map(gd.data.flatMap((t) => {
        const surveyed = !(t.meta && t.meta.surveyed === false);
        return [...(t.locations || [])].map((kode) => [kode, surveyed]);
      })));
    }
    return unitSets.get(gd.data);
  }

  // a kabupaten is named on the map without its "Kabupaten" ("Bone", as maps of Indonesia do; "Kabupaten Bone" did
  // not fit the unit), a kota keeps its "Kota" ("Kota Bima" beside "Bima"); the hover keeps the full name
  function mapName(name) {
    return name.replace(/^(Kabupaten|Kab\.)\s+/, "");
  }

  // the figure's layout.meta: JSON text (ui/maps.py: an object would be redrawn by Plotly at every copy of the figure)
  const metas = new Map();
  function metaOf(gd) {
    const text = gd.layout && gd.layout.meta;
    if (typeof text !== "string") return text || {};
    if (!metas.has(text)) {
      let meta = {};
      try { meta = JSON.parse(text) || {}; } catch (e) { meta = {}; }
      if (metas.size > 50) metas.clear();
      metas.set(text, meta);
    }
    return metas.get(text);
  }

  function drawLabels(gd, sub, o) {
    const meta = metaOf(gd);
    o.labels.replaceChildren();
    if (!meta.labels_on) return;
    const items = labelsOf(meta.labels_url);
    if (!items.length) return;
    const units = unitsOf(gd);
    const width = o.root.clientWidth;
    const height = o.root.clientHeight;
    const project = sub.projection;
    const centre = project.invert([width / 2, height / 2]);
    if (!centre) return;
    const east = project([centre[0] + 1, centre[1]]);
    const west = project([centre[0], centre[1]]);
    const pxPerDegree = east && west ? Math.abs(east[0] - west[0]) : 0; // along a parallel (Mercator: the same anywhere)
    const placed = [];
    // the surveyed units' names first, then those of the units not surveyed
    const ordered = items.filter((item) => units.get(item[0]) === true)
      .concat(items.filter((item) => units.get(item[0]) === false));
    for (const [, fullName, lon, lat, w, h] of ordered) {
      const name = mapName(fullName);
      const tw = name.length * 6.3 + 4;
      const th = 14;
      if (w * pxPerDegree < tw) continue; // too narrow for its name at this zoom: not projected at all
      const p = project([lon, lat]);
      const a = project([lon - w / 2, lat - h / 2]);
      const b = project([lon + w / 2, lat + h / 2]);
      if (!p || !a || !b) continue;
      if (Math.abs(b[0] - a[0]) < tw || Math.abs(b[1] - a[1]) < th * 1.5) continue; // the name does not fit the unit
      const box = [p[0] - tw / 2, p[1] - th / 2, p[0] + tw / 2, p[1] + th / 2];
      if (box[0] < 0 || box[1] < 0 || box[2] > width || box[3] > height) continue;
      if (placed.some((q) => !(box[2] < q[0] || box[0] > q[2] || box[3] < q[1] || box[1] > q[3]))) continue;
      placed.push(box);
      const label = el("span", { position: "absolute", left: `${p[0]}px`, top: `${p[1]}px`, transform: "translate(-50%, -50%)",
        font: "11px sans-serif", color: "#1a1a1a", whiteSpace: "nowrap", textShadow: HALO }, o.labels);
      label.className = "ats-map-label";
      label.textContent = name;
      if (placed.length >= 250) break;
    }
  }

  // what the overlay was drawn for: the projection's state (a zoom or pan changes it in place), the size, the names
  function stateOf(gd, sub, o) {
    const p = sub.projection;
    return [p.scale(), ...p.translate(), ...p.rotate(), o.root.clientWidth, o.root.clientHeight].join(",");
  }

  // the names and the scale bar for the chart as it is now: a new chart (or a new container) gets an overlay of its own
  function draw(gd) {
    const sub = geoOf(gd);
    const container = gd.querySelector(".svg-container");
    if (!sub || !container) return;
    let o = gd.__atsOverlay;
    if (!o || !o.root.isConnected || o.root.parentNode !== container) o = gd.__atsOverlay = overlay(container);
    drawScale(sub, o);
    drawLabels(gd, sub, o);
    o.drawn = { state: stateOf(gd, sub, o), meta: gd.layout.meta, data: gd.data };
  }

  function follow(gd) {
    if (!gd.__atsRedraw && gd.on) { // once per chart: drawn again at each zoom, pan and new figure of Plotly's
      let queued = false;
      gd.__atsRedraw = () => { queued = false; draw(gd); };
      const soon = () => { if (!queued) { queued = true; requestAnimationFrame(gd.__atsRedraw); } };
      ["plotly_relayouting", "plotly_relayout", "plotly_afterplot"].forEach((name) => gd.on(name, soon));
    }
    const sub = geoOf(gd);
    if (!sub) return;
    fetchAhead(metaOf(gd).ahead);
    const o = gd.__atsOverlay;
    const d = o && o.root.isConnected && o.drawn;
    if (!d || d.meta !== gd.layout.meta || d.data !== gd.data || d.state !== stateOf(gd, sub, o)) draw(gd);
  }

  function followAll() {
    document.querySelectorAll(".js-plotly-plot").forEach(follow);
  }

  // A new chart is found in the frame after its DOM is written (Streamlit mounts a new chart element for every new
  // figure: the map of another level or measure), so its names and scale bar come with it, not at the timer's next
  // look up to 300 ms later; the timer still catches what writes no DOM (a resize of the page).
  let scanQueued = false;
  new MutationObserver(() => {
    if (scanQueued) return;
    scanQueued = true;
    requestAnimationFrame(() => { scanQueued = false; followAll(); });
  }).observe(document.body, { childList: true, subtree: true });
  setInterval(followAll, 300);
})();
