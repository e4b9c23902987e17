// Diagnostics: each first-layer neuron's weights (as an image, or as bars per input for a table),
// and the confusion matrix on the test set, whose cells open the examples behind them — or, for a
// regression, the predicted numbers against the true ones.

import { floatsFromBase64, showError } from './api.js';
import { engine } from './engine.js';
import { fmt, pct } from './colors.js';
import { className, isTable, paintExample, paintInputWeights, sampleWord } from './inputs.js';
import { state } from './state.js';

let shownVersion = null;
let scatter = null;

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
    paintInputWeights(canvas, state.structure, weights.subarray(n * d.inputs, (n + 1) * d.inputs));
    grid.append(canvas);
  }
  const regression = Boolean(d.points);
  if (isTable(state.structure)) {
    document.getElementById('weights-note').innerHTML = 'Each chart is one neuron of the first hidden layer: its'
      + ` ${d.inputs} incoming weights, one bar per input, <b class="pos">blue</b> where a value above the mean raises`
      + ' its sum, <b class="neg">red</b> where it lowers it.';
    document.getElementById('confusion-note').textContent = regression
      ? 'Each dot is a test row: its true value across, the network\'s down; on the dashed line they agree.'
      : 'Rows: the true class. Columns: what the network predicts. Click a cell to see those test rows.';
  }
  document.getElementById('confusion').hidden = regression;
  document.getElementById('confusion-title').textContent = regression ? 'Predicted against true' : 'Confusion matrix';
  document.getElementById('scatter-box').hidden = !regression;
  if (regression) {
    document.getElementById('test-accuracy').textContent = `· test R² ${d.r2.toFixed(4)}, RMSE ${fmt(d.rmse)}`;
    plot(d.points);
    return;
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
    th.textContent = className(state.structure, p);
    head.append(th);
  });
  counts.forEach((row, t) => {
    const tr = table.insertRow();
    const th = document.createElement('th');
    th.textContent = className(state.structure, t);
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
  const s = state.structure;
  const [l, p] = [className(s, label), className(s, predicted)];
  const what = label === predicted ? `${l} read correctly` : `${l} the network reads as ${p}`;
  const word = sampleWord(s) === 'row' ? 'rows' : 'images';
  title.textContent = `${cell.total} test ${word}: ${what}${cell.examples.length < cell.total ? ` (first ${cell.examples.length})` : ''}.`;
  const box = document.getElementById('cell-examples');
  box.replaceChildren();
  for (const e of cell.examples) {
    if (isTable(s)) {
      const row = document.createElement('div');
      row.className = 'note';
      row.dataset.index = e.index;
      row.textContent = `row ${e.index}: ` + Object.entries(e.values)
        .map(([k, v]) => `${k} ${typeof v === 'number' ? fmt(v) : v}`).join(', ');
      box.append(row);
      continue;
    }
    const canvas = document.createElement('canvas');
    canvas.title = `test image ${e.index}: a ${className(s, e.label)}, read as ${className(s, e.predicted)}`;
    canvas.dataset.index = e.index;
    paintExample(canvas, s, e.pixels, 255);
    box.append(canvas);
  }
}

/** A regression's test rows: predicted against true, with the line where they would be equal. */
function plot(points) {
  const xs = points.map(p => p[0]);
  const low = Math.min(...xs, ...points.map(p => p[1]));
  const high = Math.max(...xs, ...points.map(p => p[1]));
  const label = state.structure.inputs.label;
  scatter?.destroy();
  scatter = new window.Chart(document.getElementById('scatter'), {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'test rows', data: points.map(([x, y]) => ({ x, y })), pointRadius: 2, backgroundColor: '#1d4ed8' },
        { label: 'predicted = true', data: [{ x: low, y: low }, { x: high, y: high }], type: 'line', pointRadius: 0,
          borderColor: '#9ca3af', borderDash: [4, 4] },
      ],
    },
    options: {
      animation: false,
      scales: { x: { title: { display: true, text: `true ${label}` } }, y: { title: { display: true, text: `predicted ${label}` } } },
    },
  });
}

export function setUpDiagnosticsPanel() {
  return { shown: () => load().catch(e => showError(e.message)) };
}
