# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

W1 = [[0.15, 0.20], [0.25, 0.30]]
W2 = [[0.40, 0.45], [0.50, 0.55]]
r = run([0.05, 0.10], [W1, W2], [[0.35, 0.35], [0.60, 0.60]], [0.01, 0.99], ["sigmoid", "sigmoid"], "half_se")
z, a, d, gW = r["z"], r["a"], r["delta"], r["gW"]
f = lambda v: f"{v:.6f}"
print(rf"""% probe p11: 2-2-2 sigmoid, half SE in index letters: E = \frac{{1}}{{2}}\sum_k (t_k - o_k)^2, \delta_k, \delta_j with \sum_k \delta_k w_{{kj}}; then numbers per unit (o_1, o_2, h_1)
$$net_j = \sum_i w_{{ji}} x_i + b_j, \qquad o_j = \sigma(net_j)$$
$$net_k = \sum_j w_{{kj}} o_j + b_k, \qquad o_k = \sigma(net_k)$$
$$E = \frac{{1}}{{2}} \sum_k (t_k - o_k)^2$$
$$\delta_k = \frac{{\partial E}}{{\partial net_k}} = (o_k - t_k)\, o_k (1 - o_k)$$
$$\delta_j = o_j (1 - o_j) \sum_k \delta_k w_{{kj}}$$
$$\frac{{\partial E}}{{\partial w_{{kj}}}} = \delta_k o_j, \qquad \frac{{\partial E}}{{\partial w_{{ji}}}} = \delta_j x_i$$
With the numbers: $o_{{k=1}} = {f(a[2][0])}$, so
$$\delta_1^{{out}} = ({f(a[2][0])} - 0.01) \times {f(a[2][0])} \times (1 - {f(a[2][0])}) = {f(d[1][0])}$$
$$\delta_2^{{out}} = ({f(a[2][1])} - 0.99) \times {f(a[2][1])} \times (1 - {f(a[2][1])}) = {f(d[1][1])}$$""")
