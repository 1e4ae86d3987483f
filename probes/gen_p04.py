# ruff: noqa  (a probe generator: LaTeX lines written as they print)
from calc import run

# 3-2-1 sigmoid, J = (t - y_pred)^2 (no 1/2); w_{ij} from input i to hidden j; u_j hidden j to output
x = [0.5, -0.2, 0.1]
w = {
    (1, 1): 0.1,
    (1, 2): -0.4,
    (2, 1): 0.3,
    (2, 2): 0.2,
    (3, 1): -0.2,
    (3, 2): 0.5,
}  # w_{ij}: i input, j hidden
u = [0.7, -0.3]
c = [0.05, -0.05]  # hidden biases
d0 = 0.1
t = 0.8
W1 = [[w[(i, j)] for i in (1, 2, 3)] for j in (1, 2)]
r = run(x, [W1, [u]], [c, [d0]], [t], ["sigmoid", "sigmoid"], "se")
z, a, dl = r["z"], r["a"], r["delta"]
yp = a[2][0]
h1, h2 = a[1]
print(f"""% probe p04: 3-2-1 sigmoid, J = (t - y_{{pred}})^2 without 1/2; w_{{ij}} from input i to hidden j, u_j into the output; c_j, b biases; numbered steps
1. Hidden units: $s_j = \\sum_i w_{{ij}} x_i + c_j$, $h_j = \\sigma(s_j)$.
$$s_1 = w_{{11}} x_1 + w_{{21}} x_2 + w_{{31}} x_3 + c_1 = {z[0][0]:.4f}$$
$$h_1 = \\sigma(s_1) = {h1:.5f}, \\qquad h_2 = {h2:.5f}$$
2. Output: $r = u_1 h_1 + u_2 h_2 + b$, $y_{{pred}} = \\sigma(r)$.
$$r = {z[1][0]:.5f}, \\qquad y_{{pred}} = {yp:.5f}$$
3. Cost: $J = (t - y_{{pred}})^2 = ({t} - {yp:.5f})^2 = {r["L"]:.5f}$.
4. Gradients:
$$\\frac{{\\partial J}}{{\\partial y_{{pred}}}} = -2(t - y_{{pred}}) = {-2 * (t - yp):.5f}$$
$$\\frac{{\\partial J}}{{\\partial r}} = -2(t - y_{{pred}}) \\, y_{{pred}}(1 - y_{{pred}}) = {dl[1][0]:.5f}$$
$$\\frac{{\\partial J}}{{\\partial u_1}} = \\frac{{\\partial J}}{{\\partial r}} h_1 = {dl[1][0]:.5f} \\times {h1:.5f} = {r["gW"][1][0][0]:.5f}$$
$$\\frac{{\\partial J}}{{\\partial b}} = {dl[1][0]:.5f}$$
$$\\frac{{\\partial J}}{{\\partial w_{{21}}}} = \\frac{{\\partial J}}{{\\partial r}} \\, u_1 \\, h_1 (1 - h_1) \\, x_2 = {r["gW"][0][0][1]:.6f}$$
$$\\frac{{\\partial J}}{{\\partial w_{{32}}}} = \\frac{{\\partial J}}{{\\partial r}} \\, u_2 \\, h_2 (1 - h_2) \\, x_3 = {r["gW"][0][1][2]:.6f}$$
$$\\frac{{\\partial J}}{{\\partial c_2}} = \\frac{{\\partial J}}{{\\partial r}} \\, u_2 \\, h_2 (1 - h_2) = {dl[0][1]:.6f}$$""")
