/**
 * A stand-in organisation seal for demos and tests: two red rings and a five-pointed star, 36 mm
 * across at 300 dpi (pHYs set, so the appearance draws it at true size). Real seals are the
 * images offices register (SIGNING_SEAL_DIR); this one only shows where a seal goes.
 */
import { SEAL_RED } from './png';
import { encodeRgbaPng } from './png-encode';

const PX_PER_METRE = 11_811; // 300 dpi
const DIAMETER_PX = 425; // 36 mm at 300 dpi

/** The star's outline: 10 vertices alternating outer and inner radius, point up. */
function starPolygon(cx: number, cy: number, outer: number): [number, number][] {
  const inner = outer * 0.382;
  return Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? outer : inner;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)];
  });
}

function inside(poly: [number, number][], x: number, y: number): boolean {
  let odd = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i]!;
    const [xj, yj] = poly[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/** The demo seal as a transparent RGBA PNG. */
export function demoSealPng(): Buffer {
  const n = DIAMETER_PX;
  const c = (n - 1) / 2;
  const radius = n / 2;
  const star = starPolygon(c, c, radius * 0.3);
  const raw = Buffer.alloc((n * 4 + 1) * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const d = Math.hypot(x - c, y - c) / radius;
      const ink = (d >= 0.92 && d <= 1) || (d >= 0.66 && d <= 0.7) || inside(star, x, y);
      if (!ink) continue;
      const o = y * (n * 4 + 1) + 1 + x * 4;
      raw[o] = SEAL_RED[0];
      raw[o + 1] = SEAL_RED[1];
      raw[o + 2] = SEAL_RED[2];
      raw[o + 3] = 255;
    }
  }
  return encodeRgbaPng(n, n, raw, PX_PER_METRE);
}
