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
