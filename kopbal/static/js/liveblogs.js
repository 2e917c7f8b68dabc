/* Live blogs: new entries behind a `nieuwe updates` button, older entries on demand.
 *
 * The page works without this script (reload for new entries, `Oudere updates` is a link).
 * With it, the page asks the blog's small JSON state every few seconds; that answer is the
 * same for every reader and comes from the cache (a 304 when nothing changed). New,
 * changed and removed entries wait behind the button, so the text does not jump while
 * someone reads.
 */
(function () {
  "use strict";

  var blog = document.querySelector("[data-liveblog]");
  if (!blog || !window.fetch) return;

  var list = blog.querySelector("[data-liveblog-entries]");
  var top = blog.querySelector("[data-liveblog-top]");
  var button = blog.querySelector("[data-liveblog-new]");
  var closedNote = blog.querySelector("[data-liveblog-closed]");
  var pending = null;
  var timer = null;

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  function shownEntries() {
    var map = {};
    list.querySelectorAll(":scope > [data-entry]").forEach(function (node) {
      map[node.getAttribute("data-entry")] = node;
    });
    return map;
  }

  // Timeline order: newest first by time, then by id (as the server sorts).
  function key(node) {
    return [parseInt(node.getAttribute("data-t"), 10), parseInt(node.getAttribute("data-entry"), 10)];
  }
  function newer(a, b) { return a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]); }

  // What differs between the page and the state: new ids, other revisions, removed ids.
  function compare(state) {
    var shown = shownEntries();
    var inState = {};
    var fresh = [];
    var changed = [];
    state.entries.forEach(function (entry) {
      var id = String(entry.id);
      inState[id] = true;
      var node = shown[id];
      if (!node) fresh.push(entry);
      else if (node.getAttribute("data-rev") !== entry.rev) changed.push(entry);
    });
    // The state holds the newest entries only: what is older than its oldest is not judged.
    var oldest = state.entries.length ? state.entries[state.entries.length - 1] : null;
    var removed = [];
    Object.keys(shown).forEach(function (id) {
      if (inState[id]) return;
      if (state.more && oldest && newer([oldest.t, oldest.id], key(shown[id]))) return;
      removed.push(shown[id]);
    });
    // More new entries than the state holds: the page cannot be patched, only reloaded.
    var gap = Boolean(state.more && oldest && fresh.length === state.entries.length);
    var topChanged = top.getAttribute("data-token") !== state.top.token;
    return {
      state: state, fresh: fresh, changed: changed, removed: removed, gap: gap,
      topChanged: topChanged,
      any: Boolean(fresh.length || changed.length || removed.length || topChanged || gap),
    };
  }

  function showButton(diff) {
    var count = diff.fresh.length;
    var label = count || diff.gap ? button.getAttribute("data-label")
      : button.getAttribute("data-label-changed");
    button.textContent = count ? label + " (" + count + ")" : label;
    button.hidden = false;
  }

  function apply() {
    var diff = pending;
    pending = null;
    button.hidden = true;
    if (!diff) return;
    if (diff.gap) { window.location.reload(); return; }
    var empty = blog.querySelector("[data-liveblog-empty]");
    if (empty) empty.remove();
    if (diff.topChanged) {
      top.innerHTML = diff.state.top.html;
      top.setAttribute("data-token", diff.state.top.token);
    }
    diff.removed.forEach(function (node) { node.remove(); });
    var shown = shownEntries();
    diff.changed.forEach(function (entry) {
      var node = shown[String(entry.id)];
      if (node) node.replaceWith(fragment(entry.html));
    });
    // Each new entry goes to its place in time (usually the top; a backdated one lower).
    var firstNew = null;
    diff.fresh.slice().reverse().forEach(function (entry) {
      var node = fragment(entry.html).firstElementChild;
      var before = null;
      var nodes = list.querySelectorAll(":scope > [data-entry]");
      for (var i = 0; i < nodes.length; i++) {
        if (newer([entry.t, entry.id], key(nodes[i]))) { before = nodes[i]; break; }
      }
      list.insertBefore(node, before);
      if (!firstNew || newer([entry.t, entry.id], key(firstNew))) firstNew = node;
    });
    if (firstNew) {
      firstNew.setAttribute("tabindex", "-1");
      firstNew.focus({ preventScroll: false });
    }
    if (diff.state.closed) close();
  }

  function close() {
    if (closedNote) closedNote.hidden = false;
    if (timer) window.clearInterval(timer);
    timer = null;
  }

  function poll() {
    if (document.hidden) return;
    fetch(blog.getAttribute("data-updates-url"), {
      headers: { Accept: "application/json" },
      cache: "no-cache",
      credentials: "same-origin",
    }).then(function (response) {
      if (response.status === 404) { close(); return null; }
      return response.ok ? response.json() : null;
    }).then(function (state) {
      if (!state) return;
      var diff = compare(state);
      if (diff.any) {
        pending = diff;
        showButton(diff);
      } else if (state.closed) {
        close();
      }
    }).catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  if (button && blog.getAttribute("data-live") === "true") {
    button.addEventListener("click", apply);
    var seconds = parseInt(blog.getAttribute("data-interval"), 10) || 5;
    timer = window.setInterval(poll, seconds * 1000);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden && timer) poll();
    });
  }

  // `Oudere updates`: fetch the next step and append it here instead of leaving the page.
  blog.addEventListener("click", function (event) {
    var link = event.target.closest("[data-liveblog-older]");
    if (!link) return;
    event.preventDefault();
    link.setAttribute("aria-busy", "true");
    fetch(link.href, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var shown = shownEntries();
      var firstAdded = null;
      doc.querySelectorAll("[data-liveblog-entries] > [data-entry]").forEach(function (node) {
        if (shown[node.getAttribute("data-entry")]) return;
        var added = document.importNode(node, true);
        list.appendChild(added);
        if (!firstAdded) firstAdded = added;
      });
      var next = doc.querySelector("[data-liveblog-older]");
      if (next) {
        link.href = next.getAttribute("href");
        link.removeAttribute("aria-busy");
      } else {
        link.parentNode.remove();
      }
      if (firstAdded) {
        firstAdded.setAttribute("tabindex", "-1");
        firstAdded.focus({ preventScroll: true });
      }
    }).catch(function () { window.location.href = link.href; });
  });
})();
