"""Plan-target monitoring: the province plan's targets measured from the data, per place.

Every figure is an aggregate query grouped by place-code prefix (no Python loop over rows),
so a page runs the same number of queries for one community or the whole province.
"""
