"""Stage 2, candidates: names of works, cues and layout, and the (work, date) pairs proposed.

The rules here propose; they do not have the last word. Each candidate goes on to the features
and the learned model, which decide what is announced.
"""
