/* Pohon: Material's search box in the header, answered by Pagefind (search: pagefind).
 *
 * The box is Material's markup without Material's JavaScript hooks (theme_overrides/partials/
 * search.html). This script, without any library, loads pagefind/pagefind.js the first time the
 * box gets the focus (a dynamic import: the bundle then fetches only the index chunks and page
 * fragments of the words searched), searches as the reader types (debounced), and renders the
 * results into Material's result list: the page title as a link, the excerpt with the words found
 * marked, and the page's OPD and level (Pagefind filters "opd" and "tingkat"); a list of the
 * OPD narrows the search to one (its values are loaded only when the reader asks for the list:
 * on a big regency Pagefind's filter data outweighs a whole query). Every text is put in as text; only
 * Pagefind's <mark> around the words found becomes markup. Enter opens the first result, the
 * arrow keys move through the results, Escape closes, "/", "s" or "f" opens the box. */
(function () {
  "use strict";

  var root = document.querySelector("[data-pohon-search]");
  if (!root || root.getAttribute("data-pohon-ready")) return;
  root.setAttribute("data-pohon-ready", "1");

  var PAGE_SIZE = 10;
  var DEBOUNCE_MS = 200;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var status = root.querySelector(".pohon-search__status");
  var filter = root.querySelector(".pohon-search__filter");
  var filterOpen = root.querySelector(".pohon-search__filter-open");
  var list = root.querySelector(".md-search-result__list");
  var scrollwrap = root.querySelector(".md-search__scrollwrap");
  var toggle = document.getElementById("__search");
  var words = {};
  try {
    words = JSON.parse(root.getAttribute("data-pohon-labels") || "{}");
  } catch (e) {
    words = {};
  }
  var language = document.documentElement.lang || "id";
  var bundleUrl = new URL(root.getAttribute("data-pohon-bundle"), location.href).href;

  var pagefind = null; // the promise of the loaded bundle
  var generation = 0; // bumped by every new query: late answers of older ones are dropped
  var results = [];
  var shown = 0;
  var filtersLoaded = false;

  function word(key, fallback) {
    return words[key] || fallback;
  }

  function setStatus(text) {
    status.textContent = text;
  }

  /* The status line: how many results; with none, what to try instead (the query is put in as
   * text: setStatus uses textContent). */
  function countText(count, query) {
    if (count === 0) {
      if (!query) return word("search_none", "Tidak ada hasil");
      return word(
        "search_none_for",
        "Tidak ada hasil untuk \u201c#\u201d \u2014 coba kata lain, nama OPD atau kode."
      ).replace("#", function () {
        return query;
      });
    }
    var template = count === 1 ? word("search_one", "1 hasil") : word("search_other", "# hasil");
    return template.replace("#", count.toLocaleString(language));
  }

  function setOpen(open) {
    if (toggle && toggle.checked !== open) {
      toggle.checked = open;
      toggle.dispatchEvent(new Event("change"));
    }
    list.hidden = !open;
    list.setAttribute("role", open ? "list" : "presentation");
  }

  /* A big site's index is written in shards (pagefind/shard-2/, …) so that Pagefind's memory
   * stays bounded while building; pohon-shards.json lists them and each is merged into the one
   * search (they share the first bundle's script and WebAssembly). A bundle without the list
   * (one indexed by hand) is one shard. */
  function mergeShards(module) {
    return fetch(new URL("pohon-shards.json", bundleUrl).href)
      .then(function (response) {
        return response.ok ? response.json() : { shards: [] };
      })
      .then(function (manifest) {
        var shards = (manifest && manifest.shards) || [];
        return Promise.all(
          shards.map(function (shard) {
            return module.mergeIndex(new URL(shard, bundleUrl).pathname);
          })
        );
      });
  }

  function load() {
    if (!pagefind) {
      setStatus(word("search_loading", "Memuat pencarian …"));
      pagefind = import(bundleUrl).then(function (module) {
        // An agency's page carries its names as "alias" metadata (opd.html.j2): a match there
        // ranks first, so "dinkes" or "Dinas Kesehatan" opens the agency, not a page naming it.
        var ranking = { metaWeights: { title: 5, alias: 25 } };
        return Promise.resolve(module.options({ excerptLength: 24, ranking: ranking }))
          .then(function () {
            return module.init();
          })
          .then(function () {
            return mergeShards(module);
          })
          .then(function () {
            return module;
          });
      });
      pagefind.then(
        function () {
          if (!input.value.trim()) setStatus(word("search_hint", "Ketik untuk mencari"));
        },
        function (error) {
          pagefind = null; // try again on the next focus
          setStatus(word("search_error", "Pencarian tidak dapat dimuat"));
          if (window.console) console.warn("pohon-search:", error);
        }
      );
    }
    return pagefind;
  }

  /* Pagefind's excerpt is the page's text with <mark> around the words found: everything else in
   * it is text (a page may well contain "<script>" as words), so it is rebuilt node by node. */
  function excerptNodes(excerpt, parent) {
    var marked = false;
    String(excerpt || "")
      .split(/(<mark>|<\/mark>)/)
      .forEach(function (part) {
        if (part === "<mark>") {
          marked = true;
        } else if (part === "</mark>") {
          marked = false;
        } else if (part) {
          var text = document.createTextNode(part);
          if (marked) {
            var mark = document.createElement("mark");
            mark.appendChild(text);
            parent.appendChild(mark);
          } else {
            parent.appendChild(text);
          }
        }
      });
  }

  /* Pagefind answers a word it does not know with the longest prefix of it that it does know
   * ("xyzzy" finds every "x"; upstream behaviour, no option turns it off). When the best result
   * matches nothing but such a short stand-in of a word searched, there is no result to show. */
  function standInOnly(data, query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    var marks = (String(data.excerpt || "").match(/<mark>[^<]*<\/mark>/g) || []).map(function (m) {
      return m
        .slice(6, -7)
        .toLowerCase()
        .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
    });
    if (!terms.length || !marks.length) return false;
    return marks.every(function (mark) {
      return terms.some(function (term) {
        return term !== mark && term.indexOf(mark) === 0 && mark.length < 0.6 * term.length;
      });
    });
  }

  function facets(data) {
    var filters = data.filters || {};
    var parts = [];
    ["opd", "tingkat"].forEach(function (name) {
      (filters[name] || []).forEach(function (value) {
        if (parts.indexOf(value) < 0) parts.push(value);
      });
    });
    return parts.join(" · ");
  }

  function resultItem(data, first) {
    var item = document.createElement("li");
    item.className = "md-search-result__item";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (first) {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    var title = document.createElement(first ? "h1" : "h2");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.appendChild(title);
    var excerpt = document.createElement("p");
    excerptNodes(data.excerpt, excerpt);
    article.appendChild(excerpt);
    var where = facets(data);
    if (where) {
      var line = document.createElement("p");
      line.className = "pohon-search__facets";
      line.textContent = where;
      article.appendChild(line);
    }
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function showMore(mine, query) {
    var next = results.slice(shown, shown + PAGE_SIZE);
    var start = shown;
    shown += next.length;
    return Promise.all(
      next.map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (mine !== generation) return;
      if (start === 0 && pages.length && query && standInOnly(pages[0], query)) {
        results = [];
        setStatus(countText(0, query));
        return;
      }
      setStatus(countText(results.length, query));
      var old = list.querySelector(".pohon-search__more-item");
      if (old) old.remove();
      pages.forEach(function (data, index) {
        list.appendChild(resultItem(data, start + index === 0));
      });
      if (shown < results.length) {
        var item = document.createElement("li");
        item.className = "md-search-result__item pohon-search__more-item";
        var button = document.createElement("button");
        button.type = "button";
        button.className = "pohon-search__more";
        button.textContent = word("search_more", "Tampilkan lebih banyak");
        button.addEventListener("click", function () {
          button.disabled = true;
          showMore(mine, query);
        });
        item.appendChild(button);
        list.appendChild(item);
      }
    });
  }

  function loadFilters() {
    if (filtersLoaded || !filter) return;
    filtersLoaded = true;
    filterOpen.disabled = true;
    load()
      .then(function (module) {
        return module.filters();
      })
      .then(function (all) {
        var opd = (all && all.opd) || {};
        var names = Object.keys(opd).sort(function (a, b) {
          return a.localeCompare(b, language);
        });
        filterOpen.hidden = true;
        if (names.length < 2) return;
        names.forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          option.textContent = name;
          filter.appendChild(option);
        });
        filter.hidden = false;
        filter.focus();
      })
      .catch(function (error) {
        filtersLoaded = false;
        filterOpen.disabled = false;
        if (window.console) console.warn("pohon-search:", error);
      });
  }

  function search() {
    var mine = ++generation;
    var query = input.value.trim();
    var opd = filter && filter.value;
    if (!query && !opd) {
      results = [];
      shown = 0;
      list.textContent = "";
      setStatus(word("search_hint", "Ketik untuk mencari"));
      return;
    }
    load()
      .then(function (module) {
        var options = opd ? { filters: { opd: opd } } : {};
        return module.debouncedSearch(query || null, options, DEBOUNCE_MS).then(function (found) {
          if (found === null || mine !== generation) return; // a newer query took over
          results = found.results || [];
          shown = 0;
          list.textContent = "";
          if (!results.length) setStatus(countText(0, query));
          if (scrollwrap) scrollwrap.scrollTop = 0;
          if (filter && filterOpen && !filtersLoaded && results.length) filterOpen.hidden = false;
          return showMore(mine, query);
        });
      })
      .catch(function (error) {
        if (mine !== generation) return;
        setStatus(word("search_error", "Pencarian tidak dapat dimuat"));
        if (window.console) console.warn("pohon-search:", error);
      });
  }

  function links() {
    return Array.prototype.slice.call(
      list.querySelectorAll(".md-search-result__link, .pohon-search__more")
    );
  }

  function editable(element) {
    if (!element) return false;
    var tag = element.tagName;
    return element.isContentEditable || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT";
  }

  input.addEventListener("focus", function () {
    setOpen(true);
    load();
  });
  input.addEventListener("input", search);
  if (filter) filter.addEventListener("change", search);
  if (filterOpen) filterOpen.addEventListener("click", loadFilters);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      if (filter) filter.value = "";
      search();
      input.focus();
    });
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      list.hidden = !toggle.checked;
      if (toggle.checked && document.activeElement !== input) input.focus();
    });
  }
  // The header's magnifier (phones) opens the box: put the cursor in it.
  Array.prototype.forEach.call(
    document.querySelectorAll("header label[for='__search']"),
    function (label) {
      label.addEventListener("click", function () {
        setTimeout(function () {
          if (toggle && toggle.checked) input.focus();
        });
      });
    }
  );
  // Leaving the box with Tab (to the page behind it) closes it, as Material's does.
  root.addEventListener("focusout", function (event) {
    var next = event.relatedTarget;
    if (next && !root.contains(next)) setOpen(false);
  });
  list.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("a")) setOpen(false);
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var open = toggle ? toggle.checked : true;
    var active = document.activeElement;
    if (!open || !root.contains(active)) {
      if ((event.key === "/" || event.key === "s" || event.key === "f") && !editable(active)) {
        event.preventDefault();
        input.focus();
        input.select();
      }
      return;
    }
    if (event.key === "Escape") {
      setOpen(false);
      input.blur();
    } else if (event.key === "Enter" && active === input) {
      event.preventDefault();
      var first = list.querySelector(".md-search-result__link");
      if (first) first.click();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var items = [input].concat(links());
      var at = Math.max(0, items.indexOf(active));
      var step = event.key === "ArrowDown" ? 1 : -1;
      items[(at + step + items.length) % items.length].focus();
      event.preventDefault();
    }
  });

  list.hidden = !(toggle && toggle.checked);
})();
