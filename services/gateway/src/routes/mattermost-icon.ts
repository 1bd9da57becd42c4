import { crc32, deflateSync } from 'node:zlib';

const SIZE = 128;
// Samples per pixel side: 4×4 per pixel smooth the edges.
const SAMPLES = 4;
const ORANGE: Colour = [232, 89, 12];
const WHITE: Colour = [255, 255, 255];

/** Inside a square with rounded corners (margin 4, radius 26)? */
function inBadge(x: number, y: number): boolean {
  const [min, max, radius] = [4, SIZE - 4, 26];
  const cx = Math.min(Math.max(x, min + radius), max - radius);
  const cy = Math.min(Math.max(y, min + radius), max - radius);
  return x >= min && x <= max && y >= min && y <= max && (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

/** Within `half` of the segment from (x1, y1) to (x2, y2)? */
function onStroke(x: number, y: number, [x1, y1, x2, y2]: Segment, half: number): boolean {
  const [dx, dy] = [x2 - x1, y2 - y1];
  const t = Math.min(1, Math.max(0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return (x - (x1 + t * dx)) ** 2 + (y - (y1 + t * dy)) ** 2 <= half * half;
}

type Segment = readonly [number, number, number, number];
type Colour = readonly [number, number, number];

// A slash command's prompt, `/>`, in white on the badge.
const STROKES: readonly Segment[] = [
  [40, 98, 70, 30],
  [78, 50, 98, 66],
  [98, 66, 78, 82],
];

function colourAt(x: number, y: number): Colour | undefined {
  if (!inBadge(x, y)) return undefined;
  return STROKES.some((stroke) => onStroke(x, y, stroke, 6.5)) ? WHITE : ORANGE;
}

/** One pixel: the mean colour of its covered samples, and their share as alpha. */
function pixel(px: number, py: number): [number, number, number, number] {
  let [r, g, b, covered] = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy += 1)
    for (let sx = 0; sx < SAMPLES; sx += 1) {
      const colour = colourAt(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
      if (!colour) continue;
      [r, g, b, covered] = [r + colour[0], g + colour[1], b + colour[2], covered + 1];
    }
  if (covered === 0) return [0, 0, 0, 0];
  const mean = (sum: number) => Math.round(sum / covered);
  return [mean(r), mean(g), mean(b), Math.round((covered / SAMPLES ** 2) * 255)];
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * The icon the suggested Mattermost commands answer with: chatops' own drawing (an orange badge
 * with a white `/>` prompt), not GitLab's logo. A 128×128 RGBA PNG, drawn here so that it needs
 * no file next to the compiled code.
 */
export function mattermostIconPng(): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4); // filter type 0 (none), then RGBA
    for (let x = 0; x < SIZE; x += 1) Buffer.from(pixel(x, y)).copy(row, 1 + x * 4);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, no filter set, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
