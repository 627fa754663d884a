"""The script as text: paragraphs and sentences, writing systems, language, fonts and word timing.

Imports only from ``core``.
"""
