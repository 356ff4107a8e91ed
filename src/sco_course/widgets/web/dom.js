// Helpers every widget's front end starts with (sco_course.widgets.front_end
// puts this file before each widget's own module). Text from the data only
// ever goes in with textContent, and links only accept http(s) addresses.
function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch (error) {
    return null;
  }
}

// In JupyterLab a notebook's shortcuts see every key before the page does: Lumino's
// CommandRegistry listens on the document in the capture phase, and in command mode
// the arrow keys move between cells, stopping the key before a slider, a select or a
// widget's own handler gets it. Lumino leaves a key alone when its target is inside an
// element with a data-lm-suppress-shortcuts attribute. So, while a bare navigation key
// pressed inside a widget is dispatched, the widget's root carries that attribute: the
// key does what it does in the book. Keys with a modifier, and letters, stay
// JupyterLab's (Shift+Enter runs the cell, Ctrl+S saves). Nothing reads the attribute
// outside JupyterLab; window's capture listeners run before the document's.
const WIDGET_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
  "PageUp", "PageDown", "Enter", " ", "Escape"]);
const SUPPRESS_SHORTCUTS = "data-lm-suppress-shortcuts";
const KEYS_GUARDED = Symbol.for("sco-course.widget-keys");

function keepNavigationKeys(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || !WIDGET_KEYS.has(event.key)) return;
  const root = event.target instanceof Element ? event.target.closest("[data-sco-widget]") : null;
  if (!root || root.hasAttribute(SUPPRESS_SHORTCUTS)) return;
  root.setAttribute(SUPPRESS_SHORTCUTS, "");
  setTimeout(() => root.removeAttribute(SUPPRESS_SHORTCUTS));
}

// A widget's root element: navigation keys pressed inside it are the widget's.
function widgetRoot(className) {
  if (!window[KEYS_GUARDED]) {
    window[KEYS_GUARDED] = true;
    window.addEventListener("keydown", keepNavigationKeys, true);
  }
  const root = node("div", className);
  root.dataset.scoWidget = "";
  return root;
}
