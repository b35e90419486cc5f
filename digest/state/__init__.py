"""The state database (SQLite, store.py) and the kernel locks (locks.py) that keep two
publishers from using it at once."""
