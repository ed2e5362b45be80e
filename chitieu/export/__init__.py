"""Exports: Excel 'biểu tổng hợp' (xlsx), a Word draft report (docx), and CSV.

`gather(session, locality_code=, period=)` → ExportData; then `write_xlsx(data, out)`,
`write_docx(data, out)`, `write_csv(data, out)`.
"""

from chitieu.export.csv_file import write_csv
from chitieu.export.data import ExportData, gather
from chitieu.export.docx import write_docx
from chitieu.export.xlsx import write_xlsx

__all__ = ["ExportData", "gather", "write_csv", "write_docx", "write_xlsx"]
