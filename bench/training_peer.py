"""PyTorch peer for scripts/bench-training: the same networks, written as functions of one flat theta, the same batch
(128), optimizer (Adam 1e-3) and thread count (1), plain training and Fastfood (our own few lines: the same
formula and the same 4-bit matmul Walsh-Hadamard stages as Sweep's). Prints the same line as Sweep.TrainingBench.
usage: training_peer.py <mlp|lenet|wide> <plain|fastfood> <d> <steps>"""
import math
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)
model, kind, d, steps = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])


def layout(shapes):
    offsets, total = [], 0
    for shape in shapes:
        n = math.prod(shape)
        offsets.append((total, shape))
        total += n
    return offsets, total


def linear_shapes(widths):
    shapes = []
    for a, b in zip(widths, widths[1:]):
        shapes += [(b, a), (b,)]
    return shapes


if model in ("mlp", "wide"):
    widths = [784, 200, 200, 10] if model == "mlp" else [784, 1000, 1000, 10]
    offsets, D = layout(linear_shapes(widths))

    def forward(theta, x):
        h = x
        for i in range(len(widths) - 1):
            (wo, ws), (bo, bs) = offsets[2 * i], offsets[2 * i + 1]
            h = F.linear(h, theta[wo:wo + math.prod(ws)].view(ws), theta[bo:bo + bs[0]])
            if i < len(widths) - 2:
                h = F.relu(h)
        return h
else:
    shapes = [(6, 1, 5, 5), (6,), (16, 6, 5, 5), (16,)] + linear_shapes([400, 120, 84, 10])
    offsets, D = layout(shapes)

    def p(theta, i):
        o, s = offsets[i]
        return theta[o:o + math.prod(s)].view(s)

    def forward(theta, x):
        h = x.view(-1, 1, 28, 28)
        h = F.max_pool2d(F.relu(F.conv2d(h, p(theta, 0), p(theta, 1), padding=2)), 2)
        h = F.max_pool2d(F.relu(F.conv2d(h, p(theta, 2), p(theta, 3))), 2)
        h = h.flatten(1)
        h = F.relu(F.linear(h, p(theta, 4), p(theta, 5)))
        h = F.relu(F.linear(h, p(theta, 6), p(theta, 7)))
        return F.linear(h, p(theta, 8), p(theta, 9))

g = torch.Generator().manual_seed(1)
theta0 = (torch.rand(D, generator=g) - 0.5) * 0.1
x = torch.randn(2048, 784, generator=g)
y = torch.randint(0, 10, (2048,), generator=g)

setup = time.perf_counter()
if kind == "plain":
    trained = torch.nn.Parameter(theta0.clone())
    theta_of = lambda: trained
else:
    L = 1 << (D - 1).bit_length()
    signs = (torch.randint(0, 2, (L,), generator=g) * 2 - 1).float()[:d]
    perm = torch.randperm(L, generator=g)
    gauss = torch.randn(L, generator=g, dtype=torch.float64)
    gauss = (gauss / math.sqrt(L * float((gauss ** 2).sum())) * math.sqrt(L / D)).float()
    blocks = {}
    for k in range(1, 5):
        h = torch.ones(1, 1)
        for _ in range(k):
            h = torch.cat([torch.cat([h, h], 1), torch.cat([h, -h], 1)], 0)
        blocks[k] = h
    bits = L.bit_length() - 1

    def fwht(v):
        left = bits
        while left > 0:
            k = min(4, left)
            v = (v.view(-1, 1 << k) @ blocks[k]).t().contiguous().view(-1)
            left -= k
        return v

    trained = torch.nn.Parameter(torch.zeros(d))

    def theta_of():
        v = F.pad(trained * signs, (0, L - d))
        v = fwht(v)[perm] * gauss
        return theta0 + fwht(v)[:D]
setup = time.perf_counter() - setup

optimizer = torch.optim.Adam([trained], lr=1e-3)
warmup = max(3, steps // 10)
times = []
for step in range(warmup + steps):
    start = time.perf_counter()
    rows = torch.randint(0, 2048, (128,), generator=g)
    loss = F.cross_entropy(forward(theta_of(), x[rows]), y[rows])
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step >= warmup:
        times.append((time.perf_counter() - start) * 1000)

times.sort()
with open("/proc/self/status") as status:
    peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) / 1024
with open("/proc/self/maps") as maps:
    blas = sorted({l.split("/")[-1].strip() for l in maps if "blas" in l.lower()})
print(f"{model} {D} {kind} {0 if kind == 'plain' else d} {setup:.3f} {times[len(times) // 2]:.3f} {peak:.0f} {','.join(blas) or 'none'}")
