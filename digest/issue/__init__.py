"""The build_issue stage: the stories of each section in order, caps, the size budget and
every held-back reason, decided here and nowhere else."""
