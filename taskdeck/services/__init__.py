"""Use cases: every permission check and business decision above the ports."""
