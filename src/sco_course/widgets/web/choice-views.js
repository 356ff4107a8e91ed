// Front end of sco_course.widgets.ChoiceViews (an anywidget): a labelled
// drop-down that shows one of several views precomputed in Python. The views
// are HTML that the notebook built with every data value escaped
// (sco_course.views.frame_html); labels and options go in as text.
function render({ model, el }) {
  const root = widgetRoot("sco-cv");
  const id = `sco-cv-${Math.random().toString(36).slice(2)}`;
  const control = node("div", "sco-cv-control");
  const label = node("label", "", model.get("label"));
  label.htmlFor = id;
  const select = node("select");
  select.id = id;
  model.get("options").forEach((option, index) => {
    const item = node("option", "", option);
    item.value = String(index);
    select.append(item);
  });
  control.append(label, select);
  const view = node("div", "sco-cv-view");
  view.setAttribute("aria-live", "polite");
  root.append(control, view);
  el.append(root);

  const show = () => {
    const index = model.get("index");
    select.value = String(index);
    view.innerHTML = model.get("views")[index];
  };
  select.addEventListener("change", () => {
    model.set("index", Number(select.value));
    model.save_changes();
  });
  model.on("change:index", show);
  show();
  return () => model.off("change:index", show);
}

export default { render };
