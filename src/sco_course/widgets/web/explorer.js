// Front end of sco_course.widgets.Explorer (an anywidget): looks up the
// precomputed answer for the chosen controls; text is inserted as text only.
function render({ model, el }) {
  const root = widgetRoot("sco-ex");
  const controls = model.get("controls");
  const answers = model.get("answers");
  const choice = [...model.get("selection")];
  if (model.get("caption")) root.append(node("p", "sco-ex-caption", model.get("caption")));
  const form = node("div", "sco-ex-controls");
  const answer = node("div", "sco-ex-answer");
  answer.setAttribute("aria-live", "polite");
  const uid = `sco-ex-${Math.random().toString(36).slice(2)}`;

  function show() {
    answer.replaceChildren();
    const found = answers[choice.join("|")];
    if (!found) {
      answer.append(node("p", "sco-ex-empty", model.get("empty_text")));
      return;
    }
    answer.append(node("p", "sco-ex-summary", found.summary));
    if (found.columns.length) {
      const table = node("table", "sco-ex-table");
      const head = node("tr");
      found.columns.forEach((column) => head.append(node("th", "", column)));
      table.append(node("thead"));
      table.tHead.append(head);
      const body = node("tbody");
      found.rows.forEach((row) => {
        const line = node("tr");
        row.forEach((cell) => line.append(node("td", "", cell)));
        body.append(line);
      });
      table.append(body);
      const scroller = node("div", "sco-ex-scroll");
      scroller.append(table);
      answer.append(scroller);
    }
  }

  function choose(index, value) {
    choice[index] = value;
    model.set("selection", [...choice]);
    model.save_changes();
    show();
  }

  controls.forEach((control, index) => {
    const id = `${uid}-${index}`;
    const wrapper = node("div", `sco-ex-control sco-ex-${control.kind}`);
    const label = node("label", "", control.label);
    label.htmlFor = id;
    wrapper.append(label);
    if (control.kind === "slider") {
      const input = node("input");
      input.type = "range";
      input.id = id;
      input.min = "0";
      input.max = String(control.options.length - 1);
      input.step = "1";
      input.value = String(Math.max(0, control.options.indexOf(choice[index])));
      const output = node("output", "", choice[index]);
      output.htmlFor = id;
      const update = () => {
        const value = control.options[Number(input.value)];
        input.setAttribute("aria-valuetext", value);
        output.textContent = value;
        choose(index, value);
      };
      input.setAttribute("aria-valuetext", choice[index]);
      input.addEventListener("input", update);
      wrapper.append(input, output);
    } else {
      const select = node("select");
      select.id = id;
      control.options.forEach((option) => {
        const item = node("option", "", option);
        item.value = option;
        select.append(item);
      });
      select.value = choice[index];
      select.addEventListener("change", () => choose(index, select.value));
      wrapper.append(select);
    }
    form.append(wrapper);
  });

  root.append(form, answer);
  el.append(root);
  show();
}

export default { render };
