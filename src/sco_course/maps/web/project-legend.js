// A legend for the connectivity project layers: line colour per status,
// dashes for schematic routes, circles for points, under a heading that
// opens and closes it (map-layout.js closes it on small maps). Called as
// projectLegend(data, map); built with textContent only.
function projectLegend(data, map) {
  const SVG = "http://www.w3.org/2000/svg";

  function swatch(entry) {
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "24");
    svg.setAttribute("height", "12");
    svg.setAttribute("aria-hidden", "true");
    let shape;
    if (entry.shape === "circle") {
      shape = document.createElementNS(SVG, "circle");
      shape.setAttribute("cx", "12"); shape.setAttribute("cy", "6"); shape.setAttribute("r", "5");
      shape.setAttribute("fill", entry.color);
    } else {
      shape = document.createElementNS(SVG, "line");
      shape.setAttribute("x1", "1"); shape.setAttribute("y1", "6"); shape.setAttribute("x2", "23"); shape.setAttribute("y2", "6");
      shape.setAttribute("stroke-width", "3");
      if (entry.dashed) shape.setAttribute("stroke-dasharray", "6 4");
    }
    shape.setAttribute("stroke", entry.color);
    svg.append(shape);
    return svg;
  }

  addBoxControl(map, "bottomright", "sco-project-legend", function (box) {
    const legendBox = document.createElement("details");
    const heading = document.createElement("summary");
    heading.textContent = data.title;
    const list = document.createElement("ul");
    list.setAttribute("aria-label", data.title);
    list.className = "sco-map-legend";
    for (const entry of data.entries) {
      const item = document.createElement("li");
      item.append(swatch(entry), document.createTextNode(entry.label));
      list.append(item);
    }
    legendBox.append(heading, list);
    box.append(legendBox);
  });
}
