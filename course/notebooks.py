"""Reading and writing notebooks so that the same input always gives the same bytes.

Generated notebooks are committed, so every byte must follow from their source: no outputs,
no execution counts, no timestamps, cell ids derived from content, and the JSON layout that
Jupyter itself writes (so saving a generated notebook unchanged in JupyterLab changes nothing).
"""

import hashlib
from pathlib import Path

import jupytext
import nbformat

LESSON_FORMAT = "md:myst"

# Cell metadata that records a session, not the lesson: when it ran, how it was scrolled.
VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "collapsed", "scrolled", "trusted")
# Notebook metadata kept in generated exercises; the rest (toolbars, widget state, the exact
# Python version of whoever saved the solution last) is dropped.
KEPT_NOTEBOOK_METADATA = ("kernelspec", "jupytext")


def dumps(notebook):
    """The notebook's JSON exactly as Jupyter writes it, newline-terminated."""
    text = nbformat.writes(notebook, version=nbformat.NO_CONVERT)
    return text if text.endswith("\n") else text + "\n"


def read(path):
    """Read a notebook; a file that is not one raises ``ValueError`` naming it."""
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as error:  # nbformat raises several kinds for broken JSON or schema
        raise ValueError(f"{path} is not a readable notebook ({error})") from error


def content_ids(cells):
    """Give every cell an id derived from its type and source: stable across builds."""
    seen = {}
    for cell in cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def clear_outputs(cell):
    if cell.cell_type == "code":
        cell.outputs = []
        cell.execution_count = None
    for key in VOLATILE_CELL_METADATA:
        cell.metadata.pop(key, None)


def lesson_notebook(lesson):
    """The ``.ipynb`` text for a MyST lesson: inputs only, with content-derived cell ids."""
    notebook = jupytext.read(Path(lesson), fmt=LESSON_FORMAT)
    for cell in notebook.cells:
        clear_outputs(cell)
    content_ids(notebook.cells)
    notebook.nbformat, notebook.nbformat_minor = 4, 5
    # jupytext's writer drops what only the text file needs (its text_representation).
    return dumps(nbformat.reads(jupytext.writes(notebook, fmt="ipynb"), as_version=4))


def exercise_notebook(path):
    """The canonical text of a notebook nbgrader generated: outputs and session metadata gone."""
    notebook = read(path)
    for cell in notebook.cells:
        clear_outputs(cell)
    metadata = notebook.metadata
    kept = {key: metadata[key] for key in KEPT_NOTEBOOK_METADATA if key in metadata}
    if "language_info" in metadata:  # the language's name is stable; its version is not
        kept["language_info"] = {"name": metadata["language_info"].get("name", "python")}
    notebook.metadata = nbformat.from_dict(kept)
    return dumps(notebook)


def write_if_changed(path, text):
    """Write ``text`` to ``path`` unless it already holds exactly that; returns whether it wrote."""
    path = Path(path)
    data = text.encode() if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def answered_cells(path):
    """The ids of solution cells a learner has changed in an exercise notebook.

    nbgrader records a checksum of each solution cell's stub when it generates the exercise;
    a cell whose source no longer matches it holds the learner's work (nbgrader's own test
    for "No response").
    """
    from nbgrader.utils import compute_checksum, is_solution

    try:
        notebook = read(path)
    except ValueError:
        return ["(unreadable notebook)"]
    answered = []
    for cell in notebook.cells:
        recorded = cell.metadata.get("nbgrader", {}).get("checksum")
        if is_solution(cell) and recorded and compute_checksum(cell) != recorded:
            answered.append(cell.metadata["nbgrader"].get("grade_id", cell.get("id", "?")))
    return answered
