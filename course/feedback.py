"""Feedback pages: what a student sees of their graded notebook, and nothing more.

A page is one self-contained HTML file: the score, a table of every graded task with its
points and the failure message, then the student's notebook as it ran. Hidden tests are cut
out of the test cells, and an error shows only its name and message, because a traceback
quotes the code that raised it. Everything the student wrote is escaped: the instructor opens
these pages in a browser.
"""

import copy
from html import escape

import mistune

from .check import BEGIN_HIDDEN, END_HIDDEN, hidden_lines

OUTPUT_CHARS = 20_000  # output shown per cell; the rest is summarised
STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left; vertical-align: top; }
.passed { color: #1a7f37; } .failed, .error { color: #b3261e; }
.cell { border-left: 3px solid #ddd; margin: 1rem 0; padding-left: .8rem; }
.graded { border-left-color: #4a7bd0; }
pre { background: #f6f8fa; padding: .5rem; overflow-x: auto; white-space: pre-wrap; }
.output { background: #fff; border: 1px dashed #ddd; }
.points { font-weight: bold; }
"""

# The page loads nothing and runs nothing, whatever a student's markdown links to.
POLICY = ("<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
          "style-src 'unsafe-inline'; img-src data:\">")
markdown = mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def hidden_only_lines(instructor, released):
    """The lines of the hidden tests that the learner's version does not show anyway."""
    shown = {line.strip() for cell in released.cells for line in cell.source.splitlines()}
    lines = set()
    for cell in instructor.cells:
        rows = cell.source.splitlines()
        for number in hidden_lines(cell.source):
            line = rows[number - 1].strip()
            if (len(line) >= 8 and line not in shown and BEGIN_HIDDEN not in line
                    and END_HIDDEN not in line):
                lines.add(line)
    return sorted(lines, key=len, reverse=True)


def redact(text, hidden):
    """``text`` with every hidden test line in it replaced: student code can print the cells
    it runs in (an IPython hook sees their source), so what a cell printed is checked too."""
    for line in hidden:
        if line in text:
            text = text.replace(line, "[hidden test]")
    return text


def without_hidden_tests(notebook):
    """A copy of an autograded notebook safe to show its student: the hidden parts of test
    cells removed, and every error reduced to its name and message."""
    shown = copy.deepcopy(notebook)
    for cell in shown.cells:
        if cell.metadata.get("nbgrader", {}).get("grade") and BEGIN_HIDDEN in cell.source:
            hidden, kept = hidden_lines(cell.source), []
            for number, line in enumerate(cell.source.splitlines(), start=1):
                if BEGIN_HIDDEN in line:
                    indent = line[:len(line) - len(line.lstrip())]
                    kept.append(f"{indent}# hidden tests ran here (their code is not shown)")
                elif number not in hidden:
                    kept.append(line)
            cell.source = "\n".join(kept)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output.traceback = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
    return shown


def task_table(tasks, hidden=()):
    rows = []
    for task in tasks:
        result = task["status"] + (f": {redact(task['message'], hidden)}" if task["message"]
                                   else "")
        kind = "passed" if task["status"] in ("passed", "graded by hand") else "failed"
        rows.append(f"<tr><td>{escape(task['name'])}</td><td>{task['points']:g} / "
                    f"{task['max_points']:g}</td><td class={kind}>{escape(result)}</td></tr>")
    return ("<table><tr><th>task</th><th>points</th><th>result</th></tr>"
            + "".join(rows) + "</table>")


def render_output(output, hidden=()):
    kind = output.get("output_type")
    if kind == "stream":
        text = output.get("text", "")
    elif kind == "error":
        text = f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
        return f"<pre class='output error'>{escape(redact(text[:OUTPUT_CHARS], hidden))}</pre>"
    elif kind in ("execute_result", "display_data"):
        data = output.get("data", {})
        text = data.get("text/plain") or f"[{', '.join(sorted(data))}]"
    else:
        return ""
    if len(text) > OUTPUT_CHARS:
        text = text[:OUTPUT_CHARS] + f"\n... {len(text) - OUTPUT_CHARS} more characters ..."
    return f"<pre class=output>{escape(redact(text, hidden))}</pre>"


def render_cell(cell, points, hidden=()):
    info = cell.metadata.get("nbgrader", {})
    if cell.cell_type == "markdown":
        return f"<div class=cell>{markdown(cell.source)}</div>"
    if cell.cell_type != "code":
        return ""
    graded = info.get("grade") and info.get("grade_id") in points
    head = ""
    if graded:
        score, top = points[info["grade_id"]]
        head = (f"<div class=points>{escape(info['grade_id'])}: {score:g} / {top:g} "
                "points</div>")
    outputs = "".join(render_output(output, hidden) for output in cell.get("outputs", []))
    return (f"<div class='cell{' graded' if graded else ''}'>{head}"
            f"<pre>{escape(cell.source)}</pre>{outputs}</div>")


def page(assignment, student, status, score, max_score, tasks=(), notes=(), notebook=None,
         hidden=()):
    """The whole feedback page, as a string of HTML; ``hidden``: the hidden test lines to
    keep out of it (``hidden_only_lines``)."""
    title = f"Feedback: {assignment}, {student}"
    parts = [f"<!doctype html>\n<html lang=en><meta charset=utf-8>{POLICY}<title>"
             f"{escape(title)}</title><style>{STYLE}</style>", f"<h1>{escape(title)}</h1>",
             f"<p><b>Score: {score:g} / {max_score:g}.</b> Status: {escape(status)}.</p>"]
    if tasks:
        parts.append(task_table(tasks, hidden))
        parts.append("<p>The test cells ran as the instructor wrote them, whatever the "
                     "notebook held; hidden tests ran too, and only their messages are "
                     "shown.</p>")
    if notes:
        parts.append("<ul>" + "".join(f"<li>{escape(note)}</li>" for note in notes) + "</ul>")
    if notebook is not None:
        points = {task["name"]: (task["points"], task["max_points"]) for task in tasks}
        parts.append("<h2>Your notebook, as graded</h2>")
        parts += [render_cell(cell, points, hidden)
                  for cell in without_hidden_tests(notebook).cells]
    return "\n".join(parts) + "\n</html>\n"
