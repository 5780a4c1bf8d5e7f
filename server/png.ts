import { deflateSync } from 'node:zlib';

/**
 * Minimal PNG writer over node:zlib. Written by hand on purpose: the `qrcode` package renders PNGs
 * through pngjs in JavaScript (about 11 ms per ticket, blocking the event loop during a rush of
 * confirmations), while a QR code is a bitmap that fits a 1-bit PNG written here in well under a
 * millisecond. Used for ticket images and for test images.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** `rows`: the scanlines, each starting with its filter byte (0: none). */
function png(width: number, height: number, bitDepth: 1 | 8, colourType: 0 | 2, rows: Buffer[]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = colourType;
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** An 8-bit RGB PNG, `width` × `height` pixels, each coloured by `pixel(x, y)`. */
export function encodeRgbPng(width: number, height: number, pixel: (x: number, y: number) => [number, number, number]): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3, 0);
    for (let x = 0; x < width; x++) row.set(pixel(x, y), 1 + x * 3);
    rows.push(row);
  }
  return png(width, height, 8, 2, rows);
}

/** A black-and-white PNG (1 bit per pixel): `dark(x, y)` is true for black pixels. */
export function encodeBitmapPng(width: number, height: number, dark: (x: number, y: number) => boolean): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    // Grey level 1 is white: start all white, clear the bits of dark pixels (most significant bit first).
    const row = Buffer.alloc(1 + Math.ceil(width / 8), 0xff);
    row[0] = 0;
    for (let x = 0; x < width; x++) if (dark(x, y)) row[1 + (x >> 3)]! &= ~(0x80 >> (x & 7));
    rows.push(row);
  }
  return png(width, height, 1, 0, rows);
}
