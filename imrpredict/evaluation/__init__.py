"""Stage 4: honest numbers. Metrics with letter-bootstrap CIs, baselines, grouped CV and time splits."""
