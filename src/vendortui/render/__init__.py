"""Rendering to text: Markdown documents, JSON and CSV rows, Rich tables, labels and figures.

Pure functions from the core's results to text; no file is read or written here.
"""
