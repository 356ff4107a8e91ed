// Fits a map to the size it is given (sco_course.maps.offline.MapLayout).
// Called as mapLayout(data, map, layerControl) once every control is on the
// map. A small map starts with its layer list collapsed and its legends
// closed; the view shows data.fit.bounds whole between the controls, and
// again after a resize until the reader moves the map; popups open between
// the controls at the top and those at the bottom.
function mapLayout(data, map, layerControl) {
  const container = map.getContainer();
  let readerMoved = false;

  function isCompact() {
    const size = map.getSize();
    return size.x < data.compactWidth || size.y < data.compactHeight;
  }

  function arrangeControls() {
    const compact = isCompact();
    container.dataset.layout = compact ? "compact" : "wide";
    for (const legend of container.querySelectorAll(".leaflet-control details")) legend.open = !compact;
    if (layerControl && layerControl.options.collapsed !== compact) {
      // Leaflet reads "collapsed" only when the control is added.
      layerControl.options.collapsed = compact;
      layerControl.remove();
      layerControl.addTo(map);
    }
  }

  // How far the controls reach into the map from its top and bottom edges, in px.
  function controlDepths() {
    const box = container.getBoundingClientRect();
    const depths = {top: 0, bottom: 0};
    for (const control of container.querySelectorAll(".leaflet-control")) {
      const rect = control.getBoundingClientRect();
      if (!rect.width || !rect.height) continue;
      if (control.closest(".leaflet-top")) depths.top = Math.max(depths.top, rect.bottom - box.top);
      else depths.bottom = Math.max(depths.bottom, box.bottom - rect.top);
    }
    return depths;
  }

  // Padding that keeps the bounds off the controls where the map has room
  // for it, and never more than a share of the map (a wider padding than
  // the map makes Leaflet's zoom NaN).
  function fitPadding() {
    const size = map.getSize();
    const depths = controlDepths();
    const most = size.y * data.maxFitPaddingShare;
    const side = Math.min(data.margin, size.x / 4);
    return {
      paddingTopLeft: L.point(side, Math.min(depths.top, most) + data.margin),
      paddingBottomRight: L.point(side, Math.min(depths.bottom, most) + data.margin),
    };
  }

  function fit() {
    const size = map.getSize();
    if (!data.fit || size.x < 2 * data.margin + 1 || size.y < 2 * data.margin + 1) return;
    const options = Object.assign({animate: false}, fitPadding());
    if (data.fit.maxZoom !== null) options.maxZoom = data.fit.maxZoom;
    map.fitBounds(data.fit.bounds, options);
  }

  function keepPopupClear(event) {
    const popup = event.popup;
    const size = map.getSize();
    const depths = controlDepths();
    const tipAndFrame = 60;
    popup.options.autoPanPaddingTopLeft = L.point(data.margin, depths.top + data.margin);
    popup.options.autoPanPaddingBottomRight = L.point(data.margin, depths.bottom + data.margin);
    popup.options.maxHeight = Math.max(80, size.y - depths.top - depths.bottom - 2 * data.margin - tipAndFrame);
    popup.options.maxWidth = Math.max(120, Math.min(300, size.x - 2 * data.margin - 40));
    popup.update();
  }

  for (const type of ["pointerdown", "wheel", "keydown"]) {
    container.addEventListener(type, function () { readerMoved = true; }, {capture: true, passive: true});
  }
  map.on("popupopen", keepPopupClear);
  map.on("resize", function () {
    arrangeControls();
    if (!readerMoved) fit();
  });
  arrangeControls();
  fit();
}
