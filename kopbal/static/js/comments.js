/* Kopbal comments: post, reply, like, edit, delete and load more without reloading.
   Without this file every link and form still works (the server renders plain pages).
   The article HTML is the same for every reader; what is personal (login, likes, own
   comments) comes from the state endpoint. Reader text is only ever inserted as text or
   as HTML the server rendered and escaped. */
(function () {
  "use strict";

  var JSON_HEADERS = { Accept: "application/json" };

  function $(sel, root) { return (root || document).querySelector(sel); }
  function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

  function cookie(name) {
    var match = document.cookie.match(new RegExp("(?:^|; )" + name + "=([^;]*)"));
    return match ? decodeURIComponent(match[1]) : "";
  }

  function fragment(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content;
  }

  /* --- the character counter, on every comment textarea ------------------------------ */
  function initCounter(textarea) {
    var max = parseInt(textarea.getAttribute("data-max-length"), 10);
    var form = textarea.form;
    var counter = form && $("[data-counter]", form);
    if (!max || !counter || textarea.hasAttribute("data-counted")) { return; }
    textarea.setAttribute("data-counted", "");
    function update() {
      var length = textarea.value.replace(/\r\n/g, "\n").trim().length;
      var left = max - length;
      counter.textContent = left >= 0
        ? "Nog " + left + " tekens."
        : (-left) + " tekens te veel.";
      counter.classList.toggle("comment-form__counter--over", left < 0);
    }
    textarea.addEventListener("input", update);
    update();
  }
  $all("textarea[data-max-length]").forEach(initCounter);

  var section = $("[data-comments]");
  if (!section || !window.fetch) { return; }

  var state = null;
  var list = $("[data-comment-list]", section);
  var mainForm = $("[data-comment-form]", section);

  function csrf() { return (state && state.csrf) || cookie("csrftoken"); }

  function post(url, data) {
    var body = data instanceof FormData ? data : new FormData();
    if (!(data instanceof FormData) && data) {
      Object.keys(data).forEach(function (key) { body.append(key, data[key]); });
    }
    return fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf() }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        json.httpStatus = response.status;
        return json;
      });
    });
  }

  function say(form, message, isError) {
    var status = form && $("[data-status]", form);
    if (!status) { return; }
    status.textContent = message || "";
    status.classList.toggle("comment-form__status--error", !!isError);
  }

  function setCount(delta) {
    var heading = $("#reacties-titel", section);
    if (!heading) { return; }
    var n = parseInt(heading.textContent, 10);
    if (isNaN(n)) { return; }
    n += delta;
    heading.textContent = n + (n === 1 ? " reactie" : " reacties");
  }

  /* --- personal state ---------------------------------------------------------------- */
  function applyState(root) {
    if (!state) { return; }
    if (state.authenticated) {
      $all("[data-like]", root).forEach(function (el) {
        el.setAttribute("role", "button");
        if (!el.hasAttribute("aria-pressed")) { markLiked(el, false); }
      });
      (state.liked || []).forEach(function (id) {
        $all('[data-like="' + id + '"]', root).forEach(function (el) { markLiked(el, true); });
      });
      if (state.history_url) {
        $all("[data-comment]", root).forEach(function (item) {
          var actions = $(":scope > .comment__actions", item);
          if (!actions || $("[data-history]", actions)) { return; }
          var link = document.createElement("a");
          link.href = state.history_url.replace("{}", item.getAttribute("data-author"));
          link.setAttribute("data-history", "");
          link.textContent = "Geschiedenis (moderatie)";
          actions.appendChild(link);
        });
      }
      Object.keys(state.own || {}).forEach(function (id) {
        var item = $('[data-comment="' + id + '"]', root);
        if (!item) { return; }
        var own = $("[data-own]", item);
        if (own) {
          own.hidden = false;
          var edit = $("[data-edit]", own);
          if (edit) { edit.hidden = !state.own[id].editable_until; }
        }
        var like = $("[data-like]", item);
        if (like) { like.setAttribute("aria-disabled", "true"); }
      });
    }
  }

  function markLiked(el, liked) {
    el.setAttribute("aria-pressed", liked ? "true" : "false");
    el.classList.toggle("comment__like--on", liked);
  }

  function loadState() {
    fetch(section.getAttribute("data-state-url"), { credentials: "same-origin", headers: JSON_HEADERS })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        state = data;
        $all('input[name="csrfmiddlewaretoken"]').forEach(function (input) { input.value = data.csrf; });
        var account = $("[data-account-link]");
        if (data.authenticated) {
          $all("[data-login-hint]", section).forEach(function (el) { el.hidden = true; });
          if (account) { account.textContent = data.user.name; account.href = data.user.account_url; }
          if (data.ban && mainForm) {
            var notice = document.createElement("p");
            notice.className = "notice notice--error";
            notice.setAttribute("role", "alert");
            notice.textContent = data.ban;
            mainForm.parentNode.replaceChild(notice, mainForm);
            mainForm = null;
          }
          (data.pending || []).forEach(function (item) {
            if ($('[data-comment="' + item.id + '"]', section)) { return; }
            insertComment(item.html, item.parent);
          });
        } else if (account) {
          account.textContent = "Inloggen";
        }
        applyState(section);
      })
      .catch(function () { /* the plain links keep working */ });
  }

  /* --- inserting comments ------------------------------------------------------------ */
  function insertComment(html, parentId) {
    var nodes = fragment(html);
    var item = nodes.firstElementChild;
    if (parentId) {
      var parent = $('[data-comment="' + parentId + '"]', section);
      if (parent) {
        var replies = $(":scope > .comment-list--replies", parent);
        if (!replies) {
          replies = document.createElement("ol");
          replies.className = "comment-list comment-list--replies";
          var more = $(":scope > .comment__more-replies", parent);
          parent.insertBefore(replies, more);
        }
        replies.appendChild(nodes);
        return item;
      }
    }
    if (list) {
      list.insertBefore(nodes, list.firstChild);
      var empty = $(".comments__empty", section);
      if (empty) { empty.hidden = true; }
    }
    return item;
  }

  function submitComment(form) {
    var button = $('button[type="submit"]', form);
    var textarea = $("textarea", form);
    var parentInput = form.querySelector('input[name="parent"]');
    var parentId = parentInput && parentInput.value;
    button.disabled = true;
    say(form, "Bezig met plaatsen…");
    post(form.action, new FormData(form)).then(function (json) {
      button.disabled = false;
      if (json.httpStatus === 401 && json.login_url) {
        window.location.href = json.login_url;
        return;
      }
      if (!json.ok) {
        say(form, json.message || "Er ging iets mis. Probeer het opnieuw.", true);
        textarea.focus();
        return;
      }
      textarea.value = "";
      textarea.dispatchEvent(new Event("input"));
      var item = insertComment(json.html, parentId);
      if (item) {
        var own = $("[data-own]", item);
        if (own) { own.hidden = false; }
        state.own = state.own || {};
        state.own[json.id] = { editable_until: "x", status: json.status };
      }
      if (!json.held) { setCount(1); }
      say(form, json.message);
      if (form !== mainForm) {
        setTimeout(function () { form.remove(); }, 2500);
      }
    }).catch(function () {
      button.disabled = false;
      say(form, "Geen verbinding. Je tekst staat er nog: probeer het opnieuw.", true);
    });
  }

  function replyForm(link) {
    var item = link.closest("[data-comment]");
    var existing = $(":scope > [data-comment-form]", item);
    if (existing) { existing.remove(); return; }
    var form = mainForm.cloneNode(true);
    var id = link.getAttribute("data-reply");
    form.querySelector('input[name="parent"]').value = id;
    var textarea = $("textarea", form);
    textarea.value = "";
    textarea.id = "reactie-tekst-" + id;
    textarea.removeAttribute("data-counted");
    var label = $("label", form);
    label.setAttribute("for", textarea.id);
    var name = $(".comment__author", item);
    label.textContent = "Je antwoord aan " + (name ? name.textContent : "");
    $('button[type="submit"]', form).textContent = "Antwoord plaatsen";
    say(form, "");
    form.classList.add("comment-form--reply");
    var actions = $(":scope > .comment__actions", item);
    item.insertBefore(form, actions ? actions.nextSibling : null);
    initCounter(textarea);
    textarea.focus();
  }

  function toggleLike(link) {
    var wasLiked = link.getAttribute("aria-pressed") === "true";
    post(link.href, { liked: wasLiked ? "0" : "1" }).then(function (json) {
      if (!json.ok) {
        if (json.httpStatus === 401 && json.login_url) { window.location.href = json.login_url; return; }
        flash(link, json.message || "Dat lukte niet.");
        return;
      }
      markLiked(link, json.liked);
      var count = $("[data-like-count]", link);
      if (count) { count.textContent = json.count; }
    });
  }

  function flash(anchor, message) {
    var note = document.createElement("span");
    note.className = "comment__flash";
    note.setAttribute("role", "alert");
    note.textContent = message;
    anchor.parentNode.appendChild(note);
    setTimeout(function () { note.remove(); }, 6000);
  }

  function editInline(link) {
    var item = link.closest("[data-comment]");
    var body = $(":scope > [data-body]", item);
    if ($(":scope > .comment-edit", item)) { return; }
    fetch(link.href, { credentials: "same-origin", headers: JSON_HEADERS })
      .then(function (r) { return r.json(); })
      .then(function (json) {
        if (!json.ok) { flash(link, json.message || "Bewerken lukt niet meer."); return; }
        var form = document.createElement("form");
        form.className = "comment-form comment-edit";
        var textarea = document.createElement("textarea");
        textarea.className = "comment-form__text";
        textarea.name = "body";
        textarea.rows = 4;
        textarea.value = json.body;
        textarea.setAttribute("aria-label", "Je reactie bewerken");
        textarea.setAttribute("data-max-length", "2000");
        var help = document.createElement("p");
        help.className = "comment-form__help";
        var counter = document.createElement("span");
        counter.className = "comment-form__counter";
        counter.setAttribute("data-counter", "");
        help.appendChild(counter);
        var save = document.createElement("button");
        save.type = "submit";
        save.textContent = "Opslaan";
        var cancel = document.createElement("button");
        cancel.type = "button";
        cancel.className = "button--secondary";
        cancel.textContent = "Annuleren";
        var status = document.createElement("p");
        status.className = "comment-form__status";
        status.setAttribute("data-status", "");
        status.setAttribute("role", "status");
        form.append(textarea, help, save, " ", cancel, status);
        body.hidden = true;
        item.insertBefore(form, body.nextSibling);
        initCounter(textarea);
        textarea.focus();
        cancel.addEventListener("click", function () { form.remove(); body.hidden = false; });
        form.addEventListener("submit", function (event) {
          event.preventDefault();
          post(link.href, { body: textarea.value }).then(function (res) {
            if (!res.ok) { say(form, res.message || "Opslaan lukte niet.", true); return; }
            var fresh = fragment(res.html).firstElementChild;
            var children = $(":scope > .comment-list--replies", item);
            if (children) { fresh.appendChild(children); }
            item.replaceWith(fresh);
            var own = $("[data-own]", fresh);
            if (own) { own.hidden = false; }
            if (res.held) { setCount(-1); }
          });
        });
      });
  }

  function deleteInline(link) {
    var item = link.closest("[data-comment]");
    if ($(".comment__confirm", item)) { return; }
    var box = document.createElement("span");
    box.className = "comment__confirm";
    box.setAttribute("role", "group");
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button--danger";
    yes.textContent = "Ja, verwijderen";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button--secondary";
    no.textContent = "Nee";
    box.append("Reactie verwijderen? ", yes, " ", no);
    link.parentNode.appendChild(box);
    yes.focus();
    no.addEventListener("click", function () { box.remove(); });
    yes.addEventListener("click", function () {
      post(link.href, {}).then(function (json) {
        if (!json.ok) { flash(link, json.message || "Verwijderen lukte niet."); return; }
        var wasVisible = !item.classList.contains("comment--pending");
        if ($(":scope > .comment-list--replies", item)) {
          $all(":scope > :not(.comment-list--replies):not(.comment__more-replies)", item)
            .forEach(function (el) { el.remove(); });
          var gone = document.createElement("p");
          gone.className = "comment__gone";
          gone.textContent = "Deze reactie werd verwijderd door de schrijver.";
          item.insertBefore(gone, item.firstChild);
        } else {
          item.remove();
        }
        if (wasVisible) { setCount(-1); }
      });
    });
  }

  function loadMore(link) {
    link.setAttribute("aria-busy", "true");
    // `deel=1`: the fragment has a URL of its own, so the page cache can keep it.
    var url = link.href + (link.href.indexOf("?") < 0 ? "?" : "&") + "deel=1";
    fetch(url, { credentials: "same-origin", headers: JSON_HEADERS })
      .then(function (r) { return r.json(); })
      .then(function (json) {
        var nodes = fragment(json.html);
        $all(":scope > [data-comment]", nodes).forEach(function (item) {
          if ($('[data-comment="' + item.getAttribute("data-comment") + '"]', list)) { item.remove(); }
        });
        var first = nodes.firstElementChild;
        list.appendChild(nodes);
        applyState(list);
        if (json.next_url) {
          link.href = json.next_url;
          link.removeAttribute("aria-busy");
        } else {
          link.parentNode.remove();
        }
        if (first) {
          var author = $(".comment__author", first);
          if (author) { author.focus({ preventScroll: true }); }
        }
      })
      .catch(function () { window.location.href = link.href; });
  }

  section.addEventListener("submit", function (event) {
    var form = event.target.closest("[data-comment-form]");
    if (!form || !state || !state.authenticated) { return; }
    event.preventDefault();
    submitComment(form);
  });

  section.addEventListener("click", function (event) {
    var target = event.target.closest("a, button");
    if (!target || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey) { return; }
    var loggedIn = state && state.authenticated && !state.ban;
    if (target.hasAttribute("data-more")) {
      event.preventDefault();
      loadMore(target);
    } else if (target.hasAttribute("data-like") && loggedIn) {
      event.preventDefault();
      if (target.getAttribute("aria-disabled") === "true") { return; }
      toggleLike(target);
    } else if (target.hasAttribute("data-reply") && loggedIn && mainForm) {
      event.preventDefault();
      replyForm(target);
    } else if (target.hasAttribute("data-edit") && loggedIn) {
      event.preventDefault();
      editInline(target);
    } else if (target.hasAttribute("data-delete") && state && state.authenticated) {
      event.preventDefault();
      deleteInline(target);
    }
  });

  loadState();
})();
