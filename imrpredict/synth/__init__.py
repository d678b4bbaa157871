"""Synthetic IMR letters with known ground truth: the embedded default data and the scale-test corpus."""
