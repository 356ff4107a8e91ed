// Front end of sco_course.widgets.Timeline (an anywidget).
// All filtering and rendering happens here, so the widget stays interactive
// in the static book where no Python kernel runs. Text from the data is only
// ever inserted with textContent, and links only accept http(s) addresses.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];
const MARK_SIZE = 14;
const LANE_HEIGHT = 22;

function formatDate(iso, precision) {
  const [year, month, day] = iso.split("-").map(Number);
  if (precision === "year") return String(year);
  if (precision === "month") return `${MONTHS[month - 1]} ${year}`;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function formatWhen(event) {
  const start = formatDate(event.date, event.date_precision);
  if (!event.end_date) return start;
  return `${start} – ${formatDate(event.end_date, event.end_precision || event.date_precision)}`;
}

function yearFraction(iso) {
  const [year, month, day] = iso.split("-").map(Number);
  return year + (month - 1) / 12 + (day - 1) / 365;
}

function visibleEvents(model) {
  const [from, to] = model.get("year_range");
  const themes = new Set(model.get("themes"));
  return model.get("events").filter((event) => {
    const year = Number(event.date.slice(0, 4));
    return year >= from && year <= to && themes.has(event.theme);
  });
}

function assignLanes(events, from, to, width) {
  const span = Math.max(to - from + 1, 1);
  const lanesEnd = [];
  return events.map((event) => {
    const x = ((yearFraction(event.date) - from) / span) * width;
    let lane = lanesEnd.findIndex((end) => end + MARK_SIZE + 2 <= x);
    if (lane === -1) {
      lane = lanesEnd.length;
      lanesEnd.push(x);
    } else {
      lanesEnd[lane] = x;
    }
    return { event, x, lane };
  });
}

function renderControls(model, root, colors) {
  const controls = node("div", "sco-tl-controls");
  const [minYear, maxYear] = [model.get("min_year"), model.get("max_year")];
  const range = node("fieldset", "sco-tl-range");
  range.append(node("legend", "", "Years"));
  for (const [index, label] of [[0, "From"], [1, "To"]]) {
    const wrapper = node("label", "sco-tl-year");
    const input = node("input");
    Object.assign(input, { type: "range", min: minYear, max: maxYear, step: 1 });
    input.value = model.get("year_range")[index];
    input.setAttribute("aria-label", `${label} year`);
    const output = node("output", "", String(input.value));
    input.addEventListener("input", () => {
      const current = [...model.get("year_range")];
      current[index] = Number(input.value);
      if (current[0] > current[1]) current[1 - index] = current[index];
      model.set("year_range", current);
      model.save_changes();
    });
    wrapper.append(node("span", "", label), input, output);
    range.append(wrapper);
  }
  const toggles = node("fieldset", "sco-tl-themes");
  toggles.append(node("legend", "", "Themes (also the legend)"));
  const active = new Set(model.get("themes"));
  for (const theme of model.get("all_themes")) {
    const button = node("button", "sco-tl-theme");
    button.type = "button";
    button.dataset.theme = theme;
    button.setAttribute("aria-pressed", String(active.has(theme)));
    const swatch = node("span", "sco-tl-swatch");
    swatch.style.background = colors[theme];
    button.append(swatch, node("span", "", theme));
    button.addEventListener("click", () => {
      const themes = new Set(model.get("themes"));
      if (themes.has(theme)) themes.delete(theme); else themes.add(theme);
      model.set("themes", model.get("all_themes").filter((name) => themes.has(name)));
      model.save_changes();
    });
    toggles.append(button);
  }
  controls.append(range, toggles);
  root.append(controls);
}

function select(model, id) {
  model.set("selected", id);
  model.save_changes();
}

function renderAxis(model, root, events, colors) {
  const [from, to] = model.get("year_range");
  const axis = node("div", "sco-tl-axis");
  axis.setAttribute("role", "group");
  axis.setAttribute("aria-label", "Events on a time axis; use the arrow keys to move between events and Enter to show one");
  root.append(axis);
  const width = Math.max(axis.clientWidth || root.clientWidth || 600, 200) - MARK_SIZE;
  const placed = assignLanes(events, from, to, width);
  const lanes = Math.max(1, ...placed.map((item) => item.lane + 1));
  const track = node("div", "sco-tl-track");
  track.style.height = `${lanes * LANE_HEIGHT + 8}px`;
  axis.append(track);

  const span = to - from + 1;
  const step = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(width / 60))));
  const ticks = node("div", "sco-tl-ticks");
  ticks.setAttribute("aria-hidden", "true");
  for (let year = from; year <= to + 1; year += step) {
    const tick = node("span", "sco-tl-tick", String(year));
    tick.style.left = `${((year - from) / span) * width}px`;
    ticks.append(tick);
  }
  axis.append(ticks);

  const tooltip = node("div", "sco-tl-tooltip");
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;
  axis.append(tooltip);

  const selected = model.get("selected");
  const marks = placed.map(({ event, x, lane }, index) => {
    const mark = node("button", "sco-tl-mark");
    mark.type = "button";
    mark.dataset.id = event.id;
    mark.style.left = `${x}px`;
    mark.style.top = `${lane * LANE_HEIGHT + 4}px`;
    mark.style.background = colors[event.theme] || "#777";
    mark.setAttribute("aria-label", `${formatWhen(event)}: ${event.title}`);
    mark.setAttribute("aria-pressed", String(event.id === selected));
    mark.tabIndex = -1;
    const show = () => {
      tooltip.textContent = `${formatWhen(event)}: ${event.title}`;
      tooltip.style.left = `${Math.min(x, width - 200)}px`;
      tooltip.style.top = `${lane * LANE_HEIGHT + LANE_HEIGHT + 6}px`;
      tooltip.hidden = false;
    };
    mark.addEventListener("mouseenter", show);
    mark.addEventListener("focus", show);
    mark.addEventListener("mouseleave", () => { tooltip.hidden = true; });
    mark.addEventListener("blur", () => { tooltip.hidden = true; });
    mark.addEventListener("click", () => select(model, event.id));
    mark.addEventListener("keydown", (keyEvent) => {
      const moves = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: placed.length - 1 };
      if (keyEvent.key in moves) {
        keyEvent.preventDefault();
        const target = marks[Math.min(Math.max(moves[keyEvent.key], 0), marks.length - 1)];
        marks.forEach((other) => { other.tabIndex = -1; });
        target.tabIndex = 0;
        target.focus();
      }
    });
    track.append(mark);
    return mark;
  });
  if (marks.length) {
    const current = marks.find((mark) => mark.dataset.id === selected) || marks[0];
    current.tabIndex = 0;
  }
}

function renderDetails(model, root, events) {
  const details = node("div", "sco-tl-details");
  details.setAttribute("aria-live", "polite");
  const event = events.find((item) => item.id === model.get("selected"));
  if (!event) {
    details.append(node("p", "sco-tl-hint", "Select an event to see its details and source."));
  } else {
    details.append(node("p", "sco-tl-when", formatWhen(event)), node("h4", "sco-tl-title", event.title),
      node("p", "sco-tl-summary", event.summary));
    if (event.place) details.append(node("p", "sco-tl-place", `Place: ${event.place}`));
    if (event.certainty && event.certainty !== "confirmed") {
      details.append(node("p", "sco-tl-certainty", `Certainty: ${event.certainty}. ${event.note || ""}`.trim()));
    }
    const source = node("p", "sco-tl-source", "Source: ");
    const label = [event.source_publisher, event.source_title, event.source_date].filter(Boolean).join(", ");
    const url = safeUrl(event.source_url);
    if (url) {
      const link = node("a", "", label);
      link.href = url;
      link.rel = "noopener noreferrer";
      source.append(link);
    } else {
      source.append(document.createTextNode(label));
    }
    details.append(source);
  }
  root.append(details);
}

function renderList(root, events) {
  const section = node("div", "sco-tl-list");
  section.append(node("p", "sco-tl-count", `Events shown: ${events.length}`));
  if (!events.length) {
    section.append(node("p", "sco-tl-empty", "No events match the selected years and themes."));
  } else {
    const list = node("ol");
    for (const event of events) {
      list.append(node("li", "", `${formatWhen(event)} — ${event.title} (${event.theme})`));
    }
    section.append(list);
  }
  root.append(section);
}

function render({ model, el }) {
  const root = node("div", "sco-timeline");
  el.append(root);
  const draw = () => {
    const colors = model.get("colors");
    root.replaceChildren();
    if (model.get("caption")) root.append(node("p", "sco-tl-caption", model.get("caption")));
    renderControls(model, root, colors);
    const events = visibleEvents(model);
    if (events.length) renderAxis(model, root, events, colors);
    renderDetails(model, root, events);
    renderList(root, events);
  };
  const redrawKeepingFocus = () => {
    const active = document.activeElement;
    const key = active && root.contains(active)
      ? (active.dataset.id ? `[data-id="${CSS.escape(active.dataset.id)}"]`
        : active.dataset.theme ? `[data-theme="${CSS.escape(active.dataset.theme)}"]`
          : active.getAttribute("aria-label") ? `[aria-label="${CSS.escape(active.getAttribute("aria-label"))}"]` : null)
      : null;
    draw();
    if (key) root.querySelector(key)?.focus();
  };
  draw();
  for (const name of ["year_range", "themes", "selected", "events"]) {
    model.on(`change:${name}`, redrawKeepingFocus);
  }
  let drawnWidth = el.clientWidth;
  const resize = new ResizeObserver(() => {
    if (el.clientWidth !== drawnWidth) {
      drawnWidth = el.clientWidth;
      draw();
    }
  });
  resize.observe(el);
  return () => resize.disconnect();
}

export default { render };
