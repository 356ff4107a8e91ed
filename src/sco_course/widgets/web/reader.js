// Front end of sco_course.widgets.AnnotatedCommentary (an anywidget): the
// commentary with every statement of the claims register highlighted in
// place, a panel with the verdict and evidence, filters, and the "predict
// first, then compare" mode. It runs in the static book, where no Python
// runs. Text from the data is only ever inserted with textContent, and links
// only accept http(s) addresses (or the relative chapter links built in Python).
// The module is this file after dom.js, reader-text.js and reader-panel.js
// (see sco_course.widgets.front_end).

const STORAGE_KEY = "sco-course:reader-marks";
const WIDE_ENOUGH_FOR_SIDE_PANEL = 740;
const FACT = "fact";

// --- the student's marks, kept in this browser only ---------------------------

function readStored() {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
    return stored && typeof stored === "object" ? stored : {};
  } catch (error) {
    return {};
  }
}

function loadMarks(statements) {
  // A mark applies only while the claim's fingerprint (its id, place and words) is unchanged.
  const stored = readStored();
  const marks = new Map();
  for (const claim of statements) {
    const mark = stored[claim.id];
    if (mark && mark.fingerprint === claim.fingerprint) marks.set(claim.id, { kind: mark.kind, accuracy: mark.accuracy || "" });
  }
  return marks;
}

function saveMarks(marks, byId) {
  const stored = {};
  for (const [id, mark] of marks) stored[id] = { ...mark, fingerprint: byId.get(id).fingerprint };
  try {
    if (marks.size) localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    else localStorage.removeItem(STORAGE_KEY);
  } catch (error) {
    // Storage may be full or blocked; the marks still work until the page is left.
  }
}

function judge(mark, claim, rule) {
  const kindRight = rule.kinds[mark.kind].matches.includes(claim.claim_type);
  if (!claim.checkable) return { kindRight, verdictRight: null };
  const accuracy = mark.kind === FACT && rule.accuracy[mark.accuracy];
  return { kindRight, verdictRight: Boolean(accuracy && accuracy.matches.includes(claim.verdict)) };
}

function score(state) {
  const result = { marked: 0, kindRight: 0, checkableMarked: 0, verdictRight: 0 };
  for (const [id, mark] of state.marks) {
    const { kindRight, verdictRight } = judge(mark, state.byId.get(id), state.rule);
    result.marked += 1;
    result.kindRight += kindRight ? 1 : 0;
    if (verdictRight !== null) {
      result.checkableMarked += 1;
      result.verdictRight += verdictRight ? 1 : 0;
    }
  }
  return result;
}

function markText(mark, rule) {
  if (!mark) return "not marked yet";
  const kind = rule.kinds[mark.kind].label;
  return mark.kind === FACT && mark.accuracy ? `${kind}, ${rule.accuracy[mark.accuracy].label.toLowerCase()}` : kind;
}

// --- filters, mode and the predict bar ------------------------------------------

function refreshClaim(state, id) {
  const claim = state.byId.get(id);
  const wrapper = state.wrappers.get(id);
  wrapper.classList.toggle("sco-rd-out", !hidingVerdicts(state) && !passes(claim, state.model));
  wrapper.classList.toggle("sco-rd-marked", state.marks.has(id));
  tagContent(state.tags.get(id), claim, state);
}

function refreshAll(state) {
  const model = state.model;
  state.root.classList.toggle("sco-rd-predict", predicting(state));
  state.root.classList.toggle("sco-rd-concealed", hidingVerdicts(state));
  state.root.classList.toggle("sco-rd-hide-out", model.get("filtered_out") === "hide");
  for (const id of state.tags.keys()) refreshClaim(state, id);
  const shown = state.statements.filter((claim) => passes(claim, model)).length;
  state.filterCount.textContent = `Showing ${countOf(shown, state.statements.length, "statements")}`;
  state.filters.hidden = hidingVerdicts(state);
  for (const [mode, control] of state.modeButtons) control.setAttribute("aria-pressed", String(model.get("mode") === mode));
  state.predictBar.hidden = !predicting(state);
  renderPredictBar(state);
  renderPanel(state, { keepFocus: true });
}

function checkboxGroup(legend, options, trait, state) {
  const group = node("fieldset", "sco-rd-filter-group");
  group.append(node("legend", "", legend));
  const boxes = [];
  for (const option of options) {
    const wrapper = node("label", option.glyph ? `sco-rd-chip sco-rd-v-${option.value}` : "sco-rd-option");
    const input = node("input");
    Object.assign(input, { type: "checkbox", value: option.value });
    input.checked = state.model.get(trait).length === 0 || state.model.get(trait).includes(option.value);
    input.addEventListener("change", () => {
      const checked = boxes.filter((box) => box.checked).map((box) => box.value);
      state.model.set(trait, checked.length === options.length ? [] : checked);
      state.model.save_changes();
    });
    boxes.push(input);
    wrapper.append(input, " ");
    if (option.glyph) wrapper.append(decorative(option.glyph, "sco-rd-glyph"), " ");
    wrapper.append(option.label);
    group.append(wrapper);
  }
  state.model.on(`change:${trait}`, () => {
    const shown = state.model.get(trait);
    boxes.forEach((box) => { box.checked = shown.length === 0 || shown.includes(box.value); });
  });
  return group;
}

function renderFilters(state) {
  const model = state.model;
  const filters = node("details", "sco-rd-filters");
  const summary = node("summary", "", "Filter the statements ");
  state.filterCount = node("span", "sco-rd-count");
  summary.append(state.filterCount);
  const radios = radioGroup("Statements outside the filter", uniqueId("sco-rd-out"),
    [["dim", "Dimmed"], ["hide", "Not marked"]], model.get("filtered_out"), (value) => {
      model.set("filtered_out", value);
      model.save_changes();
    });
  const reset = button("Show all statements", "sco-rd-reset");
  reset.addEventListener("click", () => {
    ["verdicts", "themes", "claim_types"].forEach((trait) => model.set(trait, []));
    model.save_changes();
  });
  filters.append(summary,
    checkboxGroup("Verdict", model.get("verdict_options"), "verdicts", state),
    checkboxGroup("Section", model.get("theme_options"), "themes", state),
    checkboxGroup("Kind of statement", model.get("type_options"), "claim_types", state),
    radios, reset);
  state.filters = filters;
  return filters;
}

function renderModeSwitch(state) {
  const bar = node("div", "sco-rd-toolbar");
  const group = node("div", "sco-rd-modes");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "How to read");
  state.modeButtons = new Map();
  for (const [mode, label] of [["read", "Read with the verdicts"], ["predict", "Predict first, then compare"]]) {
    const control = button(label, "sco-rd-mode");
    control.addEventListener("click", () => {
      state.model.set("mode", mode);
      state.model.save_changes();
    });
    state.modeButtons.set(mode, control);
    group.append(control);
  }
  const annotations = button("Download the annotations (Web Annotation JSON-LD)", "sco-rd-download");
  annotations.addEventListener("click", () => download(JSON.stringify(state.model.get("annotations"), null, 1),
    "commentary-annotations.jsonld", "application/ld+json"));
  bar.append(group, annotations);
  return bar;
}

function renderPredictBar(state) {
  const bar = state.predictBar;
  const result = score(state);
  state.predictStatus.textContent = `You have marked ${countOf(result.marked, state.statements.length, "statements")}. `
    + "Your marks are kept in this browser only.";
  state.revealButton.textContent = state.revealed ? "Hide the course's verdicts" : "Reveal the course's verdicts";
  state.revealButton.setAttribute("aria-pressed", String(state.revealed));
  state.scoreLine.textContent = state.revealed ? scoreText(result) : "";
  bar.querySelector(".sco-rd-clear").disabled = result.marked === 0;
}

function scoreText(result) {
  if (!result.marked) return "Mark some statements first: nothing to compare yet.";
  const kinds = `Your score: the kind is right for ${countOf(result.kindRight, result.marked, "statements you marked")}`;
  if (!result.checkableMarked) return `${kinds}; none of them is checked by the course.`;
  return `${kinds}; the verdict is right for ${countOf(result.verdictRight, result.checkableMarked, "checkable ones among them")}.`;
}

function exportMarks(state) {
  const result = score(state);
  const marks = [...state.marks].map(([id, mark]) => {
    const claim = state.byId.get(id);
    const { kindRight, verdictRight } = judge(mark, claim, state.rule);
    return { id, number: claim.number, words: claim.words, your_kind: mark.kind, your_accuracy: mark.accuracy || null,
      course_claim_type: claim.claim_type, course_verdict: claim.verdict, kind_matches: kindRight,
      verdict_matches: verdictRight };
  }).sort((a, b) => a.number - b.number);
  const report = {
    about: "Predictions on the statements of Cui Zheng's commentary, marked in 'The commentary, annotated'",
    page: window.location.href.split("#")[0], register_version: state.model.get("register_version"),
    exported: new Date().toISOString(), statements: state.statements.length, score: result,
    scoring_rule: state.rule, marks,
  };
  download(JSON.stringify(report, null, 1), "commentary-predictions.json", "application/json");
}

function buildPredictBar(state) {
  const bar = node("div", "sco-rd-predictbar");
  state.predictStatus = node("p", "sco-rd-status");
  state.revealButton = button("", "sco-rd-reveal");
  state.revealButton.addEventListener("click", () => {
    state.revealed = !state.revealed;
    refreshAll(state);
  });
  const clear = button("Clear my marks", "sco-rd-clear");
  clear.addEventListener("click", () => {
    state.marks.clear();
    saveMarks(state.marks, state.byId);
    refreshAll(state);
  });
  const exporter = button("Download my marks (JSON)", "sco-rd-export");
  exporter.addEventListener("click", () => exportMarks(state));
  state.scoreLine = node("p", "sco-rd-score");
  state.scoreLine.setAttribute("aria-live", "polite");
  const actions = node("div", "sco-rd-actions");
  actions.append(state.revealButton, clear, exporter);
  bar.append(state.predictStatus, actions, state.scoreLine);
  state.predictBar = bar;
  return bar;
}

// --- putting it together ------------------------------------------------------

function watchWidth(state) {
  const fit = () => state.root.classList.toggle("sco-rd-wide", state.root.clientWidth >= WIDE_ENOUGH_FOR_SIDE_PANEL);
  fit();
  const observer = new ResizeObserver(fit);
  observer.observe(state.root);
  return observer;
}

function render({ model, el }) {
  const statements = model.get("claims").filter((claim) => claim.number !== null);
  const root = widgetRoot("sco-rd");
  const state = {
    model, root, statements, rule: model.get("scoring"), revealed: false, trigger: null,
    byId: new Map(statements.map((claim) => [claim.id, claim])), tags: new Map(), wrappers: new Map(),
    panelId: uniqueId("sco-rd-panel"),
  };
  state.marks = loadMarks(statements);
  state.panel = node("div", "sco-rd-panel");
  state.panel.id = state.panelId;
  state.panel.tabIndex = -1;
  state.panel.setAttribute("role", "region");
  state.panel.setAttribute("aria-label", "The selected statement: verdict and evidence");
  const aside = node("div", "sco-rd-aside");
  aside.append(state.panel);
  const body = node("div", "sco-rd-body");
  body.append(renderText(state), aside);
  root.append(renderSummary(model), renderModeSwitch(state), renderFilters(state), buildPredictBar(state), body);
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && model.get("selected")) {
      event.preventDefault();
      closePanel(state);
    }
  });
  el.append(root);

  const onSelect = () => showSelection(state);
  const onChange = () => refreshAll(state);
  const onAddress = () => selectFromAddress(state);
  model.on("change:selected", onSelect);
  ["mode", "verdicts", "themes", "claim_types", "filtered_out"].forEach((trait) => model.on(`change:${trait}`, onChange));
  window.addEventListener("hashchange", onAddress);
  const observer = watchWidth(state);
  refreshAll(state);
  showSelection(state);
  selectFromAddress(state);
  return () => {
    observer.disconnect();
    window.removeEventListener("hashchange", onAddress);
    model.off("change:selected", onSelect);
    ["mode", "verdicts", "themes", "claim_types", "filtered_out"].forEach((trait) => model.off(`change:${trait}`, onChange));
  };
}

export default { render };
