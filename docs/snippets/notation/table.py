# The notation table of docs/notation.md: each symbol, its meaning, its value in the worked example.
import propagation as pp
from propagation.tables import fmt, markdown_table

ex = pp.lecture_example()
net, bwd = ex.network, ex.network.backward(ex.x, ex.y)
fwd, L = bwd.forward, ex.network.L
s = ", ".join(str(n) for n in net.layer_sizes)
theta2 = net.theta(2)
rows = [
    ["$L$", "number of layers", f"$L = {L}$"],
    ["$s_l$", "units in layer $l$, bias unit not counted", f"$s = ({s})$"],
    [
        "$x^{(i)}, y^{(i)}$",
        "the $i$-th training example and its label",
        f"$x^{{(i)}} = ({', '.join(fmt(v) for v in ex.x)})$, $y^{{(i)}} = {fmt(ex.y)}$",
    ],
    [
        "$a^{(l)}_j$",
        "activation of unit $j$ in layer $l$; $a^{(1)} = x$, and $a^{(l)}_0 = +1$ is the bias unit",
        f"$a^{{(2)}}_1 = {fmt(fwd.a(2)[0])}$",
    ],
    [
        "$z^{(l)}_j$",
        "weighted sum of the inputs into unit $j$ of layer $l$ ($l \\ge 2$)",
        f"$z^{{(2)}}_1 = {fmt(fwd.z(2)[0])}$",
    ],
    [
        "$\\Theta^{(l)}_{ij}$",
        "weight from unit $j$ of layer $l$ to unit $i$ of layer $l + 1$; $\\Theta^{(l)}$ is "
        "$s_{l+1} \\times (s_l + 1)$, column 0 holds the bias weights",
        f"$\\Theta^{{(2)}}_{{12}} = {fmt(theta2[0, 2])}$; $\\Theta^{{(2)}}$ is "
        f"${theta2.shape[0]} \\times {theta2.shape[1]}$",
    ],
    [
        "$g$",
        "the sigmoid (logistic) function, $g(z) = 1 / (1 + e^{-z})$; "
        "$g'(z) = g(z)(1 - g(z)) = a (1 - a)$",
        f"$g(z^{{(2)}}_1) = {fmt(fwd.a(2)[0])}$",
    ],
    [
        "$h_\\Theta(x)$",
        "the network's output, $a^{(L)}$",
        f"$h_\\Theta(x^{{(i)}}) = {fmt(fwd.output[0])}$",
    ],
    [
        "$\\mathrm{cost}(i)$",
        "the cost of example $i$ ([the logistic cost](../cost/))",
        f"${fmt(bwd.cost)}$",
    ],
    [
        "$\\delta^{(l)}_j$",
        'the "error" of unit $j$ in layer $l$, formally '
        "$\\partial\\, \\mathrm{cost}(i) / \\partial z^{(l)}_j$",
        f"$\\delta^{{(2)}}_2 = {fmt(bwd.delta(2)[1])}$",
    ],
    [
        "$\\partial J / \\partial \\Theta^{(l)}_{ij}$",
        "the gradient: $a^{(l)}_j\\, \\delta^{(l+1)}_i$ for one example, averaged over the $m$ "
        "examples ([gradients](../gradients/))",
        f"$\\partial J / \\partial \\Theta^{{(2)}}_{{12}} = {fmt(bwd.grad(2)[0, 2])}$",
    ],
]
print(markdown_table(["symbol", "meaning", "in the worked example"], rows, "lll"))
