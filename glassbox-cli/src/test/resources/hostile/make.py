#!/usr/bin/env python3
"""Writes the hostile-file corpus next to this script: broken models, checkpoints, IDX datasets
and images, each named for what is wrong with it. HostileFilesTest feeds each to the command that
reads it and checks the one-line message listed in expected.tsv. Run from this folder with a small
valid model and checkpoint as arguments: python3 make.py MODEL CHECKPOINT."""
import gzip
import json
import os
import struct
import sys
import zlib

model = open(sys.argv[1], 'rb').read()
checkpoint = open(sys.argv[2], 'rb').read()


def split(file):
    n = struct.unpack('<Q', file[:8])[0]
    return json.loads(file[8:8 + n]), file[8 + n:]


def join(header, data, pad=True):
    text = json.dumps(header, separators=(',', ':')).encode()
    if pad:
        text += b' ' * (-len(text) % 8)
    return struct.pack('<Q', len(text)) + text + data


def write(folder, name, content):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(content)


header, data = split(model)
tensors = sorted((k for k in header if k != '__metadata__'), key=lambda k: header[k]['data_offsets'][0])
first, last = tensors[0], tensors[-1]
last_size = header[last]['data_offsets'][1] - header[last]['data_offsets'][0]
models = {
    'empty': b'',
    'short': b'\x01\x02\x03',
    'truncated-data': model[:-5],
    'header-length-huge': struct.pack('<Q', 2**63 + 1) + model[8:],
    'header-length-past-end': struct.pack('<Q', len(model)) + model[8:],
    'header-not-utf8': struct.pack('<Q', 8) + b'{"\xff\xfe":1}' + data,
    'header-not-json': join({}, b'')[:8] + b'not json' + data,
    'header-nested-deep': struct.pack('<Q', 200000) + b'[' * 100000 + b']' * 100000,
    'dtype-f16': join({**header, first: {**header[first], 'dtype': 'F16'}}, data),
    'shape-overflowing': join({**header, first: {**header[first], 'shape': [2**62, 2**62]}}, data),
    'offsets-overlapping': join({**header, last: {**header[last], 'data_offsets': [0, last_size]}}, data),
    'trailing-bytes': model + b'\0' * 8,
    'value-nan': join(header, b'\x00\x00\xc0\x7f' + data[4:]),
    'spec-absurd': join({**header, '__metadata__': {**header['__metadata__'], 'glassbox.spec': '784-2000000000-10'}}, data),
    'spec-mismatch': join({**header, '__metadata__': {**header['__metadata__'], 'glassbox.spec': '5-3-relu-2'}}, data),
}
for name, content in models.items():
    write('models', name + '.safetensors', content)

c_header, c_data = split(checkpoint)
state = json.loads(c_header['__metadata__']['glassbox.checkpoint'])
del state['progress']['step']
checkpoints = {
    'state-missing-field': join({**c_header, '__metadata__': {**c_header['__metadata__'], 'glassbox.checkpoint': json.dumps(state)}}, c_data),
    'state-not-json': join({**c_header, '__metadata__': {**c_header['__metadata__'], 'glassbox.checkpoint': '{"version":'}}, c_data),
    'no-state': model,
    'truncated': checkpoint[:len(checkpoint) // 2],
}
for name, content in checkpoints.items():
    write('checkpoints', name + '.safetensors', content)


def idx(magic, dims, payload):
    return struct.pack('>I', magic) + b''.join(struct.pack('>I', d) for d in dims) + payload


def dataset(name, images):
    """A dataset folder: 4 test labels and a hostile training-images file; the other files are valid."""
    folder = os.path.join('datasets', name)
    write(folder, 'train-images-idx3-ubyte', images)
    write(folder, 'train-labels-idx1-ubyte', idx(0x801, [4], bytes([0, 1, 2, 3])))
    write(folder, 't10k-images-idx3-ubyte', idx(0x803, [4, 28, 28], bytes(4 * 784)))
    write(folder, 't10k-labels-idx1-ubyte', idx(0x801, [4], bytes([0, 1, 2, 3])))


valid = idx(0x803, [4, 28, 28], bytes(4 * 784))
dataset('images-truncated', valid[:-100])
dataset('images-wrong-magic', b'\x1f\x8c' + valid[2:])
dataset('images-dims-overflowing', idx(0x803, [0xFFFFFFFF, 0xFFFFFFFF, 28], bytes(100)))
dataset('images-rank-7', idx(0x807, [1] * 7, b'\0'))
noise = bytes((i * 2654435761 >> 13) & 0xff for i in range(4 * 784))  # compresses badly: the cut falls mid-stream
dataset('images-gzip-cut', gzip.compress(idx(0x803, [4, 28, 28], noise), mtime=0)[:600])
dataset('images-trailing-data', valid + b'\0\0\0')


def png_chunk(kind, body):
    return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body))


png_signature = b'\x89PNG\r\n\x1a\n'
bomb = png_signature + png_chunk(b'IHDR', struct.pack('>IIBBBBB', 100000, 100000, 8, 0, 0, 0, 0)) \
    + png_chunk(b'IDAT', zlib.compress(b'\0' * 1000)) + png_chunk(b'IEND', b'')
tiny = png_signature + png_chunk(b'IHDR', struct.pack('>IIBBBBB', 2, 2, 8, 0, 0, 0, 0)) \
    + png_chunk(b'IDAT', zlib.compress(b'\0\0\0\0\0\0')) + png_chunk(b'IEND', b'')
images = {
    'empty.png': b'',
    'text.png': b'this is not an image\n',
    'truncated.png': tiny[:30],
    'bomb-100000x100000.png': bomb,
    'truncated.jpg': b'\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01',
}
for name, content in images.items():
    write('images', name, content)


# ONNX models (the protobuf wire format written here, so this script needs no onnx package).
def varint(v):
    out = b''
    while True:
        byte = v & 0x7F
        v >>= 7
        out += bytes([byte | (0x80 if v else 0)])
        if not v:
            return out


def field(number, payload):
    """A length-delimited field; an int payload is a varint field."""
    if isinstance(payload, int):
        return varint(number << 3) + varint(payload)
    if isinstance(payload, str):
        payload = payload.encode()
    return varint(number << 3 | 2) + varint(len(payload)) + payload


def node(op, out, *inputs):
    return field(1, b''.join(field(1, i) for i in inputs) + field(2, out) + field(4, op))


def tensor(name, dims, data):
    return field(5, field(1, b''.join(varint(d) for d in dims)) + field(2, 1) + field(8, name) + field(9, data))


def onnx(*graph_parts):
    graph = b''.join(graph_parts) + field(11, field(1, 'x')) + field(12, field(1, 'y'))
    return field(1, 7) + field(7, graph) + field(8, field(2, 13))


gemm = node('Gemm', 'y', 'x', 'w')
onnx_models = {
    'truncated-varint.onnx': b'\x08\x80\x80',
    'length-past-end.onnx': field(1, 7) + b'\x3a\xff\xff\xff\xff\x07',
    'dims-2-to-31.onnx': onnx(tensor('w', [2 ** 31, 4], bytes(16)), gemm),
    'graph-cycle.onnx': onnx(tensor('w', [3, 2], bytes(24)), node('Gemm', 'a', 'x', 'w'), node('Relu', 'b', 'a'),
                             node('Relu', 'a', 'b')),
    'missing-initializer.onnx': onnx(gemm),
    'unsupported-op.onnx': onnx(tensor('w', [3, 2], bytes(24)), node('Gemm', 'h', 'x', 'w'), node('Conv', 'y', 'h')),
}
for name, content in onnx_models.items():
    write('models', name, content)
