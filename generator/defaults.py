"""Defaults that the command line and the stages share, in a module that imports nothing: `vanban --help` must
not load the pipeline to show them."""

# How many days after today a notice may be dated before the date rule (VB111) calls it a typo.
FUTURE_MARGIN_DAYS = 30
