"""The history database: schema and reads, the batched writer, its journal, one run's recorder."""
