// Statistics pages (plugin stats): the « Imprimer » button, and every folded list or data table
// unfolded while printing (the print layout shows all the numbers).
(function () {
  "use strict";
  var replis = [];
  window.addEventListener("beforeprint", function () {
    replis = Array.prototype.filter.call(document.querySelectorAll("details.stats-repli"), function (d) { return !d.open; });
    replis.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    replis.forEach(function (d) { d.open = false; });
    replis = [];
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-stats-imprimer]").forEach(function (bouton) {
      bouton.hidden = false;
      bouton.addEventListener("click", function () { window.print(); });
    });
  });
})();
