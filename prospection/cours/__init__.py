"""Lesson widgets: one module per lesson, plus the shared quiz (``quiz``)."""
