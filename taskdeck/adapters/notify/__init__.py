"""Adapters of the `Notifier` port: email over SMTP (an SNS topic on AWS to come)."""
