"""nbgrader's settings for the course (read by `nbgrader ...` and by the `course` tool).

Instructors' versions live in solutions/NN-topic/ (nbgrader's source directory); `course build`
generates the learners' versions into exercises/NN-topic/ (its release directory). The course
tool grades in a temporary course root, so the gradebook and nbgrader's other by-products
(submitted/, autograded/, feedback/) never land in the repository; if you run `nbgrader`
here by hand they are gitignored.
"""

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

c.CourseDirectory.course_id = "backend-course"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# Every code cell, lesson or test, should finish in seconds; a cell that runs longer than
# this while grading is stopped and its test scores zero (`course check` uses a shorter limit).
c.Execute.timeout = 30
# Kernels keep no history file, and only log errors: ipykernel's warning that it talks over
# loopback TCP without encryption is noise in a learner's terminal.
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--IPKernelApp.log_level=ERROR"]

# A learner who deletes a test cell gets it back, from the instructor's version, at grading.
c.OverwriteCells.add_missing_cells = True

# Submissions handed back by an LMS (the zips `course submit` makes): every notebook is named
#   {assignment}_{student}_attempt_{UTC time, ISO 8601 basic}_{notebook}.ipynb
# e.g. 04-apis_alice_attempt_20250301T143000Z_04-apis.ipynb: the shape of nbgrader's zip_collect
# example, with a time dateutil reads correctly (it misreads 2025-03-01-14-30-00 as a UTC
# offset). The expression is applied to each extracted file's absolute path.
c.FileNameCollectorPlugin.named_regexp = (
    r"^(?:.*[\\/])?[^\\/]*_(?P<student_id>[A-Za-z0-9][A-Za-z0-9.-]*)_attempt_"
    r"(?P<timestamp>\d{8}T\d{6}Z)_(?P<file_id>[^\\/]+)$"
)
