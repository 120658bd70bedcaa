"""Taskdeck on AWS Lambda: the entry points `infra/template.yaml` names.

- `taskdeck.aws.api.handler`: the HTTP API (the FastAPI app through Mangum).
- `taskdeck.aws.streams.handler`: the DynamoDB stream of the table, fanned out.
- `taskdeck.aws.reminders.handler`: deadline reminders, on a schedule.
- `taskdeck.aws.queues.handler`: due webhook retries, email batches and purges, on a
  schedule (locally the `taskdeck work` process's loops do this).

Each module builds what it needs once per Lambda container, at its first invocation, and
imports nothing heavy at import time beyond what every invocation uses.
"""
