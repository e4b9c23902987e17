// Diagnostics: each first-layer neuron's weights as a 28×28 image, and the confusion matrix on
// the test set, whose cells open the images behind them.

import { floatsFromBase64, showError } from './api.js';
import { engine } from './engine.js';
import { paintGrey, paintSigned, pct } from './colors.js';

let shownVersion = null;

async function load() {
  const d = await engine.get('diagnostics');
  if (d.version === shownVersion) return;
  shownVersion = d.version;
  const weights = floatsFromBase64(d.weights);
  const grid = document.getElementById('weight-grid');
  grid.replaceChildren();
  for (let n = 0; n < d.neurons; n++) {
    const canvas = document.createElement('canvas');
    canvas.title = `neuron ${n}`;
    paintSigned(canvas, weights.subarray(n * d.inputs, (n + 1) * d.inputs));
    grid.append(canvas);
  }
  document.getElementById('test-accuracy').textContent = `· test accuracy ${pct(d.accuracy)}`;
  confusion(d.counts);
  document.getElementById('cell-title').textContent = '';
  document.getElementById('cell-examples').replaceChildren();
}

function confusion(counts) {
  const table = document.getElementById('confusion');
  table.replaceChildren();
  let offMax = 1;
  let diagMax = 1;
  counts.forEach((row, t) => row.forEach((c, p) => {
    if (t === p) diagMax = Math.max(diagMax, c); else offMax = Math.max(offMax, c);
  }));
  const head = table.insertRow();
  head.append(document.createElement('th'));
  counts.forEach((_, p) => {
    const th = document.createElement('th');
    th.textContent = p;
    head.append(th);
  });
  counts.forEach((row, t) => {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = t;
    tr.append(th);
    row.forEach((c, p) => {
      const td = tr.insertCell();
      td.textContent = c;
      td.dataset.label = t;
      td.dataset.predicted = p;
      const strength = t === p ? c / diagMax : Math.sqrt(c / offMax);
      td.style.background = t === p ? `rgba(29,78,216,${0.12 + 0.5 * strength})` : `rgba(220,38,38,${c ? 0.08 + 0.7 * strength : 0})`;
      td.addEventListener('click', () => {
        table.querySelectorAll('td.selected').forEach(x => x.classList.remove('selected'));
        td.classList.add('selected');
        openCell(t, p).catch(e => showError(e.message));
      });
    });
  });
}

async function openCell(label, predicted) {
  const cell = await engine.get('confusion-cell', { label, predicted });
  const title = document.getElementById('cell-title');
  const what = label === predicted ? `${label}s read correctly` : `${label}s the network reads as ${predicted}`;
  title.textContent = `${cell.total} test images: ${what}${cell.examples.length < cell.total ? ` (first ${cell.examples.length})` : ''}.`;
  const box = document.getElementById('cell-examples');
  box.replaceChildren();
  for (const e of cell.examples) {
    const canvas = document.createElement('canvas');
    canvas.title = `test image ${e.index}: a ${e.label}, read as ${e.predicted}`;
    canvas.dataset.index = e.index;
    paintGrey(canvas, e.pixels, 255);
    box.append(canvas);
  }
}

export function setUpDiagnosticsPanel() {
  return { shown: () => load().catch(e => showError(e.message)) };
}
