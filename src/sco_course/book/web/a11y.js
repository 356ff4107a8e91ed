// Accessibility repairs to the book theme's navigation, applied on every page:
// - the search field's label must contain its visible text ("Search Ctrl + K");
// - the colour-mode button's label must contain the visible mode's name;
// - the sidebar's expand/collapse toggles (<summary>) need a name;
// - "Show code cell source" toggles must be named by their visible text;
// - the bibliography's citation list is not a list of list items;
// - the "Cite" button leads to a section of this book, so it opens in the same
//   tab (the theme opens every header link in a new one);
// - Font Awesome icons drawn with the web font are decoration, as the script
//   version the book leaves out would have marked them.
(function () {
  function nameSummaries() {
    document.querySelectorAll("nav details > summary").forEach(function (summary) {
      if (summary.textContent.trim() || summary.hasAttribute("aria-label")) return;
      var link = summary.parentElement.parentElement.querySelector(":scope > a");
      var title = link ? link.textContent.trim() : "this chapter";
      summary.setAttribute("aria-label", "Show or hide the sections of " + title);
    });
  }
  function nameByVisibleText() {
    document.querySelectorAll(".search-button-field[aria-label], details.hide > summary[aria-label]")
      .forEach(function (element) {
        element.removeAttribute("aria-label");
      });
  }
  function labelModeButtons() {
    var names = { light: "Light", dark: "Dark", auto: "System Settings" };
    var mode = document.documentElement.dataset.mode || "auto";
    document.querySelectorAll(".theme-switch-button").forEach(function (button) {
      button.setAttribute("aria-label", "Color mode: " + (names[mode] || mode));
    });
  }
  function unlistCitations() {
    document.querySelectorAll(".citation-list[role='list']").forEach(function (list) {
      list.removeAttribute("role");
    });
  }
  function hideIconGlyphs() {
    document.querySelectorAll("i.fa-solid, i.fas, i.fa-regular, i.far, i.fa-brands, i.fab")
      .forEach(function (icon) {
        icon.setAttribute("aria-hidden", "true");
      });
  }
  function keepCiteInTab() {
    document.querySelectorAll("a.btn-cite-button").forEach(function (link) {
      link.removeAttribute("target");
    });
  }
  function repair() {
    keepCiteInTab();
    hideIconGlyphs();
    unlistCitations();
    nameSummaries();
    nameByVisibleText();
    labelModeButtons();
  }
  new MutationObserver(labelModeButtons).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-mode"],
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", repair);
  } else {
    repair();
  }
})();
