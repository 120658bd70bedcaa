"""Entities and rules of Taskdeck: pure, standard library only, no I/O."""
