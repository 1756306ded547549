# The list of caption slips on docs/notation.md, each with the worked example's numbers.
import propagation as pp
from propagation.tables import fmt

ex = pp.lecture_example()
net, bwd = ex.network, ex.network.backward(ex.x, ex.y)
a2, theta = bwd.forward.a(2), net.theta(2)[0]
wrong = theta[0] + theta[1] * a2[0] + theta[2] * a2[0]  # a(2)_1 used twice, as the captions say
print(
    f'1. **"times a(2)1" twice.** In the sum for $z^{{(3)}}_1$ the captions multiply by '
    f"$a^{{(2)}}_1$ in both of the last two terms. The last term is "
    f"$\\Theta^{{(2)}}_{{12}} \\cdot a^{{(2)}}_2$: the cyan edge comes from unit 2. With "
    f"$a^{{(2)}}_1$ twice the sum would be ${fmt(wrong)}$ instead of "
    f"${fmt(bwd.forward.z(3)[0])}$. [Forward propagation](../forward/#one-unit-in-detail) shows "
    f"the sum with its numbers.\n"
    f'2. **"delta 3(1)2" for the green edge.** The green edge is a weight, '
    f"$\\Theta^{{(3)}}_{{12}} = {fmt(net.theta(3)[0, 2])}$, not a delta; the captions say "
    f'"theta 3(1)2" a moment later. [Backward propagation]'
    f"(../backward/#then-backwards-one-layer-at-a-time) uses it.\n"
    f"3. **The weighted sum is not yet the delta.** The lecture writes $\\delta^{{(2)}}_2$ as the "
    f"weighted sum of the next layer's deltas, ${fmt(net.theta(2)[:, 2] @ bwd.delta(3))}$. "
    f"That is the intuition; the full rule multiplies it by the slope "
    f"$a^{{(2)}}_2 (1 - a^{{(2)}}_2)$, which gives $\\delta^{{(2)}}_2 = {fmt(bwd.delta(2)[1])}$. "
    f"[Backward propagation](../backward/#every-unit) shows both numbers for every unit.\n"
    f"4. **The sign of the output delta.** The captions say $y^{{(i)}} - a^{{(4)}}_1$; for the "
    f"course's logistic cost, $\\partial\\,\\mathrm{{cost}}(i) / \\partial z^{{(4)}}_1 = "
    f"a^{{(4)}}_1 - y^{{(i)}} = {fmt(bwd.delta(4)[0])}$, and the site uses $a - y$ throughout. "
    f"$y - a$ is the derivative of the same expression without its minus sign, a "
    f"log-likelihood to climb rather than a cost to descend; it only flips the direction of "
    f"the step. [What δ means](../delta/#the-sign-of-the-output-delta) shows it with numbers."
)
