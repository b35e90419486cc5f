"""The structural form every reader produces: a document as a list of Blocks (blocks.py), read
from plain text (text.py), markdown (markdown.py), HTML (html.py) and messages (messages.py)."""
