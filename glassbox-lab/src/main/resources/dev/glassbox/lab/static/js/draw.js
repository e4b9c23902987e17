// Draw a digit: a pad whose drawing goes to the server while you draw; the prepared 28×28 input,
// every layer's activations and the 10 probabilities come back and are shown at once.

import { latestOnly } from './api.js';
import { engine } from './engine.js';
import { paintGrey, pct } from './colors.js';
import { NetworkView } from './network-view.js';
import { state, on, emit } from './state.js';

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

  on('structure', s => view.setStructure(s));
  on('activity', a => {
    view.setActivity(a);
    showAnswer(a);
  });
}

/** Picks a random test image, makes it the example on show, and runs it. */
export async function randomTestDigit() {
  const index = Math.floor(Math.random() * (state.structure?.testImages || 10000));
  return showTestDigit({ index });
}

export async function showTestDigit(query) {
  const digit = await engine.get('test-digit', query);
  emit('example', { pixels: digit.pixels, label: digit.label, index: digit.index, source: `test image ${digit.index}` });
  emit('activity', await engine.post('forward', { pixels: digit.pixels }));
  return digit;
}

function showAnswer(activity) {
  paintGrey(document.getElementById('draw-input'), activity.pixels, 1);
  document.getElementById('top-digit').textContent = activity.predicted;
  document.getElementById('top-prob').textContent = pct(activity.probabilities[activity.predicted]);
  const box = document.getElementById('probabilities');
  box.replaceChildren();
  activity.probabilities.forEach((p, d) => {
    const top = d === activity.predicted;
    const label = document.createElement('span');
    label.textContent = d;
    const track = document.createElement('div');
    const bar = document.createElement('div');
    bar.className = top ? 'bar top' : 'bar';
    bar.style.width = `${Math.max(0.5, 100 * p)}%`;
    track.append(bar);
    const value = document.createElement('span');
    value.textContent = pct(p);
    value.dataset.digit = d;
    for (const el of [label, value]) if (top) el.className = 'top';
    box.append(label, track, value);
  });
}
