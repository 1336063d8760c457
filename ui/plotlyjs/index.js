// The traces the dashboard draws (ui/charts.py, ui/maps.py, ui/profile.py, ui/banding.py, ui/kla.py, ...): plotly.js's
// core (which holds scatter) and these. A figure with another trace type draws nothing of that trace:
// tests/test_plotly_chart.py checks every page's figures against build.mjs's list.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/funnel'),
    require('plotly.js/lib/choropleth'),
]);

module.exports = Plotly;
