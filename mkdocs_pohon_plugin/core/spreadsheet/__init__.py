"""The cascading matrix workbook: its columns, the importer and the exporter (extra ``xlsx``)."""
