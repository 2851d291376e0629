import sharp from 'sharp';

// Test photos made by the tests themselves (no binary fixtures are committed): smooth colour fields, edges
// and shapes like a scene, plus per-pixel sensor-like noise, all from a seed so every run is identical.

const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
};
const gauss = (r: () => number) => Math.sqrt(-2 * Math.log(r() + 1e-12)) * Math.cos(2 * Math.PI * r());

/** Raw RGB pixels of a synthetic scene. */
export const scenePixels = async (seed: number, width = 640, height = 480, noise = 3): Promise<Buffer> => {
  const r = rng(seed);
  const layer = async (w: number, h: number, amp: number) => {
    const small = Buffer.alloc(w * h * 3);
    for (let i = 0; i < small.length; i++) small[i] = Math.floor(128 + (r() - 0.5) * 2 * amp);
    return sharp(small, { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
  };
  const coarse = await layer(8, 6, 120);
  const mid = await layer(40, 30, 60);
  const fine = await layer(160, 120, 30);
  const shapes = Array.from({ length: 14 }, () => ({ x: r() * width, y: r() * height, w: 20 + r() * 160, h: 20 + r() * 120, c: [r() * 255, r() * 255, r() * 255].map(Math.floor), round: r() > 0.5 }));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.map((s) => (s.round ? `<ellipse cx="${s.x}" cy="${s.y}" rx="${s.w / 2}" ry="${s.h / 2}" fill="rgb(${s.c.join(',')})" fill-opacity="0.55"/>` : `<rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" fill="rgb(${s.c.join(',')})" fill-opacity="0.55"/>`)).join('')}</svg>`;
  const drawn = await sharp(Buffer.from(svg)).removeAlpha().raw().toBuffer();
  const out = Buffer.alloc(width * height * 3);
  for (let i = 0; i < out.length; i++) {
    const v = (coarse[i] - 128) * 0.8 + (mid[i] - 128) * 0.6 + (fine[i] - 128) * 0.5 + drawn[i] * 0.6 + 50 + gauss(r) * noise;
    out[i] = Math.max(0, Math.min(255, Math.round(v)));
  }
  return out;
};

export const rawImage = (pixels: Buffer, width = 640, height = 480) => sharp(pixels, { raw: { width, height, channels: 3 } });

export const photoJpeg = async (seed: number, quality = 88, width = 640, height = 480) => rawImage(await scenePixels(seed, width, height), width, height).jpeg({ quality }).toBuffer();

/** Pastes `patch` (raw RGB, pw x ph) into `base` (raw RGB 640x480) at (x, y). */
export const paste = (base: Buffer, patch: Buffer, pw: number, ph: number, x: number, y: number, width = 640): Buffer => {
  const out = Buffer.from(base);
  for (let yy = 0; yy < ph; yy++) patch.copy(out, ((y + yy) * width + x) * 3, yy * pw * 3, (yy + 1) * pw * 3);
  return out;
};

/** Copies a region of `pixels` to another place in the same picture: copy-move with a known shift. */
export const cloneRegion = (pixels: Buffer, sx: number, sy: number, w: number, h: number, dx: number, dy: number, width = 640): Buffer => {
  const out = Buffer.from(pixels);
  for (let yy = 0; yy < h; yy++) pixels.copy(out, ((sy + dy + yy) * width + sx + dx) * 3, ((sy + yy) * width + sx) * 3, ((sy + yy) * width + sx + w) * 3);
  return out;
};

export const decodeRaw = async (jpeg: Buffer) => sharp(jpeg).removeAlpha().raw().toBuffer();

/** A PNG whose header claims 50,000 x 50,000 pixels but holds almost nothing: a decompression bomb's shape. */
export const bombPng = (width = 50_000, height = 50_000): Buffer => {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  // a few bytes of deflate data: not enough for the image, but a header is all a careless decoder needs
  const idat = Buffer.from([0x78, 0x9c, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
};

/**
 * Inserts an EXIF block with a camera make and an embedded preview (IFD1 thumbnail) right after the JPEG's
 * start marker, the way cameras store it. An editor that changes the photo but keeps this block leaves the
 * old preview behind.
 */
export const withExifThumbnail = (jpeg: Buffer, thumbnail: Buffer, make = 'Canon'): Buffer => {
  const makeBytes = Buffer.from(`${make}\0`, 'latin1');
  const ifd0 = 8;
  const ifd0Size = 2 + 12 + 4;
  const ifd1 = ifd0 + ifd0Size;
  const ifd1Size = 2 + 2 * 12 + 4;
  const makeAt = ifd1 + ifd1Size;
  const thumbAt = makeAt + makeBytes.length;
  const tiff = Buffer.alloc(thumbAt + thumbnail.length);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(ifd0, 4);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    tiff.writeUInt16LE(tag, at);
    tiff.writeUInt16LE(type, at + 2);
    tiff.writeUInt32LE(count, at + 4);
    tiff.writeUInt32LE(value, at + 8);
  };
  tiff.writeUInt16LE(1, ifd0);
  entry(ifd0 + 2, 0x010f, 2, makeBytes.length, makeAt);
  tiff.writeUInt32LE(ifd1, ifd0 + 14);
  tiff.writeUInt16LE(2, ifd1);
  entry(ifd1 + 2, 0x0201, 4, 1, thumbAt);
  entry(ifd1 + 14, 0x0202, 4, 1, thumbnail.length);
  tiff.writeUInt32LE(0, ifd1 + 26);
  makeBytes.copy(tiff, makeAt);
  thumbnail.copy(tiff, thumbAt);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  if (payload.length + 2 > 0xffff) throw new Error('thumbnail too large for one APP1 segment');
  const header = Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, payload, jpeg.subarray(2)]);
};
