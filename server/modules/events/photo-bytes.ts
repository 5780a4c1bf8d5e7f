import type { PhotoType } from '../../../contracts/session-results.ts';

/**
 * Recognises JPEG, PNG and WebP by their first bytes and reads the pixel size from the headers.
 * Written by hand: the three signatures and size fields are short and fixed, and a native image
 * library (sharp, libvips) would be a large dependency for reading two numbers.
 */

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (b: Uint8Array, at: number, text: string) =>
  startsWith(
    b,
    [...text].map((c) => c.charCodeAt(0)),
    at,
  );

/** The image type the bytes really are, or null when they are none of the three. */
export function sniffPhotoType(b: Uint8Array): PhotoType | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, PNG_SIGNATURE)) return 'image/png';
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return 'image/webp';
  return null;
}

export interface PixelSize {
  width: number;
  height: number;
}

function pngSize(b: Buffer): PixelSize | null {
  // The first chunk is IHDR: width and height as big-endian 32-bit numbers.
  if (b.length < 24 || !ascii(b, 12, 'IHDR')) return null;
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

function webpSize(b: Buffer): PixelSize | null {
  if (b.length < 30) return null;
  if (ascii(b, 12, 'VP8 ')) {
    // Lossy: a key frame starts with 9D 01 2A, then 14-bit width and height.
    if (!startsWith(b, [0x9d, 0x01, 0x2a], 23)) return null;
    return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
  }
  if (ascii(b, 12, 'VP8L')) {
    // Lossless: signature 2F, then width-1 and height-1 in 14 bits each.
    if (b[20] !== 0x2f) return null;
    const bits = b.readUInt32LE(21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  if (ascii(b, 12, 'VP8X')) {
    // Extended: canvas width-1 and height-1 as 24-bit little-endian numbers.
    return { width: b.readUIntLE(24, 3) + 1, height: b.readUIntLE(27, 3) + 1 };
  }
  return null;
}

function jpegSize(b: Buffer): PixelSize | null {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    // Markers without a length field.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = b.readUInt16BE(i + 2);
    // Start-of-frame markers (C0–CF but not C4 DHT, C8 JPG, CC DAC) carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    }
    if (marker === 0xda || length < 2) return null; // image data starts: no frame header found
    i += 2 + length;
  }
  return null;
}

/** Width and height in pixels, when the headers say so cheaply; null otherwise. */
export function photoSize(type: PhotoType, b: Buffer): PixelSize | null {
  const size = type === 'image/png' ? pngSize(b) : type === 'image/webp' ? webpSize(b) : jpegSize(b);
  return size && size.width > 0 && size.height > 0 ? size : null;
}
