"""The static part of every generated training module, as real Python (see train.py).

train.py and cli.py, in this order, hold the parts `render_module` includes verbatim.
"""
