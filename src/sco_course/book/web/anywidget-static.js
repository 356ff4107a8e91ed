// Draws a page's saved anywidgets without the ipywidgets embed manager.
//
// The book uses this loader on pages whose widget state holds only anywidgets
// (and their layout models); other pages keep the full embed manager
// (embed-amd.js, about 0.9 MB gzip). Each anywidget's own front-end module
// (its `_esm`) does the drawing and filtering; this file gives it the part of
// the model interface that works without a kernel: get, set, on, off and
// save_changes (which has nowhere to send changes, so it keeps them here).
(function () {
  "use strict";

  var STATE_TYPE = "application/vnd.jupyter.widget-state+json";
  var VIEW_TYPE = "application/vnd.jupyter.widget-view+json";

  function sameValue(a, b) {
    if (a === b) return true;
    if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function createModel(state) {
    var values = Object.assign({}, state);
    var listeners = {};
    var model = {
      get: function (name) {
        return values[name];
      },
      set: function (name, value) {
        var previous = values[name];
        values[name] = value;
        if (sameValue(previous, value)) return;
        model.trigger("change:" + name, model, value);
        model.trigger("change", model);
      },
      on: function (event, callback) {
        (listeners[event] = listeners[event] || []).push(callback);
      },
      off: function (event, callback) {
        if (!event) listeners = {};
        else if (!callback) delete listeners[event];
        else listeners[event] = (listeners[event] || []).filter(function (c) { return c !== callback; });
      },
      trigger: function (event) {
        var args = Array.prototype.slice.call(arguments, 1);
        (listeners[event] || []).slice().forEach(function (callback) {
          callback.apply(model, args);
        });
      },
      save_changes: function () {},
      send: function () {},
    };
    return model;
  }

  var modules = {};
  function loadModule(source) {
    if (!modules[source]) {
      var url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
      modules[source] = import(url).finally(function () {
        URL.revokeObjectURL(url);
      });
    }
    return modules[source];
  }

  var styled = {};
  function addStyle(id, css) {
    if (!css || styled[id]) return;
    styled[id] = true;
    var style = document.createElement("style");
    style.dataset.anywidget = id;
    style.textContent = css;
    document.head.append(style);
  }

  async function renderView(script, models) {
    var modelId = JSON.parse(script.textContent).model_id;
    var state = models[modelId];
    var area = document.createElement("div");
    area.className = "widget-subarea";
    script.before(area);
    if (!state || state.model_module !== "anywidget") {
      throw new Error("widget " + modelId + " is not an anywidget saved on this page");
    }
    var values = state.state;
    addStyle(values._anywidget_id, values._css);
    var exported = await loadModule(values._esm);
    var widget = exported.default || exported;
    if (typeof widget === "function") widget = await widget();
    var model = createModel(values);
    var el = document.createElement("div");
    el.className = "sco-anywidget";
    area.append(el);
    var experimental = { invoke: function () { return Promise.reject(new Error("no kernel")); } };
    if (widget.initialize) await widget.initialize({ model: model, experimental: experimental });
    if (widget.render) await widget.render({ model: model, el: el, experimental: experimental });
  }

  function renderAll() {
    var stateScript = document.querySelector('script[type="' + STATE_TYPE + '"]');
    if (!stateScript) return;
    var models = JSON.parse(stateScript.textContent).state;
    document.querySelectorAll('script[type="' + VIEW_TYPE + '"]').forEach(function (script) {
      renderView(script, models).catch(function (error) {
        console.error("Could not draw a widget:", error);
        var note = document.createElement("p");
        note.textContent = "This interactive output could not be drawn (" + error.message + ").";
        script.before(note);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", renderAll);
  } else {
    renderAll();
  }
})();
