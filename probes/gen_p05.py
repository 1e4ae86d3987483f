# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 2-2-2 tanh, MSE over the 2 outputs: J = 1/2 sum_k (a_k - y_k)^2 / ... mse = (1/n) sum (a-y)^2
W1 = [[0.1, 0.2], [-0.3, 0.4]]
W2 = [[0.5, -0.6], [0.7, 0.8]]
b1 = [0.0, 0.1]
b2 = [-0.1, 0.2]
x = [1.0, 2.0]
y = [0.5, -0.5]
r = run(x, [W1, W2], [b1, b2], y, ["tanh", "tanh"], "mse")
z, a, d = r["z"], r["a"], r["delta"]
o1, o2 = a[2]
h1, h2 = a[1]
f = lambda v: f"{v:.4f}"
print(rf"""% probe p05: 2-2-2 tanh, MSE over the outputs; w^{{(1)}}_{{11}} superscript layers, a^{{(1)}}_1, J, \alpha; numbers in \text{{}}; \times and \cdot
\begin{{align*}}
z^{{(1)}}_1 &= w^{{(1)}}_{{11}} x_1 + w^{{(1)}}_{{12}} x_2 + b^{{(1)}}_1 = 0.1 \cdot 1 + 0.2 \cdot 2 + 0 = {f(z[0][0])} \\
a^{{(1)}}_1 &= \tanh(z^{{(1)}}_1) = {f(h1)} \\
z^{{(1)}}_2 &= {f(z[0][1])}, \quad a^{{(1)}}_2 = {f(h2)} \\
z^{{(2)}}_1 &= w^{{(2)}}_{{11}} a^{{(1)}}_1 + w^{{(2)}}_{{12}} a^{{(1)}}_2 + b^{{(2)}}_1 = {f(z[1][0])} \\
a^{{(2)}}_1 &= \tanh(z^{{(2)}}_1) = {f(o1)}, \quad a^{{(2)}}_2 = {f(o2)}
\end{{align*}}
The cost is the mean of the squared errors over the two outputs:
$$J = \frac{{1}}{{2}}\left[(a^{{(2)}}_1 - y_1)^2 + (a^{{(2)}}_2 - y_2)^2\right] = \text{{{f(r["L"])}}}$$
\begin{{align*}}
\frac{{\partial J}}{{\partial a^{{(2)}}_1}} &= a^{{(2)}}_1 - y_1 = {f(o1 - y[0])} \\
\frac{{\partial J}}{{\partial z^{{(2)}}_1}} &= (a^{{(2)}}_1 - y_1)(1 - (a^{{(2)}}_1)^2) = {f(o1 - y[0])} \times {f(1 - o1**2)} = {f(d[1][0])} \\
\frac{{\partial J}}{{\partial w^{{(2)}}_{{12}}}} &= \frac{{\partial J}}{{\partial z^{{(2)}}_1}} a^{{(1)}}_2 = {f(d[1][0])} \times {f(h2)} = {f(r["gW"][1][0][1])} \\
\frac{{\partial J}}{{\partial z^{{(2)}}_2}} &= (a^{{(2)}}_2 - y_2)(1 - (a^{{(2)}}_2)^2) = {f(d[1][1])} \\
\frac{{\partial J}}{{\partial a^{{(1)}}_1}} &= \frac{{\partial J}}{{\partial z^{{(2)}}_1}} w^{{(2)}}_{{11}} + \frac{{\partial J}}{{\partial z^{{(2)}}_2}} w^{{(2)}}_{{21}} = {f(d[1][0])} \times 0.5 + {f(d[1][1])} \times 0.7 = {f(d[1][0] * 0.5 + d[1][1] * 0.7)} \\
\frac{{\partial J}}{{\partial w^{{(1)}}_{{12}}}} &= \frac{{\partial J}}{{\partial a^{{(1)}}_1}} (1 - (a^{{(1)}}_1)^2) x_2 = {f(r["gW"][0][0][1])}
\end{{align*}}
With $\alpha = 0.1$: $w^{{(1)}}_{{12}} \leftarrow 0.2 - 0.1 \times ({f(r["gW"][0][0][1])}) = {f(0.2 - 0.1 * r["gW"][0][0][1])}$.""")
