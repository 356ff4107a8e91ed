// Front end of sco_course.reader.AnnotatedCommentary (an anywidget): the
// commentary with every statement of the claims register highlighted in
// place, a panel with the verdict and evidence, filters, and the "predict
// first, then compare" mode. It runs in the static book, where no Python
// runs. Text from the data is only ever inserted with textContent, and links
// only accept http(s) addresses (or the relative chapter links built in Python).

const STORAGE_KEY = "sco-course:reader-marks";
const WIDE_ENOUGH_FOR_SIDE_PANEL = 740;
const FACT = "fact";

function hiddenText(text) {
  return node("span", "sco-rd-vh", text);
}

function decorative(text, className) {
  const element = node("span", className, text);
  element.setAttribute("aria-hidden", "true");
  return element;
}

function button(text, className) {
  const element = node("button", className, text);
  element.type = "button";
  return element;
}

function chapterUrl(url) {
  // Built in Python as a path relative to this page; anything with a scheme is refused.
  return url && !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//") ? url : null;
}

// Counts in prose as the course writes them (sco_course.wording): "all nine", "none of the eight", "two of the 91".
const NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

function spell(number) {
  return number < NUMBER_WORDS.length ? NUMBER_WORDS[number] : number.toLocaleString("en");
}

function countOf(part, whole, noun) {
  const tail = noun ? ` ${noun}` : "";
  if (whole === 0) return noun ? `no${tail}` : "none";
  if (part === whole) return whole === 1 ? `the one${tail}` : whole === 2 ? `both${tail}` : `all ${spell(whole)}${tail}`;
  if (part === 0) return whole === 2 ? `neither of the two${tail}` : `none of the ${spell(whole)}${tail}`;
  return `${spell(part)} of the ${spell(whole)}${tail}`;
}

function uniqueId(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2)}`;
}

function download(text, filename, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = node("a");
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

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

// --- filters ------------------------------------------------------------------

function passes(claim, model) {
  const within = (list, value) => list.length === 0 || list.includes(value);
  return within(model.get("verdicts"), claim.verdict) && within(model.get("themes"), claim.theme)
    && within(model.get("claim_types"), claim.claim_type);
}

function predicting(state) {
  return state.model.get("mode") === "predict";
}

function hidingVerdicts(state) {
  return predicting(state) && !state.revealed;
}

// --- the summary --------------------------------------------------------------

function renderSummary(model) {
  const data = model.get("summary");
  const section = node("section", "sco-rd-summary");
  section.setAttribute("aria-label", "Summary of the course's verdicts");
  section.append(node("p", "sco-rd-assessment", data.assessment));
  const verdicts = node("ul", "sco-rd-chips");
  verdicts.setAttribute("aria-label", "Statements by verdict");
  for (const item of data.by_verdict) {
    const chip = node("li", `sco-rd-chip sco-rd-v-${item.verdict}`);
    chip.append(decorative(item.glyph, "sco-rd-glyph"), ` ${item.label}: `, node("strong", "", String(item.count)));
    verdicts.append(chip);
  }
  const themes = node("ul", "sco-rd-themes");
  themes.setAttribute("aria-label", "Statements by section of the commentary");
  for (const item of data.by_theme) {
    const line = node("li");
    line.append(node("strong", "", item.label), `: ${item.text}`);
    themes.append(line);
  }
  section.append(node("p", "sco-rd-label", "By verdict"), verdicts,
    node("p", "sco-rd-label", "By section"), themes, node("p", "sco-rd-coverage", data.coverage_text));
  return section;
}

// --- the text -----------------------------------------------------------------

function blockElement(block) {
  const element = node(block.kind === "heading" ? "h3" : "p", `sco-rd-block sco-rd-${block.kind}`);
  const number = node("span", "sco-rd-num");
  number.append(hiddenText("Paragraph "), String(block.number), hiddenText(": "));
  element.append(number);
  return element;
}

function tagContent(tag, claim, state) {
  const mark = state.marks.get(claim.id);
  tag.replaceChildren();
  if (hidingVerdicts(state)) {
    const label = mark ? node("span", "sco-rd-tag-label", markText(mark, state.rule)) : hiddenText(markText(mark, state.rule));
    tag.append(hiddenText(`Claim ${claim.number}, your mark: `), decorative(String(claim.number), "sco-rd-tag-num"),
      decorative(mark ? "✎" : "?", "sco-rd-glyph"), label);
    return;
  }
  const prefix = claim.checkable ? `Claim ${claim.number}, verdict: ` : `Claim ${claim.number}, not fact-checked: `;
  tag.append(hiddenText(prefix), decorative(String(claim.number), "sco-rd-tag-num"),
    decorative(claim.glyph, "sco-rd-glyph"), node("span", "sco-rd-tag-label", claim.tag_label));
}

function claimElement(claim, state) {
  const wrapper = node("span", `sco-rd-claim sco-rd-v-${claim.verdict}`);
  wrapper.dataset.id = claim.id;
  const highlight = node("mark", "sco-rd-hl", claim.words);
  highlight.addEventListener("click", () => select(state, claim.id, tag));
  const tag = button(undefined, "sco-rd-tag");
  tag.setAttribute("aria-expanded", "false");
  tag.setAttribute("aria-controls", state.panelId);
  tag.addEventListener("click", () => select(state, state.model.get("selected") === claim.id ? "" : claim.id, tag));
  tagContent(tag, claim, state);
  const printNumber = decorative(`[${claim.number}]`, "sco-rd-print-num");
  wrapper.append(highlight, " ", tag, printNumber);
  state.tags.set(claim.id, tag);
  state.wrappers.set(claim.id, wrapper);
  return wrapper;
}

function printNote(claim) {
  const item = node("li");
  item.value = claim.number;
  const verdict = claim.checkable ? `${claim.glyph} ${claim.verdict_label}` : `${claim.glyph} Not fact-checked`;
  item.append(node("strong", "", `${verdict} (${claim.type_label}). `), claim.evidence);
  if (claim.translation_note) {
    const asWritten = claim.as_written_label ? ` As written in English: ${claim.as_written_label}.` : "";
    item.append(` Translation: ${claim.translation_note}${asWritten}`);
  }
  return item;
}

function renderBlock(block, claims, state) {
  const element = blockElement(block);
  let position = 0;
  for (const claim of claims) {
    element.append(block.text.slice(position, claim.start), claimElement(claim, state));
    position = claim.end;
  }
  element.append(block.text.slice(position));
  const notes = node("ol", "sco-rd-notes");
  notes.setAttribute("aria-label", `Verdicts on paragraph ${block.number}`);
  claims.forEach((claim) => notes.append(printNote(claim)));
  return claims.length ? [element, notes] : [element];
}

function renderText(state) {
  const text = node("div", "sco-rd-text");
  text.setAttribute("role", "group");
  text.setAttribute("aria-label", "The commentary's text, each statement marked with the course's verdict");
  for (const block of state.model.get("blocks")) {
    const claims = state.statements.filter((claim) => claim.block === block.number).sort((a, b) => a.start - b.start);
    text.append(...renderBlock(block, claims, state));
  }
  return text;
}

// --- the panel ----------------------------------------------------------------

function panelHeader(claim, state) {
  const header = node("div", "sco-rd-panel-head");
  const title = node("p", "sco-rd-panel-title", `Claim ${claim.number} · paragraph ${claim.block}`);
  if (!hidingVerdicts(state)) title.append(` · ${claim.type_label}`);
  const close = button("×", "sco-rd-close");
  close.setAttribute("aria-label", "Close the claim's details");
  close.addEventListener("click", () => closePanel(state));
  header.append(title, close);
  return header;
}

function verdictLine(label, glyph, verdictClass, prefix) {
  const line = node("p", `sco-rd-verdict sco-rd-v-${verdictClass}`);
  line.append(node("span", "sco-rd-verdict-prefix", prefix), decorative(glyph, "sco-rd-glyph"), ` ${label}`);
  return line;
}

function verdictDetails(claim) {
  const parts = [];
  if (claim.checkable) {
    const prefix = claim.translation_note ? "Verdict on the probable meaning: " : "Verdict: ";
    parts.push(verdictLine(claim.verdict_label, claim.glyph, claim.verdict, prefix));
  } else {
    parts.push(verdictLine(`${claim.type_label}, not fact-checked`, claim.glyph, claim.verdict, "Label: "));
  }
  if (claim.as_written_label) {
    parts.push(verdictLine(claim.as_written_label, claim.as_written_glyph, claim.verdict_as_written,
      "Verdict on the English as written: "));
  }
  parts.push(node("p", "sco-rd-evidence", claim.evidence));
  if (claim.translation_note) {
    const note = node("p", "sco-rd-translation");
    note.append(node("strong", "", "Translation: "), claim.translation_note);
    parts.push(note);
  }
  parts.push(...sourceList(claim), ...chapterLink(claim));
  return parts;
}

function sourceList(claim) {
  if (!claim.sources.length) return [];
  const list = node("ul", "sco-rd-sources");
  for (const source of claim.sources) {
    const item = node("li");
    const url = safeUrl(source.url);
    if (url) {
      const link = node("a", "", source.label);
      link.href = url;
      item.append(link);
    } else {
      item.textContent = source.label;
    }
    list.append(item);
  }
  return [node("p", "sco-rd-label", "Sources"), list];
}

function chapterLink(claim) {
  const url = chapterUrl(claim.tested_in);
  if (!url) return [];
  const line = node("p", "sco-rd-chapter");
  const link = node("a", "", claim.tested_in_title || "the chapter that tests it");
  link.href = url;
  line.append("Tested in: ", link);
  return [line];
}

function radioGroup(legend, name, options, checked, onChange, disabled) {
  const group = node("fieldset", "sco-rd-choice");
  group.append(node("legend", "", legend));
  for (const [value, label] of options) {
    const wrapper = node("label");
    const input = node("input");
    Object.assign(input, { type: "radio", name, value, checked: value === checked, disabled: Boolean(disabled) });
    input.addEventListener("change", () => onChange(value));
    wrapper.append(input, ` ${label}`);
    group.append(wrapper);
  }
  return group;
}

function markControls(claim, state) {
  const mark = state.marks.get(claim.id) || { kind: "", accuracy: "" };
  const name = uniqueId("sco-rd-mark");
  const update = (change) => {
    const next = { ...mark, ...change };
    if (next.kind !== FACT) next.accuracy = "";
    state.marks.set(claim.id, next);
    saveMarks(state.marks, state.byId);
    refreshClaim(state, claim.id);
    renderPredictBar(state);
    renderPanel(state, { keepFocus: true });
    // The panel was redrawn: give focus back to the choice just made.
    const chosen = Object.values(change)[0];
    const input = [...state.panel.querySelectorAll("input[type=radio]")].find((box) => box.value === chosen);
    if (input) input.focus();
  };
  const kinds = Object.entries(state.rule.kinds).map(([value, item]) => [value, item.label]);
  const accuracies = Object.entries(state.rule.accuracy).map(([value, item]) => [value, item.label]);
  return [
    radioGroup("What kind of statement is it?", `${name}-kind`, kinds, mark.kind, (kind) => update({ kind })),
    radioGroup("If it is a fact: is it accurate?", `${name}-accuracy`, accuracies, mark.accuracy,
      (accuracy) => update({ accuracy }), mark.kind !== FACT),
  ];
}

function comparison(claim, state) {
  const mark = state.marks.get(claim.id);
  const line = node("p", "sco-rd-comparison");
  if (!mark) {
    line.textContent = "You did not mark this statement.";
    return line;
  }
  const { kindRight, verdictRight } = judge(mark, claim, state.rule);
  const parts = [`Your mark: ${markText(mark, state.rule)}. Kind ${kindRight ? "matches" : "does not match"}`];
  if (verdictRight !== null) parts.push(`verdict ${verdictRight ? "matches" : "does not match"}`);
  line.textContent = `${parts.join("; ")} the course's.`;
  return line;
}

function navigation(claim, state) {
  const nav = node("div", "sco-rd-panel-nav");
  const visible = state.statements.filter((item) => !isHidden(item, state));
  const index = visible.findIndex((item) => item.id === claim.id);
  for (const [label, step] of [["← Previous claim", -1], ["Next claim →", 1]]) {
    const target = visible[index + step];
    const control = button(label, "sco-rd-step");
    control.disabled = !target;
    if (target) control.addEventListener("click", () => select(state, target.id, state.tags.get(target.id)));
    nav.append(control);
  }
  return nav;
}

function renderPanel(state, { keepFocus } = {}) {
  const panel = state.panel;
  const claim = state.byId.get(state.model.get("selected"));
  panel.replaceChildren();
  state.root.classList.toggle("sco-rd-open", Boolean(claim));
  if (!claim) {
    panel.append(node("p", "sco-rd-hint", "Select a highlighted statement, or Tab to its tag and press Enter, "
      + "to see its verdict, the evidence and the sources."));
    return;
  }
  const quote = node("blockquote", "sco-rd-quote");
  quote.append(node("q", "", claim.quote));
  panel.append(panelHeader(claim, state), quote);
  if (predicting(state)) {
    panel.append(...markControls(claim, state));
    if (state.revealed) panel.append(comparison(claim, state));
  }
  if (!hidingVerdicts(state)) panel.append(...verdictDetails(claim));
  panel.append(navigation(claim, state));
  if (!keepFocus) panel.focus({ preventScroll: true });
}

// --- selecting and closing ------------------------------------------------------

function isHidden(claim, state) {
  return state.model.get("filtered_out") === "hide" && !passes(claim, state.model) && !hidingVerdicts(state);
}

function bringIntoView(state, id) {
  const wrapper = state.wrappers.get(id);
  if (!wrapper) return;
  if (state.root.classList.contains("sco-rd-wide")) {
    const rect = wrapper.getBoundingClientRect();
    if (rect.top < 80 || rect.bottom > window.innerHeight) wrapper.scrollIntoView({ block: "center" });
    return;
  }
  // On a narrow screen the panel is a sheet over the lower part of the screen: keep the claim above it.
  const top = wrapper.getBoundingClientRect().top + window.scrollY - window.innerHeight * 0.15;
  window.scrollTo({ top: Math.max(0, top) });
}

function select(state, id, trigger) {
  if (trigger) state.trigger = trigger;
  state.model.set("selected", id);
  state.model.save_changes();
  if (id) bringIntoView(state, id);
}

function closePanel(state) {
  const trigger = state.tags.get(state.model.get("selected")) || state.trigger;
  select(state, "");
  if (trigger) trigger.focus();
}

function showSelection(state) {
  const selected = state.model.get("selected");
  for (const [id, tag] of state.tags) {
    tag.setAttribute("aria-expanded", String(id === selected));
    state.wrappers.get(id).classList.toggle("sco-rd-selected", id === selected);
  }
  renderPanel(state);
}

function selectFromAddress(state) {
  const match = /^#claim-(c\d+)$/.exec(window.location.hash);
  if (!match || !state.tags.has(match[1])) return;
  select(state, match[1], state.tags.get(match[1]));
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
  const root = node("div", "sco-rd");
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
