#!/usr/bin/python3
"""PyTorch reference data for gradsense's torchvision-compatibility tests.

Usage:
    /usr/bin/python3 torchvision_reference.py OUT_DIR [--quick]

Needs torch 1.13 (functorch bundled), torchvision 0.14, numpy.  No other
packages: safetensors files are written by the small writer below, which
produces the same bytes as the reference implementation (safetensors 0.x
`save(..., metadata={"format": "pt"})`).

Everything is deterministic (seeded, 2 threads, float32, eval mode).  Each
output file is written to a temporary name first and then os.replace()d, so an
interrupted run leaves no half-written file behind.

Written for each architecture A (resnet18, vgg16_bn, alexnet; --quick: only
resnet18) and for a small trained ResNet "resnet10x4":

  A.safetensors / A.npz          full state_dict (float32 params/buffers,
                                 int64 scalar num_batches_tracked)
  A-points.json                  probe points in forward order + NHWC shapes
  A-S-images.npy                 [2,S,S,3] float32 NHWC inputs in [0,1]
  A-S-activations.npz            one key per probe point: NHWC [N,H,W,C] or
                                 [N,F] float32
  A-gabor-images.npy             [72,G,G,3] float32, theta-major (k*2+phase)
  A-gabor-tangents.npy           [72,G,G,3] float32, d image / d theta
  A-gabor-thetas.npy             [36] float64
  A-gabor-sensitivities.npz      one key per probe point: [36] float64,
                                 D_p(theta) = 1/2 sum_phase sum_units ydot^2
  manifest.json                  versions, seeds, sizes, files, timings
"""

import os

# With 2 OpenMP threads on a loaded 2-core machine, spinning waits make the many
# small ops (training, small images) up to ~10x slower; passive waiting avoids it.
# Must be set before torch (libgomp) is loaded.  Does not change any result.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import copy
import hashlib
import json
import math
import platform
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torchvision
from functorch import jvp
from torchvision.models.resnet import BasicBlock, ResNet

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)

N_IMAGES = 2                 # natural-ish images per size
N_THETA = 36                 # theta_k = k*pi/36
PHASES = (0.0, math.pi / 2)
GABOR_SIGMA = 0.15           # image-size units
GABOR_FREQ = 4.0             # cycles per image
JVP_CHUNK = {"resnet18": 8, "vgg16_bn": 24, "alexnet": 24, "resnet10x4": 72}  # images per jvp call

ARCHS = [
    # name, seed, activation sizes, gabor size, weight formats
    ("resnet18", 1, [224, 64], 224, ("safetensors", "npz")),
    ("vgg16_bn", 2, [64], 64, ("safetensors",)),
    ("alexnet", 3, [224, 64], 224, ("npz",)),
]
TRAINED = dict(name="resnet10x4", seed=4, steps=300, lr=0.05, momentum=0.9,
               batch=32, size=32, classes=4, n_test=4, gabor_size=32)

T0 = time.time()


def log(msg):
    print(f"[{time.time() - T0:7.1f}s] {msg}", flush=True)


# --------------------------------------------------------------------------
# file writing

def c_order(a):
    """C-contiguous copy if needed; keeps 0-d arrays 0-d (unlike ascontiguousarray)."""
    a = np.asarray(a)
    return a if a.flags.c_contiguous else a.copy(order="C")


class Out:
    """Atomic writes into OUT_DIR, remembering what was written."""

    def __init__(self, root):
        self.root = root
        os.makedirs(root, exist_ok=True)
        self.files = {}

    def write(self, name, writer):
        path = os.path.join(self.root, name)
        tmp = f"{path}.tmp-{os.getpid()}"
        try:
            with open(tmp, "wb") as f:
                writer(f)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        self.files[name] = os.path.getsize(path)
        return path

    def npy(self, name, arr):
        arr = c_order(arr)
        assert arr.dtype in (np.float32, np.float64, np.int64), (name, arr.dtype)
        return self.write(name, lambda f: np.save(f, arr))

    def npz(self, name, arrays):
        arrays = {k: c_order(v) for k, v in arrays.items()}
        for k, v in arrays.items():
            assert v.dtype in (np.float32, np.float64, np.int64), (name, k, v.dtype)
        return self.write(name, lambda f: np.savez(f, **arrays))

    def json(self, name, obj):
        data = (json.dumps(obj, indent=2) + "\n").encode("utf-8")
        return self.write(name, lambda f: f.write(data))

    def raw(self, name, data):
        return self.write(name, lambda f: f.write(data))


# safetensors ---------------------------------------------------------------
# Format: u64 little-endian N, N bytes of JSON header (space padded to a
# multiple of 8), then the raw little-endian C-order tensor bytes.  Like the
# reference (Rust) implementation, tensors are laid out sorted by dtype
# (descending in its Dtype enum order, so I64 before F64 before F32) and then
# by name; "__metadata__" comes first in the header.  Readers must use
# data_offsets, not the order.
_ST_DTYPES = {np.dtype("float32"): "F32", np.dtype("float64"): "F64",
              np.dtype("int64"): "I64", np.dtype("int32"): "I32"}
_ST_RANK = {"BOOL": 0, "U8": 1, "I8": 2, "I16": 3, "U16": 4, "F16": 5,
            "BF16": 6, "I32": 7, "U32": 8, "F32": 9, "F64": 10, "I64": 11,
            "U64": 12}


def safetensors_bytes(tensors, metadata=None):
    items = []
    for name, arr in tensors.items():
        arr = c_order(arr)
        dt = _ST_DTYPES[arr.dtype]
        items.append((name, dt, arr.astype(arr.dtype.newbyteorder("<"), copy=False)))
    items.sort(key=lambda it: (-_ST_RANK[it[1]], it[0]))
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    offset = 0
    for name, dt, arr in items:
        header[name] = {"dtype": dt, "shape": list(arr.shape),
                        "data_offsets": [offset, offset + arr.nbytes]}
        offset += arr.nbytes
    hb = json.dumps(header, separators=(",", ":")).encode("utf-8")
    hb += b" " * (-len(hb) % 8)
    return b"".join([struct.pack("<Q", len(hb)), hb] + [it[2].tobytes() for it in items])


def safetensors_read(data):
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    header.pop("__metadata__", None)
    inv = {"F32": "<f4", "F64": "<f8", "I64": "<i8", "I32": "<i4"}
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        out[name] = np.frombuffer(data, dtype=inv[info["dtype"]], count=(e - b) // np.dtype(inv[info["dtype"]]).itemsize,
                                  offset=8 + n + b).reshape(tuple(info["shape"]))
    return out


def state_dict_numpy(model):
    sd = {}
    for k, v in model.state_dict().items():
        a = v.detach().cpu().contiguous().numpy()
        if a.dtype == np.float32 or a.dtype == np.int64:
            sd[k] = a
        else:
            raise TypeError(f"unexpected dtype {a.dtype} for {k}")
    return sd


def write_weights(out, name, model, formats):
    sd = state_dict_numpy(model)
    if "safetensors" in formats:
        data = safetensors_bytes(sd, {"format": "pt"})
        back = safetensors_read(data)
        assert back.keys() == sd.keys() and all(
            back[k].dtype == sd[k].dtype and np.array_equal(back[k], sd[k]) for k in sd)
        try:  # optional cross-check against the reference implementation
            import safetensors.numpy as stn
            same = stn.save(sd, metadata={"format": "pt"}) == data
            log(f"  {name}.safetensors byte-identical to safetensors lib: {same}")
            assert same
        except ImportError:
            pass
        out.raw(f"{name}.safetensors", data)
    if "npz" in formats:
        out.npz(f"{name}.npz", sd)
    return len(sd)


# --------------------------------------------------------------------------
# images

def smooth_random_images(seed, size, n):
    """n smooth random RGB images in [0,1], NHWC float32."""
    rs = np.random.RandomState(seed)
    c = (np.arange(size) + 0.5) / size
    yy, xx = np.meshgrid(c, c, indexing="ij")
    imgs = np.zeros((n, size, size, 3))
    for i in range(n):
        for ch in range(3):
            acc = np.zeros((size, size))
            for _ in range(4):
                fx, fy = rs.uniform(-4, 4, size=2)
                acc += rs.uniform(0.5, 1.5) * np.cos(2 * np.pi * (fx * xx + fy * yy) + rs.uniform(0, 2 * np.pi))
            imgs[i, :, :, ch] = 1 / (1 + np.exp(-1.5 * acc + rs.uniform(-0.5, 0.5)))
    imgs += rs.uniform(-0.02, 0.02, size=imgs.shape)
    return np.clip(imgs, 0, 1).astype(np.float32)


def gabor_coords(g):
    col = np.arange(g, dtype=np.float64)
    x = (col - (g - 1) / 2) / g              # right
    y = ((g - 1) / 2 - col) / g              # up (row index)
    return x[None, :], y[:, None]            # broadcast to [row, col]


def gabor(g, theta, phase, sigma=GABOR_SIGMA, freq=GABOR_FREQ):
    """Grey Gabor s(x,y) and ds/dtheta, float64 [g,g]."""
    x, y = gabor_coords(g)
    env = np.exp(-(x * x + y * y) / (2 * sigma * sigma))
    u = x * np.cos(theta) + y * np.sin(theta)
    du = -x * np.sin(theta) + y * np.cos(theta)
    arg = 2 * np.pi * freq * u + phase
    s = 0.5 + 0.5 * env * np.cos(arg)
    ds = -0.5 * env * np.sin(arg) * (2 * np.pi * freq) * du
    return s, ds


def gabor_family(g, n_theta=N_THETA, phases=PHASES):
    thetas = np.arange(n_theta, dtype=np.float64) * np.pi / n_theta
    imgs = np.empty((n_theta * len(phases), g, g, 3), np.float32)
    tans = np.empty_like(imgs)
    max_err = 0.0
    h = 1e-6
    for k, th in enumerate(thetas):
        for j, ph in enumerate(phases):
            s, ds = gabor(g, th, ph)
            fd = (gabor(g, th + h, ph)[0] - gabor(g, th - h, ph)[0]) / (2 * h)
            max_err = max(max_err, np.abs(fd - ds).max() / max(np.abs(ds).max(), 1e-300))
            imgs[k * len(phases) + j] = s.astype(np.float32)[:, :, None]
            tans[k * len(phases) + j] = ds.astype(np.float32)[:, :, None]
    return thetas, imgs, tans, max_err


# --------------------------------------------------------------------------
# probes

class Probe:
    """Forward hooks recording (cloned) module outputs by module path."""

    def __init__(self, model, names):
        self.model = model
        mods = dict(model.named_modules())
        self.outs = {}
        self.order = []
        self.handles = []
        self.modtypes = {}
        for n in names:
            self.modtypes[n] = type(mods[n]).__name__
            self.handles.append(mods[n].register_forward_hook(self._hook(n)))
        # forward order from a tiny probe run
        self.names = list(names)
        self.mean = torch.tensor(MEAN, dtype=torch.float32)
        self.std = torch.tensor(STD, dtype=torch.float32)

    def _hook(self, name):
        def hook(module, inp, out):
            # clone: the next (inplace) ReLU / `out += identity` would
            # otherwise overwrite the recorded tensor
            assert name not in self.outs, f"{name} called twice"
            self.outs[name] = out.clone()
            self.order.append(name)
        return hook

    def __call__(self, x_nhwc):
        """NHWC [0,1] image batch -> tuple of hooked outputs (self.names order)."""
        x = ((x_nhwc - self.mean.to(x_nhwc.dtype)) / self.std.to(x_nhwc.dtype)).permute(0, 3, 1, 2)
        self.outs, self.order = {}, []
        self.model(x)
        outs = tuple(self.outs[n] for n in self.names)
        self.outs = {}
        return outs

    def fix_order(self, size):
        with torch.no_grad():
            self(torch.zeros(1, size, size, 3))
        assert sorted(self.order) == sorted(self.names), set(self.names) ^ set(self.order)
        self.names = list(self.order)


def to_nhwc(t):
    a = t.detach()
    if a.dim() == 4:
        a = a.permute(0, 2, 3, 1)
    return a.contiguous().numpy()


def resnet_points(model):
    names = ["conv1", "bn1", "relu", "maxpool"]
    mods = dict(model.named_modules())
    for k in range(1, 5):
        layer = f"layer{k}"
        for j in range(len(mods[layer])):
            b = f"{layer}.{j}"
            names += [b, f"{b}.conv1", f"{b}.bn1", f"{b}.conv2", f"{b}.bn2"]
            if mods[b].downsample is not None:
                names += [f"{b}.downsample", f"{b}.downsample.0", f"{b}.downsample.1"]
        names.append(layer)
    return names + ["avgpool", "fc"]


def seq_points(model):
    return ([f"features.{i}" for i in range(len(model.features))] + ["avgpool"]
            + [f"classifier.{i}" for i in range(len(model.classifier))])


def randomise_bn(model, seed):
    g = torch.Generator().manual_seed(seed)
    n = 0
    with torch.no_grad():
        for _, m in model.named_modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.weight.uniform_(0.5, 1.5, generator=g)
                m.bias.normal_(0.0, 0.1, generator=g)
                m.running_mean.normal_(0.0, 0.1, generator=g)
                m.running_var.uniform_(0.5, 1.5, generator=g)
                n += 1
    return n


# --------------------------------------------------------------------------
# computations

def activations(probe, images):
    with torch.no_grad():
        outs = probe(torch.from_numpy(images))
    return {n: to_nhwc(o) for n, o in zip(probe.names, outs)}


def sensitivities(probe, imgs, tans, chunk, n_phases=len(PHASES)):
    """D_p(theta) = 1/n_phases * sum_phases sum_units ydot^2 (float64)."""
    sumsq = {n: np.zeros(len(imgs)) for n in probe.names}
    with torch.no_grad():
        for b in range(0, len(imgs), chunk):
            x = torch.from_numpy(imgs[b:b + chunk])
            t = torch.from_numpy(tans[b:b + chunk])
            _, tangents = jvp(probe, (x,), (t,))
            for n, td in zip(probe.names, tangents):
                sumsq[n][b:b + len(x)] = (td.double() ** 2).flatten(1).sum(1).numpy()
    return {n: v.reshape(-1, n_phases).sum(1) / n_phases for n, v in sumsq.items()}


def jvp_checks(probe, gabor_img, tan, natural_img, h=1e-7):
    """Two checks of the jvp, returning max (over points) relative errors (norms):
    f32_vs_f64: float32 jvp vs float64 jvp of a float64 copy of the model, on a Gabor image;
    f64_vs_fd:  float64 jvp vs float64 central difference (step h), on a natural image with
                the same tangent (no near-flat background: a central difference across
                max-pool near-ties / ReLU kinks is not a derivative)."""
    rel = lambda a, b: float((a.double() - b).norm() / max(float(b.norm()), 1e-30))
    with torch.no_grad():
        x = torch.from_numpy(gabor_img[None])
        t = torch.from_numpy(tan[None])
        xn = torch.from_numpy(natural_img[None]).double()
        _, tj32 = jvp(probe, (x,), (t,))
        model32 = probe.model
        # the deep copy keeps the hooks, which record into this same probe
        probe.model = copy.deepcopy(model32).double()
        try:
            _, tj64 = jvp(probe, (x.double(),), (t.double(),))
            _, tn64 = jvp(probe, (xn,), (t.double(),))
            plus, minus = probe(xn + h * t.double()), probe(xn - h * t.double())
        finally:
            probe.model = model32
    e1 = {n: rel(a, b) for n, a, b in zip(probe.names, tj32, tj64)}
    e2 = {n: rel(a, (yp - ym) / (2 * h)) for n, a, yp, ym in zip(probe.names, tn64, plus, minus)}
    return e1, e2


def points_json(arch, probe, shapes_by_size):
    return {
        "arch": arch,
        "layout": "NHWC",
        "note": "shapes are per image (batch dim omitted), keyed by input size; "
                "4-D outputs stored as [N,H,W,C], 2-D as [N,F]",
        "points": [{"name": n, "module": probe.modtypes[n],
                    "shapes": {str(s): shapes_by_size[s][n] for s in sorted(shapes_by_size)}}
                   for n in probe.names],
    }


def reference_set(out, arch, model, probe, act_sizes, act_seed, gabor_size, info, gabor_cache,
                  test_images=None):
    """Activations for act_sizes, Gabor sensitivities at gabor_size, points json."""
    shapes = {}
    for s in act_sizes:
        t1 = time.time()
        imgs = test_images if test_images is not None else smooth_random_images(act_seed * 1000 + s, s, N_IMAGES)
        acts = activations(probe, imgs)
        out.npy(f"{arch}-{s}-images.npy", imgs)
        out.npz(f"{arch}-{s}-activations.npz", acts)
        shapes[s] = {n: list(a.shape[1:]) for n, a in acts.items()}
        log(f"  {arch} activations @{s}: {len(acts)} points, {time.time() - t1:.1f}s")
    t1 = time.time()
    if gabor_size not in gabor_cache:
        gabor_cache[gabor_size] = gabor_family(gabor_size)
        log(f"  gabor family @{gabor_size}: tangent vs float64 central difference, "
            f"max rel err {gabor_cache[gabor_size][3]:.3e}")
    thetas, gimgs, gtans, terr = gabor_cache[gabor_size]
    info["gabor_tangent_max_rel_err"] = terr
    out.npy(f"{arch}-gabor-images.npy", gimgs)
    out.npy(f"{arch}-gabor-tangents.npy", gtans)
    out.npy(f"{arch}-gabor-thetas.npy", thetas)
    sens = sensitivities(probe, gimgs, gtans, JVP_CHUNK[arch])
    out.npz(f"{arch}-gabor-sensitivities.npz", sens)
    log(f"  {arch} gabor sensitivities @{gabor_size}: {len(gimgs)} images, {time.time() - t1:.1f}s")
    if gabor_size not in shapes:
        with torch.no_grad():
            shapes[gabor_size] = {n: list(to_nhwc(o).shape[1:])
                                  for n, o in zip(probe.names, probe(torch.from_numpy(gimgs[:1])))}
    t1 = time.time()
    k = N_THETA // 6 * len(PHASES)  # theta = pi/6, phase 0
    e1, e2 = jvp_checks(probe, gimgs[k], gtans[k], smooth_random_images(act_seed * 1000 + 7, gabor_size, 1)[0])
    w1, w2 = max(e1, key=e1.get), max(e2, key=e2.get)
    info["jvp_check_image"] = f"gabor index {k} (theta=pi/6, phase 0); natural image RandomState(seed*1000+7)"
    info["jvp_f32_vs_f64_rel_err"] = e1
    info["jvp_f32_vs_f64_max_rel_err"] = [w1, e1[w1]]
    info["jvp_f64_vs_central_diff_max_rel_err"] = [w2, e2[w2]]
    log(f"  {arch} jvp checks (1 image, |a-b|/|b| per point, max over points): float32 jvp vs "
        f"float64 jvp {e1[w1]:.2e} ({w1}); float64 jvp vs float64 central difference {e2[w2]:.2e} ({w2}) "
        f"({time.time() - t1:.1f}s)")
    # float32 vs float64 differ by rounding, amplified where a ReLU / max-pool decision
    # flips between near-equal values; 5e-3 is far below any real bug
    assert e1[w1] < 5e-3 and e2[w2] < 1e-3, (w1, e1[w1], w2, e2[w2])
    out.json(f"{arch}-points.json", points_json(arch, probe, shapes))
    info.update(points=len(probe.names), activation_sizes=act_sizes, gabor_size=gabor_size)


def param_counts(model):
    return (sum(p.numel() for p in model.parameters()),
            sum(b.numel() for b in model.buffers()))


def run_arch(out, arch, seed, act_sizes, gabor_size, formats, gabor_cache):
    t0 = time.time()
    log(f"{arch}: seed {seed}")
    torch.manual_seed(seed)
    model = getattr(torchvision.models, arch)(weights=None)
    n_bn = randomise_bn(model, seed + 100)
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    n_params, n_buffers = param_counts(model)
    log(f"  built {arch}: {n_params} parameters, {n_buffers} buffer elements, {n_bn} BN layers randomised")
    n_tensors = write_weights(out, arch, model, formats)
    log(f"  weights written ({n_tensors} tensors, {', '.join(formats)})")
    names = resnet_points(model) if arch.startswith("resnet") else seq_points(model)
    probe = Probe(model, names)
    probe.fix_order(act_sizes[0])
    info = dict(seed=seed, bn_seed=seed + 100, image_seed_rule="RandomState(seed*1000+S)",
                n_images=N_IMAGES, param_count=n_params, buffer_elements=n_buffers,
                bn_layers_randomised=n_bn, weight_formats=list(formats))
    reference_set(out, arch, model, probe, act_sizes, seed, gabor_size, info, gabor_cache)
    info["time_s"] = round(time.time() - t0, 2)
    log(f"{arch} done in {info['time_s']:.1f}s")
    return info


# trained model ---------------------------------------------------------------

def gratings(rs, n, size, classes):
    """Full-field gratings; label = orientation bin of [0, pi)."""
    theta = rs.uniform(0, np.pi, n)
    label = np.minimum((theta / (np.pi / classes)).astype(np.int64), classes - 1)
    freq = rs.uniform(2.0, 6.0, n)
    phase = rs.uniform(0, 2 * np.pi, n)
    contrast = rs.uniform(0.6, 1.0, n)
    x, y = gabor_coords(size)
    u = x[None] * np.cos(theta)[:, None, None] + y[None] * np.sin(theta)[:, None, None]
    s = 0.5 + 0.5 * contrast[:, None, None] * np.cos(2 * np.pi * freq[:, None, None] * u + phase[:, None, None])
    img = np.repeat(s[..., None], 3, axis=3) + rs.uniform(-0.02, 0.02, (n, size, size, 3))
    return np.clip(img, 0, 1).astype(np.float32), label


def normalise_nchw(x_nhwc):
    m = torch.tensor(MEAN)
    s = torch.tensor(STD)
    return ((x_nhwc - m) / s).permute(0, 3, 1, 2)


def run_trained(out, gabor_cache):
    cfg = TRAINED
    t0 = time.time()
    arch, seed = cfg["name"], cfg["seed"]
    log(f"{arch}: ResNet(BasicBlock, [1,1,1,1], num_classes={cfg['classes']}), seed {seed}")
    torch.manual_seed(seed)
    model = ResNet(BasicBlock, [1, 1, 1, 1], num_classes=cfg["classes"])
    rs = np.random.RandomState(seed)
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"])
    lossf = nn.CrossEntropyLoss()
    model.train()
    losses = []
    for step in range(cfg["steps"]):
        x, y = gratings(rs, cfg["batch"], cfg["size"], cfg["classes"])
        loss = lossf(model(normalise_nchw(torch.from_numpy(x))), torch.from_numpy(y))
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(float(loss))
        if step % 50 == 0 or step == cfg["steps"] - 1:
            log(f"  step {step:3d} loss {losses[-1]:.4f}")
    initial, final = losses[0], float(np.mean(losses[-20:]))
    model.eval()
    for p in model.parameters():
        p.requires_grad_(False)
    xh, yh = gratings(np.random.RandomState(seed + 2000), 512, cfg["size"], cfg["classes"])
    with torch.no_grad():
        logits = model(normalise_nchw(torch.from_numpy(xh)))
        held_loss = float(lossf(logits, torch.from_numpy(yh)))
        held_acc = float((logits.argmax(1).numpy() == yh).mean())
    log(f"  training loss: initial (step 0) {initial:.4f}, final (mean of last 20 steps) {final:.4f} "
        f"(ratio {final / initial:.3f}); held-out eval: loss {held_loss:.4f}, acc {held_acc:.3f}")
    assert final < 0.7 * initial, (initial, final)
    n_params, n_buffers = param_counts(model)
    write_weights(out, arch, model, ("npz",))
    names = resnet_points(model)
    probe = Probe(model, names)
    probe.fix_order(cfg["size"])
    # test images: one grating per class (fixed seed), labels saved alongside
    test_imgs, test_labels = gratings(np.random.RandomState(seed + 1000), cfg["n_test"], cfg["size"], cfg["classes"])
    out.npy(f"{arch}-{cfg['size']}-labels.npy", test_labels)
    info = dict(seed=seed, definition="torchvision.models.resnet.ResNet(BasicBlock, [1,1,1,1], num_classes=4)",
                train=dict(steps=cfg["steps"], lr=cfg["lr"], momentum=cfg["momentum"], batch=cfg["batch"],
                           data="32x32 gratings, label = orientation bin of [0,pi) (4 bins), "
                                "freq U(2,6) cyc/img, phase U(0,2pi), contrast U(0.6,1), noise U(+-0.02)",
                           data_seed=f"RandomState({seed})"),
                loss_initial=initial, loss_final_mean_last20=final,
                heldout_eval_loss=held_loss, heldout_eval_acc=held_acc,
                test_images_seed=f"RandomState({seed + 1000})",
                n_images=cfg["n_test"], param_count=n_params, buffer_elements=n_buffers,
                weight_formats=["npz"])
    reference_set(out, arch, model, probe, [cfg["size"]], seed, cfg["gabor_size"], info, gabor_cache,
                  test_images=test_imgs)
    info["time_s"] = round(time.time() - t0, 2)
    log(f"{arch} done in {info['time_s']:.1f}s")
    return info


# --------------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--quick", action="store_true", help="only resnet18")
    args = ap.parse_args()
    torch.set_num_threads(2)
    torch.set_default_dtype(torch.float32)
    out = Out(args.out_dir)
    log(f"torch {torch.__version__}, torchvision {torchvision.__version__}, numpy {np.__version__}, "
        f"threads {torch.get_num_threads()}, out {args.out_dir}")
    gabor_cache = {}
    archs = {}
    for arch, seed, sizes, g, formats in ARCHS:
        if args.quick and arch != "resnet18":
            continue
        archs[arch] = run_arch(out, arch, seed, sizes, g, formats, gabor_cache)
    if not args.quick:
        archs[TRAINED["name"]] = run_trained(out, gabor_cache)
    total = time.time() - T0
    manifest = dict(
        torch=torch.__version__, torchvision=torchvision.__version__, numpy=np.__version__,
        python=platform.python_version(), threads=torch.get_num_threads(), quick=args.quick,
        dtype="float32 (sensitivities float64)", layout="NHWC",
        normalisation=dict(mean=list(MEAN), std=list(STD),
                           rule="x_norm = (x - mean)/std on NHWC [0,1] input, then permuted to NCHW"),
        bn_randomisation="per BN module in named_modules order, torch.Generator(seed+100): "
                         "weight~U(0.5,1.5), bias~N(0,0.1^2), running_mean~N(0,0.1^2), running_var~U(0.5,1.5)",
        gabor=dict(n_theta=N_THETA, thetas="k*pi/36", phases=list(PHASES), sigma=GABOR_SIGMA,
                   freq_cycles_per_image=GABOR_FREQ,
                   formula="s = 0.5 + 0.5*exp(-(x^2+y^2)/(2 sigma^2))*cos(2 pi f (x cos t + y sin t) + phi)",
                   coords="x = (col-(G-1)/2)/G, y = ((G-1)/2-row)/G", channels="grey replicated to RGB",
                   order="theta-major: index = k*2 + phase_index",
                   sensitivity="D_p(theta) = 1/2 sum_phases sum_units (d y/d theta)^2, float64 accumulation"),
        architectures=archs,
        files=dict(sorted(out.files.items())),
        total_time_s=round(total, 2),
    )
    out.json("manifest.json", manifest)
    log(f"done: {len(out.files)} files, {sum(out.files.values()) / 1e6:.1f} MB, total {total:.1f}s")


if __name__ == "__main__":
    main()
