"""The archive of published issues on disk: each issue's folder and files (folders.py), how
they are written (writer.py: the write_issue stage) and the static web archive (site.py)."""
