"""imrpredict: predict whether an IMR reviewer will uphold or overturn a UR denial, per disputed item.

Pipeline: letters -> items table (``dataset``) -> features (``features``) -> model (``modeling``) -> scores.
"""

__version__ = "0.1.0"
