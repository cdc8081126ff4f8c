"""Defaults that every output shares, in a module light enough for the command line's parser.

One Monte Carlo for every place that shows it (the app, `analyze`, shortlist.md), so the same
review gives the same figures everywhere; each states its runs and seed beside them. The
report's options read these without importing the analysis and the plans, which `rank` and
`validate` never run.
"""

MONTE_CARLO_RUNS = 2000
MONTE_CARLO_SEED = 0
RATES = (0.10, 0.20, 0.30, 0.40, 0.50)  # portfolio-wide recovery rates: rate curves and "net at rate"
MAX_OPTIONS = 3  # options in a placement plan
