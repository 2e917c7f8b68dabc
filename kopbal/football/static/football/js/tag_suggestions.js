/* The article editor's suggestions: clubs and people the text names, with the words that
   named them highlighted, and articles for `Lees ook`. Accept or ignore each; the choices go
   into hidden fields of the form and are applied when the editor saves or publishes. */
(() => {
  "use strict";
  const DELAY = 900;
  const T = {
    searching: "Suggesties worden gezocht…",
    none: "Geen clubs of personen gevonden in de tekst.",
    found: (c, p) => `${c} ${c === 1 ? "club" : "clubs"} en ${p} ${p === 1 ? "persoon" : "personen"} gevonden.`,
    failed: "Suggesties konden niet geladen worden. Probeer “Opnieuw zoeken”.",
    club: "club", person: "persoon",
    add: "Toevoegen", ignore: "Negeren", undo: "Ongedaan maken", restore: "Toch voorstellen",
    linked: "Gekoppeld", pending: "Wordt gekoppeld bij opslaan", ignored: "Genegeerd",
    addRelated: "Toevoegen aan Lees ook", pendingRelated: "Wordt toegevoegd bij opslaan",
    noRelated: "Geen passende artikels gevonden.",
  };

  const keys = (input) => new Set(input.value.split(/\s+/).filter(Boolean));

  function linkedIds(form, prefix, field) {
    const ids = new Set();
    const pattern = new RegExp(`^${prefix}-(\\d+)-${field}$`);
    form.querySelectorAll(`input[name^="${prefix}-"]`).forEach((input) => {
      const m = input.name.match(pattern);
      if (!m || !input.value) return;
      const del = form.querySelector(`[name="${prefix}-${m[1]}-DELETE"]`);
      if (del && (del.checked || del.value === "1" || del.value === "true")) return;
      ids.add(input.value);
    });
    return ids;
  }

  function button(label, onClick, secondary) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `button button-small${secondary ? " button-secondary" : ""}`;
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function init(root) {
    const form = root.closest("form");
    if (!form) return;
    const field = (name) => form.querySelector(`[name="${name}"]`);
    const accepted = field("tags_accepted");
    const rejected = field("tags_rejected");
    const related = field("related_accepted");
    const status = root.querySelector("[data-status]");
    const list = root.querySelector("[data-list]");
    const relatedList = root.querySelector("[data-related]");
    let data = null;
    let timer = null;
    let generation = 0;

    function store(input, set) {
      input.value = [...set].join(" ");
      // Let Wagtail know the form changed (unsaved-changes warning), without refetching.
      input.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function renderSuggestions() {
      list.replaceChildren();
      const acc = keys(accepted);
      const rej = keys(rejected);
      const have = {
        club: linkedIds(form, "club_tags", "club"),
        person: linkedIds(form, "person_tags", "person"),
      };
      for (const s of data.suggestions) {
        const li = document.createElement("li");
        li.className = "kb-suggestion";
        li.dataset.key = s.key;
        const head = document.createElement("div");
        head.className = "kb-suggestion__head";
        const name = document.createElement("a");
        name.className = "kb-suggestion__name";
        name.href = s.url;
        name.target = "_blank";
        name.rel = "noopener";
        name.textContent = s.name;
        const kind = document.createElement("span");
        kind.className = "kb-suggestion__kind";
        kind.textContent = T[s.kind] || s.kind;
        const state = document.createElement("span");
        state.className = "kb-suggestion__state";
        head.append(name, kind, state);
        li.append(head);
        for (const html of s.snippets) {
          const p = document.createElement("p");
          p.className = "kb-suggestion__snippet";
          p.innerHTML = html; // escaped on the server around the <mark>
          li.append(p);
        }
        const actions = document.createElement("div");
        actions.className = "kb-suggestion__actions";
        if (have[s.kind].has(String(s.id))) {
          li.classList.add("kb-suggestion--linked");
          state.textContent = T.linked;
        } else if (rej.has(s.key)) {
          li.classList.add("kb-suggestion--rejected");
          state.textContent = T.ignored;
          actions.append(button(T.restore, () => { rej.delete(s.key); store(rejected, rej); render(); }, true));
        } else if (acc.has(s.key)) {
          state.textContent = T.pending;
          actions.append(button(T.undo, () => { acc.delete(s.key); store(accepted, acc); render(); }, true));
        } else {
          actions.append(
            button(T.add, () => { acc.add(s.key); rej.delete(s.key); store(accepted, acc); store(rejected, rej); render(); }),
            button(T.ignore, () => { rej.add(s.key); acc.delete(s.key); store(rejected, rej); store(accepted, acc); render(); }, true),
          );
        }
        li.append(actions);
        list.append(li);
      }
    }

    function renderRelated() {
      relatedList.replaceChildren();
      const picked = keys(related);
      if (!data.related.length) {
        const li = document.createElement("li");
        li.textContent = T.noRelated;
        relatedList.append(li);
        return;
      }
      for (const r of data.related) {
        const li = document.createElement("li");
        li.className = "kb-suggestion";
        const head = document.createElement("div");
        head.className = "kb-suggestion__head";
        const a = document.createElement("a");
        a.className = "kb-suggestion__name";
        a.href = r.url;
        a.target = "_blank";
        a.rel = "noopener";
        a.textContent = r.title;
        const meta = document.createElement("span");
        meta.className = "kb-suggestion__kind";
        meta.textContent = `${r.date} · ${r.reasons}`;
        head.append(a, meta);
        const actions = document.createElement("div");
        actions.className = "kb-suggestion__actions";
        const id = String(r.id);
        if (picked.has(id)) {
          const state = document.createElement("span");
          state.className = "kb-suggestion__state";
          state.textContent = T.pendingRelated;
          actions.append(state, button(T.undo, () => { picked.delete(id); store(related, picked); render(); }, true));
        } else {
          actions.append(button(T.addRelated, () => { picked.add(id); store(related, picked); render(); }));
        }
        li.append(head, actions);
        relatedList.append(li);
      }
    }

    function render() {
      if (!data) return;
      renderSuggestions();
      renderRelated();
    }

    async function refresh() {
      const mine = ++generation;
      status.textContent = T.searching;
      const body = new FormData(form);
      body.set("page_id", root.dataset.pageId || "");
      try {
        const response = await fetch(root.dataset.url, {
          method: "POST", body, credentials: "same-origin",
          headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
        });
        const json = await response.json();
        if (mine !== generation) return; // a newer request is on its way
        if (!response.ok) {
          status.textContent = json.error || T.failed;
          return;
        }
        data = json;
        const c = json.counts.club;
        const p = json.counts.person;
        status.textContent = c || p ? T.found(c, p) : T.none;
        render();
      } catch (error) {
        if (mine === generation) status.textContent = T.failed;
      }
    }

    function later(event) {
      if (event && [accepted, rejected, related].includes(event.target)) return;
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY);
    }

    form.addEventListener("input", later);
    form.addEventListener("change", later);
    root.querySelector("[data-refresh]").addEventListener("click", refresh);
    refresh();
  }

  function start() {
    document.querySelectorAll("[data-kb-suggest]").forEach(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
