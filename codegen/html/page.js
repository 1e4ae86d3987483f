/* symprop's HTML sheet: typeset every formula with KaTeX (the Unicode text stays where one
   fails, and the failure is logged), and highlight a chain rule's path and factors on a click. */
(function () {
  "use strict";
  // the top of the page first (a paint with the Unicode text, then its math), the rest in
  // slices of 400 ms so clicks are answered meanwhile (each slice costs one layout of the page:
  // fewer, longer slices finish sooner); <html data-typeset="done"> when all are set
  var pending = Array.prototype.slice.call(document.querySelectorAll("[data-tex]"));
  function typeset(el) {
    var tex = el.getAttribute("data-tex");
    try {
      window.katex.render(tex, el, { displayMode: el.classList.contains("md"), throwOnError: true });
      el.classList.add("typeset");
    } catch (err) {
      console.error("symprop: a formula was left as text (" + err.message + "): " + tex.slice(0, 120));
    }
  }
  function slice(first) {
    var end = Date.now() + 400;
    for (var n = 0; pending.length && (first ? n < 60 : Date.now() < end); n++) { typeset(pending.shift()); }
    if (pending.length) {
      setTimeout(slice, 0);
    } else {
      document.documentElement.setAttribute("data-typeset", "done");
    }
  }
  if (window.katex) { slice(true); }
  // a copy of the diagram, pinned to a corner while a chain is highlighted and the diagram
  // itself is scrolled away (its parts carry data-for="id" instead of the id)
  var figure = document.querySelector("figure.diagram svg"), mini = null, active = false, seen = true;
  if (figure) {
    mini = document.createElement("div");
    mini.className = "minimap";
    mini.hidden = true;
    var copy = figure.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (el) {
      el.setAttribute("data-for", el.id);
      el.removeAttribute("id");
    });
    copy.removeAttribute("width");
    copy.removeAttribute("height");
    copy.removeAttribute("role");
    copy.setAttribute("aria-hidden", "true");
    mini.appendChild(copy);
    document.body.appendChild(mini);
    if (window.IntersectionObserver) {
      new IntersectionObserver(function (entries) {
        seen = entries[entries.length - 1].isIntersecting;
        pin();
      }).observe(figure);
    }
  }
  function pin() {
    if (mini) { mini.hidden = !(active && !seen); }
  }
  var marks = ["on", "hl", "ref"];
  function clear() {
    marks.forEach(function (c) {
      document.querySelectorAll("." + c).forEach(function (el) { el.classList.remove(c); });
    });
    document.querySelectorAll("[data-hl-f]").forEach(function (el) { el.removeAttribute("data-hl-f"); });
  }
  function show(el) {
    var was = el.classList.contains("on");
    clear();
    active = !was;
    pin();
    if (was) { return; }
    el.classList.add("on");
    (el.getAttribute("data-path") || "").split(" ").forEach(function (id) {
      var part = id && document.getElementById(id);
      if (part) { part.classList.add("hl"); }
      var copy = id && mini && mini.querySelector('[data-for="' + id + '"]');
      if (copy) { copy.classList.add("hl"); }
    });
    (el.getAttribute("data-refs") || "").split(" ").forEach(function (ref) {
      var bits = ref.split(":"), part = bits[0] && document.getElementById(bits[0]);
      if (!part) { return; }
      part.classList.add("ref");
      if (bits.length > 1) { part.setAttribute("data-hl-f", bits[1]); }
    });
  }
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest(".card, .pick");
    if (el) { show(el); } else if (mini && mini.contains(ev.target)) { active = false; pin(); }
  });
  document.addEventListener("keydown", function (ev) {
    var el = document.activeElement;
    if ((ev.key === "Enter" || ev.key === " ") && el && el.classList.contains("card")) {
      ev.preventDefault();
      show(el);
    }
  });
}());
