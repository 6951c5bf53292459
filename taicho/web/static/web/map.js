/* The ward map: hazard zones, households (clustered), shelters; drawing and editing zones.
 *
 * Everything it needs comes from the page's "map-config" JSON (URLs, colours, texts in the
 * user's language): no inline script, so the Content Security Policy stays strict.
 * Text from the database is always put in the page with textContent, never as HTML.
 */
(function () {
  "use strict";

  var configNode = document.getElementById("map-config");
  var mapNode = document.getElementById("ward-map");
  if (!configNode || !mapNode || typeof L === "undefined") {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var T = config.texts;
  var colours = config.colours;
  var numbers = new Intl.NumberFormat(config.lang || "vi");

  // -- Small helpers ----------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function link(href, text) {
    var a = el("a", "popup-link", text);
    a.href = href;
    return a;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_match, key) {
      return values[key] === undefined ? "" : String(values[key]);
    });
  }

  function setCount(name, value) {
    var node = document.querySelector('[data-count="' + name + '"]');
    if (node) node.textContent = numbers.format(value);
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function getJSON(url) {
    return fetch(url, {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  // Resolves with {ok, status, data}; rejects only when the network fails.
  function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "Content-Type": "application/json",
        "X-CSRFToken": csrfToken(),
      },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response
        .json()
        .catch(function () {
          return {};
        })
        .then(function (data) {
          return { ok: response.ok, status: response.status, data: data };
        });
    });
  }

  // -- The side panel: messages and the new-zone form --------------------------------------

  var panel = document.getElementById("map-panel");
  var message = document.getElementById("map-message");
  var form = document.getElementById("zone-form");
  var formErrors = document.getElementById("zone-form-errors");

  var mapBody = panel.parentNode;

  // The map shrinks beside the panel (see map.css), so Leaflet must measure it again.
  function setPanelOpen(open) {
    if (panel.hidden === !open) return;
    panel.hidden = !open;
    mapBody.classList.toggle("panel-open", open);
    if (typeof map !== "undefined") map.invalidateSize();
  }

  function showPanel() {
    setPanelOpen(true);
  }

  function hidePanel() {
    setPanelOpen(false);
    message.textContent = "";
    if (form) form.hidden = true;
  }

  function say(text, kind) {
    message.textContent = "";
    message.className = "map-message" + (kind ? " " + kind : "");
    if (text) message.appendChild(el("p", null, text));
    showPanel();
  }

  // The messages of a 400/403 answer as list items, each prefixed by its field's label.
  function errorItems(result) {
    var errors = (result.data && result.data.errors) || {};
    var items = [];
    Object.keys(errors).forEach(function (field) {
      var label = T["field_" + field];
      (errors[field] || []).forEach(function (text) {
        items.push(el("li", null, label ? label + ": " + text : text));
      });
    });
    if (!items.length) {
      items.push(el("li", null, result.status === 403 ? T.forbidden : T.save_failed));
    }
    return items;
  }

  document.getElementById("map-panel-close").addEventListener("click", function () {
    cancelDrawing();
    hidePanel();
  });

  // -- The map ------------------------------------------------------------------------------

  // Clustering needs a maximum zoom even when there are no tiles to give one.
  var map = L.map(mapNode, { zoomControl: true, minZoom: 5, maxZoom: 19 });
  if (config.view.center) {
    map.setView(config.view.center, config.view.zoom);
  } else {
    map.fitBounds(config.view.bounds, { padding: [20, 20], maxZoom: 16 });
  }
  // Households and shelters above the zones' fills (overlay pane, 400), so a tap on a house
  // inside a zone opens the house, not the zone.
  map.createPane("households").style.zIndex = 450;
  map.createPane("shelters").style.zIndex = 460;
  if (config.tiles.url) {
    L.tileLayer(config.tiles.url, {
      attribution: config.tiles.attribution,
      maxZoom: 19,
    }).addTo(map);
  }

  // -- Hazard zones -------------------------------------------------------------------------

  function zoneColour(kind) {
    return colours.kinds[kind] || colours.fallback;
  }

  function zoneStyle(feature) {
    var colour = zoneColour(feature.properties.kind);
    return { color: colour, weight: 2, opacity: 0.9, fillColor: colour, fillOpacity: 0.22 };
  }

  var highlightStyle = { weight: 5, opacity: 1, fillOpacity: 0.4, dashArray: "8 6" };

  function zonePopup(props) {
    var box = el("div", "map-popup");
    box.appendChild(el("strong", null, props.name));
    box.appendChild(el("div", "muted", props.code + " · " + props.kind_label));
    var counts = el("div", "popup-counts");
    counts.textContent =
      numbers.format(props.households) + " " + T.households + " · " +
      numbers.format(props.residents) + " " + T.residents + " · " +
      numbers.format(props.vulnerable) + " " + T.vulnerable;
    box.appendChild(counts);
    box.appendChild(link(props.url, T.details));
    return box;
  }

  var zonesLayer = L.geoJSON(null, {
    style: zoneStyle,
    pointToLayer: function (feature, latlng) {
      var colour = zoneColour(feature.properties.kind);
      return L.circleMarker(latlng, {
        radius: 9, color: colour, weight: 3, fillColor: colour, fillOpacity: 0.35,
      });
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(function () {
        return zonePopup(feature.properties);
      });
    },
  }).addTo(map);

  var focused = false;

  function focusZone(id) {
    zonesLayer.eachLayer(function (layer) {
      if (layer.feature.properties.id !== id) return;
      layer.setStyle(highlightStyle);
      if (layer.bringToFront) layer.bringToFront();
      if (layer.getBounds) {
        map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 18 });
      } else {
        map.setView(layer.getLatLng(), 17);
      }
      layer.openPopup();
      focused = true;
    });
  }

  function loadZones() {
    return getJSON(config.urls.zones).then(function (collection) {
      zonesLayer.clearLayers();
      zonesLayer.addData(collection);
      setCount("zones", collection.features.length);
      if (config.focus_zone && !focused) focusZone(config.focus_zone);
    });
  }

  // -- Households ---------------------------------------------------------------------------

  // One canvas for the many small circles: far lighter than one SVG element each.
  var householdRenderer = L.canvas({ padding: 0.5, pane: "households" });

  function clusterIcon(cluster) {
    var children = cluster.getAllChildMarkers();
    var vulnerable = 0;
    for (var i = 0; i < children.length; i++) {
      if (children[i].options.vulnerable) vulnerable++;
    }
    var total = children.length;
    var size = total < 100 ? "small" : total < 1000 ? "medium" : "large";
    var outer = el("div");
    outer.title =
      numbers.format(total) + " " + T.households + ", " +
      numbers.format(vulnerable) + " " + T.vulnerable_households;
    outer.appendChild(el("span", null, numbers.format(total)));
    if (vulnerable) outer.appendChild(el("b", "cluster-badge", numbers.format(vulnerable)));
    return L.divIcon({
      html: outer,
      className: "marker-cluster marker-cluster-" + size + (vulnerable ? " has-vulnerable" : ""),
      iconSize: L.point(40, 40),
    });
  }

  var householdsLayer = L.markerClusterGroup({
    chunkedLoading: true,
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    disableClusteringAtZoom: 19,
    iconCreateFunction: clusterIcon,
  }).addTo(map);

  var householdMarkers = [];

  function householdMarker(id, lat, lon, group, vulnerable) {
    return L.circleMarker([lat, lon], {
      renderer: householdRenderer,
      pane: "households",
      radius: vulnerable ? 7 : 6,
      color: "#ffffff",
      weight: 1,
      fillColor: vulnerable ? colours.vulnerable : colours.household,
      fillOpacity: 0.95,
      householdId: id,
      group: group,
      vulnerable: vulnerable,
    });
  }

  var groupSelect = document.getElementById("map-group");

  function showHouseholds() {
    var group = groupSelect && groupSelect.value ? Number(groupSelect.value) : null;
    var shown = householdMarkers.filter(function (marker) {
      return group === null || marker.options.group === group;
    });
    householdsLayer.clearLayers();
    householdsLayer.addLayers(shown);
    setCount("households", shown.length);
    setCount(
      "vulnerable",
      shown.filter(function (marker) {
        return marker.options.vulnerable;
      }).length
    );
  }

  function loadHouseholds() {
    return getJSON(config.urls.households).then(function (data) {
      var at = {};
      data.fields.forEach(function (name, index) {
        at[name] = index;
      });
      householdMarkers = data.rows.map(function (row) {
        return householdMarker(
          row[at.id], row[at.lat], row[at.lon], row[at.group], row[at.vulnerable] === 1
        );
      });
      showHouseholds();
    });
  }

  function householdPopup(data) {
    var box = el("div", "map-popup");
    box.appendChild(el("strong", null, data.title));
    box.appendChild(el("div", null, data.address));
    box.appendChild(el("div", "muted", data.group));
    box.appendChild(el("div", null, numbers.format(data.residents) + " " + T.residents));
    if (data.flags.length) {
      var tags = el("div", "popup-tags");
      data.flags.forEach(function (flag) {
        var text = flag.count > 1 ? flag.label + " × " + flag.count : flag.label;
        tags.appendChild(el("span", "tag vulnerable", text));
        tags.appendChild(document.createTextNode(" "));
      });
      box.appendChild(tags);
    }
    box.appendChild(link(data.url, T.details));
    return box;
  }

  householdsLayer.on("click", function (event) {
    var marker = event.layer;
    var id = marker.options.householdId;
    if (!id || marker.getPopup()) return;
    marker.bindPopup(T.loading).openPopup();
    getJSON(config.urls.household.replace("{id}", id))
      .then(function (data) {
        marker.setPopupContent(householdPopup(data));
      })
      .catch(function () {
        marker.unbindPopup();
        say(T.load_failed, "error");
      });
  });

  if (groupSelect) groupSelect.addEventListener("change", showHouseholds);

  // -- Shelters -----------------------------------------------------------------------------

  function shelterPopup(props) {
    var box = el("div", "map-popup");
    box.appendChild(el("strong", null, props.name));
    box.appendChild(el("div", "muted", props.kind_label));
    if (props.address) box.appendChild(el("div", null, props.address));
    box.appendChild(
      el("div", null, T.capacity + ": " + numbers.format(props.capacity) + " " + T.persons)
    );
    box.appendChild(link(props.url, T.details));
    return box;
  }

  var sheltersLayer = L.geoJSON(null, {
    pointToLayer: function (_feature, latlng) {
      return L.circleMarker(latlng, {
        pane: "shelters",
        radius: 9,
        color: "#ffffff",
        weight: 3,
        fillColor: colours.shelter,
        fillOpacity: 1,
      });
    },
    onEachFeature: function (feature, layer) {
      layer.bindPopup(function () {
        return shelterPopup(feature.properties);
      });
    },
  }).addTo(map);

  function loadShelters() {
    return getJSON(config.urls.shelters).then(function (collection) {
      sheltersLayer.clearLayers();
      sheltersLayer.addData(collection);
      setCount("shelters", collection.features.length);
    });
  }

  // -- Layer switcher and legend ------------------------------------------------------------

  var small = window.matchMedia("(max-width: 640px)").matches;
  var overlays = {};
  overlays[T.layer_zones] = zonesLayer;
  overlays[T.layer_households] = householdsLayer;
  overlays[T.layer_shelters] = sheltersLayer;
  L.control.layers(null, overlays, { collapsed: small }).addTo(map);
  var legend = document.getElementById("map-legend");
  // Open where there is room for it beside the map; a tap away on a phone.
  if (legend && (small || window.innerHeight < 760)) legend.open = false;

  Promise.all([loadZones(), loadHouseholds(), loadShelters()]).catch(function () {
    say(T.load_failed, "error");
  });

  // -- Drawing and editing zones (only for those who may) -----------------------------------

  var drawnLayer = null;

  function cancelDrawing() {
    if (drawnLayer) {
      map.removeLayer(drawnLayer);
      drawnLayer = null;
    }
  }

  if (!config.can_edit || !L.Control.Draw) return;

  // Merge the translated texts over Leaflet.draw's English ones (nested objects).
  (function merge(target, source) {
    Object.keys(source).forEach(function (key) {
      if (source[key] && typeof source[key] === "object" && target[key]) {
        merge(target[key], source[key]);
      } else {
        target[key] = source[key];
      }
    });
  })(L.drawLocal, config.draw_texts);

  var drawStyle = { color: "#b42318", weight: 3, fillOpacity: 0.2 };
  map.addControl(
    new L.Control.Draw({
      position: "topleft",
      draw: {
        polygon: { allowIntersection: false, showArea: false, shapeOptions: drawStyle },
        polyline: { shapeOptions: drawStyle },
        rectangle: { shapeOptions: drawStyle, showArea: false },
        marker: true,
        circle: false,
        circlemarker: false,
      },
      edit: { featureGroup: zonesLayer, remove: false },
    })
  );

  function showForm(layer) {
    cancelDrawing();
    drawnLayer = layer.addTo(map);
    message.textContent = "";
    formErrors.textContent = "";
    form.hidden = false;
    showPanel();
    document.getElementById("zone-code").focus();
  }

  map.on(L.Draw.Event.CREATED, function (event) {
    showForm(event.layer);
  });

  document.getElementById("zone-form-cancel").addEventListener("click", function () {
    cancelDrawing();
    hidePanel();
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!drawnLayer) return;
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    formErrors.textContent = "";
    postJSON(config.urls.zone_create, {
      code: form.elements.code.value,
      name: form.elements.name.value,
      kind: form.elements.kind.value,
      geometry: drawnLayer.toGeoJSON().geometry,
    })
      .then(function (result) {
        if (!result.ok) {
          errorItems(result).forEach(function (item) {
            formErrors.appendChild(item);
          });
          return null;
        }
        cancelDrawing();
        form.reset();
        form.hidden = true;
        say(T.saved_zone, "ok");
        return loadZones();
      })
      .catch(function () {
        formErrors.appendChild(el("li", null, T.save_failed));
      })
      .then(function () {
        button.disabled = false;
      });
  });

  function saveShape(layer) {
    var props = layer.feature.properties;
    return postJSON(props.geometry_url, { geometry: layer.toGeoJSON().geometry })
      .then(function (result) {
        return { props: props, result: result };
      })
      .catch(function () {
        return { props: props, result: { ok: false, status: 0, data: {} } };
      });
  }

  map.on(L.Draw.Event.EDITED, function (event) {
    var saves = [];
    event.layers.eachLayer(function (layer) {
      saves.push(saveShape(layer));
    });
    if (!saves.length) return;
    Promise.all(saves).then(function (outcomes) {
      message.textContent = "";
      var failed = false;
      outcomes.forEach(function (outcome) {
        var name = { name: outcome.props.name };
        if (outcome.result.ok) {
          message.appendChild(el("p", "ok", format(T.saved_shape, name)));
          return;
        }
        failed = true;
        message.appendChild(el("p", "error", format(T.shape_rejected, name)));
        var list = el("ul", "errors");
        errorItems(outcome.result).forEach(function (item) {
          list.appendChild(item);
        });
        message.appendChild(list);
      });
      message.className = "map-message" + (failed ? " error" : " ok");
      showPanel();
      // The server's shapes and counts are the truth: rejected edits go back to them.
      loadZones().catch(function () {
        say(T.load_failed, "error");
      });
    });
  });
})();
