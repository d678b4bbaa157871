"""Stage 5: scores. Batch scoring of items tables or letters, and single-request prediction."""
