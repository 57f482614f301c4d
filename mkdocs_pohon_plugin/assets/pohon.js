/* Pohon: run a function on every page the reader opens: once the page is parsed, and again after
 * each of Material's instant navigations (its document$ observable), whichever the site uses. */
window.pohonOnEveryPage = function (fn) {
  "use strict";
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(fn); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fn);
  } else {
    fn();
  }
};

/* Pohon: sortable and filterable tables, without any library or network request.
 * Tables inside an element with the class "pohon-sortable" get a filter box above them and
 * sortable column headers (click or Enter/Space). Numbers are read in Indonesian notation
 * ("1.234,5", "96,77 %"); other columns sort as text. */
(function () {
  "use strict";

  var NUMBER = /^[-+]?[\d.]+(,\d+)?\s*%?(\s*\(\d{4}\))?$/;

  function cellValue(row, index) {
    var cell = row.cells[index];
    return cell ? cell.textContent.trim() : "";
  }

  function toNumber(text) {
    var main = text.replace(/\s*\(\d{4}\)$/, "").replace(/\s*%$/, "");
    return parseFloat(main.replace(/\./g, "").replace(",", "."));
  }

  function isNumericColumn(rows, index) {
    var seen = false;
    for (var i = 0; i < rows.length; i++) {
      var text = cellValue(rows[i], index);
      if (text === "" || text === "–" || text === "-") continue;
      if (!NUMBER.test(text)) return false;
      seen = true;
    }
    return seen;
  }

  function sortBy(table, index, header) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var numeric = isNumericColumn(rows, index);
    rows.sort(function (a, b) {
      var x = cellValue(a, index), y = cellValue(b, index);
      var result;
      if (numeric) {
        var nx = toNumber(x), ny = toNumber(y);
        if (isNaN(nx)) nx = -Infinity;
        if (isNaN(ny)) ny = -Infinity;
        result = nx - ny;
      } else {
        result = x.localeCompare(y, "id", { numeric: true, sensitivity: "base" });
      }
      return ascending ? result : -result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) {
      cell.removeAttribute("aria-sort");
    });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  }

  function addFilter(wrapper, table) {
    var label = document.createElement("label");
    label.className = "pohon-filter";
    var text = document.createElement("span");
    text.textContent = wrapper.getAttribute("data-filter-label") || "Saring";
    var input = document.createElement("input");
    input.type = "search";
    input.placeholder = wrapper.getAttribute("data-filter-placeholder") || "";
    var count = document.createElement("output");
    label.appendChild(text);
    label.appendChild(input);
    label.appendChild(count);
    wrapper.insertBefore(label, wrapper.firstChild);
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var haystack = row.textContent.toLowerCase();
        var match = terms.every(function (term) { return haystack.indexOf(term) !== -1; });
        row.hidden = !match;
        if (match) shown++;
      });
      count.textContent = shown + " / " + rows.length;
    }
    input.addEventListener("input", apply);
    // Every row is shown at first: only the count is written (no pass over the rows before
    // the page is ready).
    count.textContent = rows.length + " / " + rows.length;
  }

  function enhance(wrapper) {
    if (wrapper.getAttribute("data-pohon-ready")) return;
    var table = wrapper.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    wrapper.setAttribute("data-pohon-ready", "1");
    addFilter(wrapper, table);
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header, index) {
      header.tabIndex = 0;
      header.classList.add("pohon-sort");
      header.addEventListener("click", function () { sortBy(table, index, header); });
      header.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          sortBy(table, index, header);
        }
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pohon-sortable"), enhance);
  }

  window.pohonOnEveryPage(init);
})();

/* ==== Pohon: wide tables (issue 16) ====
 * A table in a scroll container (.pohon-table > .pohon-scroll-frame > .pohon-scroll, macro
 * `scroll` of _macros.html.j2) that is wider than the screen: data-more on .pohon-table says on
 * which side there is more ("left", "right"), for the stylesheet's shadow and hint. */
(function () {
  "use strict";

  function update(box) {
    var scroller = box.querySelector(".pohon-scroll");
    if (!scroller) return;
    var more = [];
    var rest = scroller.scrollWidth - scroller.clientWidth - scroller.scrollLeft;
    if (scroller.scrollLeft > 1) more.push("left");
    if (rest > 1) more.push("right");
    if (more.length) box.setAttribute("data-more", more.join(" "));
    else box.removeAttribute("data-more");
  }

  /* Material wraps every other table (a site's own Markdown tables) in .md-typeset__scrollwrap,
   * which scrolls but cannot be reached by keyboard: it gets tabindex and, named by the heading
   * above it, the role of a region. */
  function reachable(wrap) {
    if (wrap.closest(".pohon-scroll") || wrap.hasAttribute("tabindex")) return;
    wrap.tabIndex = 0;
    var heading = null;
    for (var el = wrap; el && !heading; el = el.previousElementSibling || el.parentElement) {
      if (/^H[1-6]$/.test(el.tagName) && el.id) heading = el;
      if (el.classList && el.classList.contains("md-content")) break;
    }
    if (heading) {
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-labelledby", heading.id);
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), reachable);
    var boxes = document.querySelectorAll(".pohon-table");
    var observer = typeof ResizeObserver === "undefined" ? null
      : new ResizeObserver(function (entries) {
        entries.forEach(function (entry) { update(entry.target.closest(".pohon-table")); });
      });
    Array.prototype.forEach.call(boxes, function (box) {
      var scroller = box.querySelector(".pohon-scroll");
      if (!scroller || scroller.getAttribute("data-pohon-watched")) return;
      scroller.setAttribute("data-pohon-watched", "1");
      scroller.addEventListener("scroll", function () { update(box); }, { passive: true });
      // A ResizeObserver reports every box once after the first layout: measuring here would
      // force that layout (of the whole page) while the page is still being made ready.
      if (observer) observer.observe(scroller);
      else update(box);
    });
  }

  window.pohonOnEveryPage(init);
})();
/* ==== end of wide tables ==== */

/* ==== Pohon: folded on a phone (issue 16) ====
 * A <details data-pohon-open-wide> (the crosscutting matrix of a big regency) is closed in the
 * HTML, so a phone does not lay out its table while the page loads; on a wide screen it is opened
 * once the page is ready, and before printing. */
(function () {
  "use strict";
  var WIDE = "(min-width: 60em)";

  function open(all) {
    Array.prototype.forEach.call(document.querySelectorAll("details[data-pohon-open-wide]"),
      function (details) {
        if (all || details.getAttribute("data-pohon-opened") === null) {
          details.setAttribute("data-pohon-opened", "1");
          details.open = true;
        }
      });
  }

  function init() {
    if (window.matchMedia && window.matchMedia(WIDE).matches) open(false);
  }

  window.addEventListener("beforeprint", function () { open(true); });
  window.pohonOnEveryPage(init);
})();
/* ==== end of folded on a phone ==== */

/* ==== Pohon: the finder of a split listing (issue 19) ====
 * The index page of a listing too long for one page (all indicators, the code index) has a
 * .pohon-finder box, hidden without JavaScript (the agencies' pages give every row then). Shown
 * here; on first use it fetches the listing's data file (data-src, from this site only: a
 * relative URL) and lists the rows whose id or code, name and agency hold every word typed, as
 * links (data-root leads from this page to the site root, which the file's URLs start from).
 * Names are written as text, never as HTML. */
(function () {
  "use strict";

  var SHOWN = 50; // matches listed at most; the count says how many there are

  function words(text) {
    return text.toLowerCase().split(/\s+/).filter(Boolean);
  }

  function finder(box) {
    if (box.getAttribute("data-pohon-ready")) return;
    box.setAttribute("data-pohon-ready", "1");
    var input = box.querySelector("input");
    var status = box.querySelector(".pohon-finder__status");
    var list = box.querySelector(".pohon-finder__results");
    if (!input || !status || !list) return;
    var root = box.getAttribute("data-root") || "./";
    var data = null; // {rows, groups, haystacks} once loaded
    var loading = null;

    function say(key, number) {
      var text = box.getAttribute("data-" + key) || "";
      status.textContent = number === undefined ? text : text.replace("#", String(number));
    }

    function load() {
      if (loading) return loading;
      say("loading");
      loading = fetch(box.getAttribute("data-src"), { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (json) {
          var groups = json.groups || [];
          var rows = json.rows || [];
          data = {
            rows: rows,
            groups: groups,
            haystacks: rows.map(function (row) {
              var group = groups[row[2]] || [];
              return [row[0], row[1], group[0] || "", group[1] || ""].join(" ").toLowerCase();
            })
          };
          show();
        })
        .catch(function () {
          loading = null; // the next keystroke tries again
          say("error");
        });
      return loading;
    }

    function item(row) {
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + row[3];
      link.textContent = row[1];
      li.appendChild(link);
      var group = data.groups[row[2]] || [];
      var meta = document.createElement("span");
      meta.className = "pohon-finder__meta";
      meta.textContent = [row[0], group[0]].filter(Boolean).join(" · ");
      li.appendChild(document.createTextNode(" "));
      li.appendChild(meta);
      return li;
    }

    function show() {
      var terms = words(input.value);
      list.textContent = "";
      if (!terms.length) {
        status.textContent = "";
        return;
      }
      if (!data) {
        load();
        return;
      }
      var found = 0;
      var fragment = document.createDocumentFragment();
      for (var i = 0; i < data.rows.length; i++) {
        var haystack = data.haystacks[i];
        var match = true;
        for (var t = 0; t < terms.length && match; t++) match = haystack.indexOf(terms[t]) !== -1;
        if (!match) continue;
        if (found < SHOWN) fragment.appendChild(item(data.rows[i]));
        found++;
      }
      list.appendChild(fragment);
      if (!found) say("none");
      else if (found > SHOWN) say("more", found);
      else say("count", found);
    }

    input.addEventListener("focus", function () { if (!data) load(); });
    input.addEventListener("input", show);
    box.hidden = false;
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".pohon-finder[data-src]"), finder);
  }

  window.pohonOnEveryPage(init);
})();
/* ==== end of the finder ==== */

/* Pohon: printed diagrams fit the page. Diagrams keep their natural size on screen (scrolling
 * sideways); a printed page cannot scroll, so each rendered diagram gets --pohon-print-zoom, the
 * factor that fits it into one A4 landscape page, used only by the print stylesheet. */
(function () {
  "use strict";
  var PRINT_WIDTH = 1000; // CSS px inside A4 landscape with 10 mm margins (277 mm), a little spare
  var PRINT_HEIGHT = 600; // CSS px of the page height (186 mm) left under a heading

  function measure() {
    Array.prototype.forEach.call(document.querySelectorAll(".pohon-diagram .mermaid"), function (el) {
      var width = el.scrollWidth, height = el.scrollHeight;
      if (width > 0 && height > 0) {
        var zoom = Math.min(1, PRINT_WIDTH / width, PRINT_HEIGHT / height);
        el.style.setProperty("--pohon-print-zoom", String(Math.round(zoom * 1000) / 1000));
      }
    });
  }

  function watch() {
    measure();
    if (typeof ResizeObserver === "undefined") return;
    var observer = new ResizeObserver(measure);
    Array.prototype.forEach.call(document.querySelectorAll(".pohon-diagram"), function (el) {
      observer.observe(el);
      Array.prototype.forEach.call(el.children, function (child) { observer.observe(child); });
    });
  }

  window.addEventListener("beforeprint", measure);
  // after the page's other scripts (the diagrams are drawn later still; the observer sees them)
  window.pohonOnEveryPage(function () { setTimeout(watch, 0); });
})();

/* Lineage groups and the supporting budget (issue 13) are collapsible <details>: a printed page
 * shows them all (Chromium does not print the inside of a closed one). */
(function () {
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(
      document.querySelectorAll(".pohon-lineage details, details.pohon-funding-list"),
      function (details) { details.open = true; }
    );
  });
})();
