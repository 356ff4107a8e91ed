// A year slider that recolours the country layer in the browser, and its
// legend, which opens and closes (map-layout.js closes it on small maps).
// Called as statusControl(data, map, layer); data holds every year's statuses
// (see sco_course.maps.status_map.StatusControl), so it works with no kernel.
function statusControl(data, map, layer) {
  let slider, output;

  function styleFor(iso3, year) {
    const status = data.statuses[year][iso3] || "none";
    return {fillColor: data.styles[status][1], fillOpacity: 0.85, color: "#555", weight: 0.6};
  }

  function apply(year) {
    layer.eachLayer(function (item) {
      const iso3 = item.feature.properties.iso3;
      if (item.setStyle) item.setStyle(styleFor(iso3, year));
      const status = data.statuses[year][iso3] || "none";
      item.feature.properties._status = data.styles[status][0];
    });
    output.textContent = year;
    map.getContainer().dataset.year = year;
  }

  layer.eachLayer(function (item) {
    item.bindPopup(function () {
      const box = document.createElement("div");
      const name = document.createElement("strong");
      name.textContent = item.feature.properties.name;
      const status = document.createElement("div");
      status.textContent = "Status at the end of " + slider.value + ": " + item.feature.properties._status;
      box.append(name, status);
      return box;
    });
  });

  addBoxControl(map, "bottomleft", "sco-map-control", function (box) {
    const label = document.createElement("label");
    label.textContent = "SCO status at the end of ";
    output = document.createElement("output");
    slider = document.createElement("input");
    Object.assign(slider, {type: "range", min: data.years[0], max: data.years[data.years.length - 1], step: 1, value: data.start});
    slider.setAttribute("aria-label", "Year shown on the map");
    slider.addEventListener("input", function () { apply(slider.value); });
    label.append(output, slider);
    const legendBox = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = "Legend";
    const legend = document.createElement("ul");
    legend.setAttribute("aria-label", "Legend");
    legend.className = "sco-map-legend";
    for (const key of data.order) {
      const entry = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "sco-map-swatch";
      swatch.style.background = data.styles[key][1];
      entry.append(swatch, document.createTextNode(data.styles[key][0]));
      legend.append(entry);
    }
    legendBox.append(summary, legend);
    box.append(label, legendBox);
  });
  apply(data.start);
}
