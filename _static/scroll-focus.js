// Give every block of the page's content that scrolls (code, wide tables, outputs) a tab stop,
// so that a keyboard can reach and scroll it (axe: scrollable-region-focusable). Runs again
// when the window is resized, since what scrolls on a phone may fit on a laptop.
(function () {
  "use strict";
  function scrolls(el, style) {
    return (/auto|scroll/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) ||
           (/auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1);
  }
  function mark() {
    var main = document.getElementById("furo-main-content") || document.body;
    var all = main.querySelectorAll("*");
    for (var i = 0; i < all.length; i++) {
      var el = all[i];
      if (!el.hasAttribute("tabindex") && scrolls(el, window.getComputedStyle(el))) {
        el.setAttribute("tabindex", "0");
      }
    }
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(mark, 150); }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("load", mark);
  window.addEventListener("resize", later);
})();
