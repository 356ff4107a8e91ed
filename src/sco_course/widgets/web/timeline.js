// Front end of sco_course.widgets.Timeline (an anywidget).
// All filtering and rendering happens here, so the widget stays interactive
// in the static book where no Python kernel runs. Text from the data is only
// ever inserted with textContent, and links only accept http(s) addresses.
//
// The controls are built once and only updated: redrawing a slider while it
// is dragged would drop the pointer (and the focus) it is being dragged with.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];
const TARGET_SIZE = 24;
const LANE_HEIGHT = 26;
const LABEL_ROW_HEIGHT = 20;
const LABEL_GAP = 6;

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

function inYears(iso, [from, to]) {
  const year = Number(iso.slice(0, 4));
  return year >= from && year <= to;
}

function visibleEvents(model) {
  const themes = new Set(model.get("themes"));
  return model.get("events").filter((event) => inYears(event.date, model.get("year_range")) && themes.has(event.theme));
}

function listSummary(shown, total) {
  if (shown === total) return total === 1 ? "The one event as a list" : `All ${total} events as a list`;
  return `${shown} of ${total} events as a list`;
}

// Marks whose targets would overlap go to the next lane down.
function assignLanes(events, xOf) {
  const lanesEnd = [];
  return events.map((event) => {
    const x = xOf(event.date);
    let lane = lanesEnd.findIndex((end) => end + TARGET_SIZE <= x);
    if (lane === -1) lane = lanesEnd.push(x) - 1; else lanesEnd[lane] = x;
    return { event, x, lane };
  });
}

// Labels go in rows above the marks (row 0 nearest them), each in the lowest
// row where it covers no other label and no leader line from a label above,
// and, if any row allows it, where its own leader crosses no label below.
function assignLabelRows(labels, width) {
  const rows = [];
  const row = (index) => (rows[index] = rows[index] || { labels: [], leaders: [] });
  const covers = (label, x) => x >= label.left - LABEL_GAP && x <= label.right + LABEL_GAP;
  const isFree = (label, index) => {
    const { labels: others, leaders } = row(index);
    return !others.some((other) => label.left < other.right + LABEL_GAP && other.left < label.right + LABEL_GAP)
      && !leaders.some((x) => covers(label, x));
  };
  const leaderIsClear = (label, index) => rows.slice(0, index).every((below) => !below.labels.some((other) => covers(other, label.x)));
  for (const label of [...labels].sort((a, b) => a.x - b.x)) {
    label.left = Math.min(Math.max(label.x - label.width / 2, 0), Math.max(width - label.width, 0));
    label.right = label.left + label.width;
    const candidates = [...Array(rows.length + 1).keys()];
    label.row = candidates.find((index) => isFree(label, index) && leaderIsClear(label, index))
      ?? candidates.find((index) => isFree(label, index));
    row(label.row).labels.push(label);
    for (let below = 0; below < label.row; below += 1) row(below).leaders.push(label.x);
  }
  return Math.max(0, ...labels.map((label) => label.row + 1));
}

function buildControls(model, colors) {
  const controls = node("div", "sco-tl-controls");
  const [minYear, maxYear] = [model.get("min_year"), model.get("max_year")];
  const range = node("fieldset", "sco-tl-range");
  range.append(node("legend", "", "Years"));
  const sliders = [[0, "From"], [1, "To"]].map(([index, label]) => {
    const wrapper = node("label", "sco-tl-year");
    const input = node("input");
    Object.assign(input, { type: "range", min: minYear, max: maxYear, step: 1 });
    input.setAttribute("aria-label", `${label} year`);
    const output = node("output");
    input.addEventListener("input", () => {
      const current = [...model.get("year_range")];
      current[index] = Number(input.value);
      if (current[0] > current[1]) current[1 - index] = current[index];
      model.set("year_range", current);
      model.save_changes();
    });
    wrapper.append(node("span", "", label), input, output);
    range.append(wrapper);
    return { index, input, output };
  });
  const toggles = node("fieldset", "sco-tl-themes");
  toggles.append(node("legend", "", "Themes (also the legend)"));
  const buttons = model.get("all_themes").map((theme) => {
    const button = node("button", "sco-tl-theme");
    button.type = "button";
    button.dataset.theme = theme;
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
    return button;
  });
  controls.append(range, toggles);
  const update = () => {
    for (const { index, input, output } of sliders) {
      const value = String(model.get("year_range")[index]);
      if (input.value !== value) input.value = value;
      output.textContent = value;
    }
    const active = new Set(model.get("themes"));
    for (const button of buttons) button.setAttribute("aria-pressed", String(active.has(button.dataset.theme)));
  };
  update();
  return { element: controls, update };
}

function select(model, id) {
  model.set("selected", id);
  model.save_changes();
}

// One tooltip per timeline, closed by Escape or by a press anywhere but on a mark.
function buildTooltip(root) {
  const tooltip = node("div", "sco-tl-tooltip");
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;
  const close = () => { tooltip.hidden = true; };
  const onPointerDown = (pointerEvent) => {
    if (!(pointerEvent.target instanceof Element && root.contains(pointerEvent.target)
      && pointerEvent.target.closest(".sco-tl-mark"))) close();
  };
  const onKeyDown = (keyEvent) => { if (keyEvent.key === "Escape") close(); };
  document.addEventListener("pointerdown", onPointerDown, true);
  document.addEventListener("keydown", onKeyDown);
  const open = (text, x, top, width) => {
    tooltip.textContent = text;
    tooltip.hidden = false;
    tooltip.style.left = `${Math.max(0, Math.min(x - TARGET_SIZE / 2, width - tooltip.offsetWidth))}px`;
    tooltip.style.top = `${top}px`;
  };
  const dispose = () => {
    document.removeEventListener("pointerdown", onPointerDown, true);
    document.removeEventListener("keydown", onKeyDown);
  };
  return { element: tooltip, open, close, dispose };
}

// Draws the labels and their leader lines; returns the height of the label rows.
function drawLabels(track, labels, width) {
  for (const label of labels) {
    const element = node("span", `sco-tl-label ${label.className}`, label.text);
    track.append(element);
    label.element = element;
    label.width = element.offsetWidth;
  }
  const rows = assignLabelRows(labels, width);
  for (const label of labels) {
    const rowTop = (rows - 1 - label.row) * LABEL_ROW_HEIGHT;
    label.element.style.left = `${label.left}px`;
    label.element.style.top = `${rowTop}px`;
    const leader = node("span", `sco-tl-leader ${label.className}`);
    leader.setAttribute("aria-hidden", "true");
    leader.style.left = `${label.x}px`;
    leader.style.top = `${rowTop + LABEL_ROW_HEIGHT - 4}px`;
    leader.style.height = `${Math.max(label.bottom(rows) - rowTop - LABEL_ROW_HEIGHT + 4, 0)}px`;
    track.prepend(leader);
  }
  return rows * LABEL_ROW_HEIGHT;
}

function drawAxis(model, holder, events, colors, tooltip) {
  const range = model.get("year_range");
  const [from, to] = range;
  const axis = node("div", "sco-tl-axis");
  axis.setAttribute("role", "group");
  axis.setAttribute("aria-label", "Events on a time axis; use the arrow keys to move between events and Enter to show one");
  holder.replaceChildren(axis);
  const width = Math.max(axis.clientWidth || holder.clientWidth || 600, 160);
  const span = Math.max(to - from + 1, 1);
  const xOf = (iso) => ((yearFraction(iso) - from) / span) * width;
  const placed = assignLanes(events, xOf);
  const lanes = Math.max(1, ...placed.map((item) => item.lane + 1));
  const track = node("div", "sco-tl-track");
  axis.append(track);

  const marksTop = (labelArea) => labelArea + 2;
  const labelled = model.get("labelled_events");
  const markers = model.get("markers").filter((marker) => inYears(marker.date, range));
  const labels = [
    ...placed.filter(({ event }) => labelled[event.id]).map(({ event, x, lane }) => ({
      text: labelled[event.id], x, className: "sco-tl-event-label",
      bottom: (rows) => marksTop(rows * LABEL_ROW_HEIGHT) + lane * LANE_HEIGHT + 5,
    })),
    ...markers.map((marker) => ({
      text: marker.label, x: xOf(marker.date), className: "sco-tl-marker",
      bottom: (rows) => marksTop(rows * LABEL_ROW_HEIGHT) + lanes * LANE_HEIGHT,
    })),
  ];
  const labelArea = drawLabels(track, labels, width);
  const top = marksTop(labelArea);
  track.style.height = `${top + lanes * LANE_HEIGHT}px`;

  const step = Math.max(1, Math.ceil(span / Math.max(1, Math.floor(width / 60))));
  const ticks = node("div", "sco-tl-ticks");
  ticks.setAttribute("aria-hidden", "true");
  for (let year = from; year <= to + 1; year += step) {
    const tick = node("span", "sco-tl-tick", String(year));
    tick.style.left = `${((year - from) / span) * width}px`;
    ticks.append(tick);
  }
  axis.append(ticks, tooltip.element);
  tooltip.close();

  const selected = model.get("selected");
  const marks = placed.map(({ event, x, lane }, index) => {
    const mark = node("button", "sco-tl-mark");
    mark.type = "button";
    mark.dataset.id = event.id;
    mark.style.left = `${x - TARGET_SIZE / 2}px`;
    mark.style.top = `${top + lane * LANE_HEIGHT}px`;
    mark.style.setProperty("--sco-tl-mark-color", colors[event.theme] || "#777");
    const text = `${formatWhen(event)}: ${event.title}`;
    mark.setAttribute("aria-label", text);
    mark.setAttribute("aria-pressed", String(event.id === selected));
    mark.tabIndex = -1;
    const show = () => tooltip.open(text, x, top + (lane + 1) * LANE_HEIGHT, width);
    mark.addEventListener("pointerenter", (pointerEvent) => { if (pointerEvent.pointerType === "mouse") show(); });
    mark.addEventListener("pointerleave", (pointerEvent) => { if (pointerEvent.pointerType === "mouse") tooltip.close(); });
    mark.addEventListener("focus", () => { if (mark.matches(":focus-visible")) show(); });
    mark.addEventListener("blur", tooltip.close);
    mark.addEventListener("click", () => { show(); select(model, event.id); });
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

function sourceLine(event) {
  const source = node("p", "sco-tl-source", "Source: ");
  const label = event.source_title
    ? [event.source_publisher, event.source_title, event.source_date].filter(Boolean).join(", ")
    : [event.source_publisher, event.source_date && formatDate(event.source_date, "day")].filter(Boolean).join(", ");
  const url = safeUrl(event.source_url);
  if (url) {
    const link = node("a", "", label || url);
    Object.assign(link, { href: url, target: "_blank", rel: "noopener noreferrer" });
    source.append(link);
  } else {
    source.append(document.createTextNode(label));
  }
  if (!event.source_title) {
    const untitled = event.source_description
      ? ` (page title not recorded; the course describes it as: ${event.source_description})`
      : " (page title not recorded)";
    source.append(node("span", "sco-tl-untitled", untitled));
  }
  return source;
}

function drawDetails(model, details, events) {
  const event = events.find((item) => item.id === model.get("selected"));
  details.replaceChildren();
  if (!event) {
    details.append(node("p", "sco-tl-hint", "Select an event to see its details and source."));
    return;
  }
  details.append(node("p", "sco-tl-when", formatWhen(event)), node("h4", "sco-tl-title", event.title),
    node("p", "sco-tl-summary", event.summary));
  if (event.place) details.append(node("p", "sco-tl-place", `Place: ${event.place}`));
  if (event.certainty && event.certainty !== "confirmed") {
    details.append(node("p", "sco-tl-certainty", `Certainty: ${event.certainty}. ${event.note || ""}`.trim()));
  }
  details.append(sourceLine(event));
}

function buildList() {
  const disclosure = node("details", "sco-tl-list");
  const summary = node("summary");
  const list = node("ol");
  disclosure.append(summary, list);
  const empty = node("p", "sco-tl-empty", "No events match the selected years and themes.");
  const holder = node("div");
  const draw = (events, total, [from, to], themes) => {
    summary.textContent = listSummary(events.length, total);
    list.replaceChildren(...events.map((event) => node("li", "", `${formatWhen(event)} — ${event.title} (${event.theme})`)));
    const shown = node("p", "sco-tl-shown", `Shown: ${from}–${to}; themes: ${themes.join(", ") || "none"}.`);
    holder.replaceChildren(...(events.length ? [shown, disclosure] : [shown, empty]));
  };
  return { element: holder, draw };
}

function render({ model, el }) {
  const colors = model.get("colors");
  const root = widgetRoot("sco-timeline");
  if (model.get("caption")) root.append(node("p", "sco-tl-caption", model.get("caption")));
  const controls = buildControls(model, colors);
  const axisHolder = node("div", "sco-tl-axis-holder");
  const details = node("div", "sco-tl-details");
  details.setAttribute("aria-live", "polite");
  const list = buildList();
  const tooltip = buildTooltip(root);
  root.append(controls.element, axisHolder, details, list.element);
  el.append(root);

  const drawView = () => {
    const focusedId = root.contains(document.activeElement) ? document.activeElement.dataset.id : undefined;
    const events = visibleEvents(model);
    controls.update();
    if (events.length) drawAxis(model, axisHolder, events, colors, tooltip); else axisHolder.replaceChildren();
    drawDetails(model, details, events);
    list.draw(events, model.get("events").length, model.get("year_range"), model.get("themes"));
    if (focusedId) axisHolder.querySelector(`[data-id="${CSS.escape(focusedId)}"]`)?.focus();
  };
  const showSelection = () => {
    const selected = model.get("selected");
    for (const mark of axisHolder.querySelectorAll(".sco-tl-mark")) {
      mark.setAttribute("aria-pressed", String(mark.dataset.id === selected));
    }
    drawDetails(model, details, visibleEvents(model));
  };
  drawView();
  for (const name of ["year_range", "themes", "events", "labelled_events", "markers"]) {
    model.on(`change:${name}`, drawView);
  }
  model.on("change:selected", showSelection);
  let drawnWidth = el.clientWidth;
  const resize = new ResizeObserver(() => {
    if (el.clientWidth !== drawnWidth) {
      drawnWidth = el.clientWidth;
      drawView();
    }
  });
  resize.observe(el);
  return () => {
    resize.disconnect();
    tooltip.dispose();
  };
}

export default { render };
