"""Presentation of results: bilingual labels, rows, text, HTML, data frames and charts."""
