// Shared by the course's map controls (sco_course.maps.offline.BrowserControl
// puts it before each control's own script): a Leaflet control whose box
// keeps the reader's clicks and scrolls to itself.
function addBoxControl(map, position, className, fill) {
  const control = L.control({position: position});
  control.onAdd = function () {
    const box = L.DomUtil.create("div", className + " leaflet-bar");
    fill(box);
    L.DomEvent.disableClickPropagation(box);
    L.DomEvent.disableScrollPropagation(box);
    return box;
  };
  control.addTo(map);
  return control;
}
