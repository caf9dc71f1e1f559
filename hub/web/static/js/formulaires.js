// Progressive enhancement of the forms (hub/web/templates/_formulaires.html). Without it, every
// section shows and the server ignores the fields that do not apply.
//
// - data-si="nom" data-si-valeurs="a b": shown only when the field "nom" has (for checkboxes:
//   includes) one of the values; hidden, its fields are disabled (neither reached nor sent).
// - output data-reste-total="nom" data-reste-parts="n1 n2": the total less the parts (a
//   « non communiqué » remainder), kept up to date as numbers are typed.
(function () {
  "use strict";

  function valeurs(form, nom) {
    return Array.from(form.elements)
      .filter((champ) => champ.name === nom && !champ.disabled)
      .filter((champ) => !["radio", "checkbox"].includes(champ.type) || champ.checked)
      .map((champ) => champ.value);
  }

  function nombre(form, nom) {
    const champ = form.elements.namedItem(nom);
    return champ && !champ.disabled ? parseInt(champ.value, 10) || 0 : 0;
  }

  function appliquer(form) {
    form.querySelectorAll("[data-si]").forEach((bloc) => {
      const attendues = bloc.dataset.siValeurs.split(" ");
      const montre = valeurs(form, bloc.dataset.si).some((valeur) => attendues.includes(valeur));
      bloc.hidden = !montre;
      bloc.querySelectorAll("input, select, textarea").forEach((champ) => {
        champ.disabled = !montre;
      });
    });
    form.querySelectorAll("output[data-reste-total]").forEach((sortie) => {
      const declares = sortie.dataset.resteParts.split(" ").reduce((somme, nom) => somme + nombre(form, nom), 0);
      sortie.value = String(Math.max(0, nombre(form, sortie.dataset.resteTotal) - declares));
    });
  }

  function formulaireDe(element) {
    return element.form || (element.closest && element.closest("form"));
  }

  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("form").forEach(appliquer));
  document.addEventListener("change", (event) => formulaireDe(event.target) && appliquer(formulaireDe(event.target)));
  document.addEventListener("input", (event) => formulaireDe(event.target) && appliquer(formulaireDe(event.target)));
  // Search results swapped in by htmx may hold a field a condition depends on.
  document.addEventListener("htmx:afterSettle", (event) => formulaireDe(event.target) && appliquer(formulaireDe(event.target)));
})();
