"""What the commands do besides compiling: status, explain, check, send, init (scaffold),
repair, preview. Each uses the pipeline and the archive; none calls a stage itself."""
