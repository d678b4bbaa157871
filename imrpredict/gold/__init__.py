"""Gold annotations of real case summaries: the tuning/reporting split, the annotation references, and the
per-fact precision and recall of the clinical flags against them."""
