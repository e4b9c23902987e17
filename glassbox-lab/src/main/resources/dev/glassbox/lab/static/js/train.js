// Train live: commands to the engine's training session, and its events streamed into two
// Chart.js curves and a live network view.

import { showError } from './api.js';
import { engine } from './engine.js';
import { pct } from './colors.js';
import { NetworkView } from './network-view.js';
import { isRegression } from './inputs.js';
import { on, state } from './state.js';

function settings(form) {
  const f = new FormData(form);
  return {
    layers: f.get('layers'),
    activation: f.get('activation'),
    optimizer: f.get('optimizer'),
    learningRate: Number(f.get('learningRate')),
    batchSize: Number(f.get('batchSize')),
    epochs: Number(f.get('epochs')),
    pace: Number(f.get('pace')),
  };
}

function chart(canvas, title, datasets, yAxis) {
  return new window.Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      maintainAspectRatio: false,
      plugins: { title: { display: true, text: title, font: { size: 18 } }, legend: { labels: { font: { size: 14 } } } },
      scales: {
        x: { type: 'linear', title: { display: true, text: 'batches trained' }, ticks: { font: { size: 13 } } },
        y: { ...yAxis, ticks: { font: { size: 13 } } },
      },
    },
  });
}

function series(label, color, dashed = false) {
  return { label, data: [], borderColor: color, backgroundColor: color, pointRadius: dashed ? 4 : 0, borderWidth: 2, borderDash: dashed ? [6, 4] : [] };
}

export function setUpTrainPanel(refreshModel) {
  const form = document.getElementById('train-form');
  const statusLine = document.getElementById('train-status');
  const view = new NetworkView(document.getElementById('train-network'), { compact: true });
  const loss = chart(document.getElementById('loss-chart'), 'Loss',
    [series('batches', '#111827'), series('test, per epoch', '#7c3aed', true)], { beginAtZero: true });
  const accuracy = chart(document.getElementById('accuracy-chart'), 'Accuracy',
    [series('batches', '#111827'), series('test, per epoch', '#7c3aed', true)], { min: 0, max: 1 });
  window.labCharts = { loss, accuracy }; // for the browser tests and the console
  on('structure', s => {
    const title = isRegression(s) ? 'R² on the test rows' : 'Accuracy';
    if (accuracy.options.plugins.title.text !== title) {
      accuracy.options.plugins.title.text = title;
      accuracy.options.scales.y.min = isRegression(s) ? undefined : 0;
      accuracy.update('none');
    }
  });
  let redraw = false;

  const update = () => {
    if (redraw) return;
    redraw = true;
    requestAnimationFrame(() => {
      redraw = false;
      loss.update('none');
      accuracy.update('none');
    });
  };
  const addPoint = p => {
    loss.data.datasets[0].data.push({ x: p.step, y: p.loss });
    // A regression's batches have no accuracy: its second chart holds the test R² only.
    if (!isRegression(state.structure)) accuracy.data.datasets[0].data.push({ x: p.step, y: p.accuracy });
  };
  const addEpoch = e => {
    loss.data.datasets[1].data.push({ x: e.step, y: e.testLoss });
    accuracy.data.datasets[1].data.push({ x: e.step, y: e.testAccuracy });
  };

  engine.on('status', s => {
    statusLine.textContent = `${s.state}: ${s.message}` + (s.steps ? ` ${s.steps.toLocaleString('en')} batches`
      + (s.epochs ? `, epoch ${s.epoch} of ${s.epochs}.` : '.') : '');
    statusLine.dataset.state = s.state;
    document.getElementById('train-start').disabled = s.state === 'running';
    // A failed run (out of memory, say) is also shown at the top, where errors go; Start and Reset stay usable.
    if (s.state === 'error') showError(s.message);
  });
  engine.on('history', h => {
    for (const c of [loss, accuracy]) c.data.datasets.forEach(d => { d.data = []; });
    h.points.forEach(addPoint);
    h.epochs.forEach(addEpoch);
    update();
  });
  engine.on('point', p => { addPoint(p); update(); });
  engine.on('epoch', e => {
    addEpoch(e);
    statusLine.textContent = isRegression(state.structure) ? `epoch ${e.epoch}: test R² ${e.testAccuracy.toFixed(4)}`
      : `epoch ${e.epoch}: test accuracy ${pct(e.testAccuracy)}`;
    update();
  });
  let refreshing = Promise.resolve();
  let pending = false;
  engine.on('model', () => {
    // One refresh at a time; a burst of new snapshots collapses into one more.
    if (pending) return;
    pending = true;
    refreshing = refreshing.then(() => { pending = false; return refreshModel(); }).catch(e => showError(e.message));
  });

  const command = name => engine.post(`train/${name}`, name === 'pause' ? {} : settings(form))
    .catch(e => showError(e.message));
  document.getElementById('train-start').addEventListener('click', () => command('start'));
  document.getElementById('train-pause').addEventListener('click', () => command('pause'));
  document.getElementById('train-step').addEventListener('click', () => command('step'));
  document.getElementById('train-reset').addEventListener('click', () => command('reset'));

  on('structure', s => {
    view.setStructure(s);
  });
  on('activity', a => view.setActivity(a));
  // The form starts from the model on show and the data's suggested epochs (many for a small table);
  // other data opened in the page starts it again.
  const fill = () => engine.get('train').then(s => {
    if (!form.dataset.filled) {
      form.elements.layers.value = s.spec;
      if (state.structure?.defaultEpochs) form.elements.epochs.value = state.structure.defaultEpochs;
      form.dataset.filled = 'true';
    }
  }).catch(e => showError(e.message));
  on('data', () => {
    delete form.dataset.filled;
    fill();
  });
  return { shown: fill };
}
