# ruff: noqa  (a probe generator: LaTeX lines written as they print)
import math

# 2-2-1 ReLU hidden, identity output, L = (yhat - y)^2 (no 1/2); theta-free: weights w_{11}.. into hidden (j,i), v_1, v_2 out
x = [2.0, -1.0]
W1 = [[0.5, 0.25], [-0.3, 0.6]]
b1 = [0.1, 0.2]
v = [1.5, -0.8]
b2 = 0.3
y = 1.0
z = [W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j] for j in range(2)]
h = [max(0.0, t) for t in z]
yh = v[0] * h[0] + v[1] * h[1] + b2
L = (yh - y) ** 2
g = 2 * (yh - y)
f = lambda t: f"{t:.4f}"
print(rf"""% probe p08: 2-2-1 ReLU hidden, linear output, L = (\hat{{y}} - y)^2 without 1/2; \max(0, z); lr written \eta; a dead unit
Inputs $x_1 = 2$, $x_2 = -1$, target $y = 1$.
\begin{{align}}
z_1 &= w_{{11}} x_1 + w_{{12}} x_2 + b_1 = 0.5(2) + 0.25(-1) + 0.1 = {f(z[0])} \\
z_2 &= w_{{21}} x_1 + w_{{22}} x_2 + b_2 = -0.3(2) + 0.6(-1) + 0.2 = {f(z[1])} \\
h_1 &= \max(0, z_1) = {f(h[0])}, \quad h_2 = \max(0, z_2) = 0 \\
\hat{{y}} &= v_1 h_1 + v_2 h_2 + c = 1.5({f(h[0])}) + 0.3 = {f(yh)} \\
L &= (\hat{{y}} - y)^2 = ({f(yh)} - 1)^2 = {f(L)}
\end{{align}}
Backward:
\begin{{align}}
\frac{{\partial L}}{{\partial \hat{{y}}}} &= 2(\hat{{y}} - y) = {f(g)} \\
\frac{{\partial L}}{{\partial v_1}} &= 2(\hat{{y}} - y) h_1 = {f(g)} \times {f(h[0])} = {f(g * h[0])} \\
\frac{{\partial L}}{{\partial v_2}} &= 2(\hat{{y}} - y) h_2 = 0 \\
\frac{{\partial L}}{{\partial c}} &= {f(g)} \\
\frac{{\partial L}}{{\partial h_1}} &= 2(\hat{{y}} - y) v_1 = {f(g * v[0])} \\
\frac{{\partial L}}{{\partial w_{{12}}}} &= \frac{{\partial L}}{{\partial h_1}} \frac{{\partial h_1}}{{\partial z_1}} x_2 = {f(g * v[0])} \times 1 \times (-1) = {f(-g * v[0])} \\
\frac{{\partial L}}{{\partial w_{{21}}}} &= 0 \quad (\text{{unit 2 is off}})
\end{{align}}
With $\eta = 0.05$: $v_1 \leftarrow v_1 - \eta \frac{{\partial L}}{{\partial v_1}} = 1.5 - 0.05 \times {f(g * h[0])} = {f(1.5 - 0.05 * g * h[0])}$.""")
