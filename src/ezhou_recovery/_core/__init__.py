"""Building blocks every layer may use: attrs validators, dates, text and optional dependencies."""
