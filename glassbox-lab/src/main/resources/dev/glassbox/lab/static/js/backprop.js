// Backprop step by step, on one example: every number shown comes from the engine, copied
// from the engine's own gradients for that example. This module only lays them out.

import { showError } from './api.js';
import { engine } from './engine.js';
import { fmt, maxAbs, pct, weightColor } from './colors.js';
import { className, inputName, isDigits, isRegression, paintExample, paintInputWeights, sampleWord } from './inputs.js';
import { state } from './state.js';
import { svg, el, arrow } from './svg.js';

const COLORS = { output: '#7c3aed', weights: '#111827', last: '#15803d', first: '#c2410c' };

let data = null;

/** The name of class `i` as the page shows it: a digit, or the data's class name. */
const name = i => className(state.structure, i);
let step = 0;
let example = { query: { label: 3 } };

function stepTitles() {
  const titles = ['1. The error at the output', '2. Weights into the right output'];
  data.hidden.forEach((h, k) => titles.push(`${k + 3}. ${h.name}: desired changes`));
  titles.push(`${data.hidden.length + 3}. Apply the update`);
  return titles;
}

function numberCell(row, key, value) {
  const td = document.createElement('td');
  td.textContent = fmt(value);
  td.dataset.key = key;
  td.title = String(value);
  row.append(td);
}

function table(headers) {
  const t = document.createElement('table');
  t.className = 'numbers';
  const head = t.insertRow();
  for (const h of headers) {
    const th = document.createElement('th');
    th.textContent = h;
    head.append(th);
  }
  return t;
}

function textCell(row, text) {
  const td = document.createElement('td');
  td.textContent = text;
  row.append(td);
}

function explain(box, title, sentences) {
  const h = document.createElement('h2');
  h.textContent = title;
  const p = document.createElement('p');
  p.className = 'explain';
  p.innerHTML = sentences;
  const body = document.createElement('div');
  body.className = 'step-body';
  const figure = document.createElement('div');
  const numbers = document.createElement('div');
  body.append(figure, numbers);
  box.append(h, p, body);
  return { figure, numbers };
}

/** Output neurons as circles with probabilities, and an arrow per neuron for its desired change. */
function outputFigure(outputs, label, arrows) {
  const root = svg(900, 330);
  const scale = maxAbs(outputs.map(o => o.change)) || 1;
  outputs.forEach((o, d) => {
    const x = 60 + d * 84;
    const grey = Math.round(255 * (1 - o.probability));
    if (arrows) arrow(root, x, 110, 95 * o.change / scale, d === label ? COLORS.output : '#9ca3af', d === label ? 6 : 4);
    el(root, 'text', { x, y: 230, 'text-anchor': 'middle', 'font-size': 15, fill: '#4b5563' }, pct(o.probability));
    el(root, 'circle', { cx: x, cy: 268, r: 24, fill: `rgb(${grey},${grey},${grey})`, stroke: d === label ? COLORS.output : '#6b7280', 'stroke-width': d === label ? 4 : 1.5 });
    el(root, 'text', { x, y: 322, 'text-anchor': 'middle', 'font-size': name(d).length > 3 ? 13 : 26, 'font-weight': d === label ? 'bold' : 'normal', fill: d === label ? COLORS.output : '#111827' }, name(d));
  });
  return root;
}

function step1(box) {
  const s = data.step1;
  const p = s.outputs[data.label].probability;
  const { figure, numbers } = explain(box, stepTitles()[0],
    `The network gives <b>${pct(p)}</b> to ${name(data.label)}; we want 1 for ${name(data.label)} and 0 for every other `
    + `${isDigits(state.structure) ? 'digit' : 'class'}. `
    + `The error of each output is <i>probability − desired</i>: the output for ${name(data.label)} must rise `
    + `(<span style="color:${COLORS.output}">purple arrow</span>), the others must fall, each by as much as it was wrong.`);
  figure.append(outputFigure(s.outputs, data.label, true));
  const t = table([isDigits(state.structure) ? 'digit' : 'class', 'probability', 'desired', 'error ∂loss/∂z', 'desired change']);
  for (const o of s.outputs) {
    const row = t.insertRow();
    if (o.digit === data.label) row.className = 'true';
    textCell(row, name(o.digit));
    numberCell(row, `out-p-${o.digit}`, o.probability);
    textCell(row, o.desired);
    numberCell(row, `out-error-${o.digit}`, o.error);
    numberCell(row, `out-change-${o.digit}`, o.change);
  }
  const loss = t.insertRow();
  textCell(loss, 'loss');
  numberCell(loss, 'loss-before', s.loss);
  numbers.append(t);
}

/** The strongest `count` indices of `values` by |value|. */
function strongest(values, count) {
  return Array.from(values.keys()).sort((a, b) => Math.abs(values[b]) - Math.abs(values[a])).slice(0, count);
}

function step2(box) {
  const s = data.step2;
  const { figure, numbers } = explain(box, stepTitles()[1],
    `To raise the output for ${name(data.label)}, every weight into it changes by <i>−η × error × a</i>, where <i>a</i> is `
    + `the activation of the neuron it comes from: the more active the neuron, the larger the change `
    + `(thicker line). A neuron that was silent (a = 0) changes nothing here.`);
  const root = svg(900, 420);
  const shown = s.fromPixels ? [] : Array.from(s.activations.keys());
  const n = shown.length;
  const updScale = maxAbs(s.updates) || 1;
  const actScale = maxAbs(s.activations) || 1;
  shown.forEach((i, k) => {
    const y = 30 + (n === 1 ? 180 : 360 * k / (n - 1));
    const u = s.updates[i];
    el(root, 'line', { x1: 200, y1: y, x2: 640, y2: 210, stroke: weightColor(u, updScale, 0.05), 'stroke-width': 1 + 8 * Math.abs(u) / updScale });
    const grey = Math.round(255 * (1 - Math.max(0, s.activations[i]) / actScale));
    el(root, 'circle', { cx: 200, cy: y, r: Math.min(10, 160 / n + 2), fill: `rgb(${grey},${grey},${grey})`, stroke: '#6b7280' });
  });
  el(root, 'circle', { cx: 660, cy: 210, r: 30, fill: '#fff', stroke: COLORS.output, 'stroke-width': 4 });
  el(root, 'text', { x: 660, y: 220, 'text-anchor': 'middle', 'font-size': name(data.label).length > 2 ? 12 : 28, 'font-weight': 'bold', fill: COLORS.output }, name(data.label));
  arrow(root, 720, 240, 70, COLORS.output, 6);
  el(root, 'text', { x: 200, y: 18, 'text-anchor': 'middle', 'font-size': 15, fill: '#4b5563' }, s.fromPixels ? 'inputs' : 'last hidden layer');
  el(root, 'text', { x: 420, y: 410, 'text-anchor': 'middle', 'font-size': 15, fill: '#4b5563' }, 'line: weight change (blue up, red down), thicker = larger');
  if (!s.fromPixels) figure.append(root);
  if (s.fromPixels) figure.append(updateImages([{ title: `into ${name(data.label)}`, updates: s.updates }]));
  const t = table(['from neuron', 'activation a', '∂loss/∂w = error × a', 'change Δw']);
  const rows = s.fromPixels ? strongest(s.activations, 12) : strongest(s.activations, Math.min(16, s.activations.length));
  for (const i of rows) {
    const row = t.insertRow();
    textCell(row, s.fromPixels ? inputLabel(i) : i);
    numberCell(row, `s2-a-${i}`, s.activations[i]);
    numberCell(row, `s2-grad-${i}`, s.gradients[i]);
    numberCell(row, `s2-update-${i}`, s.updates[i]);
  }
  const note = document.createElement('p');
  note.className = 'note';
  note.innerHTML = `error of output ${name(data.label)}: <span data-key="s2-error">${fmt(s.error)}</span>; the most active `
    + `neurons are listed. The bias changes by ${fmt(s.biasUpdate)}.`;
  numbers.append(t, note);
}

function updateImages(items) {
  const wrap = document.createElement('div');
  wrap.className = 'update-images';
  for (const item of items) {
    const fig = document.createElement('figure');
    const canvas = document.createElement('canvas');
    paintInputWeights(canvas, state.structure, item.updates);
    const cap = document.createElement('figcaption');
    cap.textContent = item.title;
    fig.append(canvas, cap);
    wrap.append(fig);
  }
  return wrap;
}

function hiddenStep(box, k) {
  const h = data.hidden[k];
  const isFirst = k === data.hidden.length - 1;
  const color = k === 0 ? COLORS.last : COLORS.first;
  const colorName = k === 0 ? 'green' : 'orange';
  const { figure, numbers } = explain(box, stepTitles()[k + 2],
    `One layer down. Each neuron of ${h.name} should change by <i>−∂loss/∂a</i>: what every neuron above wants `
    + `from it, passed back through its weights (<span style="color:${color}">${colorName} arrows</span>: up = more `
    + `active, down = less). Where the activation is flat (ReLU at zero) nothing passes. The weights feeding each `
    + `neuron then change as in step 2${!h.fromPixels ? '' : isTable() ? ', input by input: shown as bars'
      : ', pixel by pixel: shown as images'}.`);
  const n = h.changes.length;
  const width = Math.max(900, Math.min(1400, n * 8));
  const root = svg(width, 320);
  const scale = maxAbs(h.changes) || 1;
  const actScale = maxAbs(h.activations) || 1;
  h.changes.forEach((c, i) => {
    const x = 30 + (n === 1 ? (width - 60) / 2 : (width - 60) * i / (n - 1));
    const grey = Math.round(255 * (1 - Math.max(0, h.activations[i]) / actScale));
    arrow(root, x, 125, 110 * c / scale, color, Math.max(1.5, Math.min(5, 400 / n)));
    el(root, 'circle', { cx: x, cy: 265, r: Math.min(14, (width - 60) / n / 2.4 + 1), fill: `rgb(${grey},${grey},${grey})`, stroke: '#6b7280' });
  });
  if (n <= 40) h.changes.forEach((c, i) => {
    const x = 30 + (n === 1 ? (width - 60) / 2 : (width - 60) * i / (n - 1));
    el(root, 'text', { x, y: 308, 'text-anchor': 'middle', 'font-size': 13, fill: '#4b5563' }, String(i));
  });
  figure.append(root);
  const t = table(['neuron', 'activation a', 'desired change −∂loss/∂a', '∂loss/∂z']);
  for (const i of strongest(h.changes, Math.min(12, n))) {
    const row = t.insertRow();
    textCell(row, i);
    numberCell(row, `h${h.column}-a-${i}`, h.activations[i]);
    numberCell(row, `h${h.column}-change-${i}`, h.changes[i]);
    numberCell(row, `h${h.column}-dz-${i}`, h.sumGradients[i]);
  }
  numbers.append(t);
  const sub = document.createElement('h3');
  sub.textContent = `Weight changes into the ${h.neurons.length} neurons that want the largest change`;
  if (h.fromPixels) {
    figure.append(sub, updateImages(h.neurons.map(u => ({ title: `neuron ${u.neuron} ${u.change >= 0 ? '▲' : '▼'}`, updates: u.updates }))));
    const note = document.createElement('p');
    note.className = 'note';
    note.innerHTML = isTable()
      ? '<b class="pos">Blue</b>: the weight from that input grows; <b class="neg">red</b>: it shrinks. Each change is'
        + ' proportional to the input\'s value: inputs at 0 (a number at its mean, a text value not chosen) change nothing.'
      : '<b class="pos">Blue</b>: the weight from that pixel grows; <b class="neg">red</b>: it shrinks. '
        + 'Only pixels with ink change: each change is proportional to the pixel\'s value.';
    figure.append(note);
  } else {
    const rows = table(['neuron', 'largest weight changes into it (from neuron: Δw)']);
    for (const u of h.neurons) {
      const row = rows.insertRow();
      textCell(row, `${u.neuron} ${u.change >= 0 ? '▲' : '▼'}`);
      const td = document.createElement('td');
      td.style.textAlign = 'left';
      td.textContent = strongest(u.updates, 6).map(i => `${i}: ${fmt(u.updates[i])}`).join('   ');
      row.append(td);
    }
    numbers.append(sub, rows);
  }
}

function applied(box) {
  const a = data.applied;
  const { figure, numbers } = explain(box, stepTitles().at(-1),
    `All ${state.structure?.parameters?.toLocaleString('en') ?? ''} weights and biases moved one step against their `
    + `gradients (${a.optimizer}, η = ${a.learningRate}). The same ${sampleWord(state.structure) === 'row' ? 'row' : 'image'} now gives `
    + `<b>${pct(a.after[data.label])}</b> to ${name(data.label)} (was ${pct(a.before[data.label])}). Training repeats this `
    + `over many examples, averaging what each one wants.`);
  const root = svg(900, 300);
  a.before.forEach((p, d) => {
    const x = 50 + d * 84;
    el(root, 'rect', { x: x - 26, y: 240 - 200 * p, width: 24, height: 200 * p, fill: '#9ca3af' });
    el(root, 'rect', { x: x + 2, y: 240 - 200 * a.after[d], width: 24, height: 200 * a.after[d], fill: d === data.label ? COLORS.output : '#111827' });
    el(root, 'text', { x, y: 268, 'text-anchor': 'middle', 'font-size': name(d).length > 3 ? 12 : 24, 'font-weight': d === data.label ? 'bold' : 'normal' }, name(d));
  });
  el(root, 'text', { x: 20, y: 22, 'font-size': 15, fill: '#4b5563' }, 'grey: before the step   dark: after');
  figure.append(root);
  const t = table([isDigits(state.structure) ? 'digit' : 'class', 'before', 'after']);
  a.before.forEach((p, d) => {
    const row = t.insertRow();
    if (d === data.label) row.className = 'true';
    textCell(row, name(d));
    numberCell(row, `before-p-${d}`, p);
    numberCell(row, `after-p-${d}`, a.after[d]);
  });
  const loss = t.insertRow();
  textCell(loss, 'loss');
  numberCell(loss, 'loss-before-final', a.lossBefore);
  numberCell(loss, 'loss-after', a.lossAfter);
  numbers.append(t);
}

function render() {
  if (!data) return;
  const titles = stepTitles();
  step = Math.max(0, Math.min(step, titles.length - 1));
  const steps = document.getElementById('backprop-steps');
  steps.replaceChildren();
  titles.forEach((title, k) => {
    const b = document.createElement('button');
    b.textContent = k === titles.length - 1 ? '✓' : String(k + 1);
    b.title = title;
    b.className = k === step ? 'active' : '';
    b.addEventListener('click', () => { step = k; render(); });
    steps.append(b);
  });
  const box = document.getElementById('backprop-step');
  box.replaceChildren();
  box.dataset.step = String(step + 1);
  box.dataset.index = String(data.index);
  box.dataset.version = String(data.version);
  if (step === 0) step1(box);
  else if (step === 1) step2(box);
  else if (step < titles.length - 1) hiddenStep(box, step - 2);
  else applied(box);
  document.getElementById('backprop-prev').disabled = step === 0;
  document.getElementById('backprop-next').disabled = step === titles.length - 1;
}

async function load() {
  const learningRate = Number(document.getElementById('backprop-rate').value);
  let request;
  if (example.pixels) {
    request = { pixels: example.pixels, label: example.label, learningRate };
  } else {
    const digit = example.query.index !== undefined ? { index: example.query.index }
      : await engine.get('test-digit', { label: example.query.label });
    request = { index: digit.index, learningRate };
  }
  data = await engine.post('backprop', request);
  paintExample(document.getElementById('backprop-input'), state.structure, data.pixels);
  const word = sampleWord(state.structure) === 'row' ? 'row' : 'image';
  document.getElementById('backprop-label').textContent =
    `${data.index >= 0 ? `test ${word} ${data.index}` : 'your example'}, a ${name(data.label)}`;
  render();
}

/** A button per class (its first test example) and the choices for "my example as a…". */
function classButtons() {
  const digits = document.getElementById('backprop-digits');
  const labelSelect = document.getElementById('backprop-drawing-label');
  digits.replaceChildren();
  labelSelect.replaceChildren();
  const classes = state.structure?.classes ?? Array.from({ length: 10 }, (_, d) => String(d));
  classes.forEach((c, d) => {
    const b = document.createElement('button');
    b.textContent = c;
    b.addEventListener('click', () => { example = { query: { label: d } }; load().catch(e => showError(e.message)); });
    digits.append(b);
    const option = document.createElement('option');
    option.value = d;
    option.textContent = c;
    labelSelect.append(option);
  });
  document.getElementById('backprop-drawing').textContent = isDigits(state.structure) ? 'My drawing as a…' : 'My example as a…';
}

function isTable() {
  return sampleWord(state.structure) === 'row';
}

function inputLabel(i) {
  return isTable() ? inputName(state.structure, i) : `pixel ${i}`;
}

export function setUpBackpropPanel() {
  let classesFor = null;
  const shown = () => {
    if (isRegression(state.structure)) {
      document.getElementById('backprop-step').textContent = 'The steps follow the output of one class; this model'
        + ' predicts a number, so there is nothing to step through here.';
      return;
    }
    const key = JSON.stringify(state.structure?.classes);
    if (key !== classesFor) {
      classesFor = key;
      classButtons();
      if (!isDigits(state.structure)) example = { query: { index: 0 } };
    }
    load().catch(e => showError(e.message));
  };
  document.getElementById('backprop-random').addEventListener('click', () => {
    example = { query: { index: Math.floor(Math.random() * (state.structure?.testImages || 10000)) } };
    load().catch(e => showError(e.message));
  });
  document.getElementById('backprop-drawing').addEventListener('click', () => {
    if (!state.example) return;
    example = { pixels: state.example.pixels, label: Number(labelSelect.value) };
    load().catch(e => showError(e.message));
  });
  document.getElementById('backprop-rate').addEventListener('change', () => load().catch(e => showError(e.message)));
  document.getElementById('backprop-prev').addEventListener('click', () => { step--; render(); });
  document.getElementById('backprop-next').addEventListener('click', () => { step++; render(); });
  return { shown };
}
