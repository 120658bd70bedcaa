"""Identity adapters: who signs in, kept outside Taskdeck's own store."""
