"""Order kept between two sequences: the chain of matched pairs that increases on both sides.

Both the version pairing (which sections kept their order) and the word diff (which matched
sentences stayed in place, the others moved) ask it; one weighted longest increasing
subsequence answers both.
"""

from __future__ import annotations


def heaviest_chain(pairs: list[tuple[int, int, int]]) -> set[tuple[int, int]]:
    """The (old, new) positions of the chain increasing on both sides with the largest total
    weight: a longest increasing subsequence with weights, prefix maxima in a Fenwick tree."""
    if not pairs:
        return set()
    pairs = sorted(pairs)
    size = max(b for _, b, _ in pairs) + 1
    tree = [(0, -1)] * (size + 1)  # (best total, index of its last pair) over new positions
    best: list[tuple[int, int]] = []
    for index, (_, b, weight) in enumerate(pairs):
        found, k = (0, -1), b  # best chain ending at a new position below b
        while k > 0:
            found = max(found, tree[k])
            k -= k & -k
        best.append((found[0] + weight, found[1]))
        k = b + 1
        while k <= size:
            tree[k] = max(tree[k], (found[0] + weight, index))
            k += k & -k
    index = max(range(len(pairs)), key=lambda n: best[n][0])
    chain = set()
    while index >= 0:
        chain.add(pairs[index][:2])
        index = best[index][1]
    return chain
