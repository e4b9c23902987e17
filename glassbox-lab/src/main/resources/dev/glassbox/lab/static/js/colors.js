// Colours shared by every panel: weights blue when positive, red when negative; ink white on black.

export const POSITIVE = [29, 78, 216];
export const NEGATIVE = [220, 38, 38];

/** CSS colour of a weight: blue or red, more opaque the larger |w| is relative to `scale`. */
export function weightColor(w, scale, minAlpha = 0.04) {
  const [r, g, b] = w >= 0 ? POSITIVE : NEGATIVE;
  const alpha = scale > 0 ? Math.min(1, Math.abs(w) / scale) : 0;
  return `rgba(${r},${g},${b},${Math.max(minAlpha, alpha).toFixed(3)})`;
}

/** Largest absolute value, for scaling colours (not a model quantity: only how strong a colour is). */
export function maxAbs(values) {
  let m = 0;
  for (const v of values) m = Math.max(m, Math.abs(v));
  return m;
}

/**
 * Paints a side×height image (square by default) of signed values: blue positive, red negative,
 * white zero. With `under` (the image's own values, 0..1), its ink shows faintly in grey beneath
 * the colours, so a map can be read over the picture it explains.
 */
export function paintSigned(canvas, values, side = 28, scale = maxAbs(values), height = side, under = null) {
  canvas.width = side;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(side, height);
  for (let i = 0; i < side * height; i++) {
    const t = scale > 0 ? Math.min(1, Math.abs(values[i]) / scale) : 0;
    const [r, g, b] = values[i] >= 0 ? POSITIVE : NEGATIVE;
    const paper = under ? 255 - UNDER_INK * Math.min(1, Math.max(0, under[i])) : 255;
    image.data[4 * i] = Math.round(paper + (r - paper) * t);
    image.data[4 * i + 1] = Math.round(paper + (g - paper) * t);
    image.data[4 * i + 2] = Math.round(paper + (b - paper) * t);
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** How dark full ink shows beneath a signed map: light enough that the colours stay readable. */
const UNDER_INK = 110;

/** Paints a side×height grey image (square by default), white ink on black as MNIST stores it; `max` is full ink (1 or 255). */
export function paintGrey(canvas, values, max = 1, side = 28, height = side) {
  canvas.width = side;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  const image = ctx.createImageData(side, height);
  for (let i = 0; i < side * height; i++) {
    const v = Math.round(255 * Math.min(1, Math.max(0, values[i] / max)));
    image.data[4 * i] = v;
    image.data[4 * i + 1] = v;
    image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

/** A number as shown on the page: 4 significant digits, so tests can compare it with the engine's. */
export function fmt(x) {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e4 ? Number(x.toPrecision(4)).toString() : x.toExponential(3);
}

/** A probability as a percentage. */
export function pct(p) {
  return `${(100 * p).toFixed(1)} %`;
}
