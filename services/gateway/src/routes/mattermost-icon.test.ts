import { inflateSync } from 'node:zlib';
import { mattermostIconPng } from './mattermost-icon';

/** The chunks of a PNG, by type, after checking the signature. */
function chunks(png: Buffer): Map<string, Buffer> {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const found = new Map<string, Buffer>();
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    found.set(png.toString('ascii', at + 4, at + 8), png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return found;
}

describe('the Mattermost command icon', () => {
  it('is a 128×128 RGBA PNG: transparent corners, an opaque orange badge with a white prompt', () => {
    const png = mattermostIconPng();
    const parts = chunks(png);
    expect([...parts.keys()]).toEqual(['IHDR', 'IDAT', 'IEND']);
    const header = parts.get('IHDR') ?? Buffer.alloc(0);
    expect([header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9]]).toEqual([128, 128, 8, 6]);
    const pixels = inflateSync(parts.get('IDAT') ?? Buffer.alloc(0));
    expect(pixels).toHaveLength(128 * (1 + 128 * 4));
    const at = (x: number, y: number) => [...pixels.subarray(y * 513 + 1 + x * 4, y * 513 + 1 + x * 4 + 4)];
    expect(at(0, 0)).toEqual([0, 0, 0, 0]);
    expect(at(20, 20)).toEqual([232, 89, 12, 255]);
    expect(at(55, 64)).toEqual([255, 255, 255, 255]);
    expect(png.length).toBeLessThan(8 * 1024);
    expect(mattermostIconPng()).toEqual(png);
  });
});
