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

// In JupyterLab a notebook's shortcuts would take keys a widget needs: in command mode
// the arrow keys move between cells, and Lumino's CommandRegistry, which JupyterLab
// runs from a keydown listener on the document, prevents the key's default action, so
// a slider or a select does not move. Lumino leaves a key alone if its target (or an
// ancestor below the element its shortcut's selector matches, here the target itself)
// carries a data-lm-suppress-shortcuts attribute. So, while a bare navigation key
// pressed on a control inside a widget is dispatched, that control carries the
// attribute, set from window in the capture phase (before any document listener) and
// removed once the event is over: the key does what it does in the book. Keys with a
// modifier, and letters, stay JupyterLab's (Shift+Enter runs the cell, Ctrl+S saves).
// Nothing reads the attribute outside JupyterLab.
const WIDGET_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End",
  "PageUp", "PageDown", "Enter", " ", "Escape"]);
const SUPPRESS_SHORTCUTS = "data-lm-suppress-shortcuts";
const KEYS_GUARDED = Symbol.for("sco-course.widget-keys");

function keepNavigationKeys(event) {
  if (event.ctrlKey || event.altKey || event.metaKey || event.shiftKey || !WIDGET_KEYS.has(event.key)) return;
  const target = event.target;
  if (!(target instanceof Element) || !target.closest("[data-sco-widget]") || target.hasAttribute(SUPPRESS_SHORTCUTS)) return;
  target.setAttribute(SUPPRESS_SHORTCUTS, "");
  setTimeout(() => target.removeAttribute(SUPPRESS_SHORTCUTS));
}

// A widget's root element: navigation keys pressed on a control inside it are the widget's.
function widgetRoot(className) {
  if (!window[KEYS_GUARDED]) {
    window[KEYS_GUARDED] = true;
    window.addEventListener("keydown", keepNavigationKeys, true);
  }
  const root = node("div", className);
  root.dataset.scoWidget = "";
  return root;
}
