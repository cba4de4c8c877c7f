// Colouring planes of raw values in the browser (so contrast and colormap change at once), the
// automatic window, histograms, and a canvas that zooms and pans. The scale formulas are those of
// the server's tiles and thumbnails (org.vitrine.core.imaging.Scale): a value v in [min, max]
// takes colormap entry min(255, floor(256 t)), t = (f(v) − f(min)) / (f(max) − f(min)).

/** f(v) of a scale: identity, log10 (−∞ for v ≤ 0) or sign(v)·sqrt(|v|). */
export function transform(scale) {
  if (scale === 'log') return (v) => (v > 0 ? Math.log10(v) : -Infinity);
  if (scale === 'sqrt') return (v) => Math.sign(v) * Math.sqrt(Math.abs(v));
  return (v) => v;
}

/** True when `v` can set a window end on `scale`: finite, and positive for log. */
function admits(scale, v) {
  return Number.isFinite(v) && (scale !== 'log' || v > 0);
}

/** The mask pixel under plane pixel (i, j), or 0. */
function masked(mask, plane, fullWidth, i, j) {
  return mask ? mask[j * plane.factor[1] * fullWidth + i * plane.factor[0]] : 0;
}

/**
 * The plane as RGBA pixels. NaN and masked pixels are transparent, or drawn in `maskColour`
 * ([r, g, b, a]) when given.
 */
export function colour(plane, { lut, scale, min, max, mask = null, fullWidth = 0, maskColour = null }) {
  const f = transform(scale);
  const lo = f(min);
  const range = f(max) - lo;
  const perUnit = range > 0 ? 256 / range : 0;
  const image = new ImageData(plane.width, plane.height);
  const px = image.data;
  const v = plane.values;
  for (let j = 0, i = 0; j < plane.height; j++) {
    for (let x = 0; x < plane.width; x++, i++) {
      const o = 4 * i;
      if (masked(mask, plane, fullWidth, x, j)) {
        if (maskColour) {
          px[o] = maskColour[0]; px[o + 1] = maskColour[1]; px[o + 2] = maskColour[2]; px[o + 3] = maskColour[3];
        }
        continue;
      }
      const value = v[i];
      if (Number.isNaN(value)) continue;
      const t = (f(value) - lo) * perUnit;
      const level = !(t > 0) ? 0 : t >= 255 ? 255 : t | 0;
      px[o] = lut[3 * level];
      px[o + 1] = lut[3 * level + 1];
      px[o + 2] = lut[3 * level + 2];
      px[o + 3] = 255;
    }
  }
  return image;
}

/** The values of the plane that can set a window on `scale`, unmasked, sampled to at most 2²⁰. */
function usable(plane, scale, mask, fullWidth) {
  const stride = Math.max(1, Math.ceil(plane.values.length / (1 << 20)));
  const out = [];
  for (let i = 0; i < plane.values.length; i += stride) {
    const v = plane.values[i];
    if (admits(scale, v) && !masked(mask, plane, fullWidth, i % plane.width, Math.floor(i / plane.width))) out.push(v);
  }
  return Float64Array.from(out).sort();
}

/** The `low`–`high` percentile window (NumPy's linear interpolation), as the server's automatic one. */
export function autoWindow(plane, scale, { mask = null, fullWidth = 0, low = 0.5, high = 99.5 } = {}) {
  const sorted = usable(plane, scale, mask, fullWidth);
  if (sorted.length === 0) return scale === 'log' ? { min: 1, max: 10 } : { min: 0, max: 1 };
  const at = (pct) => {
    const rank = (pct / 100) * (sorted.length - 1);
    const below = Math.floor(rank);
    const above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
  };
  return { min: at(low), max: at(high) };
}

/**
 * Draws the histogram of the plane's values on `scale` into `canvas` (bars in 64 bins over the
 * data range), with the window's ends as lines.
 */
export function drawHistogram(canvas, plane, scale, window, { mask = null, fullWidth = 0 } = {}) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const values = usable(plane, scale, mask, fullWidth);
  if (values.length === 0) return;
  const f = transform(scale);
  const lo = f(values[0]);
  const hi = f(values[values.length - 1]);
  const span = hi > lo ? hi - lo : 1;
  const bins = new Array(64).fill(0);
  for (const v of values) bins[Math.min(63, Math.floor(((f(v) - lo) / span) * 64))]++;
  const top = Math.log1p(Math.max(...bins));
  const style = getComputedStyle(canvas);
  ctx.fillStyle = style.color || '#555';
  bins.forEach((n, b) => {
    const h = (Math.log1p(n) / top) * (height - 2);
    ctx.fillRect((b * width) / 64, height - h, width / 64 - 1, h);
  });
  ctx.strokeStyle = '#d33';
  for (const end of [window.min, window.max]) {
    const x = ((f(end) - lo) / span) * width;
    if (Number.isFinite(x)) {
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, height);
      ctx.stroke();
    }
  }
}

/**
 * A canvas showing one coloured plane with zoom (wheel, + and −) and pan (drag, Shift+arrows),
 * in full-resolution plane coordinates, so changing scale keeps the view. Tells its owner where
 * the pointer is (`onHover(x, y)`), where it was clicked (`onPick(x, y)`) and passes other keys
 * (`onKey(event)`); `overlay(ctx, toScreen, zoom)` draws on top (rings, crosshair).
 */
export class PlaneCanvas {
  constructor(canvas, fullWidth, fullHeight, { onHover = () => {}, onPick = () => {}, onKey = () => false, overlay = () => {} } = {}) {
    this.canvas = canvas;
    this.full = [fullWidth, fullHeight];
    this.center = [fullWidth / 2, fullHeight / 2];
    this.zoom = 1;
    this.image = null;
    this.overlay = overlay;
    this.offscreen = document.createElement('canvas');
    let drag = null;
    canvas.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, center: [...this.center], moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      const p = this.toPlane(e);
      onHover(p[0], p[1]);
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      const scale = this.pixelsPerUnit() / this.ratio();
      this.center = [drag.center[0] - dx / scale, drag.center[1] - dy / scale];
      this.draw();
    });
    canvas.addEventListener('pointerup', (e) => {
      if (drag && !drag.moved) {
        const p = this.toPlane(e);
        onPick(p[0], p[1]);
      }
      drag = null;
    });
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const before = this.toPlane(e);
      this.zoom = Math.min(64, Math.max(0.25, this.zoom * (e.deltaY < 0 ? 1.25 : 0.8)));
      const after = this.toPlane(e);
      this.center = [this.center[0] + before[0] - after[0], this.center[1] + before[1] - after[1]];
      this.draw();
      this.onZoom?.();
    }, { passive: false });
    canvas.addEventListener('keydown', (e) => {
      const step = this.full[0] / (8 * this.zoom);
      const pans = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (e.key === '+' || e.key === '=') this.setZoom(this.zoom * 1.25);
      else if (e.key === '-') this.setZoom(this.zoom * 0.8);
      else if (e.key === '0') this.reset();
      else if (e.shiftKey && pans[e.key]) {
        this.center = [this.center[0] + pans[e.key][0], this.center[1] + pans[e.key][1]];
        this.draw();
      } else if (!onKey(e)) return;
      e.preventDefault();
    });
    new ResizeObserver(() => this.draw()).observe(canvas);
  }

  ratio() {
    return window.devicePixelRatio || 1;
  }

  /** Canvas pixels per full-resolution plane pixel. */
  pixelsPerUnit() {
    const fit = Math.min(this.canvas.width / this.full[0], this.canvas.height / this.full[1]);
    return fit * this.zoom;
  }

  setZoom(zoom) {
    this.zoom = Math.min(64, Math.max(0.25, zoom));
    this.draw();
    this.onZoom?.();
  }

  reset() {
    this.zoom = 1;
    this.center = [this.full[0] / 2, this.full[1] / 2];
    this.draw();
    this.onZoom?.();
  }

  /** Full-resolution plane coordinates under a pointer event. */
  toPlane(e) {
    const r = this.canvas.getBoundingClientRect();
    const k = this.pixelsPerUnit();
    const x = ((e.clientX - r.left) * this.ratio() - this.canvas.width / 2) / k + this.center[0];
    const y = ((e.clientY - r.top) * this.ratio() - this.canvas.height / 2) / k + this.center[1];
    return [x, y];
  }

  /** Shows `image` (ImageData of a plane whose pixels are `factor` full-resolution pixels). */
  show(image, factor) {
    this.offscreen.width = image.width;
    this.offscreen.height = image.height;
    this.offscreen.getContext('2d').putImageData(image, 0, 0);
    this.image = image;
    this.factor = factor;
    this.draw();
  }

  draw() {
    const c = this.canvas;
    const w = Math.round(c.clientWidth * this.ratio());
    const h = Math.round(c.clientHeight * this.ratio());
    if (w > 0 && (c.width !== w || c.height !== h)) {
      c.width = w;
      c.height = h;
    }
    const ctx = c.getContext('2d');
    ctx.clearRect(0, 0, c.width, c.height);
    if (!this.image) return;
    const k = this.pixelsPerUnit();
    const toScreen = (x, y) => [(x - this.center[0]) * k + c.width / 2, (y - this.center[1]) * k + c.height / 2];
    const [x0, y0] = toScreen(0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.offscreen, x0, y0, this.image.width * this.factor[0] * k, this.image.height * this.factor[1] * k);
    this.overlay(ctx, toScreen, k);
  }
}
