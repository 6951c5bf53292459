// The board's map: every targeted household as a dot coloured by its answer, refreshed with the board.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("board-map-config").textContent);
  var element = document.getElementById("answer-map");
  if (!element || !window.L) return;
  var map = L.map(element, { preferCanvas: true });
  if (config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }
  var colours = { 0: "#9e9e9e", 1: "#1e88e5", 2: "#2e7d32", 3: "#c62828" };
  var layer = L.layerGroup().addTo(map);
  var framed = false;

  // Leaflet puts a string tooltip into the page as HTML: a household code goes in as text.
  function label(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span;
  }

  function draw(data) {
    layer.clearLayers();
    var counts = { 0: 0, 1: 0, 2: 0, 3: 0 };
    var bounds = [];
    // Least urgent first, so a call for help is drawn on top.
    data.households.slice().sort(function (a, b) { return a[3] - b[3]; }).forEach(function (row) {
      counts[row[3]] += 1;
      bounds.push([row[1], row[2]]);
      L.circleMarker([row[1], row[2]], {
        radius: row[3] === 3 ? 8 : 5, color: colours[row[3]], fillColor: colours[row[3]],
        fillOpacity: 0.85, weight: 1, className: "answer-dot state-" + row[3]
      }).bindTooltip(label(row[0])).addTo(layer);
    });
    Object.keys(counts).forEach(function (state) {
      var cell = document.querySelector('[data-legend="' + state + '"]');
      if (cell) cell.textContent = counts[state];
    });
    element.dataset.households = String(data.households.length);
    element.dataset.help = String(counts[3]);
    element.dataset.safe = String(counts[2]);
    element.dataset.received = String(counts[1]);
    if (!framed && bounds.length) { map.fitBounds(bounds, { padding: [20, 20] }); framed = true; }
    if (!framed) map.setView([20.97, 106.73], 14);
  }

  function refresh() {
    fetch(config.states, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data) draw(data); });
  }
  refresh();
  setInterval(refresh, 15000);  // the figures refresh every 5 s; the map, heavier, less often
})();
