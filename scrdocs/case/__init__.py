"""The case file: its model, loading and checking, UK dates, and the case's pseudonyms."""
