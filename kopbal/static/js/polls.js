/* Kopbal polls: vote without a reload, and show this reader's part of a cached page.
   Without this file the poll is a plain form that posts and comes back with the results. */
(function () {
  "use strict";
  var polls = document.querySelectorAll("[data-poll]");
  if (!polls.length || !window.fetch || !window.FormData) { return; }

  function say(poll, text) {
    var box = poll.querySelector("[data-poll-message]");
    if (box) { box.textContent = text || ""; }
  }

  function show(poll, html) {
    var body = poll.querySelector("[data-poll-body]");
    if (body && typeof html === "string") { body.innerHTML = html; }
  }

  function byId(id) {
    for (var i = 0; i < polls.length; i++) {
      if (polls[i].getAttribute("data-poll") === id) { return polls[i]; }
    }
    return null;
  }

  /* This reader's state: results if they already voted (or the poll closed), else the form
     with a fresh CSRF token. The page itself may come from a cache shared by everyone. */
  var ids = [];
  for (var i = 0; i < polls.length; i++) { ids.push("id=" + encodeURIComponent(polls[i].getAttribute("data-poll"))); }
  var stateUrl = polls[0].getAttribute("data-poll-state");
  stateUrl += "?" + ids.join("&") + "&next=" + encodeURIComponent(location.pathname);
  fetch(stateUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.polls) { return; }
      Object.keys(data.polls).forEach(function (id) {
        var poll = byId(id), entry = data.polls[id];
        if (!poll || !entry) { return; }
        if (poll.hasAttribute("data-poll-busy")) { return; }
        show(poll, entry.html);
      });
    })
    .catch(function () { /* the server-rendered form keeps working */ });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-poll-form]")) { return; }
    var poll = form.closest("[data-poll]");
    var button = event.submitter;
    if (!poll || !button || button.name !== "answer") { return; }
    event.preventDefault();
    var body = new FormData(form);
    body.append("answer", button.value);
    var buttons = form.querySelectorAll("button");
    for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    poll.setAttribute("data-poll-busy", "");
    say(poll, "Je stem wordt verstuurd…");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-Requested-With": "fetch" }
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") === -1) {
          throw new Error("geen JSON (" + response.status + ")");
        }
        return response.json();
      })
      .then(function (data) {
        if (data.html) { show(poll, data.html); }
        say(poll, data.message);
      })
      .catch(function () {
        say(poll, "Je stem kon niet verstuurd worden. Herlaad de pagina en probeer opnieuw.");
      })
      .then(function () {
        poll.removeAttribute("data-poll-busy");
        var left = poll.querySelectorAll("[data-poll-form] button");
        for (var i = 0; i < left.length; i++) { left[i].disabled = false; }
      });
  });
})();
