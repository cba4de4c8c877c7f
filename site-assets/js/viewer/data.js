// Where a viewer's data comes from, and reading it: Neuroglancer precomputed volumes (info +
// raw chunks), from the API when the site names one and it answers, else from the tree baked
// beside the dataset page. Both hold the same bytes, so everything after this module is the same.

const TYPES = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  uint32: Uint32Array,
  float32: Float32Array,
};

/** Keeps at most this many decoded chunks in memory (a 64³ float chunk is 1 MiB). */
const MAX_CHUNKS = 256;

/** Resolves with the response of `url`, or rejects after `ms` milliseconds. */
async function fetchWithin(url, ms) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fetch(url, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** The API base named by the page (`<meta name="vitrine-api">`), or null. */
export function apiBase() {
  const meta = document.querySelector('meta[name="vitrine-api"]');
  return meta && meta.content ? new URL(meta.content, document.baseURI) : null;
}

/**
 * Opens the volume of a file: `logicalName` (`<dataset-id>/<file>`) on the API, or `staticPath`
 * (relative to the page) in the baked tree. Resolves with a {@link PrecomputedVolume}.
 */
export async function openVolume(logicalName, staticPath) {
  const api = apiBase();
  if (api) {
    const path = logicalName.split('/').map(encodeURIComponent).join('/');
    const base = new URL(`api/precomputed/${path}/`, api);
    try {
      const response = await fetchWithin(new URL('info', base), 4000);
      if (response.ok) {
        return new PrecomputedVolume(base, await response.json(), 'api');
      }
    } catch {
      // Unreachable or too slow: the static tree below holds the same data.
    }
  }
  const base = new URL(staticPath, document.baseURI);
  const response = await fetch(new URL('info', base));
  if (!response.ok) {
    throw new Error(`no preview data (${response.status} for ${new URL('info', base).pathname})`);
  }
  return new PrecomputedVolume(base, await response.json(), 'static');
}

/** The colormap tables written by the build: name → Uint8Array of 768 bytes (r, g, b × 256). */
export async function loadColormaps() {
  const root = document.querySelector('meta[name="vitrine-root"]')?.content ?? '';
  const response = await fetch(new URL(`${root}assets/colormaps.json`, document.baseURI));
  if (!response.ok) throw new Error(`colormaps: ${response.status}`);
  const tables = await response.json();
  const out = {};
  for (const [name, hex] of Object.entries(tables)) {
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.substr(2 * i, 2), 16);
    out[name] = bytes;
  }
  return out;
}

/** A plane of values: `width` × `height` floats, rows of x; NaN where nothing is known. */
export class Plane {
  constructor(width, height, values, factor) {
    this.width = width;
    this.height = height;
    this.values = values;
    /** Full-resolution pixels per plane pixel, along the plane's x and y. */
    this.factor = factor;
  }
}

/** A Neuroglancer precomputed image volume: info, scales, and planes cut from its chunks. */
export class PrecomputedVolume {
  constructor(base, info, origin) {
    this.base = base;
    this.info = info;
    /** 'api' or 'static'. */
    this.origin = origin;
    this.scales = info.scales;
    this.type = TYPES[info.data_type];
    if (!this.type) throw new Error(`unsupported data_type ${info.data_type}`);
    this.chunks = new Map();
    /** Size in voxels (x, y, z) of a scale, and its factor from full resolution. */
    const full = this.scales[0].resolution;
    this.factors = this.scales.map((s) => s.resolution.map((r, a) => Math.round(r / full[a])));
  }

  /** The extent (x, y, z) of the finest scale. */
  get size() {
    return this.scales[0].size;
  }

  /** The URL of the chunk at grid position (gx, gy, gz) of scale `s`. */
  chunkUrl(s, gx, gy, gz) {
    const { key, size, chunk_sizes: [c] } = this.scales[s];
    const range = (g, a) => `${g * c[a]}-${Math.min((g + 1) * c[a], size[a])}`;
    return new URL(`${key}/${range(gx, 0)}_${range(gy, 1)}_${range(gz, 2)}`, this.base);
  }

  /** The chunk's values as floats, fetched once and kept (least recently used dropped). */
  async chunk(s, gx, gy, gz) {
    const url = this.chunkUrl(s, gx, gy, gz).href;
    let entry = this.chunks.get(url);
    if (entry) {
      this.chunks.delete(url);
      this.chunks.set(url, entry);
      return entry;
    }
    entry = fetch(url).then(async (response) => {
      if (!response.ok) throw new Error(`chunk ${url}: ${response.status}`);
      const raw = new this.type(await response.arrayBuffer());
      return this.type === Float32Array ? raw : Float32Array.from(raw);
    });
    this.chunks.set(url, entry);
    entry.catch(() => this.chunks.delete(url));
    while (this.chunks.size > MAX_CHUNKS) this.chunks.delete(this.chunks.keys().next().value);
    return entry;
  }

  /**
   * The plane orthogonal to `axis` (0 = x, 1 = y, 2 = z) through full-resolution voxel `index`,
   * at scale `s`. Planes: z → (x, y); y → (x, z); x → (y, z). `progress(done, total)` is told of
   * each chunk.
   */
  async plane(s, axis, index, progress = () => {}) {
    const scale = this.scales[s];
    const [cx, cy, cz] = scale.chunk_sizes[0];
    const c = [cx, cy, cz];
    const size = scale.size;
    const at = Math.min(size[axis] - 1, Math.floor(index / this.factors[s][axis]));
    const [u, v] = axis === 2 ? [0, 1] : axis === 1 ? [0, 2] : [1, 2];
    const width = size[u];
    const height = size[v];
    const values = new Float32Array(width * height).fill(NaN);
    const g = Math.floor(at / c[axis]);
    const jobs = [];
    for (let gv = 0; gv * c[v] < size[v]; gv++) {
      for (let gu = 0; gu * c[u] < size[u]; gu++) {
        const grid = [0, 0, 0];
        grid[axis] = g;
        grid[u] = gu;
        grid[v] = gv;
        jobs.push(grid);
      }
    }
    let done = 0;
    progress(done, jobs.length);
    await Promise.all(jobs.map(async (grid) => {
      const data = await this.chunk(s, grid[0], grid[1], grid[2]);
      const origin = grid.map((q, a) => q * c[a]);
      const extent = [0, 1, 2].map((a) => Math.min(c[a], size[a] - origin[a]));
      const strides = [1, extent[0], extent[0] * extent[1]];
      const k = at - origin[axis];
      for (let j = 0; j < extent[v]; j++) {
        for (let i = 0; i < extent[u]; i++) {
          const src = k * strides[axis] + i * strides[u] + j * strides[v];
          values[(origin[v] + j) * width + origin[u] + i] = data[src];
        }
      }
      progress(++done, jobs.length);
    }));
    return new Plane(width, height, values, [this.factors[s][u], this.factors[s][v]]);
  }

  /** The index of the coarsest scale whose plane (axes u, v) is at least `pixels` wide or high. */
  scaleFor(axis, pixels) {
    const [u, v] = axis === 2 ? [0, 1] : axis === 1 ? [0, 2] : [1, 2];
    for (let s = this.scales.length - 1; s > 0; s--) {
      const size = this.scales[s].size;
      if (Math.max(size[u], size[v]) >= pixels) return s;
    }
    return 0;
  }

  /** The detector mask beside diffraction frames (1 byte a full-resolution pixel), or null. */
  async mask() {
    try {
      const response = await fetch(new URL('mask', this.base));
      return response.ok ? new Uint8Array(await response.arrayBuffer()) : null;
    } catch {
      return null;
    }
  }
}
