"""Keep the server's memory from growing with the threads that touch big buffers.

glibc gives each thread that allocates its own malloc arena (up to 8 per core) and rarely
hands an arena's freed memory back. The threads that stream attachments hold 1 MiB
buffers, so under upload and download load the resident size grew by ~67 MB and stayed
there: `make bench` ended at 149 MB against its 150 MB target, and at 111 MB with the
arenas capped at two (`MALLOC_ARENA_MAX=2`, measured on the bench VM). This is the same
cap, set from inside the process so `taskdeck serve` needs no wrapper.
"""

from __future__ import annotations

import ctypes
import sys

M_ARENA_MAX = -8
"""mallopt's parameter number for the arena cap (glibc's malloc.h)."""
ARENAS = 2


def cap_malloc_arenas() -> None:
    """Cap glibc's malloc arenas; a no-op off glibc (macOS, musl)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is not None:
        mallopt(M_ARENA_MAX, ARENAS)
