// The annotated commentary's panel: a claim's verdict, evidence, sources,
// chapter link and the reader's own mark; selecting and closing a claim
// (part of reader.js's module).

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
