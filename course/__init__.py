"""The course tool: build learner copies, check exercises, track progress, submit, grade a
class, and launch.

``course`` is its command line (``course.cli:main``); each verb lives in its own module.
"""
