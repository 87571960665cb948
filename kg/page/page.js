(function () {
  "use strict";
  // Everything shown comes from the JSON block and reaches the page as text (textContent, text nodes,
  // SVG text), never as markup.
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var OV = data.overview;  // null when the page opens on the whole graph
  var container = document.getElementById("kg-network");
  var byId = {}, inOverview = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  if (OV) OV.nodes.forEach(function (id) { inOverview[id] = true; });

  // the large labels of the best-known nodes in the whole graph: readable when zoomed out, no larger
  // than 18 px on screen; sized for the first view before vis-network starts, then kept so on zoom
  var big = data.nodes.filter(function (n) { return n.kgFont; });
  var fontNow = {};
  function labelSize(n, s) { return Math.round(Math.max(14, Math.min(n.kgFont, 18 / s))); }
  big.forEach(function (n) { fontNow[n.id] = n.kgFont; });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  if (OV) {
    edges.add(OV.shared.map(function (s, i) {
      return {id: "s" + i, from: s[0], to: s[1], kgShared: true, kgRel: "SHARED", kgLabel: "",
              title: s[2] + " paper" + (s[2] === 1 ? "" : "s") + " mention both " + byId[s[0]].kgName + " and " + byId[s[1]].kgName,
              color: {color: "rgba(120,120,120,0.22)", highlight: "rgba(90,90,90,0.6)", hover: "rgba(90,90,90,0.6)"},
              width: Math.min(1 + Math.log2(s[2]), 5), smooth: false, arrows: {to: {enabled: false}},
              hidden: data.view !== "overview"};
    }));
  }
  function wholeFit() {
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    data.nodes.forEach(function (n) { x0 = Math.min(x0, n.kgWx); x1 = Math.max(x1, n.kgWx); y0 = Math.min(y0, n.kgWy); y1 = Math.max(y1, n.kgWy); });
    return Math.min(1, (container.clientWidth || 800) / (1.1 * (x1 - x0) || 1), (container.clientHeight || 600) / (1.1 * (y1 - y0) || 1));
  }
  if (data.view === "whole") {
    var s0 = wholeFit();
    var upd0 = big.map(function (n) { fontNow[n.id] = labelSize(n, s0); return {id: n.id, font: {size: fontNow[n.id]}}; });
    if (upd0.length) nodes.update(upd0);
  }
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, data.options);
  var DIM = "rgba(200,200,200,0.35)";
  var DIM_EDGE = {color: "rgba(200,200,200,0.25)", highlight: "rgba(200,200,200,0.25)", hover: "rgba(200,200,200,0.25)"};

  var adj = {}, incident = {}, baseEdge = {}, sharedAdj = {};
  data.nodes.forEach(function (n) { adj[n.id] = []; incident[n.id] = []; sharedAdj[n.id] = []; });
  edges.forEach(function (e) {
    baseEdge[e.id] = e.color;
    if (e.kgShared) {  // the overview's links: highlighted with the node, never unfolded
      sharedAdj[e.from].push([e.to, e.id]); sharedAdj[e.to].push([e.from, e.id]);
      return;
    }
    adj[e.from].push(e.to); adj[e.to].push(e.from);
    incident[e.from].push(e.id); if (e.to !== e.from) incident[e.to].push(e.id);
  });

  var state = {types: {}, rels: {}, search: null, matches: [], selected: null, view: data.view, open: {}, shown: {}};
  document.querySelectorAll("input.kg-type").forEach(function (b) { state.types[b.value] = b.checked; });
  document.querySelectorAll("input.kg-rel").forEach(function (b) { state.rels[b.value] = b.checked; });

  var status = document.getElementById("kg-status");
  var info = document.getElementById("kg-info");
  var panel = document.getElementById("kg-panel");
  var panelTitle = document.getElementById("kg-details-title");
  var infoDefault = info.textContent;

  function labelOf(n) { return state.view === "overview" && inOverview[n.id] ? n.kgOlabel : n.kgWlabel; }
  function visibleNode(n) {
    if (state.types[n.kgType] === false) return false;
    if (state.search !== null) return state.search.has(n.id);
    if (state.view === "overview") return !!inOverview[n.id] || !!state.shown[n.id];
    return true;
  }
  function visibleEdge(e) {
    if (e.kgShared) return state.view === "overview" && state.search === null && state.rels.SHARED !== false;
    return state.rels[e.kgRel] !== false;
  }
  function count() {
    var vn = 0, ve = 0, shown = {};
    nodes.forEach(function (n) { if (!n.hidden) { vn++; shown[n.id] = true; } });
    edges.forEach(function (e) { if (!e.kgShared && !e.hidden && shown[e.from] && shown[e.to]) ve++; });
    return {nodes: vn, edges: ve};
  }
  function showStatus() {
    var c = count();
    var s = c.nodes.toLocaleString("en") + " of " + data.graph.nodes.toLocaleString("en") + " nodes, " +
            c.edges.toLocaleString("en") + " of " + data.graph.edges.toLocaleString("en") + " edges shown";
    if (state.search !== null) {
      s += " \u2014 " + state.matches.length + " match" + (state.matches.length === 1 ? "" : "es") + " and their neighbours";
    } else if (state.view === "overview") {
      s += " \u2014 overview";
    }
    status.textContent = s;
  }
  function apply() {
    var nu = [], eu = [];
    nodes.forEach(function (n) { var h = !visibleNode(n); if (!!n.hidden !== h) nu.push({id: n.id, hidden: h}); });
    edges.forEach(function (e) { var h = !visibleEdge(e); if (!!e.hidden !== h) eu.push({id: e.id, hidden: h}); });
    if (nu.length) nodes.update(nu);
    if (eu.length) edges.update(eu);
    showStatus();
  }

  // ------------------------------------------------------------------ views
  function look(n, view) {
    if (view === "overview" && inOverview[n.id]) {
      return {id: n.id, x: n.kgOx, y: n.kgOy, size: n.kgOsize, label: n.kgOlabel, font: {size: OV.font}};
    }
    return {id: n.id, x: n.kgWx, y: n.kgWy, size: n.kgWsize, label: n.kgWlabel,
            font: {size: n.kgFont ? fontNow[n.id] : 14}};
  }
  function visibleIds() { return nodes.getIds({filter: function (n) { return !n.hidden; }}); }
  function setView(view) {
    if (view === "overview" && !OV) return;
    unhighlight();
    state.view = view; state.open = {}; state.shown = {}; state.search = null; state.matches = [];
    nodes.update(data.nodes.map(function (n) { return look(n, view); }));
    document.getElementById("kg-view-overview").setAttribute("aria-pressed", String(view === "overview"));
    document.getElementById("kg-view-whole").setAttribute("aria-pressed", String(view === "whole"));
    apply();
    fit();
    defaultPanel();
  }
  function fit() {
    if (state.view === "overview") network.fit({nodes: visibleIds(), animation: false});
    else network.fit({animation: false});
    fitLabels();
  }

  // unfold: show a node's neighbours around it (overview), fold: hide them again
  function unfold(id) {
    if (state.view !== "overview" || !(id in byId)) return 0;
    state.open[id] = true;
    var centre = network.getPositions([id])[id], placed = 0, ring = 0, batch = [];
    var hidden = adj[id].filter(function (v, i, a) { return a.indexOf(v) === i && !inOverview[v] && !state.shown[v]; });
    hidden.sort(function (a, b) { return (byId[b].kgSupport || 0) - (byId[a].kgSupport || 0) || (a < b ? -1 : 1); });
    var upd = [];
    while (placed < hidden.length) {
      var radius = 80 + 46 * ring, fitN = Math.max(8, Math.floor(2 * Math.PI * radius / 40));
      batch = hidden.slice(placed, placed + fitN);
      batch.forEach(function (v, j) {
        var a = 2 * Math.PI * (j + 0.5 * (ring % 2)) / batch.length;
        upd.push({id: v, x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a), size: 8,
                  label: byId[v].kgWlabel, font: {size: 12}});
      });
      placed += batch.length; ring++;
    }
    hidden.forEach(function (v) { state.shown[v] = id; });
    if (upd.length) nodes.update(upd);
    apply();
    return hidden.length;
  }
  function fold(id) {
    delete state.open[id];
    Object.keys(state.shown).forEach(function (v) { if (state.shown[v] === id) delete state.shown[v]; });
    apply();
  }

  // ------------------------------------------------------------------ highlight and the side panel
  function unhighlight() {
    if (state.selected === null) return;
    var nu = [], eu = [];
    nodes.forEach(function (n) { nu.push({id: n.id, color: byId[n.id].color, label: labelOf(n)}); });
    edges.forEach(function (e) { eu.push({id: e.id, color: baseEdge[e.id], label: null}); });
    nodes.update(nu); edges.update(eu);
    state.selected = null;
    info.textContent = infoDefault;
    defaultPanel();
  }
  function highlight(id) {
    if (!(id in byId)) return;
    if (state.selected !== null) unhighlight();
    var near = {}; near[id] = true;
    adj[id].forEach(function (v) { near[v] = true; });
    var mine = {}; incident[id].forEach(function (e) { mine[e] = true; });
    if (state.view === "overview") sharedAdj[id].forEach(function (p) { near[p[0]] = true; mine[p[1]] = true; });
    var nu = [], eu = [];
    nodes.forEach(function (n) {
      if (!near[n.id]) nu.push({id: n.id, color: DIM, label: " "});
    });
    edges.forEach(function (e) {
      if (mine[e.id]) eu.push({id: e.id, label: e.kgLabel});
      else eu.push({id: e.id, color: DIM_EDGE});
    });
    nodes.update(nu); edges.update(eu);
    state.selected = id;
    var n = byId[id];
    info.textContent = n.title + "\n\nNeighbours: " + (Object.keys(near).length - 1);
    nodePanel(id);
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(e) { while (e.firstChild) e.removeChild(e.firstChild); }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  var DIRECTION = {higher: "higher is better", lower: "lower is better"};

  function boardLink(b, i) {
    var li = el("li");
    var a = el("button", "kg-link", data.boards[b].dataset + " \u00b7 " + data.boards[b].metric);
    a.type = "button";
    a.addEventListener("click", function () { openBoard(b); });
    li.appendChild(a);
    li.appendChild(document.createTextNode(" \u2014 " + plural(data.boards[b].rows.length, "row")));
    return li;
  }
  function defaultPanel() {
    clear(panel);
    panelTitle.textContent = state.view === "overview" ? "Overview" : "Selected";
    if (state.view === "overview" && OV) {
      panel.appendChild(el("p", null, OV.summary));
    }
    if (data.boards.length) {
      panel.appendChild(el("h4", null, "Largest leaderboards"));
      var ul = el("ul", "kg-list");
      data.boards.slice(0, 8).forEach(function (_, i) { ul.appendChild(boardLink(i)); });
      panel.appendChild(ul);
    }
    if (data.datasets.length) {
      panel.appendChild(el("h4", null, "Most used datasets"));
      var ol = el("ul", "kg-list");
      data.datasets.forEach(function (u) {
        var li = el("li");
        var target = data.datasetNode[u.dataset];
        if (target) {
          var a = el("button", "kg-link", u.dataset); a.type = "button";
          a.addEventListener("click", function () { select(target); });
          li.appendChild(a);
        } else li.appendChild(document.createTextNode(u.dataset));
        li.appendChild(document.createTextNode(" \u2014 " + plural(u.papers, "paper") + (u.boards ? ", " + plural(u.boards, "board") : "")));
        ol.appendChild(li);
      });
      panel.appendChild(ol);
    }
  }
  function openBoard(b) {
    var target = data.datasetNode[data.boards[b].dataset];
    if (target) select(target, b);
    else { unhighlight(); clear(panel); panelTitle.textContent = "Leaderboard"; panel.appendChild(boardBlock(b)); }
  }
  function select(id, boardFirst) {
    if (!(id in byId)) return;
    if (nodes.get(id).hidden) {
      if (state.view === "overview" && state.search === null) setView("whole");
      state.types[byId[id].kgType] = true;
      document.querySelectorAll("input.kg-type").forEach(function (b) { if (b.value === byId[id].kgType) b.checked = true; });
      apply();
    }
    network.selectNodes([id], false);
    highlight(id);
    network.focus(id, {scale: Math.max(network.getScale(), 0.8), animation: false});
    fitLabels();
    if (boardFirst !== undefined) {
      var t = panel.querySelector('[data-board="' + boardFirst + '"]');
      if (t && t.scrollIntoView) t.scrollIntoView({block: "start"});
    }
  }
  function nodePanel(id) {
    var n = byId[id];
    clear(panel);
    panelTitle.textContent = n.kgType;
    panel.appendChild(el("h3", null, n.kgName));
    var meta = [plural(n.kgSupport || 0, "paper")];
    var bs = data.boardsOf[id] || [];
    if (bs.length) meta.push(plural(bs.length, "leaderboard"));
    panel.appendChild(el("p", "kg-meta", meta.join(" \u00b7 ")));
    if (n.kgTrust) panel.appendChild(el("p", "kg-meta kg-trust", n.kgTrust));
    if (data.folded[id]) {
      panel.appendChild(el("p", "kg-meta", "Its splits and other names, counted with it on its boards: " +
        data.folded[id].map(function (f) { return f[0] + " (" + plural(f[1], "paper") + ")"; }).join(", ")));
    }
    if (state.view === "overview") {
      var hiddenN = adj[id].filter(function (v, i, a) { return a.indexOf(v) === i && !inOverview[v]; }).length;
      if (hiddenN) {
        var act = el("div", "kg-actions");
        var bt = el("button", null, state.open[id] ? "Fold its neighbours" : "Show its " + plural(hiddenN, "neighbour"));
        bt.type = "button";
        bt.id = "kg-unfold";
        bt.addEventListener("click", function () {
          if (state.open[id]) fold(id); else unfold(id);
          highlight(id);
        });
        act.appendChild(bt);
        panel.appendChild(act);
      }
    }
    bs.forEach(function (b) { panel.appendChild(boardBlock(b)); });
    var papers = n.kgPapers || [];
    if (papers.length && (n.kgType === "Dataset" || n.kgType === "Task" || n.kgType === "Method" || n.kgType === "Metric")) {
      panel.appendChild(el("h4", null, "Papers (" + (n.kgSupport || papers.length) + ")"));
      var ul = el("ul", "kg-list");
      papers.slice(0, 25).forEach(function (p) {
        var meta = data.papers[p];
        var li = el("li", null, meta ? meta[0] + (meta[1] ? " (" + meta[1] + ")" : "") : p);
        ul.appendChild(li);
      });
      if (papers.length > 25) ul.appendChild(el("li", null, "\u2026 and " + (papers.length - 25) + " more"));
      panel.appendChild(ul);
      info.textContent = "";
    }
  }

  function boardBlock(bi) {
    var b = data.boards[bi];
    var box = el("div", "kg-board-block");
    box.setAttribute("data-board", bi);
    box.appendChild(el("h4", null, b.dataset + " \u00b7 " + b.metric));
    var meta = [DIRECTION[b.direction] || "direction unknown: not ranked", plural(b.rows.length, "row")];
    if (b.task) meta.push("task: " + b.task);
    if (b.left_out.length) meta.push(b.left_out.length + " left out (deltas, sizes, counts)");
    box.appendChild(el("p", "kg-meta", meta.join(" \u00b7 ")));
    box.appendChild(chart(b));
    var table = el("table", "kg-board");
    table.setAttribute("data-dataset", b.dataset);
    table.setAttribute("data-metric", b.metric);
    var head = el("tr");
    ["#", "method", b.metric, "settings"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    var thead = el("thead"); thead.appendChild(head); table.appendChild(thead);
    var tbody = el("tbody");
    b.rows.forEach(function (r) {
      var tr = el("tr", "kg-row-main");
      tr.appendChild(el("td", "kg-rank", r.rank === null ? "\u2013" : r.rank));
      tr.appendChild(el("td", "kg-method", r.method || "?"));
      tr.appendChild(el("td", "kg-value", r.shown));
      var st = el("td", "kg-settings");
      b.columns.forEach(function (c) {
        if (r.settings[c]) { var chip = el("span", "kg-setting", c + ": " + r.settings[c]); st.appendChild(chip); }
      });
      tr.appendChild(st);
      tbody.appendChild(tr);
      var ev = el("tr", "kg-evidence");
      var td = el("td", null, "\u201c" + r.sentence + "\u201d");
      td.colSpan = 4;
      td.appendChild(el("span", "kg-paper", "\u2014 " + (r.title || r.paper) + (r.date ? ", " + r.date : "") +
                                              (r.arxiv_id ? ", arXiv:" + r.arxiv_id : "")));
      ev.appendChild(td);
      tbody.appendChild(ev);
    });
    table.appendChild(tbody);
    box.appendChild(table);
    return box;
  }

  // the state of the art over time: every dated row a dot, the running best a step line
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) e.textContent = String(text);
    return e;
  }
  function when(date) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date || "");
    return m ? Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1) : null;
  }
  function chart(b) {
    var dated = b.rows.filter(function (r) { return when(r.date) !== null; });
    if (!b.direction) return el("p", "kg-note", "No state-of-the-art chart: which way is better is unknown for " + b.metric + ".");
    var days = {}; dated.forEach(function (r) { days[when(r.date)] = true; });
    if (Object.keys(days).length < 2) {
      return el("p", "kg-note", "State of the art over time: " + dated.length + " of " + b.rows.length +
                " rows come from a paper with a dated year" + (dated.length > 1 ? ", all of one date" : "") +
                "; the chart needs two dates.");
    }
    var best = {}; b.sota.forEach(function (id) { best[id] = true; });
    var W = 410, H = 190, L = 44, R = 12, T = 12, B = 24;
    var xs = dated.map(function (r) { return when(r.date); }), ys = dated.map(function (r) { return r.value; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    if (x1 === x0) { x0 -= 864e5 * 60; x1 += 864e5 * 60; }
    var pad = (y1 - y0) * 0.15 || Math.abs(y1) * 0.05 || 1; y0 -= pad; y1 += pad;
    function X(t) { return L + (W - L - R) * (t - x0) / (x1 - x0); }
    function Y(v) { return T + (H - T - B) * (1 - (v - y0) / (y1 - y0)); }
    var s = svg("svg", {"class": "kg-chart", width: W, height: H, viewBox: "0 0 " + W + " " + H, role: "img"});
    s.appendChild(svg("title", {}, b.dataset + " \u00b7 " + b.metric + ": state of the art over time"));
    s.appendChild(svg("line", {"class": "kg-axis", x1: L, y1: H - B, x2: W - R, y2: H - B}));
    s.appendChild(svg("line", {"class": "kg-axis", x1: L, y1: T, x2: L, y2: H - B}));
    s.appendChild(svg("text", {x: L - 4, y: Y(y1 - pad) + 3, "text-anchor": "end"}, +(y1 - pad).toPrecision(4)));
    s.appendChild(svg("text", {x: L - 4, y: Y(y0 + pad) + 3, "text-anchor": "end"}, +(y0 + pad).toPrecision(4)));
    var first = dated.reduce(function (a, r) { return when(r.date) < when(a.date) ? r : a; });
    var last = dated.reduce(function (a, r) { return when(r.date) > when(a.date) ? r : a; });
    s.appendChild(svg("text", {x: L, y: H - 8, "text-anchor": "start"}, first.date));
    s.appendChild(svg("text", {x: W - R, y: H - 8, "text-anchor": "end"}, last.date));
    var steps = b.rows.filter(function (r) { return best[r.result]; });
    steps.sort(function (a, c) { return when(a.date) - when(c.date); });
    if (steps.length) {
      var d = "M" + X(when(steps[0].date)) + "," + Y(steps[0].value);
      for (var i = 1; i < steps.length; i++) d += " H" + X(when(steps[i].date)) + " V" + Y(steps[i].value);
      d += " H" + X(x1 === when(last.date) ? x1 : when(last.date));
      s.appendChild(svg("path", {"class": "kg-step", d: d}));
    }
    dated.forEach(function (r) {
      var cx = X(when(r.date)), cy = Y(r.value), on = !!best[r.result];
      var dot = svg("circle", {"class": on ? "kg-dot-best" : "kg-dot", cx: cx, cy: cy, r: on ? 4 : 3});
      dot.appendChild(svg("title", {}, (r.method || "?") + ": " + r.shown + " (" + r.date + ")"));
      s.appendChild(dot);
      var right = cx < W - 90;
      s.appendChild(svg("text", {x: cx + (right ? 6 : -6), y: cy + (on ? -6 : 12), "text-anchor": right ? "start" : "end",
                                 "class": "kg-point-label"}, r.method || "?"));
    });
    return s;
  }

  network.on("click", function (p) {
    if (p.nodes.length) highlight(p.nodes[0]); else unhighlight();
  });

  // type and relation filters
  document.querySelectorAll("input.kg-type").forEach(function (b) {
    b.addEventListener("change", function () { state.types[b.value] = b.checked; apply(); });
  });
  document.querySelectorAll("input.kg-rel").forEach(function (b) {
    b.addEventListener("change", function () { state.rels[b.value] = b.checked; apply(); });
  });
  document.getElementById("kg-view-overview").addEventListener("click", function () { setView("overview"); });
  document.getElementById("kg-view-whole").addEventListener("click", function () { setView("whole"); });

  // search: in the overview, a name the overview shows is selected there; anything else shows the
  // matching nodes of the whole graph and their neighbours
  var names = document.getElementById("kg-names");
  var seenName = {};
  var frag = document.createDocumentFragment();
  data.nodes.forEach(function (n) {
    if (seenName[n.kgName]) return; seenName[n.kgName] = true;
    var o = document.createElement("option"); o.value = n.kgName; frag.appendChild(o);
  });
  names.appendChild(frag);
  var box = document.getElementById("kg-search");
  function matching(q) {
    var exact = [], part = [];
    data.nodes.forEach(function (n) {
      if (n.kgName.toLowerCase() === q) exact.push(n.id);
      else if (n.kgSearch.indexOf(q) !== -1) part.push(n.id);
    });
    return exact.concat(part);
  }
  function search(q, enter) {
    q = (q || "").trim().toLowerCase();
    if (!q) { state.search = null; state.matches = []; network.unselectAll(); apply(); return; }
    var found = matching(q);
    if (state.view === "overview" && found.length && (inOverview[found[0]] || state.shown[found[0]])) {
      if (enter) select(found[0]);
      state.matches = found;
      status.textContent = found.length + " match" + (found.length === 1 ? "" : "es") + ": Enter selects \u201c" + byId[found[0]].kgName + "\u201d";
      return;
    }
    if (state.view === "overview" && found.length) setView("whole");
    state.matches = found;
    if (!state.matches.length) { state.search = null; apply(); status.textContent = "No node matches \u201c" + q + "\u201d"; return; }
    var keep = new Set(state.matches);
    state.matches.forEach(function (id) { adj[id].forEach(function (v) { keep.add(v); }); });
    state.search = keep;
    apply();
    var shown = state.matches.filter(function (id) { return !nodes.get(id).hidden; });
    network.selectNodes(shown, false);
    if (shown.length) network.fit({nodes: shown.length > 200 ? shown.slice(0, 200) : shown, animation: false});
    fitLabels();
  }
  var timer = null;
  box.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { search(box.value); }, 150); });
  box.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      clearTimeout(timer); search(box.value, true);
      if (state.search !== null && state.matches.length) {
        var first = state.matches[0];
        network.selectNodes([first], false); highlight(first); network.focus(first, {scale: 1.0, animation: false}); fitLabels();
      }
    } else if (ev.key === "Escape") { box.value = ""; search(""); }
  });
  document.getElementById("kg-reset").addEventListener("click", function () {
    box.value = ""; unhighlight();
    document.querySelectorAll("input.kg-type,input.kg-rel").forEach(function (b) { b.checked = true; });
    Object.keys(state.types).forEach(function (k) { state.types[k] = true; });
    Object.keys(state.rels).forEach(function (k) { state.rels[k] = true; });
    state.search = null; state.matches = [];
    if (state.view !== data.view) setView(data.view);
    else { state.open = {}; state.shown = {}; apply(); fit(); }
  });

  function fitLabels() {
    if (state.view !== "whole") return;
    var s = network.getScale(), upd = [];
    if (!(s > 0)) return;
    big.forEach(function (n) {
      var size = labelSize(n, s);
      if (Math.abs(size - fontNow[n.id]) > 0.15 * fontNow[n.id]) { fontNow[n.id] = size; upd.push({id: n.id, font: {size: size}}); }
    });
    if (upd.length) nodes.update(upd);
  }
  var pending = false;
  network.on("zoom", function () {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; fitLabels(); });
  });
  fit();
  defaultPanel();
  var centres = data.nodes.filter(function (n) { return n.kgFocus; }).map(function (n) { return n.id; });
  if (centres.length) {
    network.selectNodes(centres, false);
    info.textContent = centres.map(function (id) { return byId[id].title; }).join("\n\n");
  }

  network.once("afterDrawing", function () {
    window.kgDrawnAt = performance.now();
    document.documentElement.setAttribute("data-kg-drawn", "1");
  });
  showStatus();
  // for tests and the curious: the vis-network objects and the page's own counts and actions
  window.kg = {network: network, nodes: nodes, edges: edges, count: count, search: search, highlight: highlight,
               unhighlight: unhighlight, graph: data.graph, setView: setView, unfold: unfold, fold: fold,
               select: select, openBoard: openBoard, state: state, overview: OV};
})();
