"""Defaults that every output shares, in a module light enough for the command line's parser.

One Monte Carlo for every place that shows it (the app, `analyze`, shortlist.md), so the same
review gives the same figures everywhere; each states its runs and seed beside them.
"""

MONTE_CARLO_RUNS = 2000
MONTE_CARLO_SEED = 0
