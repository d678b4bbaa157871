"""Letters -> text -> parsed records. The first stage of the pipeline."""
