# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 2-2-2 sigmoid, BCE summed over outputs; hidden h_j, outputs \hat{y}_k; weights w_{jk} hidden->output (j from, k to!) no: use v_{kj}
W1 = [[0.5, -0.4], [0.3, 0.8]]
W2 = [[0.6, -0.1], [-0.7, 0.2]]
b1 = [0.1, -0.2]
b2 = [0.05, 0.0]
x = [0.6, 0.9]
y = [1.0, 0.0]
r = run(x, [W1, W2], [b1, b2], y, ["sigmoid", "sigmoid"], "bce")
z, a, d, gW = r["z"], r["a"], r["delta"], r["gW"]
h1, h2 = a[1]
o1, o2 = a[2]
f = lambda v: f"{v:.6f}"
print(rf"""% probe p07: 2-2-2 sigmoid, BCE summed over outputs; \hat{{y}}_k, y_k; w_{{jk}} (hidden j to output k); \theta for nothing; cdot and juxtaposition; \approx
Hidden layer: $h_1 = \sigma(0.5 \cdot 0.6 - 0.4 \cdot 0.9 + 0.1) \approx {f(h1)}$, $h_2 \approx {f(h2)}$.
$$z_1 = w_{{11}} h_1 + w_{{21}} h_2 + c_1, \quad \hat{{y}}_1 = \sigma(z_1) \approx {f(o1)}$$
$$z_2 = w_{{12}} h_1 + w_{{22}} h_2 + c_2, \quad \hat{{y}}_2 = \sigma(z_2) \approx {f(o2)}$$
$$L = -\sum_k \left[ y_k \log \hat{{y}}_k + (1 - y_k) \log(1 - \hat{{y}}_k) \right] \approx {f(r["L"])}$$
Since $\frac{{\partial L}}{{\partial \hat{{y}}_k}} = -\frac{{y_k}}{{\hat{{y}}_k}} + \frac{{1 - y_k}}{{1 - \hat{{y}}_k}}$ and $\frac{{\partial \hat{{y}}_k}}{{\partial z_k}} = \hat{{y}}_k(1 - \hat{{y}}_k)$,
$$\frac{{\partial L}}{{\partial z_k}} = \hat{{y}}_k - y_k$$
$$\frac{{\partial L}}{{\partial z_1}} \approx {f(o1 - 1)}, \qquad \frac{{\partial L}}{{\partial z_2}} \approx {f(o2)}$$
$$\frac{{\partial L}}{{\partial w_{{21}}}} = (\hat{{y}}_1 - y_1) h_2 \approx {f(o1 - 1)} \cdot {f(h2)} \approx {f(gW[1][0][1])}$$
$$\frac{{\partial L}}{{\partial h_1}} = (\hat{{y}}_1 - y_1) w_{{11}} + (\hat{{y}}_2 - y_2) w_{{12}} \approx {f((o1 - 1) * 0.6 + o2 * (-0.7))}$$
$$\frac{{\partial L}}{{\partial c_2}} = \hat{{y}}_2 - y_2 \approx {f(o2)}$$""")
