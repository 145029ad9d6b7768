"""Reading observations and submissions as Arrow columns (needs pyarrow: the ``arrow`` extra).

pyarrow parses (its CSV reader, from a buffer each thread keeps for its files; Parquet; or a
dataframe handed over through the Arrow PyCapsule interface; the CSV reader parses dates written
YYYY-MM-DD itself); the checks run on whole columns: target keys by dictionary lookup, other date
texts each read once, plain numbers found and converted as a column and the other value texts
encoded (in one pass of the compiled kernel where the package has it, else by Arrow's compute
functions; in parts side by side on Arrow's threads), values written with a unit split into a
number column and a unit column with each distinct unit text read once per target, everything
else once per target and distinct text. What the checks need of a programme is worked out once
per programme.

Identical errors by construction: a row that is not plainly valid is handed to the per-object
reader's own function for one row, in row order, so the first bad row raises exactly the
``LoadError`` the per-object reader raises (file, row, field, value). A file whose CSV dialect
could be read differently by the two parsers (quotes, lone carriage returns, a parse error) is
read by the per-object reader's parser; blank lines are read as rows of empty cells and skipped.

Modules: :mod:`.columns` (pyarrow, inputs, column names, dictionary codes), :mod:`.values`
(observation values as columns), :mod:`.observations` and :mod:`.submissions` (the readers),
:mod:`._kernel` (the compiled kernel ``_numbers.c``, when the package was built with it: plain
numbers found and converted and the other value texts encoded in one pass).
"""

from __future__ import annotations

from ezhou_recovery.io._arrow.observations import observations_file, observations_from_frame
from ezhou_recovery.io._arrow.submissions import submissions_file, submissions_from_frame

__all__ = [
    "observations_file",
    "observations_from_frame",
    "submissions_file",
    "submissions_from_frame",
]
