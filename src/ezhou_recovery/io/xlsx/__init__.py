"""Excel workbooks: reporting forms, filled forms read back, and the report workbook."""
