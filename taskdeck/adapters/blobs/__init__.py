"""Adapters of the `Blobs` port: files under the data dir, or an S3 bucket."""
