"""Comparing short texts across articles, shared by quotation grouping and sentence alignment.

`vectors` scores how alike two texts are, `candidates` finds the pairs worth scoring
without trying all pairs, `grouping` merges pairs into groups by average linkage,
`diff` lines up their words and `flags` names the changes that can alter meaning.
"""
