import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm from 'h5wasm/node';
import onnxProto from 'onnx-proto';

// Rebuilds Meso-4 (Afchar et al., WIFS 2018) as an ONNX graph from the authors' Keras HDF5 weights, so the
// app ships no converted binary and anyone can rebuild it from the published weights. Facts (layer order,
// BatchNorm epsilon 1e-3, NHWC flatten order, output P(real)) are from ../shared/models/README.md.

const { onnx } = onnxProto;
type Tensor = { name: string; dims: number[]; data: Float32Array };

export type Meso4Build = { onnx: Buffer; sha256: string; sourceSha256: string };

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Reads every dataset of the Keras file as `<layer>/<weight>` → float32 data with its shape. */
const readKerasWeights = async (path: string): Promise<Map<string, { shape: number[]; data: Float32Array }>> => {
  await h5wasm.ready;
  const file = new h5wasm.File(path, 'r');
  const weights = new Map<string, { shape: number[]; data: Float32Array }>();
  try {
    const walk = (group: InstanceType<typeof h5wasm.Group>, prefix: string) => {
      for (const key of group.keys()) {
        const item = group.get(key);
        if (item instanceof h5wasm.Dataset) {
          const value = item.value;
          if (!(value instanceof Float32Array)) throw new Error(`weight ${prefix}/${key} is not float32`);
          weights.set(`${prefix}/${key}`.replace(/^\//, ''), { shape: item.shape ?? [], data: value });
        } else if (item instanceof h5wasm.Group) walk(item, `${prefix}/${key}`);
      }
    };
    const root = file.get('model_weights');
    walk(root instanceof h5wasm.Group ? root : file, '');
  } finally {
    file.close();
  }
  return weights;
};

/** Keras layer names carry a global counter (conv2d_5, conv2d_6, ...): order by it to recover layer order. */
const layersOf = (weights: Map<string, unknown>, kind: string): string[] => {
  const names = new Set<string>();
  for (const key of weights.keys()) {
    const layer = key.split('/')[0];
    if (new RegExp(`^${kind}(_\\d+)?$`).test(layer)) names.add(layer);
  }
  const n = (s: string) => Number(s.split('_').at(-1)) || 0;
  return [...names].sort((a, b) => n(a) - n(b));
};

const weight = (weights: Map<string, { shape: number[]; data: Float32Array }>, layer: string, name: string) => {
  const key = [...weights.keys()].find((k) => k.startsWith(`${layer}/`) && k.endsWith(`/${name}:0`));
  if (!key) throw new Error(`Meso-4 weights: ${layer}/${name} is missing; is this a Meso4 Keras file?`);
  return weights.get(key)!;
};

/** Keras HWIO → ONNX OIHW. */
const hwioToOihw = (shape: number[], data: Float32Array): { dims: number[]; data: Float32Array } => {
  const [h, w, i, o] = shape;
  const out = new Float32Array(data.length);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < i; c++) for (let k = 0; k < o; k++) {
    out[((k * i + c) * h + y) * w + x] = data[((y * w + x) * i + c) * o + k];
  }
  return { dims: [o, i, h, w], data: out };
};

type Attribute = onnxProto.onnx.IAttributeProto;
const attrInts = (name: string, ints: number[]): Attribute => ({ name, type: onnx.AttributeProto.AttributeType.INTS, ints });
const attrInt = (name: string, i: number): Attribute => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const attrFloat = (name: string, f: number): Attribute => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });

export const buildMeso4FromH5 = async (h5Path: string): Promise<Meso4Build> => {
  const sourceSha256 = sha256(readFileSync(h5Path));
  const weights = await readKerasWeights(h5Path);
  const convs = layersOf(weights, 'conv2d');
  const norms = layersOf(weights, 'batch_normalization');
  const denses = layersOf(weights, 'dense');
  if (convs.length !== 4 || norms.length !== 4 || denses.length !== 2) {
    throw new Error(`Meso-4 weights: expected 4 conv, 4 batch-norm and 2 dense layers, found ${convs.length}, ${norms.length}, ${denses.length}`);
  }

  const initializers: Tensor[] = [];
  const nodes: ReturnType<typeof onnx.NodeProto.create>[] = [];
  const init = (name: string, dims: number[], data: Float32Array) => {
    initializers.push({ name, dims, data });
    return name;
  };
  let current = 'input';
  const node = (opType: string, inputs: string[], name: string, attribute: Attribute[] = []) => {
    nodes.push(onnx.NodeProto.create({ opType, input: inputs, output: [name], name, attribute }));
    current = name;
    return name;
  };

  node('Transpose', [current], 'to_nchw', [attrInts('perm', [0, 3, 1, 2])]);
  const pools = [2, 2, 2, 4];
  for (let b = 0; b < 4; b++) {
    const kernel = weight(weights, convs[b], 'kernel');
    const k = hwioToOihw(kernel.shape, kernel.data);
    const size = kernel.shape[0];
    const pad = Math.floor(size / 2); // Keras 'same' with stride 1 and an odd kernel
    const w = init(`${convs[b]}.weight`, k.dims, k.data);
    const bias = weight(weights, convs[b], 'bias');
    const bi = init(`${convs[b]}.bias`, bias.shape, bias.data);
    node('Conv', [current, w, bi], `${convs[b]}`, [attrInts('kernel_shape', [size, size]), attrInts('pads', [pad, pad, pad, pad]), attrInts('strides', [1, 1])]);
    node('Relu', [current], `${convs[b]}.relu`);
    const bn = norms[b];
    const ins = ['gamma', 'beta', 'moving_mean', 'moving_variance'].map((n) => {
      const t = weight(weights, bn, n);
      return init(`${bn}.${n}`, t.shape, t.data);
    });
    node('BatchNormalization', [current, ...ins], bn, [attrFloat('epsilon', 1e-3)]);
    // 32 is divisible by 4, so the last pool's Keras 'same' padding adds nothing.
    node('MaxPool', [current], `pool_${b + 1}`, [attrInts('kernel_shape', [pools[b], pools[b]]), attrInts('strides', [pools[b], pools[b]])]);
  }
  // Keras flattened NHWC (8x8x16), so the dense kernel's rows are in that order.
  node('Transpose', [current], 'to_nhwc', [attrInts('perm', [0, 2, 3, 1])]);
  node('Flatten', [current], 'flatten', [attrInt('axis', 1)]);
  const [d1, d2] = denses;
  const d1k = weight(weights, d1, 'kernel');
  const d1b = weight(weights, d1, 'bias');
  node('Gemm', [current, init(`${d1}.kernel`, d1k.shape, d1k.data), init(`${d1}.bias`, d1b.shape, d1b.data)], d1);
  node('LeakyRelu', [current], `${d1}.leaky`, [attrFloat('alpha', 0.1)]);
  const d2k = weight(weights, d2, 'kernel');
  const d2b = weight(weights, d2, 'bias');
  node('Gemm', [current, init(`${d2}.kernel`, d2k.shape, d2k.data), init(`${d2}.bias`, d2b.shape, d2b.data)], d2);
  nodes.push(onnx.NodeProto.create({ opType: 'Sigmoid', input: [current], output: ['p_real'], name: 'p_real' }));

  const valueInfo = (name: string, dims: number[]) => ({
    name,
    type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
  });
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'casebench models:build',
    producerVersion: '1',
    modelVersion: 1,
    docString: 'Meso-4 (Afchar et al. 2018) rebuilt from Meso4_DF.h5; input NHWC [1,256,256,3] RGB in [0,1]; output P(real).',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'meso4',
      node: nodes,
      initializer: initializers.map((t) => ({
        name: t.name,
        dims: t.dims,
        dataType: onnx.TensorProto.DataType.FLOAT,
        rawData: new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength),
      })),
      input: [valueInfo('input', [1, 256, 256, 3])],
      output: [valueInfo('p_real', [1, 1])],
    },
  });
  const bytes = Buffer.from(onnx.ModelProto.encode(model).finish());
  return { onnx: bytes, sha256: sha256(bytes), sourceSha256 };
};

/** Fetches weights given as an http(s) URL into a temporary file; returns the local path and a cleanup. */
export const localWeights = async (source: string): Promise<{ path: string; cleanup: () => void }> => {
  if (!/^https?:\/\//i.test(source)) return { path: source, cleanup: () => {} };
  const response = await fetch(source);
  if (!response.ok) throw new Error(`could not download ${source}: HTTP ${response.status}`);
  const dir = mkdtempSync(join(tmpdir(), 'casebench-weights-'));
  const path = join(dir, 'weights.h5');
  writeFileSync(path, Buffer.from(await response.arrayBuffer()));
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
};
