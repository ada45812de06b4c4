"""cchc-warehouse ingestion: read CCHC reports, extract indicator facts with provenance, load the raw schema."""

__version__ = "0.1.0"
