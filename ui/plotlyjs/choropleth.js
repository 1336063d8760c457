// plotly.js's choropleth trace (plotly.js/lib/choropleth: its attributes, defaults, calc, hover and selection as they
// are) with three functions that do once per trace what plotly.js 4.1.1 does once per unit, and draw the same SVG:
// - style: plotly.js parses the trace's border colour with culori, and maps the unit's z through the colour scale,
//   for every unit (src/traces/choropleth/style.js); here each distinct colour, border and width is worked out once.
//   A province's 3,059 desa: about 25 ms of a 135 ms draw (benchmarks/README.md, "choropleth style").
// - plot: plotly.js's own (src/traces/choropleth/plot.js), calling this style;
// - calcGeoJSON: plotly.js's, without the bounding box of every unit when the subplot's fitbounds is off (the maps'
//   view is set by the server, ui/map_fit.py): the boxes feed only fitbounds (src/plots/geo/geo.js, updateProjection).
//   With fitbounds on, plotly.js's own runs.
// tests/test_plotly_chart.py draws the dashboard's maps with this bundle and with the plotly.js of the plotly package
// (the same release, unmodified) and finds every unit's path, fill and style the same.
'use strict';

var d3 = require('@plotly/d3');
var Lib = require('plotly.js/src/lib');
var Color = require('plotly.js/src/components/color');
var Drawing = require('plotly.js/src/components/drawing');
var Colorscale = require('plotly.js/src/components/colorscale');
var geoUtils = require('plotly.js/src/lib/geo_location_utils');
var findExtremes = require('plotly.js/src/plots/cartesian/autorange').findExtremes;
var choropleth = require('plotly.js/lib/choropleth');

// one value per key, made at its first use
function memo(make) {
    var seen = new Map();
    return function(key) {
        if(!seen.has(key)) seen.set(key, make(key));
        return seen.get(key);
    };
}

function styleTrace(gd, calcTrace) {
    var trace = calcTrace[0].trace;
    var locs = calcTrace[0].node3.selectAll('.choroplethlocation');
    var marker = trace.marker || {};
    var markerLine = marker.line || {};
    var fill = memo(Colorscale.makeColorScaleFuncFromTrace(trace));
    // Color.stroke's and Drawing.dashLine's styles (src/components/color, src/components/drawing)
    var stroke = memo(function(color) { return {stroke: Color.rgb(color), 'stroke-opacity': Color.parse(color).alpha}; });
    var line = memo(function(width) {
        width = +width || 0;
        return {'stroke-dasharray': Drawing.dashStyle('', width), 'stroke-width': width + 'px'};
    });

    locs.each(function(d) {
        d3.select(this)
            .attr('fill', fill(d.z))
            .style(stroke(d.mlc || markerLine.color))
            .style(line(d.mlw || markerLine.width || 0))
            .style('opacity', marker.opacity);
    });

    Drawing.selectedPointStyle(locs, trace);
}

function style(gd, calcTrace) {
    if(calcTrace) styleTrace(gd, calcTrace);
}

function plot(gd, geo, calcData) {
    var choroplethLayer = geo.layers.backplot.select('.choroplethlayer');

    Lib.makeTraceGroups(choroplethLayer, calcData, 'trace choropleth').each(function(calcTrace) {
        var paths = d3.select(this).selectAll('path.choroplethlocation').data(Lib.identity);
        paths.enter().append('path').classed('choroplethlocation', true);
        paths.exit().remove();
        style(gd, calcTrace);
    });
}

function calcGeoJSON(calcTrace, fullLayout) {
    var trace = calcTrace[0].trace;
    var geoLayout = fullLayout[trace.geo];
    if(geoLayout.fitbounds || trace.locationmode !== 'geojson-id') return choropleth.calcGeoJSON(calcTrace, fullLayout);

    geoUtils.extractTraceFeature(calcTrace);
    for(var i = 0; i < trace._length; i++) {
        var calcPt = calcTrace[i];
        var feature = calcPt.fOut;
        if(feature) {
            calcPt.geojson = feature;
            calcPt.ct = feature.properties.ct;
            calcPt._polygons = geoUtils.feature2polygons(feature);
        } else {
            calcPt.geojson = null;
        }
    }
    trace._extremes.lon = findExtremes(geoLayout.lonaxis._ax, [], {padded: true});
    trace._extremes.lat = findExtremes(geoLayout.lataxis._ax, [], {padded: true});
}

// styleOnSelect stays plotly.js's: the maps select nothing (clickmode "event", no selection tools: ui/plotly_chart.py)
module.exports = Object.assign({}, choropleth, {
    calcGeoJSON: calcGeoJSON,
    plot: plot,
    style: style
});
