#!/usr/bin/python3
"""Writes the PyTorch fixtures beside this script: small MNIST networks exported with
torch.onnx.export, their state_dicts as safetensors (written here, in the format's own layout),
and expected.json with PyTorch's outputs on the first 8 MNIST test images. Glassbox's tests
import each file and compare. Run with Debian's python3-torch (1.13): /usr/bin/python3 make_fixtures.py
"""
import gzip, json, os, struct
import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
MNIST = os.path.join(HERE, '../../../../../../../../data/mnist/t10k-images-idx3-ubyte.gz')
torch.manual_seed(7)

with gzip.open(MNIST) as f:
    images = np.frombuffer(f.read(), dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)[:8]
batch = torch.tensor(images.astype(np.float32) / 255.0)  # ToTensor(): pixels in [0, 1]

def save_safetensors(state, path):
    """A state_dict in the safetensors layout: 8-byte header length, JSON header, raw little-endian data."""
    header, data, offset = {}, b'', 0
    for name, tensor in state.items():
        raw = tensor.detach().contiguous().numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensor.shape), 'data_offsets': [offset, offset + len(raw)]}
        data += raw
        offset += len(raw)
    text = json.dumps(header, separators=(',', ':')).encode()
    text += b' ' * (-len(text) % 8)
    with open(path, 'wb') as f:
        f.write(struct.pack('<Q', len(text)) + text + data)

def export(model, name, outputs=('logits',)):
    model.eval()
    torch.onnx.export(model, batch[:1], os.path.join(HERE, name + '.onnx'), input_names=['input'],
                      output_names=list(outputs), dynamic_axes={'input': {0: 'N'}}, opset_version=13)
    with torch.no_grad():
        return [[float(v) for v in row] for row in model(batch)]

expected = {'images': 'the first 8 MNIST test images, pixels / 255', 'outputs': {}}
activations = {'relu': nn.ReLU(), 'tanh': nn.Tanh(), 'sigmoid': nn.Sigmoid(), 'leakyrelu': nn.LeakyReLU(),
               'gelu': nn.GELU(approximate='tanh'), 'geluexact': nn.GELU()}
for name, activation in activations.items():
    model = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), activation, nn.Linear(16, 10))
    expected['outputs']['mlp-' + name] = export(model, 'mlp-' + name)
    save_safetensors(model.state_dict(), os.path.join(HERE, 'mlp-' + name + '.safetensors'))

class Named(nn.Module):
    """Named modules, as tutorials write them, with the input normalisation inside."""
    def __init__(self):
        super().__init__()
        self.fc1, self.fc2, self.out = nn.Linear(784, 16), nn.Linear(16, 12), nn.Linear(12, 10)
    def forward(self, x):
        x = (x - 0.1307) / 0.3081
        x = torch.flatten(x, 1)
        return self.out(torch.relu(self.fc2(torch.relu(self.fc1(x)))))
named = Named()
expected['outputs']['named-normalized'] = export(named, 'named-normalized')
save_safetensors(named.state_dict(), os.path.join(HERE, 'named.safetensors'))

class MatMul(nn.Module):
    """x @ W + b by hand, reshaped by a computed shape, ending in a softmax."""
    def __init__(self):
        super().__init__()
        self.w1, self.b1 = nn.Parameter(torch.randn(784, 16) * 0.05), nn.Parameter(torch.randn(16) * 0.1)
        self.w2, self.b2 = nn.Parameter(torch.randn(16, 10) * 0.3), nn.Parameter(torch.randn(10) * 0.1)
    def forward(self, x):
        x = x.reshape(x.shape[0], -1)
        return torch.softmax(torch.sigmoid(x @ self.w1 + self.b1) @ self.w2 + self.b2, dim=1)
expected['outputs']['matmul-softmax'] = export(MatMul(), 'matmul-softmax', ('probabilities',))

# Networks Glassbox refuses, each for one reason: tiny, their outputs unused.
def refused(model, name, shape=(1, 4)):
    torch.onnx.export(model.eval(), torch.zeros(*shape), os.path.join(HERE, 'refused-' + name + '.onnx'),
                      input_names=['input'], dynamic_axes={'input': {0: 'N'}}, opset_version=13)
refused(nn.Sequential(nn.Linear(4, 3), nn.SiLU(), nn.Linear(3, 2)), 'silu')
refused(nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(8, 2)), 'conv', (1, 1, 4, 4))

with open(os.path.join(HERE, 'expected.json'), 'w') as f:
    json.dump(expected, f, indent=1)
