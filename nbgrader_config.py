# Lets `nbgrader ...` work from the repository root: the real settings live in grader/.
load_subconfig("grader/nbgrader_config.py")  # noqa: F821
