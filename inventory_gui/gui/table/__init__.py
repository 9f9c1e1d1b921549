"""The results table: model, view, filter and columns."""
