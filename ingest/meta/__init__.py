"""Building blocks of report metadata (rules.md §2): dates, period labels and windows, reporting units."""
