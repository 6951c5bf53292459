/* The typed bulletin: show only the key figures of the chosen hazard. Without this script
 * every group of figures stays visible, and the server reads only the chosen hazard's. */
(function () {
  "use strict";
  var form = document.getElementById("bulletin-form");
  if (!form) return;
  var hazard = form.querySelector("select[name=hazard_type]");
  var groups = form.querySelectorAll("fieldset.figures");

  function show() {
    for (var i = 0; i < groups.length; i++) {
      var group = groups[i];
      var chosen = group.getAttribute("data-hazard") === hazard.value;
      group.hidden = !chosen;
      group.disabled = !chosen;
    }
  }

  hazard.addEventListener("change", show);
  show();
})();
