"""`digest run`: cron times (scheduler.py, APScheduler) and the runner that decides what each
scheduled period becomes (run.py)."""
