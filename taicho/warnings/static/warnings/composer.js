/* The alert composer: the SMS character count, and the map to draw the alert's area.
 *
 * Settings and texts come from the page's "composer-config" JSON (no inline script, for
 * the Content Security Policy). The drawn area goes to the hidden "area_geometry" field as
 * GeoJSON; the server checks it. Names from the database are set with textContent only.
 */
(function () {
  "use strict";

  // -- SMS: counted as it is sent, without diacritics, in the GSM-7 alphabet ----------------

  var GSM_BASIC =
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  var GSM_EXTENSION = "^{}\\[~]|€\f";
  var PLAIN = { "đ": "d", "Đ": "D", "–": "-", "—": "-", "“": '"', "”": '"', "’": "'" };

  function unaccented(text) {
    var plain = text.replace(/[đĐ–—“”’]/g, function (c) { return PLAIN[c]; });
    return plain.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
  }

  function smsLength(text) {
    var length = 0;
    var chars = Array.from(unaccented(text));
    for (var i = 0; i < chars.length; i++) {
      if (GSM_BASIC.indexOf(chars[i]) >= 0) length += 1;
      else if (GSM_EXTENSION.indexOf(chars[i]) >= 0) length += 2;
      else return { length: length, bad: chars[i] };
    }
    return { length: length, bad: null };
  }

  function watchSms(area) {
    var counter = document.getElementById(area.getAttribute("data-sms-counter"));
    if (!counter) return;
    var limit = parseInt(counter.getAttribute("data-limit"), 10);
    var label = counter.getAttribute("data-label");
    function update() {
      var result = smsLength(area.value);
      counter.textContent =
        result.length + " / " + limit + " " + label + (result.bad ? " · “" + result.bad + "” ✗" : "");
      counter.classList.toggle("over", result.length > limit || result.bad !== null);
    }
    area.addEventListener("input", update);
    update();
  }

  var smsAreas = document.querySelectorAll("textarea[data-sms-counter]");
  for (var i = 0; i < smsAreas.length; i++) watchSms(smsAreas[i]);

  // -- The map ---------------------------------------------------------------------------

  var configNode = document.getElementById("composer-config");
  var mapNode = document.getElementById("composer-map");
  var field = document.querySelector("input[name=area_geometry]");
  if (!configNode || !mapNode || !field || typeof L === "undefined") return;
  var config = JSON.parse(configNode.textContent);
  var T = config.texts;
  var status = document.getElementById("area-status");

  var map = L.map(mapNode, { minZoom: 5, maxZoom: 19 });
  if (config.tiles.url) {
    L.tileLayer(config.tiles.url, { attribution: config.tiles.attribution, maxZoom: 19 }).addTo(map);
  }

  function checkedZones() {
    var ids = {};
    var boxes = document.querySelectorAll("input[name=zones]:checked");
    for (var i = 0; i < boxes.length; i++) ids[boxes[i].value] = true;
    return ids;
  }

  function zoneStyle(feature) {
    var chosen = checkedZones()[String(feature.properties.id)];
    return {
      color: chosen ? "#d7261e" : "#0b5d8a",
      weight: chosen ? 3 : 1.5,
      fillOpacity: chosen ? 0.3 : 0.08,
    };
  }

  var zones = L.geoJSON(config.zones, {
    style: zoneStyle,
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { radius: 7 });
    },
    onEachFeature: function (feature, layer) {
      var label = document.createElement("span");
      label.textContent = feature.properties.code + " · " + feature.properties.name;
      layer.bindTooltip(label);
    },
  }).addTo(map);

  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "zones") zones.setStyle(zoneStyle);
  });

  var drawn = new L.FeatureGroup().addTo(map);

  function say(text) {
    if (status) status.textContent = text;
  }

  function store() {
    var layers = drawn.getLayers();
    if (!layers.length) {
      field.value = "";
      say(T.none);
      return;
    }
    field.value = JSON.stringify(layers[0].toGeoJSON().geometry);
    say(T.drawn);
  }

  if (field.value) {
    try {
      L.geoJSON(JSON.parse(field.value)).eachLayer(function (layer) { drawn.addLayer(layer); });
    } catch (error) {
      say(T.none);
    }
  }

  if (drawn.getLayers().length) {
    map.fitBounds(drawn.getBounds(), { padding: [20, 20], maxZoom: 17 });
  } else if (zones.getLayers().length) {
    map.fitBounds(zones.getBounds(), { padding: [20, 20], maxZoom: 16 });
  } else if (config.center) {
    map.setView(config.center, 14);
  } else {
    map.setView([16.0, 106.0], 6);
  }

  if (L.Control.Draw) {
    L.drawLocal.draw.toolbar.buttons.polygon = T.draw_polygon;
    L.drawLocal.draw.toolbar.buttons.rectangle = T.draw_rectangle;
    L.drawLocal.draw.toolbar.actions = { title: T.cancel, text: T.cancel };
    L.drawLocal.draw.toolbar.finish = { title: T.finish, text: T.finish };
    L.drawLocal.draw.toolbar.undo = { title: T.undo, text: T.undo };
    L.drawLocal.draw.handlers.polygon.tooltip = { start: T.start, cont: T.cont, end: T.end };
    L.drawLocal.edit.toolbar.buttons.edit = T.edit;
    L.drawLocal.edit.toolbar.buttons.remove = T.remove;
    L.drawLocal.edit.toolbar.actions.save = { title: T.save, text: T.save };
    L.drawLocal.edit.toolbar.actions.cancel = { title: T.cancel, text: T.cancel };
    L.drawLocal.edit.toolbar.actions.clearAll = { title: T.clear, text: T.clear };

    map.addControl(
      new L.Control.Draw({
        draw: {
          polygon: { allowIntersection: false, showArea: false },
          rectangle: true,
          polyline: false,
          circle: false,
          circlemarker: false,
          marker: false,
        },
        edit: { featureGroup: drawn },
      })
    );
    // One area: a new drawing replaces the old one.
    map.on(L.Draw.Event.CREATED, function (event) {
      drawn.clearLayers();
      drawn.addLayer(event.layer);
      store();
    });
    map.on(L.Draw.Event.EDITED, store);
    map.on(L.Draw.Event.DELETED, store);
  }
})();
