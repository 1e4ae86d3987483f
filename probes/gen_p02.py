# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

W1 = [[0.15, 0.20], [0.25, 0.30]]
W2 = [[0.40, 0.45], [0.50, 0.55]]
r = run([0.05, 0.10], [W1, W2], [[0.35, 0.30], [0.60, 0.55]], [0.01, 0.99], ["tanh", "tanh"], "half_se")
z, a, d = r["z"], r["a"], r["delta"]
f = lambda v: f"{v:.9f}"
o1, o2, h1, h2 = a[2][0], a[2][1], a[1][0], a[1][1]
do1 = 1 - o1**2
dh1 = 1 - h1**2
dEh1 = d[1][0] * 0.40 + d[1][1] * 0.50
print(rf"""% probe p02: 2-2-2 tanh, half SE; \text{{net}}_{{h1}}, \text{{out}}_{{h1}}, E_{{total}}; '*' products; \approx
$$\text{{net}}_{{h1}} = w_1 * i_1 + w_2 * i_2 + b_{{h1}} = 0.15 * 0.05 + 0.2 * 0.1 + 0.35 = {z[0][0]:.4f}$$
$$\text{{out}}_{{h1}} = \tanh(\text{{net}}_{{h1}}) = \tanh({z[0][0]:.4f}) \approx {h1:.6f}$$
$$\text{{net}}_{{h2}} = w_3 * i_1 + w_4 * i_2 + b_{{h2}} = {z[0][1]:.4f}, \quad \text{{out}}_{{h2}} \approx {h2:.6f}$$
$$\text{{net}}_{{o1}} = w_5 * \text{{out}}_{{h1}} + w_6 * \text{{out}}_{{h2}} + b_{{o1}} \approx {z[1][0]:.6f}$$
$$\text{{out}}_{{o1}} = \tanh(\text{{net}}_{{o1}}) \approx {o1:.6f}$$
$$\text{{net}}_{{o2}} = w_7 * \text{{out}}_{{h1}} + w_8 * \text{{out}}_{{h2}} + b_{{o2}} \approx {z[1][1]:.6f}$$
$$\text{{out}}_{{o2}} \approx {o2:.6f}$$
$$E_{{total}} = \frac{{1}}{{2}}(\text{{target}}_{{o1}} - \text{{out}}_{{o1}})^2 + \frac{{1}}{{2}}(\text{{target}}_{{o2}} - \text{{out}}_{{o2}})^2 \approx {r["L"]:.6f}$$
$$\frac{{\partial E_{{total}}}}{{\partial \text{{out}}_{{o1}}}} = \text{{out}}_{{o1}} - \text{{target}}_{{o1}} = {o1:.6f} - 0.01 = {o1 - 0.01:.6f}$$
$$\frac{{\partial \text{{out}}_{{o1}}}}{{\partial \text{{net}}_{{o1}}}} = 1 - \text{{out}}_{{o1}}^2 = 1 - {o1:.6f}^2 \approx {do1:.6f}$$
$$\frac{{\partial E_{{total}}}}{{\partial w_5}} = {o1 - 0.01:.6f} * {do1:.6f} * {h1:.6f} \approx {r["gW"][1][0][0]:.6f}$$
$$\frac{{\partial E_{{total}}}}{{\partial w_8}} = (\text{{out}}_{{o2}} - \text{{target}}_{{o2}}) * (1 - \text{{out}}_{{o2}}^2) * \text{{out}}_{{h2}} \approx {r["gW"][1][1][1]:.6f}$$
$$\frac{{\partial E_{{total}}}}{{\partial \text{{out}}_{{h1}}}} = \delta_{{o1}} * w_5 + \delta_{{o2}} * w_7 \approx {d[1][0]:.6f} * 0.4 + ({d[1][1]:.6f}) * 0.5 \approx {dEh1:.6f}$$
$$\frac{{\partial E_{{total}}}}{{\partial w_1}} = \frac{{\partial E_{{total}}}}{{\partial \text{{out}}_{{h1}}}} * (1 - \text{{out}}_{{h1}}^2) * i_1 \approx {dEh1:.6f} * {dh1:.6f} * 0.05 \approx {r["gW"][0][0][0]:.6f}$$
$$w_5^{{+}} = w_5 - \eta * \frac{{\partial E_{{total}}}}{{\partial w_5}} = 0.4 - 0.5 * {r["gW"][1][0][0]:.6f} \approx {0.4 - 0.5 * r["gW"][1][0][0]:.6f}$$""")
