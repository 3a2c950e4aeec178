"""Agency chronologies as they arrive (Word tables, CSV, Excel), read into case-file entries.

The steps, one module each: :mod:`.tables` (the tables of each kind of
file), :mod:`.columns` (which field each heading names), :mod:`.dates` (date
cells as agencies write them, vague forms from data), :mod:`.rows` (events
and the rows that are not), :mod:`.read` (a file and an agency), :mod:`.merge`
(into a new case file) and :mod:`.report` (the YAML and the row report).
"""

from .columns import column_for, match_columns
from .merge import MergeResult, merge_into_case, merged_name
from .read import import_chronologies, read_chronology_file
from .report import chronology_yaml, entry_as_case_data, report_path, write_chronology_yaml, write_report
from .result import ImportResult, RowProblem

__all__ = ["ImportResult", "MergeResult", "RowProblem", "chronology_yaml", "column_for", "entry_as_case_data",
           "import_chronologies", "match_columns", "merge_into_case", "merged_name", "read_chronology_file",
           "report_path", "write_chronology_yaml", "write_report"]
