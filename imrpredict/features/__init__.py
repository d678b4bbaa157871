"""Stage 2: items table -> feature matrix. Only pre-decision columns are ever read."""
