"""The book's data, as chapters import it: one place to find the loaders and the checks.

Loading lives in :mod:`helpers.load` (typed frames), checking in :mod:`helpers.checks`
(problems and their messages), agreement between coders in :mod:`helpers.agreement`;
``make validate`` is :mod:`helpers.validate`. Nothing here ever writes to ``data/``.
"""

from helpers.checks import DataError, Problem, find_problems, read_source_keys, split_list, validate
from helpers.load import (
    BIB_FILE,
    DATA_DIR,
    REPO_ROOT,
    bib_publishers,
    code_label,
    codebook,
    data_as_of,
    field_descriptor,
    field_labels,
    field_rules,
    find_book_root,
    load_accounts,
    load_borders,
    load_claims,
    load_documents,
    load_event_accounts,
    load_events,
    load_members,
    load_occasions,
    load_places,
    load_stance_codes,
    load_statements,
    read_datapackage,
    resource_descriptor,
    stance_labels,
)

__all__ = [
    "BIB_FILE",
    "DATA_DIR",
    "REPO_ROOT",
    "DataError",
    "Problem",
    "bib_publishers",
    "code_label",
    "codebook",
    "data_as_of",
    "field_descriptor",
    "field_labels",
    "field_rules",
    "find_book_root",
    "find_problems",
    "load_accounts",
    "load_borders",
    "load_claims",
    "load_documents",
    "load_event_accounts",
    "load_events",
    "load_members",
    "load_occasions",
    "load_places",
    "load_stance_codes",
    "load_statements",
    "read_datapackage",
    "read_source_keys",
    "resource_descriptor",
    "split_list",
    "stance_labels",
    "validate",
]
