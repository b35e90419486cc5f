"""Support under every wing: the libraries no stage owns, each behind one module.

workers.py (pebble: bounded worker processes), cache.py (stage results cached by content
hash: the wrapper the pipeline applies around reading and splitting), yamlfile.py (PyYAML,
bounded), watcher.py (watchfiles).
"""
