// The answer page works without this script; with it, a "needs help" can carry the phone's location.
(function () {
  "use strict";
  var script = document.currentScript;
  var button = document.getElementById("share-location");
  var note = document.getElementById("location-note");
  if (!button || !navigator.geolocation) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(
      function (position) {
        document.getElementById("id_lat").value = position.coords.latitude.toFixed(6);
        document.getElementById("id_lon").value = position.coords.longitude.toFixed(6);
        note.textContent = script.dataset.added;
      },
      function () { note.textContent = script.dataset.failed; },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });
})();
