"""`vanban import`: last year's notice — a Word file or a text copied from a portal — as a YAML draft.

One job per module: ``source`` opens the file (``docx_reader``, ``txt_reader``, helped by ``list_numbering``,
``tabs``, ``joining``, ``labels``) into flat ``blocks``; ``recognise`` strings together ``header``,
``reporting_period``, ``body`` (``parts``, ``tables``, ``tasks``), ``meeting``, ``closing`` and ``appendix``
into the model's data, noting in ``notes`` what to check; ``emit`` writes the YAML; ``api`` is the entry
point."""

from generator.importing.api import ImportResult, default_output, import_file, summary_lines, write_draft

__all__ = ["ImportResult", "default_output", "import_file", "summary_lines", "write_draft"]
