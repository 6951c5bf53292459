// Check-in on a phone at a shelter, through dropped connections.
//
// Every check-in is queued in localStorage with an identifier made here (client_id) and the
// time it was recorded, shown as pending, and posted when the phone is online; the server
// stores each client_id once, so sending twice is harmless. The evacuation's households are
// kept in localStorage too, so search works offline. No framework, no inline script (CSP).
(function () {
  "use strict";

  const QUEUE_KEY = "taicho.checkin.queue";
  const KEEP_SENT = 50;
  const RETRY_MIN = 5000;
  const RETRY_MAX = 60000;
  const REFRESH_EVERY = 120000;
  const SHOWN = 30;

  function load(key, fallback) {
    try {
      const value = window.localStorage.getItem(key);
      return value ? JSON.parse(value) : fallback;
    } catch (error) {
      return fallback;
    }
  }

  function save(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
    } catch (error) {
      // A full or blocked storage leaves the queue in memory: it is still sent while open.
    }
  }

  // What people type: lower case, no diacritics, đ as d (as taicho.core.vietnamese.fold).
  function fold(text) {
    return String(text || "")
      .toLowerCase()
      .replace(/đ/g, "d")
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/\s+/)
      .filter(Boolean)
      .join(" ");
  }

  // crypto.randomUUID exists only on HTTPS (or localhost); a ward office may serve plain HTTP.
  function uuid4() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") {
      return window.crypto.randomUUID();
    }
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function format(template, values) {
    return String(template).replace(/\{(\w+)\}/g, (match, name) =>
      Object.prototype.hasOwnProperty.call(values, name) ? values[name] : match
    );
  }

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clock(iso) {
    const date = new Date(iso);
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // --- the page that lists the evacuations under way ---------------------------------------

  function initChooser(root) {
    const remembered = load("taicho.checkin.evacuation." + root.dataset.ward, null);
    const link = remembered && root.querySelector('a.choice[data-evacuation="' + remembered + '"]');
    if (link) {
      link.classList.add("remembered");
      const item = link.closest("li");
      item.parentNode.insertBefore(item, item.parentNode.firstChild);
    }
  }

  // --- the check-in page -------------------------------------------------------------------

  function initCheckin(root) {
    const cfg = JSON.parse(document.getElementById("checkin-config").textContent);
    const text = cfg.text;
    const keys = {
      households: "taicho.checkin.households." + cfg.evacuation,
      shelter: "taicho.checkin.shelter." + cfg.evacuation,
    };
    const dom = {
      net: document.getElementById("checkin-net"),
      shelter: document.getElementById("checkin-shelter"),
      occupancy: document.getElementById("checkin-occupancy"),
      search: document.getElementById("checkin-search"),
      resultsTitle: document.getElementById("checkin-results-title"),
      results: document.getElementById("checkin-results"),
      form: document.getElementById("checkin-form"),
      household: document.getElementById("checkin-household"),
      detail: document.getElementById("checkin-detail"),
      persons: document.getElementById("checkin-persons"),
      note: document.getElementById("checkin-note"),
      message: document.getElementById("checkin-message"),
      queue: document.getElementById("checkin-queue"),
    };
    const shelters = {};
    cfg.shelters.forEach((shelter) => {
      shelters[String(shelter.id)] = shelter;
    });

    let queue = load(QUEUE_KEY, []);
    let cached = load(keys.households, null);
    // As the server last said, and as known here (with what is still pending applied).
    let serverRows = cached ? cached.households : [];
    let serverOccupancy = cached ? cached.occupancy : {};
    let serverAt = cached ? cached.at || 0 : 0;
    let rows = [];
    let byCode = {};
    let current = null;
    let syncing = false;
    let retryDelay = RETRY_MIN;
    let retryTimer = null;
    let searchTimer = null;

    save("taicho.checkin.evacuation." + cfg.ward, cfg.evacuation);

    function say(message, isError) {
      dom.message.textContent = message || "";
      dom.message.classList.toggle("errors", Boolean(isError));
    }

    // Records the server's list does not show yet: pending, or sent since it was fetched.
    function notInServerList() {
      return queue.filter(
        (record) =>
          record.evacuation === cfg.evacuation &&
          (record.state === "pending" || (record.state === "sent" && record.sent_at > serverAt))
      );
    }

    function apply(row, record) {
      if (record.kind === "in") {
        row.s = "evacuated";
        row.sh = Number(record.shelter);
        row.pp = record.persons_present;
      } else {
        row.s = "left";
        row.pp = 0;
      }
      if (record.needs.length || record.note) {
        row.nk = record.needs.slice();
        row.nn = record.note;
      }
    }

    function rebuild() {
      rows = serverRows.map((row) => Object.assign({}, row));
      byCode = {};
      rows.forEach((row) => {
        byCode[row.c] = row;
      });
      notInServerList()
        .sort((a, b) => (a.recorded_at < b.recorded_at ? -1 : 1))
        .forEach((record) => {
          if (byCode[record.household]) apply(byCode[record.household], record);
        });
    }

    function presentAt(list, shelterId) {
      return list
        .filter((row) => row.s === "evacuated" && String(row.sh) === shelterId)
        .reduce((sum, row) => sum + row.pp, 0);
    }

    function renderNet() {
      const online = navigator.onLine;
      dom.net.dataset.state = online ? "online" : "offline";
      dom.net.textContent = online ? text.online : text.offline;
    }

    function renderOccupancy() {
      const shelter = shelters[dom.shelter.value];
      if (!shelter) {
        dom.occupancy.textContent = "";
        dom.occupancy.classList.remove("over");
        return;
      }
      const id = String(shelter.id);
      // The server's count covers households this phone does not list (other groups).
      const persons =
        (serverOccupancy[id] || 0) - presentAt(serverRows, id) + presentAt(rows, id);
      const over = persons - shelter.capacity;
      dom.occupancy.textContent =
        format(text.occupancy, { persons: persons, capacity: shelter.capacity }) +
        (over > 0 ? " · " + format(text.over, { over: over }) : "");
      dom.occupancy.classList.toggle("over", over > 0);
    }

    function resultItem(row) {
      const item = element("li");
      const button = element("button", "household");
      button.type = "button";
      button.dataset.code = row.c;
      const title = element("span", "title");
      title.appendChild(element("strong", "", row.c));
      if (row.n) title.appendChild(document.createTextNode(" · " + row.n));
      button.appendChild(title);
      button.appendChild(element("span", "tag status-" + row.s, cfg.statuses[row.s] || row.s));
      button.appendChild(
        element("span", "muted line", [row.a, row.g, format(text.persons, { n: row.p })].filter(Boolean).join(" · "))
      );
      item.appendChild(button);
      return item;
    }

    function showResults(list, title) {
      dom.results.replaceChildren(...list.slice(0, SHOWN).map(resultItem));
      dom.resultsTitle.textContent = title || "";
    }

    function searchServer(query) {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => {
        fetch(cfg.urls.search + "?q=" + encodeURIComponent(query), { credentials: "same-origin", redirect: "manual" })
          .then((response) => (response.ok ? response.json() : { households: [] }))
          .then((data) => {
            data.households.forEach((row) => {
              if (!byCode[row.c]) byCode[row.c] = row;
            });
            if (fold(dom.search.value) === query) {
              showResults(data.households, data.households.length ? "" : text.no_results);
            }
          })
          .catch(() => null);
      }, 300);
    }

    function renderResults() {
      const query = fold(dom.search.value);
      if (!query) {
        const shelterId = dom.shelter.value;
        const toCome = rows.filter((row) => row.s === "not_yet" && shelterId && String(row.sh) === shelterId);
        showResults(toCome, toCome.length ? text.to_come : "");
        return;
      }
      if (!rows.length && navigator.onLine) {
        searchServer(query);
        return;
      }
      const found = rows.filter((row) => row.f.includes(query) || fold(row.c).includes(query));
      found.sort((a, b) => (fold(b.c) === query) - (fold(a.c) === query));
      showResults(found, found.length ? "" : text.no_results);
    }

    function renderQueue() {
      const shown = queue.slice().reverse().slice(0, SHOWN);
      dom.queue.replaceChildren(
        ...shown.map((record) => {
          const item = element("li");
          item.dataset.state = record.state;
          item.dataset.household = record.household;
          item.appendChild(
            element(
              "span",
              "what",
              [clock(record.recorded_at), record.label, cfg.kinds[record.kind], format(text.persons, { n: record.persons_present })].join(" · ")
            )
          );
          item.appendChild(element("span", "state", " — " + (text[record.state] || record.state)));
          if (record.error) item.appendChild(element("span", "errors line", record.error));
          return item;
        })
      );
    }

    function renderAll() {
      renderNet();
      renderOccupancy();
      renderResults();
      renderQueue();
    }

    function openForm(code) {
      const row = byCode[code];
      if (!row) {
        dom.search.value = code;
        renderResults();
        return;
      }
      current = row;
      dom.household.textContent = row.c + (row.n ? " · " + row.n : "");
      dom.detail.textContent = [row.a, row.g, cfg.statuses[row.s] || row.s].filter(Boolean).join(" · ");
      dom.persons.value = row.s === "evacuated" && row.pp ? row.pp : row.p;
      dom.form.querySelectorAll("input[name=need]").forEach((box) => {
        box.checked = (row.nk || []).includes(box.value);
      });
      dom.note.value = row.nn || "";
      dom.form.hidden = false;
      dom.form.scrollIntoView({ block: "start" });
      dom.persons.focus();
    }

    function closeForm() {
      current = null;
      dom.form.hidden = true;
    }

    function record(kind) {
      if (!current) return;
      if (!shelters[dom.shelter.value]) {
        say(text.choose_shelter, true);
        dom.shelter.focus();
        return;
      }
      if (!dom.persons.reportValidity()) return;
      const persons = parseInt(dom.persons.value, 10);
      const entry = {
        client_id: uuid4(),
        url: cfg.urls.sync,
        user: cfg.user,
        evacuation: cfg.evacuation,
        household: current.c,
        label: current.c + (current.n ? " · " + current.n : ""),
        shelter: Number(dom.shelter.value),
        kind: kind,
        persons_present: persons,
        needs: Array.from(dom.form.querySelectorAll("input[name=need]:checked"), (box) => box.value),
        note: dom.note.value.trim(),
        recorded_at: new Date().toISOString(),
        state: "pending",
      };
      queue.push(entry);
      save(QUEUE_KEY, queue);
      apply(current, entry);
      say(format(text.saved, { code: current.c }));
      closeForm();
      dom.search.value = "";
      renderAll();
      sync();
    }

    function scheduleRetry() {
      clearTimeout(retryTimer);
      if (!queue.some(sendable)) return;
      retryTimer = setTimeout(sync, retryDelay);
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX);
    }

    function settle(results) {
      const byId = {};
      results.forEach((result) => {
        byId[result.client_id] = result;
      });
      let warning = "";
      queue.forEach((entry) => {
        const result = byId[entry.client_id];
        if (!result) return;
        if (result.ok) {
          entry.state = "sent";
          entry.sent_at = Date.now();
          delete entry.error;
          if (result.warning) warning = result.warning;
        } else {
          entry.state = "failed";
          entry.error = Object.values(result.errors || {}).flat().join(" ");
        }
      });
      // Keep what is pending or refused, and the last sent ones to look back on.
      const sent = queue.filter((entry) => entry.state === "sent");
      const drop = new Set(sent.slice(0, Math.max(0, sent.length - KEEP_SENT)));
      queue = queue.filter((entry) => !drop.has(entry));
      save(QUEUE_KEY, queue);
      rebuild();
      if (current && byCode[current.c]) current = byCode[current.c];
      if (warning) say(warning, true);
    }

    function post(url, entries) {
      const body = entries.map((entry) => ({
        client_id: entry.client_id,
        household: entry.household,
        shelter: entry.shelter,
        kind: entry.kind,
        persons_present: entry.persons_present,
        needs: entry.needs,
        note: entry.note,
        recorded_at: entry.recorded_at,
      }));
      return fetch(url, {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-CSRFToken": csrfToken(),
        },
        body: JSON.stringify({ records: body }),
      }).then((response) => {
        if (response.type === "opaqueredirect" || response.status === 401) {
          say(text.log_in, true);
          throw new Error("login");
        }
        if (response.status === 403) {
          say(text.forbidden, true);
          throw new Error("forbidden");
        }
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      });
    }

    // A shared phone: each person's check-ins are sent under their own login only.
    function sendable(entry) {
      return entry.state === "pending" && (entry.user === undefined || entry.user === cfg.user);
    }

    function sync() {
      const pending = queue.filter(sendable);
      if (syncing || !pending.length) return;
      if (!navigator.onLine) {
        scheduleRetry();
        return;
      }
      syncing = true;
      const perUrl = {};
      pending.forEach((entry) => {
        (perUrl[entry.url] = perUrl[entry.url] || []).push(entry);
      });
      Promise.all(
        Object.keys(perUrl).map((url) => post(url, perUrl[url]).then((data) => settle(data.results || [])))
      )
        .then(() => {
          retryDelay = RETRY_MIN;
        })
        .catch(() => null)
        .then(() => {
          syncing = false;
          renderAll();
          scheduleRetry();
        });
    }

    function refresh() {
      if (!navigator.onLine) return Promise.resolve();
      // Taken before asking: what is sent meanwhile may be missing from the answer.
      const fetchedAt = Date.now();
      return fetch(cfg.urls.households, { credentials: "same-origin", redirect: "manual" })
        .then((response) => (response.ok ? response.json() : null))
        .then((data) => {
          if (!data) return;
          serverRows = data.households;
          serverOccupancy = data.occupancy;
          serverAt = fetchedAt;
          save(keys.households, { households: serverRows, occupancy: serverOccupancy, at: serverAt });
          rebuild();
          if (current && byCode[current.c]) current = byCode[current.c];
          renderAll();
        })
        .catch(() => null);
    }

    // Wiring.
    const rememberedShelter = load(keys.shelter, "");
    if (rememberedShelter && shelters[String(rememberedShelter)]) dom.shelter.value = String(rememberedShelter);
    dom.shelter.addEventListener("change", () => {
      save(keys.shelter, dom.shelter.value);
      renderOccupancy();
      renderResults();
    });
    dom.search.addEventListener("input", renderResults);
    dom.results.addEventListener("click", (event) => {
      const button = event.target.closest("button.household");
      if (button) openForm(button.dataset.code);
    });
    dom.form.addEventListener("submit", (event) => event.preventDefault());
    dom.form.querySelectorAll("button[data-kind]").forEach((button) => {
      button.addEventListener("click", () => record(button.dataset.kind));
    });
    document.getElementById("checkin-cancel").addEventListener("click", closeForm);
    window.addEventListener("online", () => {
      renderNet();
      retryDelay = RETRY_MIN;
      sync();
      refresh();
    });
    window.addEventListener("offline", renderNet);
    window.addEventListener("storage", (event) => {
      if (event.key === QUEUE_KEY) {
        queue = load(QUEUE_KEY, []);
        renderQueue();
      }
    });
    setInterval(refresh, REFRESH_EVERY);

    rebuild();
    renderAll();
    const opened = () => {
      if (cfg.preselect && !current) openForm(cfg.preselect);
    };
    if (rows.length) opened();
    refresh().then(opened);
    sync();

    if ("serviceWorker" in navigator) {
      navigator.serviceWorker.register(cfg.urls.worker).catch(() => null);
    }
  }

  const chooser = document.getElementById("checkin-choose");
  if (chooser) initChooser(chooser);
  const page = document.getElementById("checkin");
  if (page) initCheckin(page);
})();
