# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 2-3-1 tanh, half SE, o the output, t target; delta_o, delta_j; Delta w = -eta ...
W1 = [[0.2, -0.1], [0.4, 0.3], [-0.5, 0.6]]
b1 = [0.1, 0.0, -0.1]
W2 = [[0.7, -0.2, 0.5]]
b2 = [0.05]
x = [0.8, -0.4]
t = [0.3]
r = run(x, [W1, W2], [b1, b2], t, ["tanh", "tanh"], "half_se")
z, a, d, gW = r["z"], r["a"], r["delta"], r["gW"]
h = a[1]
o = a[2][0]
f = lambda v: f"{v:.5f}"
print(rf"""% probe p09: 2-3-1 tanh, half SE; o output, t target; hidden h_j = \tanh(net_j); \delta_o, \delta_j; \Delta w = -\eta ...; eta 0.1
$$net_1 = w_{{11}} x_1 + w_{{12}} x_2 + b_1 = {f(z[0][0])}, \quad h_1 = \tanh(net_1) = {f(h[0])}$$
$$net_2 = w_{{21}} x_1 + w_{{22}} x_2 + b_2 = {f(z[0][1])}, \quad h_2 = \tanh(net_2) = {f(h[1])}$$
$$net_3 = w_{{31}} x_1 + w_{{32}} x_2 + b_3 = {f(z[0][2])}, \quad h_3 = \tanh(net_3) = {f(h[2])}$$
$$net_o = v_1 h_1 + v_2 h_2 + v_3 h_3 + b_o = {f(z[1][0])}, \quad o = \tanh(net_o) = {f(o)}$$
$$E = \frac{{1}}{{2}}(t - o)^2 = {f(r["L"])}$$
$$\delta_o = \frac{{\partial E}}{{\partial net_o}} = -(t - o)(1 - o^2) = {f(d[1][0])}$$
$$\frac{{\partial E}}{{\partial v_2}} = \delta_o h_2 = {f(gW[1][0][1])}$$
$$\delta_2 = \frac{{\partial E}}{{\partial net_2}} = \delta_o v_2 (1 - h_2^2) = {f(d[0][1])}$$
$$\frac{{\partial E}}{{\partial w_{{21}}}} = \delta_2 x_1 = {f(gW[0][1][0])}$$
$$\Delta v_2 = -\eta \frac{{\partial E}}{{\partial v_2}} = -0.1 \times {f(gW[1][0][1])} = {f(-0.1 * gW[1][0][1])}$$
$$\Delta w_{{21}} = -\eta \, \delta_2 \, x_1 = {f(-0.1 * gW[0][1][0])}$$""")
