"""The training recipe of `./intriguing bench train`, in PyTorch, for the ratio the bench prints.

Run by TrainBenchmark with Debian's /usr/bin/python3 (python3-torch), in the same run as the DJL side:
    python3 bench_train_torch.py DATA SPEC EPOCHS BATCH LR DECAYS THREADS
DATA is a raw file written by the bench: int32 n, int32 d, then n*d uint8 pixels (value*255), then n uint8 labels.
SPEC is fc<u1>-...-<k> (sigmoid hidden layers) or conv (two 5x5 conv+ReLU+2x2 max-pool layers of 16 and 32
filters, a 100-unit ReLU layer, 10 logits). The recipe is ours: Glorot/He-uniform weights, zero biases, Adam
(0.9, 0.999) with a per-step cosine schedule from LR to LR/100, the objective mean cross-entropy plus
sum_l decay_l/2 * |W_l|^2 (biases not decayed), shuffled batches, no augmentation (the DJL side then runs without its
shift too). THREADS is the most threads to try; the faster of 1..THREADS in a short trial is used. Prints one JSON
line: median and best epoch samples/s over the epochs after the first (the first warms up).
"""
import json
import math
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def load(path):
    with open(path, "rb") as f:
        n, d = np.frombuffer(f.read(8), dtype=">i4")
        px = np.frombuffer(f.read(int(n) * int(d)), dtype=np.uint8).reshape(int(n), int(d))
        lab = np.frombuffer(f.read(int(n)), dtype=np.uint8)
    return torch.from_numpy(px.astype(np.float32) / 255.0), torch.from_numpy(lab.astype(np.int64))


def layers_of(spec, d):
    if spec == "conv":
        return [torch.nn.Conv2d(1, 16, 5), torch.nn.Conv2d(16, 32, 5), torch.nn.Linear(512, 100), torch.nn.Linear(100, 10)]
    units = [int(u) for u in spec[2:].split("@")[0].split("-")]
    sizes = [d] + units
    return [torch.nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(units))]


def init(layers, relu, gen):
    with torch.no_grad():
        for layer, r in zip(layers, relu):
            w = layer.weight
            fan_out = w.shape[0]
            fan_in = w[0].numel()
            receptive = w[0, 0].numel() if w.dim() == 4 else 1
            a = math.sqrt(6.0 / fan_in) if r else math.sqrt(6.0 / (fan_in + fan_out * receptive))
            w.uniform_(-a, a, generator=gen)
            layer.bias.zero_()


def forward(spec, layers, x):
    if spec == "conv":
        h = x.view(-1, 1, 28, 28)
        h = F.max_pool2d(F.relu(layers[0](h)), 2)
        h = F.max_pool2d(F.relu(layers[1](h)), 2)
        h = F.relu(layers[2](h.flatten(1)))
        return layers[3](h)
    h = x
    for layer in layers[:-1]:
        h = torch.sigmoid(layer(h))
    return layers[-1](h)


def main():
    path, spec, epochs, batch, lr, decays, threads = sys.argv[1:8]
    epochs, batch, lr, threads = int(epochs), int(batch), float(lr), int(threads)
    decays = [float(v) for v in decays.split(",")]
    torch.manual_seed(2013)
    gen = torch.Generator().manual_seed(2013)
    x_all, y_all = load(path)
    n, d = x_all.shape
    layers = layers_of(spec, d)
    init(layers, [spec == "conv"] * (len(layers) - 1) + [False], gen)
    params = [p for layer in layers for p in layer.parameters()]
    opt = torch.optim.Adam(params, lr=lr, betas=(0.9, 0.999), eps=1e-8)
    # On a shared machine PyTorch's OpenMP pool can be many times slower with 2 threads than with 1 (its workers
    # spin at barriers while other processes hold the cores), so it gets the faster thread count of a short trial:
    # the comparison is with PyTorch at its best here, not at a fixed setting that the load may ruin.
    trial = {}
    for t in range(1, threads + 1):
        torch.set_num_threads(t)
        t0 = time.perf_counter()
        for k in range(20):
            logits = forward(spec, layers, x_all[k * batch:(k + 1) * batch])
            F.cross_entropy(logits, y_all[k * batch:(k + 1) * batch]).backward()
        trial[t] = time.perf_counter() - t0
    for p in params:
        p.grad = None
    torch.set_num_threads(min(trial, key=trial.get))
    steps_per_epoch = (n + batch - 1) // batch
    total = max(1, epochs * steps_per_epoch)
    step = 0
    rates = []
    for _ in range(epochs):
        t0 = time.perf_counter()
        order = torch.randperm(n, generator=gen)
        loss_sum, correct = 0.0, 0
        for k in range(steps_per_epoch):
            idx = order[k * batch:(k + 1) * batch]
            x, y = x_all[idx], y_all[idx]
            # DJL's cosine tracker: lr_final + (lr - lr_final) * (1 + cos(pi * t / T)) / 2
            for g in opt.param_groups:
                g["lr"] = lr / 100 + (lr - lr / 100) * (1 + math.cos(math.pi * min(step, total) / total)) / 2
            logits = forward(spec, layers, x)
            loss = F.cross_entropy(logits, y)
            for layer, decay in zip(layers, decays):
                if decay != 0:
                    loss = loss + decay / 2 * layer.weight.square().sum()
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            step += 1
            # the same bookkeeping as the DJL side: the batch's loss and correct predictions, read every step
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == y).sum().item()
        rates.append(n / (time.perf_counter() - t0))
    timed = rates[1:] if len(rates) > 1 else rates
    print(json.dumps({"engine": "PyTorch " + torch.__version__, "threads": torch.get_num_threads(),
                      "thread_trial_s": {str(k): round(v, 3) for k, v in trial.items()},
                      "samples_per_s": statistics.median(timed), "best_samples_per_s": max(timed),
                      "epoch_samples_per_s": [round(r, 1) for r in rates]}))


if __name__ == "__main__":
    main()
