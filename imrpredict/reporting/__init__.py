"""Plots and reports about a model's predictions."""
