"""Timescale procedures shipped with scrdocs (YAML data, read by :mod:`scrdocs.review.timescales`)."""
