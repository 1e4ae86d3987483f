# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 2-2-1 sigmoid, half SE; shared biases b_1 (hidden), b_2 (output) as Mazur; names o_1, h_1, t, net_{h1}
W1 = [[0.15, 0.20], [0.25, 0.30]]
W2 = [[0.40, 0.45]]
r = run([0.05, 0.10], [W1, W2], [[0.35, 0.35], [0.60]], [0.01], ["sigmoid", "sigmoid"], "half_se")
z, a, d, gW = r["z"], r["a"], r["delta"], r["gW"]
h1, h2 = a[1]
o = a[2][0]
f9 = lambda v: f"{v:.9f}"
dh1 = d[1][0] * 0.40
print(rf"""% probe p06: 2-2-1 sigmoid, half SE, one bias per layer (b_1, b_2); net_{{h1}}, h_1, o_1, t_1; \Rightarrow rows; 9 digits; prose steps
The forward pass gives $net_{{h1}} = w_1 i_1 + w_2 i_2 + b_1 = {z[0][0]:.4f}$ and $h_1 = \frac{{1}}{{1+e^{{-net_{{h1}}}}}} = {f9(h1)}$, likewise $h_2 = {f9(h2)}$.
$$net_{{o1}} = w_5 h_1 + w_6 h_2 + b_2 = {f9(z[1][0])} \Rightarrow o_1 = \sigma(net_{{o1}}) = {f9(o)}$$
$$E_{{total}} = \frac{{1}}{{2}}(t_1 - o_1)^2 = {f9(r["L"])}$$
Now the output weight $w_5$:
$$\frac{{\partial E_{{total}}}}{{\partial o_1}} = -(t_1 - o_1) = {f9(o - 0.01)}$$
$$\frac{{\partial o_1}}{{\partial net_{{o1}}}} = o_1(1 - o_1) = {f9(o * (1 - o))}$$
$$\frac{{\partial net_{{o1}}}}{{\partial w_5}} = h_1 = {f9(h1)}$$
$$\Rightarrow \frac{{\partial E_{{total}}}}{{\partial w_5}} = {f9(o - 0.01)} * {f9(o * (1 - o))} * {f9(h1)} = {f9(gW[1][0][0])}$$
$$\delta_{{o1}} = \frac{{\partial E_{{total}}}}{{\partial net_{{o1}}}} = {f9(d[1][0])}$$
Then the hidden weight $w_2$:
$$\frac{{\partial E_{{total}}}}{{\partial h_1}} = \delta_{{o1}} w_5 = {f9(dh1)}$$
$$\frac{{\partial E_{{total}}}}{{\partial w_2}} = \frac{{\partial E_{{total}}}}{{\partial h_1}} \cdot h_1(1 - h_1) \cdot i_2 = {f9(dh1)} \cdot {f9(h1 * (1 - h1))} \cdot 0.1 = {f9(gW[0][0][1])}$$
$$\frac{{\partial E_{{total}}}}{{\partial b_1}} = \delta_{{o1}} w_5 h_1(1 - h_1) + \delta_{{o1}} w_6 h_2(1 - h_2) = {f9(d[0][0] + d[0][1])}$$
$$w_2^{{+}} = w_2 - \eta \frac{{\partial E_{{total}}}}{{\partial w_2}} = 0.2 - 0.5 * {f9(gW[0][0][1])} = {f9(0.2 - 0.5 * gW[0][0][1])}$$""")
