"""Checks of infra/template.yaml, the SAM template that deploys Taskdeck on AWS."""
