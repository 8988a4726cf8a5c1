"""Teacher toolchain: release, collect, autograde, feedback, export, report, demo.

Every command works on a *class workspace* (``classe/`` at the repository root by default),
an nbgrader course root that uses the repository's nbgrader configuration. See
``docs/enseignant.md`` for the teacher's grading cycle.
"""
