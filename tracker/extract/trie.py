"""Build a fast regular expression for a long list of words, shared prefixes merged."""

from __future__ import annotations

import re


def trie_pattern(words: list[str]) -> str:
    """Return a regex source matching any of ``words``, longest first at each branch.

    Python's ``re`` tries the branches of ``a|b|c`` one by one; merging shared prefixes
    into a trie makes a miss cost one character test per level instead of one per word.

    >>> source = trie_pattern(["hbo", "hbo max", "hulu"])
    >>> [m.group() for m in re.finditer(source, "hbo max, hulu, hbo")]
    ['hbo max', 'hulu', 'hbo']
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _source(trie)


def _source(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    end = "" in node
    branches = [re.escape(c) + _source(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if end else body
