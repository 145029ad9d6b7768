"""The plan as data: people, periods, targets, projects, reporting duties and the programme.

No file reading and no presentation: the model is built by :mod:`ezhou_recovery.io` and shown by
:mod:`ezhou_recovery.display`.
"""
