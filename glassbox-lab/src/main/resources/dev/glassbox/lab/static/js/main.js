// The lab page: tabs, the model on show, and the network panel. Each other panel lives in its own module.

import { showError } from './api.js';
import { engine, useEngine, workerEngine } from './engine.js';
import { NetworkView } from './network-view.js';
import { showNeuron } from './inspector.js';
import { setUpDrawPanel, randomTestDigit, showTestDigit } from './draw.js';
import { setUpBackpropPanel } from './backprop.js';
import { setUpDiagnosticsPanel } from './diagnostics.js';
import { setUpModelPanel } from './model.js';
import { setUpLandscapePanel } from './landscape.js';
import { setUpTrainPanel } from './train.js';
import { state, on, emit } from './state.js';
import { fmt } from './colors.js';
import { className, isDigits } from './inputs.js';

const panels = {};

function setUpTabs() {
  const buttons = document.querySelectorAll('#tabs button');
  const show = name => {
    buttons.forEach(b => b.classList.toggle('active', b.dataset.tab === name));
    document.querySelectorAll('.panel').forEach(p => p.classList.toggle('active', p.id === `panel-${name}`));
    panels[name]?.shown?.();
    history.replaceState(null, '', `#${name}`);
  };
  buttons.forEach(b => b.addEventListener('click', () => show(b.dataset.tab)));
  const wanted = location.hash.slice(1);
  if (panels[wanted] || document.getElementById(`panel-${wanted}`)) show(wanted);
}

function setUpNetworkPanel() {
  const inspector = document.getElementById('inspector');
  let selected = null;
  const open = async () => {
    if (!selected || !state.example) return;
    const [column, neuron] = selected;
    const name = state.structure.columns[column].name;
    await showNeuron(inspector, state.example.pixels, column, neuron, name);
  };
  const view = new NetworkView(document.getElementById('network-canvas'), {
    onSelect: (column, neuron) => {
      selected = [column, neuron];
      open().catch(e => showError(e.message));
    },
  });
  window.labViews = { network: view }; // for the browser tests and the console
  document.getElementById('network-random').addEventListener('click', () => randomTestDigit().catch(e => showError(e.message)));
  on('structure', s => view.setStructure(s));
  on('activity', a => {
    view.setActivity(a);
    open().catch(e => showError(e.message));
  });
  on('example', e => {
    const s = state.structure;
    document.getElementById('network-example').textContent = e.target !== undefined
      ? `Showing ${e.source}, whose ${s.inputs.label} is ${fmt(e.target)}.`
      : e.label === null ? `Showing ${e.source}.` : `Showing ${e.source}, a ${className(s, e.label)}.`;
  });
}

/** Fetches the model's shape again (after training changed it) and re-runs the example on show. */
export async function refreshModel() {
  const structure = await engine.get('network');
  state.structure = structure;
  document.getElementById('model-line').textContent =
    `${structure.spec} · ${structure.parameters.toLocaleString('en')} parameters · ${structure.source}`;
  emit('structure', structure);
  if (state.example) emit('activity', await engine.post('forward', { pixels: state.example.pixels }));
}

/**
 * The lab server answers /site.json with {backEnd: 'server'}; an exported site's says 'worker', and
 * the compiled engine then runs in a Web Worker beside the page.
 */
async function chooseEngine() {
  const site = await (await fetch('site.json')).json();
  if (site.backEnd !== 'worker') return;
  const engineParam = new URLSearchParams(location.search).get('engine');
  const worker = new Worker(`js/engine-worker.js${engineParam ? `?engine=${engineParam}` : ''}`, { type: 'module' });
  const name = await new Promise((resolve, reject) => {
    const first = ({ data }) => {
      if (data.event === 'data') { // a site's image folder being read before the engine is ready
        document.getElementById('backend').textContent = data.data.message;
        return;
      }
      worker.removeEventListener('message', first);
      if (data.ready) resolve(data.ready);
      else reject(new Error(`The engine did not start: ${data.failed}`));
    };
    worker.addEventListener('message', first);
    worker.addEventListener('error', e => reject(new Error(`The engine did not start: ${e.message}`)));
  });
  useEngine(workerEngine(worker, name));
}

async function start() {
  await chooseEngine();
  window.labEngine = engine; // for the browser tests and the console
  document.getElementById('backend').textContent = engine.name === 'server'
    ? 'engine: the lab server (Java)' : `engine: ${engine.name}, in this page`;
  on('example', e => { state.example = e; });
  on('activity', a => { state.activity = a; });
  on('structure', s => { state.structure = s; });
  setUpNetworkPanel();
  setUpDrawPanel();
  panels.train = setUpTrainPanel(refreshModel);
  panels.backprop = setUpBackpropPanel();
  panels.diagnostics = setUpDiagnosticsPanel();
  panels.landscape = setUpLandscapePanel();
  panels.model = setUpModelPanel(refreshModel);
  setUpTabs();
  await refreshModel();
  await showTestDigit(isDigits(state.structure) ? { label: 3 } : { index: 0 });
  document.body.dataset.ready = 'true';
  performance.mark('lab-ready'); // for the benchmark: when the network view is usable
}

start().catch(e => showError(e.message));
