/* Suggestions under the search box: clubs, people and authors as the reader types.
   Progressive enhancement: without this script the box is a plain search form.
   ARIA combobox pattern: arrows move through the list, Enter opens the highlighted
   suggestion (or searches), Escape closes the list. */
(function () {
  "use strict";
  var form = document.querySelector(".search-box[data-suggest-url]");
  if (!form || !window.fetch) return;
  var input = form.querySelector("input[name=q]");
  var url = form.getAttribute("data-suggest-url");
  var list = document.createElement("ul");
  list.id = "zoeksuggesties";
  list.className = "suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggesties");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  var active = -1, timer = null, controller = null, lastQuery = "";

  function options() { return list.querySelectorAll("[role=option]"); }

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    var items = options();
    if (!items.length) return;
    active = (index + items.length) % items.length;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === active ? "true" : "false");
    }
    input.setAttribute("aria-activedescendant", items[active].id);
  }

  function render(suggestions) {
    close();
    if (!suggestions.length) return;
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = "zoeksuggestie-" + i;
      li.className = "suggestion";
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      var a = document.createElement("a");
      a.href = s.url;
      a.tabIndex = -1;
      var name = document.createElement("span");
      name.textContent = s.label;
      if (s.matched) {
        var alias = document.createElement("span");
        alias.className = "suggestion__alias";
        alias.textContent = " (" + s.matched + ")";
        name.appendChild(alias);
      }
      var kind = document.createElement("span");
      kind.className = "suggestion__kind";
      kind.textContent = s.kind_label;
      a.appendChild(name);
      a.appendChild(kind);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q === lastQuery) return;
    lastQuery = q;
    if (q.length < 2) { close(); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(url + "?q=" + encodeURIComponent(q), {
      headers: { "Accept": "application/json" },
      signal: controller ? controller.signal : undefined
    }).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
      .catch(function () { /* offline or aborted: the form still searches */ });
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener("keydown", function (e) {
    var open = !list.hidden;
    if (e.key === "ArrowDown" && open) { e.preventDefault(); highlight(active + 1); }
    else if (e.key === "ArrowUp" && open) { e.preventDefault(); highlight(active - 1); }
    else if (e.key === "Escape" && open) { e.preventDefault(); close(); }
    else if (e.key === "Enter" && open && active >= 0) {
      e.preventDefault();
      window.location.href = options()[active].querySelector("a").href;
    }
  });
  input.addEventListener("blur", function () { setTimeout(close, 200); });
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
})();
