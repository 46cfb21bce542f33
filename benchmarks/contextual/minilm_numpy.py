"""A numpy forward pass of all-MiniLM-L6-v2 (BERT, 6 layers, mean pooled), and its
WordPiece tokenizer, so that no torch or tokenizer library is needed."""
from __future__ import annotations
import unicodedata
import numpy as np

class WordPiece:
    def __init__(self, vocab_path):
        self.vocab = {w: i for i, w in enumerate(open(vocab_path, encoding="utf-8").read().split("\n")) if w}
        self.unk = self.vocab["[UNK]"]; self.cls = self.vocab["[CLS]"]; self.sep = self.vocab["[SEP]"]
    @staticmethod
    def _is_punct(ch):
        cp = ord(ch)
        if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
            return True
        return unicodedata.category(ch).startswith("P")
    @staticmethod
    def _is_cjk(cp):
        return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
                or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)
    def basic(self, text):
        out = []
        for ch in text:
            cp = ord(ch)
            if cp == 0 or cp == 0xFFFD or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"):
                continue
            if ch in "\t\n\r" or unicodedata.category(ch) == "Zs":
                out.append(" "); continue
            out.append(f" {ch} " if self._is_cjk(cp) else ch)
        text = unicodedata.normalize("NFD", "".join(out).lower())
        text = "".join(c for c in text if unicodedata.category(c) != "Mn")
        words = []
        for tok in text.split():
            cur = ""
            for ch in tok:
                if self._is_punct(ch):
                    if cur: words.append(cur); cur = ""
                    words.append(ch)
                else:
                    cur += ch
            if cur: words.append(cur)
        return words
    def ids(self, text, max_len=256):
        out = [self.cls]
        for word in self.basic(text):
            if len(word) > 100:
                out.append(self.unk); continue
            start, pieces = 0, []
            while start < len(word):
                end = len(word); piece = None
                while start < end:
                    sub = word[start:end] if start == 0 else "##" + word[start:end]
                    if sub in self.vocab: piece = self.vocab[sub]; break
                    end -= 1
                if piece is None: pieces = [self.unk]; break
                pieces.append(piece); start = end
            out.extend(pieces)
            if len(out) >= max_len - 1: break
        return out[: max_len - 1] + [self.sep]

class MiniLM:
    def __init__(self, npz, vocab):
        z = np.load(npz)
        def w(name):
            return (z[name + ".q"].astype(np.float32) * z[name + ".s"]) if name + ".q" in z else z[name]
        self.word = w("emb.word_emb.weight"); self.pos = w("emb.position_emb.weight"); self.typ = z["emb.token_type_emb.weight"]
        self.eln = (z["emb.ln.weight"], z["emb.ln.bias"])
        self.layers = []
        for i in range(6):
            p = f"l{i}."
            qkv = np.concatenate([w(p + "query.weight"), w(p + "key.weight"), w(p + "value.weight")]).T.copy()
            qkvb = np.concatenate([z[p + "query.bias"], z[p + "key.bias"], z[p + "value.bias"]])
            self.layers.append((qkv, qkvb, w(p + "o.weight").T.copy(), z[p + "o.bias"], (z[p + "ln1.weight"], z[p + "ln1.bias"]),
                                w(p + "up.weight").T.copy(), z[p + "up.bias"], w(p + "down.weight").T.copy(), z[p + "down.bias"], (z[p + "ln2.weight"], z[p + "ln2.bias"])))
        self.tok = WordPiece(vocab)
    @staticmethod
    def _ln(x, g_b):
        m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True)
        return (x - m) / np.sqrt(v + 1e-12) * g_b[0] + g_b[1]
    def encode(self, texts):
        ids = [self.tok.ids(t) for t in texts]
        n = max(len(i) for i in ids); B = len(ids)
        tok = np.zeros((B, n), dtype=np.int64); mask = np.zeros((B, n), dtype=np.float32)
        for b, i in enumerate(ids): tok[b, :len(i)] = i; mask[b, :len(i)] = 1
        x = self.word[tok] + self.pos[:n][None] + self.typ[0]
        x = self._ln(x, self.eln)
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        H, D = 12, 32
        for qkv, qkvb, o, ob, ln1, up, upb, down, downb, ln2 in self.layers:
            h = x @ qkv + qkvb
            q, k, v = (h[..., j * 384:(j + 1) * 384].reshape(B, n, H, D).transpose(0, 2, 1, 3) for j in range(3))
            a = q @ k.transpose(0, 1, 3, 2) / np.sqrt(D) + bias
            a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
            ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, n, 384)
            x = self._ln(ctx @ o + ob + x, ln1)
            u = x @ up + upb
            u = 0.5 * u * (1.0 + np.tanh(0.7978845608 * (u + 0.044715 * u ** 3)))  # gelu (tanh form)
            x = self._ln(u @ down + downb + x, ln2)
        e = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return e / np.linalg.norm(e, axis=1, keepdims=True)
