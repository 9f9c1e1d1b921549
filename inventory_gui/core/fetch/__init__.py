"""Fetching: settings, URL templates, requests, limits, retries, answers, the fetcher."""
