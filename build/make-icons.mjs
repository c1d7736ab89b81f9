// Draws the app icon (a ledger page: ruled lines, one flagged row) and writes it as
// build/icon.png (512 px), build/icon.ico (256 px PNG inside) and build/icon.icns (512 px PNG
// inside, type ic09). No image library: a PNG is a few zlib-compressed rows.
// Run: node build/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

function draw(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 512;
  const radius = 96 * s;
  const set = (x, y, [r, g, b, a]) => px.set([r, g, b, a], (y * size + x) * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Rounded square background.
      const cx = Math.min(Math.max(x, radius), size - 1 - radius);
      const cy = Math.min(Math.max(y, radius), size - 1 - radius);
      if ((x - cx) ** 2 + (y - cy) ** 2 > radius ** 2) continue;
      let color = [28, 58, 94, 255];
      // The page.
      const inPage = x > 110 * s && x < 402 * s && y > 80 * s && y < 432 * s;
      if (inPage) color = [244, 246, 248, 255];
      // Ruled rows; the fourth one flagged.
      for (let row = 0; row < 7; row++) {
        const top = (130 + row * 42) * s;
        if (inPage && y > top && y < top + 18 * s && x > 140 * s && x < 372 * s) {
          color = row === 3 ? [230, 110, 40, 255] : [120, 140, 165, 255];
        }
      }
      set(x, y, color);
    }
  }
  return px;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

function png(size) {
  const px = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const png512 = png(512);
const png256 = png(256);
writeFileSync(join(here, 'icon.png'), png512);

// ICO: one 256×256 image stored as PNG (width/height 0 mean 256).
const icoHeader = Buffer.from([0, 0, 1, 0, 1, 0]);
const entry = Buffer.alloc(16);
entry.set([0, 0, 0, 0], 0);
entry.writeUInt16LE(1, 4);
entry.writeUInt16LE(32, 6);
entry.writeUInt32LE(png256.length, 8);
entry.writeUInt32LE(6 + 16, 12);
writeFileSync(join(here, 'icon.ico'), Buffer.concat([icoHeader, entry, png256]));

// ICNS: the header and one ic09 (512×512 PNG) element.
const element = Buffer.alloc(8);
element.write('ic09', 0, 'ascii');
element.writeUInt32BE(8 + png512.length, 4);
const icnsHeader = Buffer.alloc(8);
icnsHeader.write('icns', 0, 'ascii');
icnsHeader.writeUInt32BE(8 + 8 + png512.length, 4);
writeFileSync(join(here, 'icon.icns'), Buffer.concat([icnsHeader, element, png512]));
console.log('wrote build/icon.png, build/icon.ico, build/icon.icns');
