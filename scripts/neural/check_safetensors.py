"""Loads the files written by `KernelBenchmarks --write-safetensors PREFIX` with the
`safetensors` Python package and checks every value, proving that Gougu's writer produces
standard safetensors. BF16 (which numpy lacks) is checked by decoding the raw bytes."""
import json
import struct
import sys

import numpy as np
from safetensors.numpy import load_file

prefix = sys.argv[1]
expected = np.arange(-6, 6, dtype=np.float32).reshape(3, 4) * 0.25

tensors = load_file(prefix + ".safetensors")
assert tensors["f32"].dtype == np.float32 and tensors["f32"].shape == (3, 4), tensors["f32"]
assert np.array_equal(tensors["f32"], expected)
assert tensors["f16"].dtype == np.float16 and np.array_equal(tensors["f16"].astype(np.float32), expected)
print(f"safetensors.numpy.load_file: F32 and F16 tensors match ({prefix}.safetensors)")

model = load_file(prefix + "-model.safetensors")
total = sum(t.size for t in model.values())
print(f"safetensors.numpy.load_file: model file with {len(model)} tensors, {total} parameters, "
      f"e.g. token_embedding {model['token_embedding'].shape}")

with open(prefix + "-bf16.safetensors", "rb") as f:
    data = f.read()
n = struct.unpack("<Q", data[:8])[0]
header = json.loads(data[8:8 + n])
entry = header["bf16"]
assert entry["dtype"] == "BF16"
lo, hi = entry["data_offsets"]
raw = np.frombuffer(data[8 + n + lo:8 + n + hi], dtype="<u2").astype(np.uint32) << 16
assert np.array_equal(raw.view(np.float32).reshape(entry["shape"]), expected)
print("BF16 tensor decodes to the expected values")
print("safetensors interoperability: OK")
