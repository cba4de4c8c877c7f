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

/** The inverse of {@link transform}: the value whose f(v) is `y`. */
export function inverse(scale) {
  if (scale === 'log') return (y) => 10 ** y;
  if (scale === 'sqrt') return (y) => Math.sign(y) * y * y;
  return (y) => y;
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
 * data range), with the window's ends as lines. Returns the values at the left edge, the middle
 * and the right edge of its axis (the middle on the scale: a geometric mean on log), or null
 * when no value can be shown.
 */
export function drawHistogram(canvas, plane, scale, window, { mask = null, fullWidth = 0 } = {}) {
  const ctx = canvas.getContext('2d');
  const { width, height } = canvas;
  ctx.clearRect(0, 0, width, height);
  const values = usable(plane, scale, mask, fullWidth);
  if (values.length === 0) return null;
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
  return [values[0], inverse(scale)((lo + hi) / 2), values[values.length - 1]];
}

/**
 * A canvas showing one coloured plane with zoom (wheel, pinch, + and −, the zoom buttons) and pan
 * (drag with a mouse or two fingers, Shift+arrows), in full-resolution plane coordinates, so
 * changing scale keeps the view. One finger is left to the browser, so a swipe over the canvas
 * scrolls the page (touch-action: pan-x pan-y), and a tap picks. Tells its owner where the
 * pointer is (`onHover(x, y)`), where it was clicked or tapped (`onPick(x, y)`) and passes other
 * keys (`onKey(event)`); `overlay(ctx, toScreen, zoom)` draws on top (rings, crosshair). The
 * canvas is put in a frame of its own with the zoom buttons over its corner.
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
    this.mountControls();
    let drag = null;
    /** Touch points down on the canvas: pointer id → [clientX, clientY]. */
    const touches = new Map();
    let pinch = null;
    canvas.addEventListener('pointerdown', (e) => {
      const p = this.toPlane(e);
      onHover(p[0], p[1]);
      if (e.pointerType === 'touch') {
        touches.set(e.pointerId, [e.clientX, e.clientY]);
        pinch = touches.size === 2 ? this.startPinch([...touches.values()]) : null;
        drag = touches.size === 1 ? { x: e.clientX, y: e.clientY, moved: false, touch: true } : null;
        return;
      }
      drag = { x: e.clientX, y: e.clientY, center: [...this.center], moved: false };
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      const p = this.toPlane(e);
      onHover(p[0], p[1]);
      if (touches.has(e.pointerId)) {
        touches.set(e.pointerId, [e.clientX, e.clientY]);
        if (pinch && touches.size === 2) this.pinchTo(pinch, [...touches.values()]);
      }
      if (!drag) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
      if (drag.touch) return;
      const scale = this.pixelsPerUnit() / this.ratio();
      this.center = [drag.center[0] - dx / scale, drag.center[1] - dy / scale];
      this.draw();
    });
    const up = (e) => {
      if (e.type === 'pointerup' && drag && !drag.moved) {
        const p = this.toPlane(e);
        onPick(p[0], p[1]);
      }
      drag = null;
      touches.delete(e.pointerId);
      if (touches.size < 2) pinch = null;
    };
    canvas.addEventListener('pointerup', up);
    // The browser took the touch over (to scroll the page).
    canvas.addEventListener('pointercancel', up);
    // Two fingers zoom and pan the view, not the page.
    canvas.addEventListener('touchmove', (e) => {
      if (e.touches.length > 1 && e.cancelable) e.preventDefault();
    }, { passive: false });
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

  /** Puts the canvas in a frame with zoom in, zoom out and reset buttons over its corner. */
  mountControls() {
    const frame = document.createElement('div');
    frame.className = 'viewer-stage';
    this.canvas.replaceWith(frame);
    const buttons = document.createElement('div');
    buttons.className = 'viewer-zoom';
    for (const [cls, text, label, act] of [
      ['v-zoom-in', '+', 'Zoom in', () => this.setZoom(this.zoom * 1.5)],
      ['v-zoom-out', '\u2212', 'Zoom out', () => this.setZoom(this.zoom / 1.5)],
      ['v-zoom-reset', 'Reset', 'Reset zoom and pan', () => this.reset()]]) {
      const b = document.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      b.setAttribute('aria-label', label);
      b.title = label;
      b.addEventListener('click', act);
      buttons.append(b);
    }
    frame.append(this.canvas, buttons);
  }

  /** What a pinch keeps: the fingers' distance and the zoom when it began, and the plane point between them. */
  startPinch([a, b]) {
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    return { distance: Math.hypot(a[0] - b[0], a[1] - b[1]) || 1, zoom: this.zoom,
      anchor: this.toPlane({ clientX: mid[0], clientY: mid[1] }) };
  }

  /** Zooms by the change of the fingers' distance and keeps the plane point that was between them there. */
  pinchTo(pinch, [a, b]) {
    this.zoom = Math.min(64, Math.max(0.25, pinch.zoom * Math.hypot(a[0] - b[0], a[1] - b[1]) / pinch.distance));
    const r = this.canvas.getBoundingClientRect();
    const k = this.pixelsPerUnit();
    const mid = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    this.center = [pinch.anchor[0] - ((mid[0] - r.left) * this.ratio() - this.canvas.width / 2) / k,
      pinch.anchor[1] - ((mid[1] - r.top) * this.ratio() - this.canvas.height / 2) / k];
    this.draw();
    this.onZoom?.();
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
    c.dataset.zoom = String(this.zoom);
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
