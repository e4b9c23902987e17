// Draw a digit, or try an example: a pad whose drawing goes to the engine while you draw — or, for
// a table, a field per column; for a folder of images, a picture of your own. The engine prepares
// it as the data was prepared; the inputs, every layer's activations and the outputs come back and
// are shown at once.

import { latestOnly, showError } from './api.js';
import { engine } from './engine.js';
import { fmt, paintGrey, pct } from './colors.js';
import { className, isDigits, isRegression, isTable, paintExample, sampleWord } from './inputs.js';
import { NetworkView } from './network-view.js';
import { state, on, emit } from './state.js';
import { setUpWhy } from './why.js';

const GRID = 112; // the drawing is sent as GRID×GRID ink values

export function setUpDrawPanel() {
  const pad = document.getElementById('pad');
  const ctx = pad.getContext('2d');
  const view = new NetworkView(document.getElementById('draw-network'));
  let drawing = false;
  let last = null;

  const clear = () => {
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, pad.width, pad.height);
  };
  clear();

  const send = latestOnly(async () => {
    const small = document.createElement('canvas');
    small.width = GRID;
    small.height = GRID;
    const sctx = small.getContext('2d');
    sctx.drawImage(pad, 0, 0, GRID, GRID);
    const rgba = sctx.getImageData(0, 0, GRID, GRID).data;
    const ink = new Array(GRID * GRID);
    for (let i = 0; i < ink.length; i++) ink[i] = 255 - rgba[4 * i];
    if (!ink.some(v => v > 32)) return;
    const activity = await engine.post('digit', { width: GRID, height: GRID, ink });
    emit('example', { pixels: activity.pixels, label: null, index: -1, source: 'your drawing' });
    emit('activity', activity);
  });

  const point = e => {
    const rect = pad.getBoundingClientRect();
    return [(e.clientX - rect.left) * pad.width / rect.width, (e.clientY - rect.top) * pad.height / rect.height];
  };
  pad.addEventListener('pointerdown', e => {
    drawing = true;
    last = point(e);
    pad.setPointerCapture(e.pointerId);
  });
  pad.addEventListener('pointermove', e => {
    if (!drawing) return;
    const p = point(e);
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 20;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(...last);
    ctx.lineTo(...p);
    ctx.stroke();
    last = p;
    send();
  });
  const stop = () => {
    if (drawing) send();
    drawing = false;
  };
  pad.addEventListener('pointerup', stop);
  pad.addEventListener('pointerleave', stop);

  document.getElementById('pad-clear').addEventListener('click', clear);
  document.getElementById('pad-random').addEventListener('click', async () => {
    const digit = await randomTestDigit();
    clear();
    // Show the test image on the pad too, dark ink on paper, so it can be drawn over.
    const img = document.createElement('canvas');
    paintGrey(img, digit.pixels.map(v => 1 - v), 1);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(img, 0, 0, pad.width, pad.height);
  });

  let formFor = null;
  on('structure', s => {
    view.setStructure(s);
    const kind = JSON.stringify(s.inputs);
    if (kind !== formFor) {
      formFor = kind;
      setUpExampleForm(s);
    }
  });
  on('activity', a => {
    view.setActivity(a);
    showAnswer(a);
  });
  on('example', e => {
    if (e.values) fillFields(e.values);
  });
  setUpWhy();
}

/** The pad for digits; for other data, "Try an example": fields for a table's columns, or a picture. */
function setUpExampleForm(structure) {
  const digits = isDigits(structure);
  document.getElementById('pad-area').hidden = !digits;
  const form = document.getElementById('example-form');
  form.hidden = digits;
  form.replaceChildren();
  document.getElementById('draw-tab').textContent = digits ? 'Draw a digit' : 'Try an example';
  if (digits) return;
  const lead = document.getElementById('draw-lead');
  const random = document.createElement('button');
  random.textContent = `Random test ${sampleWord(structure)}`;
  random.addEventListener('click', () => randomTestDigit().catch(e => showError(e.message)));
  if (isTable(structure)) {
    lead.textContent = 'Change a value: the engine prepares the row as the table was prepared (numbers'
      + ' standardised, text one-hot) and runs it through the network.';
    const fields = document.createElement('div');
    fields.className = 'fields';
    const send = latestOnly(async () => {
      const row = structure.inputs.features.map(f => document.getElementById(fieldId(f.name)).value);
      const activity = await engine.post('example', { row });
      emit('example', { pixels: activity.pixels, label: null, index: -1, source: 'your example' });
      emit('activity', activity);
    });
    for (const f of structure.inputs.features) {
      const label = document.createElement('label');
      label.textContent = f.name;
      let input;
      if (f.kind === 'number') {
        input = document.createElement('input');
        input.type = 'number';
        input.step = 'any';
        input.value = fmt(f.mean);
        input.title = `training rows: mean ${fmt(f.mean)}, deviation ${fmt(f.sd)}`;
      } else {
        input = document.createElement('select');
        for (const v of f.values) {
          const option = document.createElement('option');
          option.value = v;
          option.textContent = v;
          input.append(option);
        }
      }
      input.id = fieldId(f.name);
      input.addEventListener('input', () => send());
      label.append(input);
      fields.append(label);
    }
    form.append(fields, random);
  } else {
    lead.textContent = 'Pick a picture: the engine resizes it as the folder\'s images were and runs it through'
      + ' the network.';
    const pick = document.createElement('label');
    pick.className = 'button';
    pick.textContent = 'Pick an image…';
    const file = document.createElement('input');
    file.type = 'file';
    file.accept = 'image/*';
    file.hidden = true;
    file.id = 'example-image';
    file.addEventListener('change', () => {
      if (file.files[0]) runImage(file.files[0]).catch(e => showError(e.message));
    });
    pick.append(file);
    form.append(pick, random);
  }
}

function fieldId(name) {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/** Puts a table row's values into the fields, so the user can change them from there. */
function fillFields(values) {
  for (const [name, value] of Object.entries(values)) {
    const input = document.getElementById(fieldId(name));
    if (input) input.value = typeof value === 'number' ? fmt(value) : value;
  }
}

/** Most pixels sent for a picture: the engine averages them down to the model's size anyway. */
const MAX_SIDE = 512;

/** Decodes the picture in the page, and sends its pixels to the engine, which prepares them. */
async function runImage(file) {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(bitmap, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const argb = new Array(width * height);
  for (let i = 0; i < argb.length; i++) {
    argb[i] = ((rgba[4 * i + 3] << 24) | (rgba[4 * i] << 16) | (rgba[4 * i + 1] << 8) | rgba[4 * i + 2]) | 0;
  }
  const activity = await engine.post('example', { width, height, argb });
  emit('example', { pixels: activity.pixels, label: null, index: -1, source: file.name });
  emit('activity', activity);
}

/** Picks a random test image, makes it the example on show, and runs it. */
export async function randomTestDigit() {
  const index = Math.floor(Math.random() * (state.structure?.testImages || 10000));
  return showTestDigit({ index });
}

export async function showTestDigit(query) {
  const digit = await engine.get('test-digit', query);
  const word = sampleWord(state.structure);
  emit('example', { pixels: digit.pixels, label: digit.label ?? null, target: digit.target, values: digit.values,
    index: digit.index, source: `test ${word === 'digit' ? 'image' : word} ${digit.index}` });
  emit('activity', await engine.post('forward', { pixels: digit.pixels }));
  return digit;
}

function showAnswer(activity) {
  const structure = state.structure;
  paintExample(document.getElementById('draw-input'), structure, activity.pixels);
  const box = document.getElementById('probabilities');
  box.replaceChildren();
  if (isRegression(structure)) {
    document.getElementById('top-digit').textContent = fmt(activity.value);
    document.getElementById('top-digit').classList.toggle('long', fmt(activity.value).length > 3);
    document.getElementById('top-prob').textContent = structure.inputs.label;
    return;
  }
  const top = document.getElementById('top-digit');
  top.textContent = className(structure, activity.predicted);
  top.classList.toggle('long', top.textContent.length > 3);
  document.getElementById('top-prob').textContent = pct(activity.probabilities[activity.predicted]);
  activity.probabilities.forEach((p, d) => {
    const top = d === activity.predicted;
    const label = document.createElement('span');
    label.textContent = className(structure, d);
    const track = document.createElement('div');
    const bar = document.createElement('div');
    bar.className = top ? 'bar top' : 'bar';
    bar.style.width = `${Math.max(0.5, 100 * p)}%`;
    track.append(bar);
    const value = document.createElement('span');
    value.textContent = pct(p);
    value.dataset.digit = d;
    for (const el of [label, track, value]) el.dataset.output = d; // a click asks why (why.js)
    for (const el of [label, value]) if (top) el.className = 'top';
    box.append(label, track, value);
  });
}
