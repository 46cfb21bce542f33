"""Quantise all-MiniLM-L6-v2 to int8 per output row; biases and norms stay float32."""
import numpy as np, sys
from safetensors.numpy import load_file
src = sys.argv[1]; out = sys.argv[2]
d = load_file(src)
arrays = {}
for k, v in d.items():
    if k.endswith("position_ids"):
        continue
    name = k.replace("embeddings.", "emb.").replace("encoder.layer.", "l").replace(".attention.self.", ".").replace(".attention.output.", ".ao.").replace(".intermediate.dense", ".up").replace(".output.dense", ".down").replace(".output.LayerNorm", ".ln2").replace(".ao.LayerNorm", ".ln1").replace(".ao.dense", ".o").replace("LayerNorm", "ln").replace("_embeddings.weight", "")
    if v.ndim == 2 and v.shape[0] * v.shape[1] > 100000:
        scale = np.abs(v).max(axis=1, keepdims=True) / 127.0
        q = np.round(v / scale).astype(np.int8)
        arrays[name + ".q"] = q; arrays[name + ".s"] = scale.astype(np.float32)
    else:
        arrays[name] = v.astype(np.float32)
np.savez_compressed(out, **arrays)
print(sorted(arrays)[:40], len(arrays))
