// chitieu dashboard: emphasise the item a link points to; draw charts when Plotly is present.
(function () {
  "use strict";

  function emphasiseTarget() {
    var old = document.querySelectorAll(".is-target");
    for (var i = 0; i < old.length; i++) old[i].classList.remove("is-target");
    var id = decodeURIComponent((location.hash || "").slice(1)) || (document.getElementById("hl") ? "hl" : "");
    if (!id) return;
    var el = document.getElementById(id);
    if (!el) return;
    el.classList.add("is-target");
    el.scrollIntoView({ block: "center" });
  }

  function readJSON(el, attr) {
    try { return JSON.parse(el.getAttribute(attr)); } catch (e) { return null; }
  }

  function drawCharts() {
    if (!window.Plotly) return;
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      var spec = readJSON(nodes[i], "data-chart");
      if (!spec) continue;
      var layout = Object.assign({ margin: { l: 50, r: 10, t: 30, b: 40 }, font: { size: 11 },
                                   separators: ",." }, spec.layout || {});
      window.Plotly.newPlot(nodes[i], spec.data, layout, { displaylogo: false, responsive: true });
      if (spec.links) linkPoints(nodes[i], spec.links);
    }
  }

  // A click on a point opens its page (a locality on the map, a sentence on a trend chart).
  function linkPoints(node, links) {
    node.on("plotly_click", function (ev) {
      var p = ev.points && ev.points[0];
      if (!p) return;
      var href = links[p.curveNumber] && links[p.curveNumber][p.pointIndex];
      if (href) location.href = href;
    });
  }

  window.addEventListener("hashchange", emphasiseTarget);
  document.addEventListener("DOMContentLoaded", function () { emphasiseTarget(); drawCharts(); });
})();
