"""Taskdeck: project management and issue tracking, on one machine or serverless on AWS."""

__version__ = "0.1.0"
