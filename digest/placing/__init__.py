"""The assign_sections stage: keyword scores (sections.py), what the archive teaches
(learning.py) and the curator's word (overrides.py)."""
