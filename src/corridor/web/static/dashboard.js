/* corridor dashboard: draws every chart of the page from its JSON spec block, and wires
   the interactions (sortable tables, opportunity explanations, claim evidence).
   No inline script, no other origin: specs are <script type="application/json"> blocks. */
(function () {
  "use strict";

  var views = {};
  window.corridorViews = views;

  function readJSON(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }

  function embedAll() {
    var locale = readJSON("corridor-locale");
    var charts = Array.prototype.slice.call(document.querySelectorAll(".chart[data-spec]"));
    document.body.setAttribute("data-charts-total", String(charts.length));
    var jobs = charts.map(function (el) {
      var spec = readJSON(el.getAttribute("data-spec"));
      var options = {
        mode: el.getAttribute("data-mode") || "vega-lite",
        renderer: "svg",
        actions: false,
        ast: true,                 /* the expression interpreter: no eval, CSP-safe */
        defaultStyle: false,
        formatLocale: locale || undefined,
        tooltip: { disableDefaultStyle: true, theme: "corridor" }
      };
      return window.vegaEmbed(el, spec, options).then(function (result) {
        var id = el.id.replace(/^chart-/, "");
        views[id] = result.view;
        el.setAttribute("data-rendered", "1");
        if (hooks[id]) { hooks[id](result.view); }
      }).catch(function (err) {
        el.setAttribute("data-rendered", "error");
        el.textContent = String(err);
        console.error(err);
      });
    });
    Promise.all(jobs).then(function () {
      document.body.setAttribute("data-charts-rendered", String(charts.length));
      window.corridorReady = true;
    });
  }

  /* -- opportunities: a product's explanation from a bubble or a table row -- */
  function showExplanation(code) {
    var panel = document.getElementById("explain");
    if (!panel) { return; }
    var found = false;
    panel.querySelectorAll(".explanation").forEach(function (el) {
      var on = el.getAttribute("data-code") === code;
      el.hidden = !on;
      found = found || on;
    });
    var hint = document.getElementById("explain-hint");
    if (hint) { hint.hidden = found; }
    document.querySelectorAll("tr[data-id]").forEach(function (tr) {
      tr.classList.toggle("selected", tr.getAttribute("data-id") === code);
    });
  }

  var hooks = {
    scatter: function (view) {
      view.addEventListener("click", function (event, item) {
        if (item && item.datum && item.datum.product) { showExplanation(item.datum.product); }
      });
    }
  };

  function wireRows() {
    document.querySelectorAll("table[data-table='ranking'] tr[data-id]").forEach(function (tr) {
      var pick = function () { showExplanation(tr.getAttribute("data-id")); };
      tr.addEventListener("click", pick);
      tr.addEventListener("keydown", function (e) { if (e.key === "Enter") { pick(); } });
    });
  }

  /* -- claim checker: a claim's evidence on click -- */
  function showEvidence(index) {
    document.querySelectorAll(".evidence").forEach(function (el) {
      el.hidden = el.getAttribute("data-claim") !== index;
    });
    document.querySelectorAll("mark.claim").forEach(function (m) {
      m.classList.toggle("selected", m.getAttribute("data-claim") === index);
    });
  }

  function wireClaims() {
    document.querySelectorAll("mark.claim").forEach(function (m) {
      var pick = function () { showEvidence(m.getAttribute("data-claim")); };
      m.addEventListener("click", pick);
      m.addEventListener("keydown", function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); pick(); } });
    });
  }

  /* -- sortable tables: click a header; numbers sort by their data-sort value -- */
  function wireSorting() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      heads.forEach(function (th, col) {
        th.setAttribute("tabindex", "0");
        th.setAttribute("aria-sort", "none");
        var sort = function () {
          var desc = th.getAttribute("aria-sort") === "ascending";
          heads.forEach(function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", desc ? "descending" : "ascending");
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          var key = function (tr) {
            var td = tr.cells[col];
            var raw = (td.hasAttribute("data-sort") ? td.getAttribute("data-sort") : td.textContent).trim();
            return /^-?[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$/i.test(raw) ? parseFloat(raw) : raw;
          };
          rows.sort(function (a, b) {
            var x = key(a), y = key(b);
            var c = (typeof x === "number" && typeof y === "number") ? x - y : String(x).localeCompare(String(y));
            return desc ? -c : c;
          });
          rows.forEach(function (tr) { body.appendChild(tr); });
        };
        th.addEventListener("click", sort);
        th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
      });
    });
  }

  function start() {
    wireSorting();
    wireRows();
    wireClaims();
    embedAll();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
