"""Public checks of each exercise (``ex_<ID>.py``), read by :mod:`prospection.autocontrole`.

Only what a learner may see lives here: hidden tests and answer keys stay in ``solutions/``.
"""
