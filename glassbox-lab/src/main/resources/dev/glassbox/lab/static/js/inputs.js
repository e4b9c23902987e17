// What the first column reads, in one place: MNIST's 28×28 digits, another folder's images (any
// size, gray or colour), or the named columns of a table. Every panel that draws inputs, weights
// from inputs or class names asks here, from the engine's 'network' answer (structure.inputs).

import { POSITIVE, NEGATIVE, maxAbs, paintGrey, paintSigned } from './colors.js';

export function isTable(structure) {
  return structure?.inputs?.kind === 'table';
}

/** MNIST's digits: the page can draw one and prepare it as MNIST's were. */
export function isDigits(structure) {
  return !structure?.inputs || (structure.inputs.kind === 'image' && structure.inputs.digit);
}

export function isRegression(structure) {
  return Boolean(structure?.regression);
}

/** The name of output class `i`. */
export function className(structure, i) {
  return structure?.classes?.[i] ?? String(i);
}

/** What the samples are called: 'digit', 'image' or 'row'. */
export function sampleWord(structure) {
  return isTable(structure) ? 'row' : isDigits(structure) ? 'digit' : 'image';
}

/** One name per network input: a pixel's (row, column), a number column's name, or 'column = value'. */
export function inputNames(structure) {
  if (isTable(structure)) {
    const names = [];
    for (const f of structure.inputs.features) {
      if (f.kind === 'number') names.push(f.name);
      else for (const v of f.values) names.push(`${f.name} = ${v}`);
    }
    return names;
  }
  const { width, channels } = imageSize(structure);
  return { length: 0, at: i => `pixel (${Math.floor(i / channels / width)}, ${Math.floor(i / channels) % width})` };
}

/** The name of input `i`. */
export function inputName(structure, i) {
  const names = inputNames(structure);
  return Array.isArray(names) ? names[i] : names.at(i);
}

/** A one-line description of the input column. */
export function inputTitle(structure) {
  if (isTable(structure)) {
    const f = structure.inputs.features.length;
    return `input: ${f} column${f === 1 ? '' : 's'} → ${inputNames(structure).length} inputs`;
  }
  const { width, height, channels } = imageSize(structure);
  return `input: ${width}×${height}${channels === 3 ? ' RGB' : ''} = ${width * height * channels} values`;
}

export function imageSize(structure) {
  const i = structure?.inputs;
  return i && i.kind === 'image' ? { width: i.width, height: i.height, channels: i.channels }
    : { width: 28, height: 28, channels: 1 };
}

/**
 * Paints an example as the network reads it: an image (values 0..1, or 0..255 with max 255), or a
 * table row as one bar per input with its name.
 */
export function paintExample(canvas, structure, values, max = 1) {
  if (isTable(structure)) {
    paintBars(canvas, inputNames(structure), values, maxAbs(values) || 1, false);
    return;
  }
  const { width, height, channels } = imageSize(structure);
  if (channels === 1) {
    paintGrey(canvas, values, max, width, height);
    return;
  }
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) image.data[4 * p + c] = Math.round(255 * Math.min(1, Math.max(0, values[3 * p + c] / max)));
    image.data[4 * p + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/**
 * Paints signed values, one per input (weights from the inputs, their changes, attributions): laid
 * out as the image for pixels (colour images: the channels summed per pixel), or as named bars for
 * a table. With `under`, the example the values belong to, a gray image shows faintly beneath.
 */
export function paintInputWeights(canvas, structure, values, scale = maxAbs(values), under = null) {
  if (isTable(structure)) {
    paintBars(canvas, inputNames(structure), values, scale, true);
    return;
  }
  const { width, height, channels } = imageSize(structure);
  if (channels === 1) {
    paintSigned(canvas, values, width, scale, height, under);
    return;
  }
  const summed = new Float32Array(width * height);
  for (let p = 0; p < summed.length; p++) summed[p] = values[3 * p] + values[3 * p + 1] + values[3 * p + 2];
  paintSigned(canvas, summed, width, maxAbs(summed), height);
}

/** Horizontal bars with names: blue positive, red negative when signed, grey otherwise. */
function paintBars(canvas, names, values, scale, signed) {
  const rowHeight = 16;
  const labelWidth = 150;
  const barWidth = 150;
  canvas.width = labelWidth + 2 * barWidth + 10;
  canvas.height = Math.max(1, names.length) * rowHeight + 4;
  canvas.classList.add('bars');
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.font = '12px system-ui, sans-serif';
  const zero = labelWidth + barWidth;
  names.forEach((name, i) => {
    const y = 2 + i * rowHeight;
    const v = values[i];
    const length = scale > 0 ? Math.min(1, Math.abs(v) / scale) * barWidth : 0;
    const [r, g, b] = !signed ? [107, 114, 128] : v >= 0 ? POSITIVE : NEGATIVE;
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(v >= 0 ? zero : zero - length, y + 2, length, rowHeight - 5);
    ctx.fillStyle = '#111827';
    ctx.textAlign = 'right';
    ctx.fillText(name.length > 22 ? `${name.slice(0, 21)}…` : name, labelWidth - 6, y + rowHeight - 4);
  });
  ctx.strokeStyle = '#9ca3af';
  ctx.beginPath();
  ctx.moveTo(zero + 0.5, 0);
  ctx.lineTo(zero + 0.5, canvas.height);
  ctx.stroke();
}
