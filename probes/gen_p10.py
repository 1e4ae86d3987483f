# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 2-2-1 sigmoid, SE without 1/2; hidden weights w_{ij}^{(1)} (subscript first), output theta_0 + theta_1 h_1 + theta_2 h_2
W1 = [[0.3, -0.2], [0.1, 0.4]]
b1 = [0.0, -0.1]
th = [0.2, 0.5, -0.6]
x = [1.0, 0.5]
y = [0.0]
r = run(x, [W1, [th[1:]]], [b1, [th[0]]], y, ["sigmoid", "sigmoid"], "se")
z, a, d, gW = r["z"], r["a"], r["delta"], r["gW"]
h1, h2 = a[1]
o = a[2][0]
f = lambda v: f"{v:.6f}"
print(rf"""% probe p10: 2-2-1 sigmoid, J = (\hat{{y}} - y)^2; w_{{11}}^{{(1)}} (subscript first), \theta_0 + \theta_1 h_1 + \theta_2 h_2 output, \text{{lr}}
$$z_1 = w_{{11}}^{{(1)}} x_1 + w_{{12}}^{{(1)}} x_2 + b_1^{{(1)}} = {f(z[0][0])}, \quad h_1 = \sigma(z_1) = {f(h1)}$$
$$z_2 = w_{{21}}^{{(1)}} x_1 + w_{{22}}^{{(1)}} x_2 + b_2^{{(1)}} = {f(z[0][1])}, \quad h_2 = \sigma(z_2) = {f(h2)}$$
$$\hat{{y}} = \sigma(\theta_0 + \theta_1 h_1 + \theta_2 h_2) = {f(o)}$$
$$J = (\hat{{y}} - y)^2 = {f(r["L"])}$$
$$\frac{{\partial J}}{{\partial \theta_1}} = 2(\hat{{y}} - y)\,\hat{{y}}(1 - \hat{{y}})\,h_1 = {f(gW[1][0][0])}$$
$$\frac{{\partial J}}{{\partial \theta_0}} = 2(\hat{{y}} - y)\,\hat{{y}}(1 - \hat{{y}}) = {f(d[1][0])}$$
$$\frac{{\partial J}}{{\partial w_{{22}}^{{(1)}}}} = 2(\hat{{y}} - y)\,\hat{{y}}(1 - \hat{{y}})\,\theta_2\,h_2(1 - h_2)\,x_2 = {f(gW[0][1][1])}$$
With $\text{{lr}} = 0.1$:
$$\theta_1 \leftarrow \theta_1 - \text{{lr}} \cdot \frac{{\partial J}}{{\partial \theta_1}} = 0.5 - 0.1 \cdot {f(gW[1][0][0])} = {f(0.5 - 0.1 * gW[1][0][0])}$$""")
