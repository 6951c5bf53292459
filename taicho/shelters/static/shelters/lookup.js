/* The public shelter lookup's map: the household, its shelter and the way between them —
 * the road route when the page gives one (data-route), else a dashed straight line.
 *
 * Everything comes from data-* attributes of #shelter-map (no inline script: strict CSP).
 * Labels are put in with textContent, never as HTML. No tiles unless the site has a tile
 * server configured (data-tile-url): the points and the line still show the way.
 */
(function () {
  "use strict";

  var node = document.getElementById("shelter-map");
  if (!node || typeof L === "undefined") {
    return;
  }
  var data = node.dataset;
  var home = [parseFloat(data.householdLat), parseFloat(data.householdLon)];
  var shelter = [parseFloat(data.shelterLat), parseFloat(data.shelterLon)];
  if (home.concat(shelter).some(isNaN)) {
    return;
  }

  function label(text) {
    var span = document.createElement("span");
    span.className = "map-label";
    span.textContent = text;
    return span;
  }

  // The way by road (data-route: JSON [[lat, lon], ...]), or null to draw the straight line.
  function roadRoute() {
    var points;
    try {
      points = JSON.parse(data.route || "null");
    } catch (error) {
      return null;
    }
    var usable =
      Array.isArray(points) &&
      points.length >= 2 &&
      points.every(function (point) {
        return (
          Array.isArray(point) &&
          point.length === 2 &&
          isFinite(point[0]) &&
          isFinite(point[1]) &&
          typeof point[0] === "number" &&
          typeof point[1] === "number"
        );
      });
    return usable ? points : null;
  }

  var map = L.map(node, { scrollWheelZoom: false, attributionControl: !!data.tileUrl });
  if (data.tileUrl) {
    L.tileLayer(data.tileUrl, { attribution: data.tileAttribution || "", maxZoom: 19 }).addTo(map);
  }
  var road = roadRoute();
  var line = L.polyline(road || [home, shelter], {
    color: "#0b5d8a",
    weight: 4,
    dashArray: road ? null : "8 6",
  });
  line.addTo(map);
  L.circleMarker(home, { radius: 8, color: "#b42318", fillColor: "#b42318", fillOpacity: 0.9 })
    .bindTooltip(label(data.householdLabel), { permanent: true, direction: "top" })
    .addTo(map);
  L.circleMarker(shelter, { radius: 10, color: "#157f3b", fillColor: "#157f3b", fillOpacity: 0.9 })
    .bindTooltip(label(data.shelterLabel), { permanent: true, direction: "top" })
    .addTo(map);
  map.fitBounds(line.getBounds(), { padding: [40, 40], maxZoom: 17 });
})();
