
/* Pohon: Mermaid from the site itself, fetched only when a diagram comes near the screen.
 * The plugin appends this part to pohon.js when the site serves Mermaid (option mermaid_js), so
 * no page references mermaid.min.js (5.5 MB) and pages without a diagram never load it.
 *
 * Material renders every `pre.mermaid` itself: at DOMContentLoaded it looks for a global
 * `mermaid` and, when there is none, loads Mermaid from a CDN. This script stands in for that
 * global before then (it runs as a deferred script): `initialize` keeps Material's settings and
 * `render` waits until a diagram is within a screen's height of the viewport (any time on a
 * browser without IntersectionObserver, or when printing), then adds a script tag for
 * mermaid.min.js next to this file (so a site under a sub-path works), hands it Material's
 * settings and renders. Mermaid then replaces the global, and later pages use it directly.
 *
 * Narrow screens (600 px or less): a diagram of the pohon plugin drawn left to right (its
 * source starts with INIT and `flowchart LR`) is drawn top-down instead. After a diagram of the
 * plugin is drawn wider than its box, the box scrolls sideways to the page's own node (the red
 * border) or the root, so the first screen of it is never empty. Boxes that take the keyboard
 * focus keep clear of Material's sticky header (scroll-margin inside the diagram's styles). */
(function () {
  "use strict";
  var INIT = '%%{init: {"flowchart": {"useMaxWidth": false, "nodeSpacing": 24, ' +
    '"rankSpacing": 40}}}%%'; // mermaid.py's INIT
  var NARROW = "(max-width: 600px)";
  // A wide tree turned top-down on a narrow screen: boxes closer together and narrower, so
  // more of it fits a screen.
  var NARROW_INIT = '%%{init: {"flowchart": {"useMaxWidth": false, "nodeSpacing": 16, ' +
    '"rankSpacing": 36, "wrappingWidth": 150}}}%%';
  var NEAR = "100% 0px"; // a screen's height above and below the viewport
  var FOCUS_CSS = "a{scroll-margin-top:4.5rem;scroll-margin-bottom:1rem}" +
    "a:focus-visible{outline:3px solid #1b4965;outline-offset:2px}";
  var script = document.currentScript;
  if (!script || !script.src) return;
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) return;
  var source = new URL("mermaid.min.js", script.src).href;

  var settings = null;
  var loading = null;
  var near = false;
  var nearNow = null;
  var whenNear = new Promise(function (resolve) { nearNow = resolve; });
  var watched = typeof WeakSet !== "undefined" ? new WeakSet() : null;
  var observer = null;

  function trigger() {
    if (near) return;
    near = true;
    if (observer) observer.disconnect();
    nearNow();
  }

  function watchDiagrams() {
    if (near) return;
    if (typeof IntersectionObserver === "undefined" || !watched) {
      trigger();
      return;
    }
    if (!observer) {
      observer = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i].isIntersecting) { trigger(); return; }
        }
      }, { rootMargin: NEAR });
      window.addEventListener("beforeprint", trigger);
    }
    Array.prototype.forEach.call(document.querySelectorAll(".pohon-diagram, pre.mermaid"),
      function (el) {
        if (!watched.has(el)) { watched.add(el); observer.observe(el); }
      });
  }

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var tag = document.createElement("script");
        tag.src = source;
        tag.async = true;
        tag.onload = function () {
          var real = window.mermaid;
          if (!real || typeof real.render !== "function") {
            reject(new Error("pohon: " + source + " did not define mermaid"));
            return;
          }
          real.initialize(settings || { startOnLoad: false });
          resolve(real);
        };
        tag.onerror = function () { reject(new Error("pohon: could not load " + source)); };
        document.head.appendChild(tag);
      });
    }
    return loading;
  }

  function ours(text) {
    return text.replace(/^\s+/, "").indexOf(INIT) === 0;
  }

  function forScreen(text) {
    if (!ours(text) || !window.matchMedia || !window.matchMedia(NARROW).matches) return text;
    var lines = text.replace(/^\s+/, "").split("\n");
    if (lines[1] !== "flowchart LR") return text;
    lines[0] = NARROW_INIT;
    lines[1] = "flowchart TB";
    return lines.join("\n");
  }

  // The diagram box whose (not yet replaced) source is `text`.
  function boxOf(text) {
    var boxes = document.querySelectorAll(".pohon-diagram");
    for (var i = 0; i < boxes.length; i++) {
      var pre = boxes[i].querySelector("pre.mermaid");
      if (pre && pre.textContent === text && !boxes[i].hasAttribute("data-pohon-drawn")) {
        return boxes[i];
      }
    }
    return null;
  }

  // Where the page's own node (else the first box, the root) lies across the drawn svg (0–1).
  function anchorOf(svg) {
    // Parsed as HTML: the labels' HTML (<br>) is not well-formed XML.
    var doc = new DOMParser().parseFromString(svg, "text/html");
    var root = doc.querySelector("svg");
    var box = doc.querySelector("g.node.focus") || doc.querySelector("g.node");
    if (!root) return null;
    var view = (root.getAttribute("viewBox") || "").split(/[\s,]+/).map(Number);
    if (!box || view.length !== 4 || !(view[2] > 0)) return null;
    // A box with a link sits in an <a>, which carries the box's position.
    var place = box.getAttribute("transform") || box.parentNode.getAttribute("transform") || "";
    var match = /translate\(\s*([-\d.]+)/.exec(place);
    return match ? (Number(match[1]) - view[0]) / view[2] : null;
  }

  function scrollTo(box, anchor) {
    if (!box || anchor === null) return;
    var wide = box.scrollWidth - box.clientWidth;
    if (wide <= 0) return;
    box.scrollLeft = Math.max(0, Math.min(wide, anchor * box.scrollWidth - box.clientWidth / 2));
  }

  window.mermaid = {
    initialize: function (options) {
      settings = Object.assign({}, options, {
        startOnLoad: false,
        themeCSS: ((options && options.themeCSS) || "") + FOCUS_CSS,
      });
    },
    render: function (id, text) {
      var box = ours(text) ? boxOf(text) : null;
      if (box) box.setAttribute("data-pohon-drawn", "");
      watchDiagrams();
      return whenNear.then(load).then(function (real) {
        return real.render(id, forScreen(text)).then(function (result) {
          if (box) {
            var anchor = anchorOf(result.svg);
            // Material puts the svg in place once this promise is resolved.
            setTimeout(function () { scrollTo(box, anchor); }, 0);
          }
          return result;
        });
      });
    },
  };
})();
