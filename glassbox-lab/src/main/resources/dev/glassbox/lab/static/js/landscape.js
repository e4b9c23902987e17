// Landscape: the loss around the model on show, L(θ + α·d₁ + β·d₂), as a height map that the
// engine fills in coarse to fine — a first picture at once, then finer — with the path training
// took drawn over it (directions: the path's own principal components), and the loss along the
// straight line from the first weights to the present ones. Every number is the engine's; this
// file only lays them out and colours them.

import { showError } from './api.js';
import { engine } from './engine.js';
import { fmt } from './colors.js';

// Viridis, five stops: dark for low loss, yellow for high.
const STOPS = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];

function colour(f) {
  const v = Math.max(0, Math.min(1, Number.isFinite(f) ? f : 1)) * (STOPS.length - 1);
  const k = Math.min(STOPS.length - 2, Math.floor(v));
  const u = v - k;
  return `rgb(${STOPS[k].map((a, i) => Math.round(a + u * (STOPS[k + 1][i] - a))).join(',')})`;
}

export function setUpLandscapePanel() {
  const canvas = document.getElementById('landscape-canvas');
  const bar = document.getElementById('landscape-bar');
  const status = document.getElementById('landscape-status');
  const form = document.getElementById('landscape-form');
  let lineChart = null;
  let run = 0; // a new Draw cancels the chunks of the last one

  const paint = (points, size, path) => {
    const ctx = canvas.getContext('2d');
    const cell = canvas.width / size;
    const losses = points.map(p => p[2]);
    const lo = Math.log(Math.max(1e-6, Math.min(...losses)));
    const hi = Math.log(Math.max(1e-6, Math.max(...losses)));
    ctx.fillStyle = '#e5e7eb';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    // Coarse points first, each standing for the squares around it until finer ones arrive; then
    // every point on its own square, so the finished picture is exactly the grid.
    const shade = loss => colour(hi > lo ? (Math.log(Math.max(1e-6, loss)) - lo) / (hi - lo) : 0.5);
    const square = (index, span, loss) => {
      const row = Math.floor(index / size);
      const col = index % size;
      const first = span > 1 ? Math.floor(span / 2) : 0;
      ctx.fillStyle = shade(loss);
      ctx.fillRect((col - first) * cell, canvas.height - (row - first + span) * cell, span * cell + 0.5,
        span * cell + 0.5);
    };
    [...points].sort((a, b) => b[1] - a[1]).forEach(([index, span, loss]) => square(index, span, loss));
    points.forEach(([index, , loss]) => square(index, 1, loss));
    // Grid point i lies at the middle of square i: α = −1 at the middle of the first.
    const px = a => ((a + 1) / 2 * (size - 1) + 0.5) * cell;
    const py = b => canvas.height - ((b + 1) / 2 * (size - 1) + 0.5) * cell;
    ctx.strokeStyle = '#fff';
    ctx.fillStyle = '#fff';
    ctx.beginPath();
    ctx.arc(px(0), py(0), 5, 0, 2 * Math.PI);
    ctx.stroke();
    if (path) {
      ctx.lineWidth = 2.5;
      ctx.beginPath();
      path.alpha.forEach((a, i) => (i ? ctx.lineTo(px(a), py(path.beta[i])) : ctx.moveTo(px(a), py(path.beta[i]))));
      ctx.stroke();
      for (let i = 1; i < path.alpha.length; i++) {
        if (path.epochs[i] !== path.epochs[i - 1]) {
          ctx.beginPath();
          ctx.arc(px(path.alpha[i - 1]), py(path.beta[i - 1]), 3.5, 0, 2 * Math.PI);
          ctx.fill();
        }
      }
      ctx.fillStyle = '#f97316';
      ctx.beginPath();
      ctx.arc(px(path.alpha[0]), py(path.beta[0]), 6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = '#22c55e';
      ctx.beginPath();
      ctx.arc(px(0), py(0), 6, 0, 2 * Math.PI);
      ctx.fill();
      ctx.lineWidth = 1;
    }
    const b = bar.getContext('2d');
    for (let y = 0; y < bar.height; y++) {
      b.fillStyle = colour(1 - y / bar.height);
      b.fillRect(0, y, bar.width, 1);
    }
    document.getElementById('landscape-max').textContent = fmt(Math.max(...losses));
    document.getElementById('landscape-min').textContent = fmt(Math.min(...losses));
  };

  const drawLine = line => {
    const data = line.t.map((t, i) => ({ x: t, y: line.loss[i] }));
    if (!lineChart) {
      lineChart = new window.Chart(document.getElementById('landscape-line'), {
        type: 'line',
        data: { datasets: [{ label: 'loss from the first weights (t = 0) to the present ones (t = 1)', data,
          borderColor: '#7c3aed', pointRadius: 0, borderWidth: 2 }] },
        options: { animation: false, maintainAspectRatio: false, parsing: false,
          scales: { x: { type: 'linear', title: { display: true, text: 't' } }, y: { beginAtZero: true } } },
      });
    } else {
      lineChart.data.datasets[0].data = data;
      lineChart.update('none');
    }
  };

  const draw = async () => {
    const mine = ++run;
    const settings = { directions: form.elements.directions.value, size: Number(form.elements.size.value),
      subset: Number(form.elements.subset.value) };
    const points = [];
    let path = null;
    let total = 1;
    let count = 9;
    canvas.dataset.points = '0';
    delete canvas.dataset.path;
    status.textContent = 'Computing…';
    try {
      while (points.length < total && mine === run) {
        const answer = await engine.post('landscape', { ...settings, from: points.length, count });
        if (mine !== run) return;
        total = answer.total;
        path = answer.path ?? path;
        points.push(...answer.points);
        paint(points, answer.size, path);
        canvas.dataset.points = String(points.length);
        if (path) canvas.dataset.path = String(path.alpha.length);
        status.textContent = `${points.length.toLocaleString('en')} of ${total.toLocaleString('en')} points, each the`
          + ` loss on ${answer.subset.toLocaleString('en')} training samples`
          + (path ? `; the path's two directions hold ${(100 * (path.explained[0] + path.explained[1])).toFixed(0)} %`
            + ' of its movement' : '');
        count = Math.min(400, Math.max(16, points.length));
      }
      if (settings.directions === 'pca' && mine === run) {
        drawLine(await engine.post('landscape', { ...settings, line: 'true' }));
      }
    } catch (e) {
      status.textContent = '';
      showError(e.message);
    }
  };
  document.getElementById('landscape-draw').addEventListener('click', () => draw());
  return { shown: () => { if (canvas.dataset.points === undefined) draw(); } };
}
