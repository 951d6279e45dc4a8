"""Times one training run of the case study's reward model in PyTorch, for a
side-by-side comparison with

    go test -run x -bench Train ./estimators/neural

A 8 -> 32 -> 1 tanh perceptron, Adam (lr 1e-4), batches of 512 of 1000
comparisons over 45 answers, 500 steps, written the way a PyTorch user would:
each batch's pairs go through the network. Run with the system Python:
python3 train_torch.py
"""
import time

import torch

torch.set_num_threads(2)
g = torch.Generator().manual_seed(1)
x = torch.randn(45, 8, generator=g, dtype=torch.float64)
a = torch.randint(0, 45, (1000,), generator=g)
b = (a + torch.randint(1, 45, (1000,), generator=g)) % 45
won = (torch.rand(1000, generator=g) < 0.5).double()


def run():
    net = torch.nn.Sequential(torch.nn.Linear(8, 32), torch.nn.Tanh(), torch.nn.Linear(32, 1)).double()
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    start = time.perf_counter()
    for step in range(500):
        idx = torch.randint(0, 1000, (512,), generator=g)
        d = (net(x[a[idx]]) - net(x[b[idx]])).squeeze(1)
        loss = torch.nn.functional.binary_cross_entropy_with_logits(d, won[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return time.perf_counter() - start


if __name__ == "__main__":
    for _ in range(3):
        print(f"pytorch {torch.__version__}: one training run in {run():.3f} s")
