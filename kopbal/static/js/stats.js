/* Kopbal reading figures: report one view of this article (no cookie is sent or set),
   and turn the `Meest gelezen` periods into tabs. */
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-view");

  function report() {
    if (!url) { return; }
    try {
      if (window.fetch) {
        fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
      } else if (navigator.sendBeacon) {
        navigator.sendBeacon(url);
      }
    } catch (e) { /* counting must never break the page */ }
  }
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", report, { once: true });
  } else {
    report();
  }

  function tabs(section) {
    var panels = section.querySelectorAll("[data-tab-panel]");
    if (panels.length < 2) { return; }
    var list = document.createElement("div");
    list.className = "ranked__tabs";
    list.setAttribute("role", "tablist");
    var buttons = [];
    function select(index, focus) {
      for (var j = 0; j < panels.length; j++) {
        var on = j === index;
        panels[j].hidden = !on;
        buttons[j].setAttribute("aria-selected", on ? "true" : "false");
        buttons[j].tabIndex = on ? 0 : -1;
      }
      if (focus) { buttons[index].focus(); }
    }
    Array.prototype.forEach.call(panels, function (panel, index) {
      var label = panel.querySelector("[data-tab-label]");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "ranked__tab";
      button.id = panel.id + "-tab";
      button.setAttribute("role", "tab");
      button.setAttribute("aria-controls", panel.id);
      button.textContent = label ? label.textContent : String(index + 1);
      if (label) { label.classList.add("visually-hidden"); }
      panel.setAttribute("role", "tabpanel");
      panel.setAttribute("aria-labelledby", button.id);
      button.addEventListener("click", function () { select(index, false); });
      button.addEventListener("keydown", function (event) {
        if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
          var step = event.key === "ArrowRight" ? 1 : -1;
          select((index + step + panels.length) % panels.length, true);
          event.preventDefault();
        }
      });
      buttons.push(button);
      list.appendChild(button);
    });
    panels[0].parentNode.insertBefore(list, panels[0]);
    select(0, false);
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-tabs]"), tabs);
})();
