// The dashboard's plotly.js (ui/plotly_bundle.py), loaded once per tab: window.__atsLoadPlotly(url) returns a promise
// of it. Sent twice: at the start of every page load (ui/preload.py: the bundle's fetch and evaluation then overlap
// the server's run of the page) and with the charts' component (ui/plotly_chart.js), whichever runs first loading it.
if (!window.__atsLoadPlotly) {
  window.__atsLoadPlotly = (url) => {
    if (!window.__atsPlotlyLoading) {
      window.__atsPlotlyLoading = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = url;
        script.async = true;
        script.onload = () => resolve(window.Plotly);
        script.onerror = () => { window.__atsPlotlyLoading = null; reject(new Error(`${url} not loaded`)); };
        document.head.appendChild(script);
      });
    }
    return window.__atsPlotlyLoading;
  };
}
