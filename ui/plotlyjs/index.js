// The traces the dashboard draws (ui/charts.py, ui/maps.py, ui/profile.py, ui/banding.py, ui/kla.py, ...): plotly.js's
// core (which holds scatter) and these. A figure with another trace type draws nothing of that trace:
// tests/test_plotly_chart.py checks every page's figures against build.mjs's list.
'use strict';

var Plotly = require('plotly.js/lib/core');

// name: module (build.mjs lists the names in the bundle's banner)
var traces = {
    bar: require('plotly.js/lib/bar'),
    heatmap: require('plotly.js/lib/heatmap'),
    funnel: require('plotly.js/lib/funnel'),
    choropleth: require('./choropleth'), // plotly.js's, styled once per trace, not per unit: see choropleth.js
};

Plotly.register(Object.values(traces));

module.exports = Plotly;
