// Why this answer? For the example on show (the drawing as it is drawn, a test example, a row or a
// picture) and an output the user picks — by default the one the network answers — which inputs
// pushed that output's score up (blue) or down (red): the engine's gradient, gradient × input and
// integrated gradients, with the completeness check; and Nudge, the few input changes the engine
// finds that flip the answer. Every number comes from the engine ('attribution' and 'nudge'
// routes); this module only draws them and prints them.

import { latestOnly, showError } from './api.js';
import { engine } from './engine.js';
import { fmt, pct } from './colors.js';
import { className, isRegression, isTable, paintExample, paintInputWeights, sampleWord } from './inputs.js';
import { state, on } from './state.js';

/** The maps, each drawn into its canvas. */
const MAPS = [['gradient', 'why-gradient'], ['gradientTimesInput', 'why-times-input'], ['integrated', 'why-integrated']];

export function setUpWhy() {
  const select = document.getElementById('why-target');
  const nudgeButton = document.getElementById('why-nudge');
  let example = null; // the activity on show: the inputs as the network read them, and its answer
  let picked = null; // the output the user chose, or null for the network's answer
  let shown = 0; // counts examples, so a nudge for an earlier one is not shown for this one

  const explain = latestOnly(async () => {
    if (!example) return;
    const answer = await engine.post('attribution', { pixels: example.pixels, target: picked });
    window.labWhy = answer; // for the browser tests and the console
    showAttribution(answer);
  });

  on('structure', structure => {
    select.replaceChildren(option('', 'its answer'));
    if (!isRegression(structure)) {
      (structure.classes ?? []).forEach((_, c) => select.append(option(String(c), className(structure, c))));
    }
    select.hidden = isRegression(structure);
    nudgeButton.hidden = isRegression(structure);
    picked = null;
  });
  on('activity', activity => {
    example = activity;
    shown++;
    clearNudge();
    if (document.getElementById('panel-draw').classList.contains('active')) explain();
  });
  document.getElementById('draw-tab').addEventListener('click', () => explain());
  select.addEventListener('change', () => {
    picked = select.value === '' ? null : Number(select.value);
    clearNudge();
    explain();
  });
  // A probability's row picks its output too.
  document.getElementById('probabilities').addEventListener('click', e => {
    const row = e.target.closest('[data-output]');
    if (!row || isRegression(state.structure)) return;
    select.value = row.dataset.output;
    select.dispatchEvent(new Event('change'));
  });
  nudgeButton.addEventListener('click', async () => {
    if (!example) return;
    const forExample = shown;
    try {
      const nudge = await engine.post('nudge', { pixels: example.pixels, target: picked });
      if (forExample === shown) showNudge(nudge);
    } catch (e) {
      showError(e.message);
    }
  });
}

function option(value, text) {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function showAttribution(answer) {
  const structure = state.structure;
  document.getElementById('why-output').textContent = isRegression(structure) ? structure.inputs.label
    : className(structure, answer.target);
  for (const [key, id] of MAPS) {
    paintInputWeights(document.getElementById(id), structure, answer[key], undefined, answer.pixels);
  }
  const c = answer.completeness;
  const line = document.getElementById('why-completeness');
  line.replaceChildren(
    'Integrated gradients add up to ', number('why-sum', c.sum), '; the score minus '
      + `${isTable(structure) ? 'the all-zero input\'s (each number at its mean)' : 'the black image\'s'} is `,
    number('why-score', c.score), ' − ', ...signed(number('why-baseline', c.baselineScore), c.baselineScore), ' = ',
    number('why-difference', c.difference), ': ',
    c.relativeGap === null ? 'no difference to compare with' : pctOf('why-gap', c.relativeGap),
    ` apart (${c.steps} steps along the path).`);
}

/** A number as the page shows it, its full value in the title. */
function number(key, value) {
  const span = document.createElement('span');
  span.className = 'number';
  span.dataset.key = key;
  span.title = String(value);
  span.textContent = fmt(value);
  return span;
}

/** A number subtracted: in parentheses when it is negative, so that two minus signs do not run together. */
function signed(span, value) {
  return value < 0 ? ['(', span, ')'] : [span];
}

function pctOf(key, fraction) {
  const span = number(key, fraction);
  span.textContent = fraction < 1e-4 ? 'less than 0.01 %' : `${fmt(100 * fraction)} %`;
  return span;
}

function clearNudge() {
  document.getElementById('why-nudged').hidden = true;
  const text = document.getElementById('why-nudge-answer');
  text.textContent = '';
  delete text.dataset.flipped;
}

function showNudge(nudge) {
  const structure = state.structure;
  const canvas = document.getElementById('why-nudged');
  paintExample(canvas, structure, nudge.pixels);
  canvas.hidden = false;
  const text = document.getElementById('why-nudge-answer');
  const changes = nudge.changed.length;
  const word = isTable(structure) ? 'input' : 'pixel';
  const now = className(structure, nudge.activity.predicted);
  const p = pct(nudge.activity.probabilities[nudge.activity.predicted]);
  text.dataset.flipped = nudge.flipped;
  text.dataset.after = nudge.activity.predicted;
  text.textContent = nudge.flipped
      ? `Changing ${changes} ${word}${changes === 1 ? '' : 's'} makes it read ${now} (${p}), not `
        + `${className(structure, nudge.before)}.`
      : `After ${changes} ${word} change${changes === 1 ? '' : 's'} toward ${className(structure, nudge.target)}, it `
        + `reads ${now} (${p}): this ${sampleWord(structure)} holds its answer.`;
}
