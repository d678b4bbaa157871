"""Stage 3: features -> calibrated model -> scores."""
