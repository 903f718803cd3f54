"""Conversion of the DOCX the tool writes: to PDF through LibreOffice, and to PNG pages for a quick look."""
