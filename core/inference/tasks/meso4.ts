import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { FaceResult } from '../protocol.ts';

// Meso-4 takes a 256x256 RGB face crop, NHWC, values in [0,1], and answers P(real).

export const MESO_SIZE = 256;

export const mesoInput = (rgb256: Uint8Array): ort.Tensor => {
  const x = new Float32Array(rgb256.length);
  for (let i = 0; i < rgb256.length; i++) x[i] = rgb256[i] / 255;
  return new ort.Tensor('float32', x, [1, MESO_SIZE, MESO_SIZE, 3]);
};

export const mesoScore = async (session: ort.InferenceSession, rgb256: Uint8Array): Promise<number> => {
  const out = await session.run({ input: mesoInput(rgb256) });
  return (out.p_real.data as Float32Array)[0];
};

/** The whole image resized to 256x256: for images that already are face crops. */
export const mesoImage = async (session: ort.InferenceSession, path: string): Promise<number> => {
  const rgb = await sharp(path).removeAlpha().toColourspace('srgb').resize(MESO_SIZE, MESO_SIZE, { fit: 'fill' }).raw().toBuffer();
  return mesoScore(session, rgb);
};

/** A square around the face, `scale` times its larger side, clipped to the image, as 256x256 RGB. */
export const faceCrop = async (rgb: Uint8Array, width: number, height: number, face: FaceResult, scale: number) => {
  const side = Math.max(face.width, face.height) * scale;
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const left = Math.max(0, Math.round(cx - side / 2));
  const top = Math.max(0, Math.round(cy - side / 2));
  const right = Math.min(width, Math.round(cx + side / 2));
  const bottom = Math.min(height, Math.round(cy + side / 2));
  const region = sharp(rgb, { raw: { width, height, channels: 3 } }).extract({ left, top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) });
  const raw = await region.resize(MESO_SIZE, MESO_SIZE, { fit: 'fill' }).raw().toBuffer();
  const jpeg = await sharp(raw, { raw: { width: MESO_SIZE, height: MESO_SIZE, channels: 3 } }).jpeg({ quality: 92 }).toBuffer();
  return { raw, jpeg, region: { left, top, width: right - left, height: bottom - top } };
};
