// Store ops page: renders the snapshots the server pushes over server-sent events (/api/events).
// Every value goes in through textContent, never as markup; plots are SVG from /plot.svg, parsed as XML.
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const store = params.get("store") || "";
  const query = store ? "?store=" + encodeURIComponent(store) : "";
  const main = document.getElementById("stores");
  const select = document.getElementById("store");
  const live = document.getElementById("live");
  const clock = document.getElementById("clock");
  const plotVersions = new Map();
  const plotFetched = new Map();
  let lastSnapshot = null;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return "-";
    const s = Math.max(0, Math.round(seconds));
    if (s >= 86400) return Math.floor(s / 86400) + "d" + Math.floor((s % 86400) / 3600) + "h";
    if (s >= 3600) return Math.floor(s / 3600) + "h" + String(Math.floor((s % 3600) / 60)).padStart(2, "0") + "m";
    if (s >= 60) return Math.floor(s / 60) + "m" + String(s % 60).padStart(2, "0") + "s";
    return s + "s";
  }

  function time(iso) {
    return iso ? new Date(iso).toISOString().substring(11, 19) : "";
  }

  function badge(state) {
    return el("span", "state state-" + String(state).replace(/[^a-z-]/g, ""), state);
  }

  function section(name) {
    let s = main.querySelector('section[data-store="' + CSS.escape(name) + '"]');
    if (!s) {
      s = document.getElementById("store-template").content.firstElementChild.cloneNode(true);
      s.dataset.store = name;
      s.querySelector(".store-name").textContent = "Store " + name;
      main.appendChild(s);
    }
    return s;
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  function renderStore(s, now) {
    const sec = section(s.store);
    fill(sec.querySelector("table.lanes tbody"), s.lanes.map(l => {
      const tr = el("tr");
      tr.dataset.lane = l.key;
      tr.append(el("td", "key", l.key), el("td", "items", l.items === null ? "?" : l.items));
      const st = el("td", "lane-state"); st.append(badge(l.state)); tr.append(st);
      tr.append(el("td", "last", (l.lastEvent || "") + (l.lastEventAt ? " at " + time(l.lastEventAt) : "")));
      tr.append(el("td", "empty-in", l.items === 0 ? "empty" : duration(l.emptyInS)));
      return tr;
    }));
    fill(sec.querySelector("ol.next"), s.runsOutNext.length ? s.runsOutNext.map(n => {
      const li = el("li");
      li.dataset.lane = n.key;
      li.append(el("strong", null, n.key), document.createTextNode(" " + (n.items === null ? "?" : n.items) + " left, "),
        document.createTextNode(n.items === 0 ? "empty now" : "empty ~" + time(n.emptyAt) + " UTC"));
      return li;
    }) : [el("li", "none", "no lane is depleting")]);
    fill(sec.querySelector("ul.alerts"), s.alerts.length ? s.alerts.map(a => {
      const li = el("li", a.acked ? "acked" : "");
      li.dataset.kind = a.kind;
      li.dataset.subject = a.subject;
      li.append(el("span", "at", time(a.at)), badge(a.kind), el("span", "subject", a.subject), el("span", "detail", a.detail));
      if (!a.acked) {
        const b = el("button", "ack", "Acknowledge");
        b.addEventListener("click", () => ack(a.id));
        li.append(b);
      } else {
        li.append(el("span", "acked-note", "acknowledged"));
      }
      return li;
    }) : [el("li", "none", "no alerts")]);
    fill(sec.querySelector("table.nodes tbody"), s.nodes.map(n => {
      const tr = el("tr");
      tr.dataset.node = n.key;
      tr.append(el("td", "key", n.key));
      const st = el("td", "node-state"); st.append(badge(n.state)); tr.append(st);
      tr.append(el("td", null, n.fw || "?"), el("td", null, duration(n.uptimeS)), el("td", null, n.dropped),
        el("td", null, n.gaps), el("td", null, n.freeHeap === null ? "-" : Math.round(n.freeHeap / 1024) + " KB"));
      return tr;
    }));
    fill(sec.querySelector("table.zones tbody"), s.zones.map(z => {
      const tr = el("tr");
      tr.dataset.zone = z.key;
      tr.append(el("td", "key", z.key), el("td", null, z.present), el("td", null, z.lastAggregate === null ? "-" : z.lastAggregate),
        el("td", null, z.lastDwellS === null ? "-" : duration(z.lastDwellS)));
      return tr;
    }));
    const plots = sec.querySelector(".plots");
    const order = s.runsOutNext.map(n => n.key);
    for (const l of s.lanes) if (!order.includes(l.key)) order.push(l.key);
    for (const key of order.slice(0, 12)) {
      let box = plots.querySelector('.plot[data-lane="' + CSS.escape(key) + '"]');
      if (!box) {
        box = el("div", "plot");
        box.dataset.lane = key;
        box.append(el("h4", null, key), el("div", "svg"));
        plots.appendChild(box);
      }
      const lane = s.lanes.find(l => l.key === key);
      const stale = Date.now() - (plotFetched.get(key) || 0) > 30000;
      if (lane && (plotVersions.get(key) !== lane.version || stale)) {
        plotVersions.set(key, lane.version);
        plotFetched.set(key, Date.now());
        loadPlot(key, box.querySelector(".svg"));
      }
    }
  }

  async function loadPlot(key, target) {
    try {
      const r = await fetch("/plot.svg?lane=" + encodeURIComponent(key) + "&hours=3", { credentials: "same-origin" });
      if (!r.ok) return;
      const doc = new DOMParser().parseFromString(await r.text(), "image/svg+xml");
      const svg = doc.documentElement;
      if (svg && svg.nodeName === "svg") target.replaceChildren(document.importNode(svg, true));
    } catch (e) { /* next change retries */ }
  }

  async function ack(id) {
    await fetch("/api/alerts/" + id + "/ack", { method: "POST", headers: { "X-Ops-Request": "1" }, credentials: "same-origin" });
  }

  function render(snapshot) {
    lastSnapshot = snapshot;
    clock.textContent = time(snapshot.now) + " UTC";
    const known = new Set([...select.options].map(o => o.value));
    for (const s of snapshot.allStores) {
      if (!known.has(s)) { const o = el("option", null, "store " + s); o.value = s; select.appendChild(o); }
    }
    select.value = store;
    for (const s of snapshot.stores) renderStore(s, snapshot.now);
    document.body.dataset.updated = snapshot.now;
  }

  select.addEventListener("change", () => { location.search = select.value ? "?store=" + encodeURIComponent(select.value) : ""; });
  const source = new EventSource("/api/events" + query);
  source.onopen = () => { live.textContent = "live"; live.className = "live on"; };
  source.onerror = () => { live.textContent = "reconnecting…"; live.className = "live off"; };
  source.onmessage = e => render(JSON.parse(e.data));
})();
