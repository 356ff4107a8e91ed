// The annotated commentary's text: claims as tags in their paragraphs, the
// summary, which claims the filters let through, and the small helpers the
// reader's parts share (part of reader.js's module).

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
