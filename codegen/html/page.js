/* symprop's HTML sheet: typeset every formula with KaTeX (the Unicode text stays where one
   fails, and the failure is logged), and highlight a chain rule's path and factors on a click. */
(function () {
  "use strict";
  if (window.katex) {
    document.querySelectorAll("[data-tex]").forEach(function (el) {
      var tex = el.getAttribute("data-tex");
      try {
        window.katex.render(tex, el, { displayMode: el.classList.contains("md"), throwOnError: true });
        el.classList.add("typeset");
      } catch (err) {
        console.error("symprop: a formula was left as text (" + err.message + "): " + tex.slice(0, 120));
      }
    });
  }
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
