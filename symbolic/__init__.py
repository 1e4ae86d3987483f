"""SymPy core: network spec, forward steps, chain-rule derivation, verification."""
