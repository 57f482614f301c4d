"""The tree itself: the format spec, the model, loading, validation, the graph and diagnostics.

``load → validate → graph`` ends in a :class:`~.check.CheckResult`; everything else (the site, the
review tools, the spreadsheets) starts from one.
"""
