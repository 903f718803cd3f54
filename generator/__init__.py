"""vanban: từ một tệp YAML về cuộc họp ra văn bản DOCX đúng thể thức, sẵn sàng trình ký.

Stages, each one module, data flowing one way (like pandoc's readers → model → writers):
``loader`` (YAML → plain data with positions) → ``model`` (validated document) → ``layout``
(rulebook profile + document → render context) → ``render`` (docxtpl, sandboxed) → atomic write.
``pipeline`` strings them together; ``cli`` is a thin typer layer over it.
"""

__version__ = "0.1.0"
