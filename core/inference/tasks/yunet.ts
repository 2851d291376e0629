import ort from 'onnxruntime-node';
import sharp from 'sharp';
import { YUNET_DEFAULTS, type YunetParams } from '../protocol.ts';

// YuNet (libfacedetection, 2023mar) post-processing as OpenCV's FaceDetectorYN does it: per stride (8, 16,
// 32) one prior per grid cell; score = sqrt(cls * obj); box centre and landmarks are offsets in cell units,
// width and height are log-scale; then a score threshold and non-maximum suppression.

export type FaceBox = { x: number; y: number; width: number; height: number; score: number; landmarks: [number, number][] };

const STRIDES = [8, 16, 32];

const iou = (a: FaceBox, b: FaceBox): number => {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  return inter / (a.width * a.height + b.width * b.height - inter || 1);
};

export const nms = (boxes: FaceBox[], threshold: number): FaceBox[] => {
  const sorted = [...boxes].sort((a, b) => b.score - a.score);
  const kept: FaceBox[] = [];
  for (const box of sorted) if (kept.every((k) => iou(k, box) <= threshold)) kept.push(box);
  return kept;
};

export const decodeYunet = (outputs: Record<string, { data: unknown }>, width: number, height: number, params: YunetParams): FaceBox[] => {
  const faces: FaceBox[] = [];
  for (const stride of STRIDES) {
    const cls = outputs[`cls_${stride}`].data as Float32Array;
    const obj = outputs[`obj_${stride}`].data as Float32Array;
    const bbox = outputs[`bbox_${stride}`].data as Float32Array;
    const kps = outputs[`kps_${stride}`].data as Float32Array;
    const cols = Math.floor(width / stride);
    const rows = Math.floor(height / stride);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const i = r * cols + c;
        const clamp = (v: number) => Math.min(1, Math.max(0, v));
        const score = Math.sqrt(clamp(cls[i]) * clamp(obj[i]));
        if (score < params.scoreThreshold) continue;
        const cx = (c + bbox[i * 4]) * stride;
        const cy = (r + bbox[i * 4 + 1]) * stride;
        const w = Math.exp(bbox[i * 4 + 2]) * stride;
        const h = Math.exp(bbox[i * 4 + 3]) * stride;
        const landmarks: [number, number][] = [];
        for (let n = 0; n < 5; n++) landmarks.push([(kps[i * 10 + 2 * n] + c) * stride, (kps[i * 10 + 2 * n + 1] + r) * stride]);
        faces.push({ x: cx - w / 2, y: cy - h / 2, width: w, height: h, score, landmarks });
      }
    }
  }
  return nms(faces, params.nmsThreshold);
};

/**
 * Detects faces in an image file. The image is scaled so its long side is at most `maxSide`, then placed on
 * a canvas a multiple of 32 in size. Boxes come back in original-image pixels.
 */
export const detectFaces = async (session: ort.InferenceSession, path: string, params: YunetParams = YUNET_DEFAULTS) => {
  const image = sharp(path, { limitInputPixels: 100_000_000 }).rotate();
  const meta = await image.metadata();
  const { data, info } = await image.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const scale = Math.min(1, params.maxSide / Math.max(info.width, info.height));
  const w = Math.max(1, Math.round(info.width * scale));
  const h = Math.max(1, Math.round(info.height * scale));
  const W = Math.ceil(w / 32) * 32;
  const H = Math.ceil(h / 32) * 32;
  const resized = await sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } })
    .resize(w, h, { fit: 'fill' })
    .extend({ right: W - w, bottom: H - h, background: { r: 0, g: 0, b: 0 } })
    .raw()
    .toBuffer();
  // OpenCV feeds BGR, 0..255, NCHW.
  const plane = W * H;
  const x = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    x[p] = resized[p * 3 + 2];
    x[plane + p] = resized[p * 3 + 1];
    x[2 * plane + p] = resized[p * 3];
  }
  const outputs = await session.run({ input: new ort.Tensor('float32', x, [1, 3, H, W]) });
  const faces = decodeYunet(outputs, W, H, params).map((f) => ({
    ...f,
    x: f.x / scale,
    y: f.y / scale,
    width: f.width / scale,
    height: f.height / scale,
    landmarks: f.landmarks.map(([lx, ly]) => [lx / scale, ly / scale] as [number, number]),
  }));
  return { faces, width: info.width, height: info.height, orientation: meta.orientation ?? 1, rgb: data };
};
