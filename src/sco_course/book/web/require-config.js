// Points RequireJS at the widget libraries copied beside this file (_static/sco-assets),
// so that the ipywidgets embed manager never falls back to a CDN.
// The base is derived from this script's own URL, so pages at any depth work.
(function () {
  var here = document.currentScript.src;
  var base = here.substring(0, here.lastIndexOf("/") + 1);
  var htmlManager = base + "@jupyter-widgets/html-manager/dist";
  window.require.config({
    paths: {
      "@jupyter-widgets/html-manager/dist": htmlManager,
      "@jupyter-widgets": htmlManager,
      anywidget: base + "anywidget/dist/index",
    },
  });
})();
