"""vanban: từ một tệp YAML về cuộc họp ra văn bản DOCX đúng thể thức, sẵn sàng trình ký.

Stages, each one module, data flowing one way (like pandoc's readers → model → writers):
``loader`` (YAML → plain data with positions) → ``validate``/``model`` (validated document) →
``consistency`` (checked against its ``rulebook`` profile) → ``lint`` (rules of the trade, as warnings or errors)
→ ``layout`` (profile + document → render context) → ``render`` (docxtpl, sandboxed) → ``safe_write``.
``reader`` and ``pipeline`` string them together; ``cli`` is a thin typer layer over them.
"""

__version__ = "0.1.0"
